// Reading notebooks: cells and kernels in nbformat 4 and 3, outputs never read, and places both ways between a
// cell (offset, line and column in it) and the `.ipynb` file (offset, line and column of the JSON string).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { notebookModules } from '../../server/src/engine/notebook/modules';
import { CellPositions, ModuleMap } from '../../server/src/engine/notebook/positions';
import { readNotebook, type NotebookDocument } from '../../server/src/engine/notebook/read';
import { LineIndex } from '../../server/src/engine/text';
import { notebook } from './support';

function read(json: string): NotebookDocument {
  const result = readNotebook(json);
  if ('problem' in result) assert.fail(result.problem);
  return result.notebook;
}

/** JSON escapes of characters, as the file may hold them. */
function escaped(c: string): string[] {
  const code = c.charCodeAt(0).toString(16).padStart(4, '0');
  return [JSON.stringify(c).slice(1, -1), `\\u${code}`, `\\u${code.toUpperCase()}`, c === '/' ? '\\/' : c];
}

/** Checks every offset of every cell both ways: cell → file → cell, and the file's text at the place is the character. */
function assertPlacesBothWays(json: string): void {
  const nb = read(json);
  const positions = new CellPositions(nb.cells);
  const file = new LineIndex(json);
  for (const cell of nb.cells) {
    const lines = new LineIndex(cell.source);
    for (let offset = 0; offset < cell.source.length; offset++) {
      const raw = positions.rawOffset(cell.index, offset, 'start')!;
      assert.ok(escaped(cell.source[offset]).some((e) => json.startsWith(e, raw)), `cell ${cell.index} offset ${offset}: ${JSON.stringify(cell.source[offset])} at ${JSON.stringify(json.slice(raw, raw + 6))}`);
      assert.deepEqual(positions.rawPosition(cell.index, offset, 'start'), file.position(raw), 'file line and column');
      const back = positions.fileRange({ start: raw, end: raw })!;
      assert.deepEqual(back.start, file.position(raw), 'a file offset maps back');
      assert.deepEqual(positions.position(cell.index, offset), lines.position(offset), 'line and column in the cell');
      assert.equal(positions.offset(cell.index, lines.position(offset)), offset, 'and back to the offset');
    }
  }
}

describe('reading notebooks', () => {
  it('reads code, markdown and raw cells in order, with the kernel and nbformat', () => {
    const nb = read(notebook([{ kind: 'markdown', source: '# Title\n' }, 'import boto3\nclient = boto3.client("bedrock-runtime")\n', { kind: 'raw', source: 'raw' }]));
    assert.deepEqual(
      nb.cells.map((c) => [c.index, c.type, c.source]),
      [
        [0, 'markdown', '# Title\n'],
        [1, 'code', 'import boto3\nclient = boto3.client("bedrock-runtime")\n'],
        [2, 'raw', 'raw'],
      ],
    );
    assert.equal(nb.nbformat, 4);
    assert.equal(nb.kernel.language, 'python');
  });

  it('maps every character both ways in sources kept as lists of lines', () => {
    assertPlacesBothWays(notebook(['import boto3\n\nclient = boto3.client("bedrock-runtime")\n', '# x\nprint("a \\"quoted\\" \\\\ path\\tend")\n', '']));
  });

  it('maps every character both ways in a source kept as one string (all its lines on the line of the string)', () => {
    const json = notebook(['import torch\nmodel = torch.load("m.pt")\n\n    x = 1'], { style: 'string' });
    assertPlacesBothWays(json);
    const nb = read(json);
    const positions = new CellPositions(nb.cells);
    const stringLine = new LineIndex(json).position(json.indexOf('"import torch')).line;
    assert.equal(positions.rawPosition(0, nb.cells[0].source.indexOf('torch.load'), 'start')!.line, stringLine);
  });

  it('maps escapes that take more than one character of the file: \\u escapes, surrogate pairs, \\/', () => {
    const json = '{"cells":[{"cell_type":"code","metadata":{},"outputs":[],"source":["s = \\"caf\\u00e9 \\ud83d\\ude00\\"\\n","t = \\"a\\/b\\" # \\u00E9\\n"]}],"metadata":{},"nbformat":4,"nbformat_minor":5}';
    const nb = read(json);
    assert.equal(nb.cells[0].source, 's = "café 😀"\nt = "a/b" # é\n');
    assertPlacesBothWays(json);
  });

  it('reads nbformat 3 notebooks: cells from every worksheet, code in `input`', () => {
    const json = JSON.stringify({
      metadata: { name: 'old' },
      nbformat: 3,
      nbformat_minor: 0,
      worksheets: [
        { cells: [{ cell_type: 'heading', level: 1, source: ['Title'] }, { cell_type: 'code', language: 'python', input: ['import pickle\n', 'pickle.load(f)\n'], outputs: [] }] },
        { cells: [{ cell_type: 'code', language: 'python', input: 'x = 1', outputs: [] }] },
      ],
    });
    const nb = read(json);
    assert.equal(nb.nbformat, 3);
    assert.deepEqual(nb.cells.map((c) => [c.type, c.source]), [['heading', 'Title'], ['code', 'import pickle\npickle.load(f)\n'], ['code', 'x = 1']]);
    assertPlacesBothWays(json);
  });

  it('never reads outputs, attachments or metadata other than the kernel', () => {
    const json = notebook([
      {
        source: 'x = 1\n',
        outputs: [
          { output_type: 'stream', name: 'stdout', text: ['import torch\n', 'torch.load("m.pt")\n'] },
          { output_type: 'execute_result', data: { 'text/plain': ['source'], 'text/x-python': 'pickle.load(f)' }, metadata: { source: ['nope'] }, execution_count: 1 },
          { output_type: 'display_data', data: { 'image/png': 'iVBORw0KGgo'.repeat(1000) }, metadata: {} },
        ],
        metadata: { tags: ['source'], source: 'x', vscode: { languageId: 'python' } },
      },
      { kind: 'markdown', source: '![x](attachment:x.png)', attachments: { 'x.png': { 'image/png': 'AAAA' } } },
    ]);
    const nb = read(json);
    assert.deepEqual(nb.cells.map((c) => c.source), ['x = 1\n', '![x](attachment:x.png)']);
    assert.equal(nb.cells[0].language, 'python');
  });

  it('takes a cell language from VS Code metadata', () => {
    const nb = read(notebook([{ source: 'SELECT 1', metadata: { vscode: { languageId: 'sql' } } }, 'x = 1']));
    assert.deepEqual(nb.cells.map((c) => c.language), ['sql', undefined]);
  });

  const problems: [string, string, RegExp][] = [
    ['invalid JSON', '{"cells": [}', /^not valid JSON \(value expected\)$/],
    ['a file cut off inside an output', notebook([{ source: 'x = 1\n', outputs: [{ output_type: 'stream', text: ['a'.repeat(100)] }] }]).slice(0, 200), /^not valid JSON/],
    ['JSON with a comment', '{"cells": [] /* x */, "nbformat": 4}', /^not valid JSON/],
    ['an empty file', '', /^not valid JSON/],
    ['JSON that is not a notebook', '{"name": "package", "version": "1.0.0"}', /^not a Jupyter notebook: it has no `nbformat`$/],
    ['a notebook without cells', '{"nbformat": 4, "metadata": {}}', /^not a Jupyter notebook: it has no `cells`$/],
    ['an array', '[1, 2, 3]', /^not a Jupyter notebook/],
    ['nbformat 2', '{"nbformat": 2, "worksheets": []}', /^nbformat 2 is not supported/],
  ];
  for (const [name, json, message] of problems) {
    it(`reports ${name} as a problem, without throwing`, () => {
      const result = readNotebook(json);
      assert.ok('problem' in result, 'a problem');
      assert.match(result.problem, message);
    });
  }

  it('says where invalid JSON is', () => {
    const result = readNotebook('{\n "cells": [\n  {"cell_type": "code", "source": ["x"]\n ]\n}');
    assert.ok('problem' in result);
    assert.deepEqual([result.line, result.character], [3, 1]);
  });

  it('reports a cell whose source is neither a string nor a list of strings, and reads the others', () => {
    for (const bad of [42, { text: 'x' }, ['x = 1\n', 7], ['x', ['y']], null]) {
      const nb = read(notebook(['a = 1\n', { source: bad }, 'b = 2\n']));
      assert.equal(nb.cells.length, 3);
      assert.match(nb.cells[1].problem ?? '', /^cell 2: its source is neither a string nor a list of strings; the cell is not checked$/, JSON.stringify(bad));
      assert.equal(nb.cells[1].pieces.count, 0);
      assert.deepEqual([nb.cells[0].source, nb.cells[2].source], ['a = 1\n', 'b = 2\n']);
    }
  });
});

