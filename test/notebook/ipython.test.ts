// IPython in notebook cells: every kind of magic, escape and help line is masked in place (same length), Python is
// left alone (also where it looks like IPython: inside strings and brackets), and the masked cell parses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cellRole, maskIPython, writtenFileText } from '../../server/src/engine/notebook/ipython';
import { Engine } from '../../server/src/engine/engine';

const engine = Engine.create();

/** Each cell and what it is masked to. */
const MASKED: { name: string; cell: string; python: string }[] = [
  { name: 'a line magic', cell: '%matplotlib inline\nimport boto3\n', python: '_#atplotlib inline\nimport boto3\n' },
  { name: '%pip', cell: '%pip install boto3 sagemaker\n', python: '_#ip install boto3 sagemaker\n' },
  { name: 'a shell escape', cell: '!pip install -q transformers\n', python: '_#ip install -q transformers\n' },
  { name: 'a double shell escape', cell: '!!ls\n', python: '_#ls\n' },
  { name: 'a one-character escape', cell: '!\n', python: '_\n' },
  { name: 'a shell escape assigned', cell: 'files = !ls *.csv\nprint(files)\n', python: 'files = _#s *.csv\nprint(files)\n' },
  { name: 'a magic assigned', cell: 'out, err = %sx ls\n', python: 'out, err = _#x ls\n' },
  { name: 'a help line', cell: 'client.converse?\n', python: '_#ient.converse?\n' },
  { name: 'a double help line', cell: 'boto3.client??\n', python: '_#to3.client??\n' },
  { name: 'a help line before the name', cell: '?boto3\n', python: '_#oto3\n' },
  { name: 'an automagic', cell: 'pip install boto3\n', python: '_#p install boto3\n' },
  { name: 'an automagic cd', cell: 'cd ..\n', python: '_# ..\n' },
  { name: '%time on a statement', cell: '%time response = client.converse(**request)\n', python: 'if 1: response = client.converse(**request)\n' },
  { name: '%timeit on an expression', cell: '%timeit model(x)\n', python: 'if 1:   model(x)\n' },
  { name: '%timeit with options', cell: '%timeit -n 3 model(x)\n', python: '_#imeit -n 3 model(x)\n' },
  { name: '%time on a compound statement', cell: '%time for x in xs: f(x)\n', python: '_#ime for x in xs: f(x)\n' },
  { name: 'a magic in a block', cell: 'if IN_COLAB:\n    !pip install boto3\n', python: 'if IN_COLAB:\n    _#ip install boto3\n' },
  { name: 'a magic continued with a backslash', cell: '!pip install \\\n    boto3\nx = 1\n', python: '_#ip install \\\n    #oto3\nx = 1\n' },
  { name: 'a wrapping cell magic', cell: '%%time\nresult = model.fit(x)\n', python: '_#time\nresult = model.fit(x)\n' },
  { name: '%%capture with line magics in its body', cell: '%%capture out\n%pip install x\nimport x\n', python: '_#capture out\n_#ip install x\nimport x\n' },
  { name: 'an autocall escape', cell: '/print x\n', python: '_#rint x\n' },
  { name: 'CRLF line breaks', cell: '%pip install x\r\nimport x\r\n', python: '_#ip install x\r\nimport x\r\n' },
];

/** Python that looks like IPython, and must stay as it is. */
const UNTOUCHED: { name: string; cell: string }[] = [
  { name: '% as the modulo operator on a continued line', cell: 'msg = ("hello %s"\n       % name)\n' },
  { name: 'a magic inside a triple-quoted string', cell: 'prompt = """\n!important: answer briefly\n%d items\nwhat?\n"""\n' },
  { name: 'a magic inside a single-quoted triple string', cell: "sql = '''\n%(name)s\n'''\n" },
  { name: 'a line continued with a backslash', cell: 'x = 1 + \\\n    !flag\n' },
  { name: 'a question mark in a string', cell: 'q = "what is this?"\n' },
  { name: 'a question mark in a comment', cell: 'x = 1  # why?\n' },
  { name: 'an automagic name used as Python', cell: 'pip = 3\nls = [pip, pwd]\nif pip in packages: pass\ncd(x)\n' },
  { name: 'an escaped quote in a string', cell: 's = "a \\" b"\n!ls\n' },
];

describe('IPython masking', () => {
  for (const c of MASKED) {
    it(`masks ${c.name}`, async () => {
      const masked = maskIPython(c.cell);
      assert.equal(masked.text, c.python);
      assert.equal(masked.text.length, c.cell.length, 'offsets do not move');
      assert.ok(masked.masked.length > 0);
      for (const span of masked.masked) assert.notEqual(c.cell.slice(span.start, span.end), masked.text.slice(span.start, span.end));
      await assertParses(masked.text);
    });
  }
  for (const c of UNTOUCHED) {
    it(`leaves ${c.name}`, () => {
      const masked = maskIPython(c.cell);
      if (c.name === 'an escaped quote in a string') {
        assert.equal(masked.text, 's = "a \\" b"\n_#s\n', 'the string ends where Python ends it');
        return;
      }
      assert.equal(masked.text, c.cell);
      assert.deepEqual(masked.masked, []);
    });
  }
});

describe('cell magics', () => {
  const roles: [string, ReturnType<typeof cellRole>][] = [
    ['import boto3\n', { kind: 'python' }],
    ['%pip install x\nimport x\n', { kind: 'python' }],
    ['%%time\nx = f()\n', { kind: 'wrapped', magic: 'time' }],
    ['%%timeit -n1\nf()\n', { kind: 'wrapped', magic: 'timeit' }],
    ['%%capture cap --no-stderr\nf()\n', { kind: 'wrapped', magic: 'capture' }],
    ['\n%%time\nx = 1\n', { kind: 'wrapped', magic: 'time' }],
    ['%%bash\nexport KEY=1\n', { kind: 'other', magic: 'bash' }],
    ['%%sh\nls\n', { kind: 'other', magic: 'sh' }],
    ['%%html\n<b>x</b>\n', { kind: 'other', magic: 'html' }],
    ['%%sql\nSELECT 1\n', { kind: 'other', magic: 'sql' }],
    ['%%javascript\nalert(1)\n', { kind: 'other', magic: 'javascript' }],
    ['%%writefile train.py\nimport torch\n', { kind: 'writefile', magic: 'writefile', path: 'train.py', append: false }],
    ['%%writefile -a code/inference.py\nx = 1\n', { kind: 'writefile', magic: 'writefile', path: 'code/inference.py', append: true }],
    ['%%writefile "my file.py"\nx = 1\n', { kind: 'writefile', magic: 'writefile', path: 'my file.py', append: false }],
    ['%%file helper.py\nx = 1\n', { kind: 'writefile', magic: 'file', path: 'helper.py', append: false }],
    ['%%writefile\nx = 1\n', { kind: 'other', magic: 'writefile' }],
  ];
  for (const [cell, role] of roles) {
    it(`reads ${JSON.stringify(cell.split('\n').find((l) => l.trim()))}`, () => assert.deepEqual(cellRole(cell), role));
  }

  it('keeps a written file at the offsets of its cell, its magic line blank', () => {
    const cell = '%%writefile train.py\nimport torch\n';
    const file = writtenFileText(cell);
    assert.equal(file, ' '.repeat('%%writefile train.py'.length) + '\nimport torch\n');
    assert.equal(file.length, cell.length);
  });
});

async function assertParses(text: string): Promise<void> {
  const result = (await engine).analyze({ path: 'cell.py', text });
  assert.deepEqual(result.problems.filter((p) => p.kind === 'parse'), [], `parses:\n${text}`);
}