describe('modules of a notebook', () => {
  const detect = (path: string) => (path.endsWith('.py') ? ('python' as const) : undefined);

  it('joins the Python cells in order, each after a blank line, and maps module offsets to cells', () => {
    const nb = read(notebook([{ kind: 'markdown', source: 'x' }, 'import boto3\n', 'client = boto3.client("bedrock-runtime")', '%%bash\nls\n', '!pip install x\nclient.converse()\n']));
    const { modules } = notebookModules(nb, detect);
    assert.equal(modules.length, 1);
    const [kernel] = modules;
    assert.equal(kernel.text, 'import boto3\n\nclient = boto3.client("bedrock-runtime")\n\n_#ip install x\nclient.converse()\n');
    assert.deepEqual(kernel.segments.map((s) => s.cell), [1, 2, 4]);
    const map = new ModuleMap(kernel, new CellPositions(nb.cells));
    const at = kernel.text.indexOf('converse');
    assert.deepEqual(map.cellSpan({ start: at, end: at + 8 }), { cell: 4, start: nb.cells[4].source.indexOf('converse'), end: nb.cells[4].source.indexOf('converse') + 8 });
    assert.equal(map.editSpan({ start: kernel.text.indexOf('_#ip'), end: kernel.text.indexOf('_#ip') + 3 }), undefined, 'masked IPython is never edited');
    assert.equal(map.editSpan({ start: kernel.text.indexOf('boto3\n'), end: kernel.text.indexOf('client =') + 3 }), undefined, 'nor text across cells');
  });

  it('makes `%%writefile` cells the files they write, merged by path', () => {
    const nb = read(notebook(['%%writefile train.py\nimport torch\n', 'x = 1\n', '%%writefile -a train.py\nm = torch.load(p)\n', '%%writefile requirements.txt\ntorch\n']));
    const { modules } = notebookModules(nb, detect);
    assert.deepEqual(modules.map((m) => [m.kind, m.writtenPath, m.segments.map((s) => s.cell)]), [['kernel', undefined, [1]], ['written', 'train.py', [0, 2]]]);
    assert.equal(modules[1].text, `${' '.repeat(20)}\nimport torch\n\n${' '.repeat(23)}\nm = torch.load(p)\n`);
  });

  it('leaves out cells in other languages and cells whose source cannot be read (saying so)', () => {
    const nb = read(notebook([{ source: 'SELECT 1', metadata: { vscode: { languageId: 'sql' } } }, { source: 5 }, 'x = 1']));
    const layout = notebookModules(nb, detect);
    assert.deepEqual(layout.modules[0].segments.map((s) => s.cell), [2]);
    assert.deepEqual(layout.notChecked.map((n) => n.cell), [1]);
  });
});
