// A file's project: dependency manifests read from disk, and what `unsafe-model-deserialization` makes of the torch
// version they require.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { Engine } from '../server/src/engine/engine';
import { ManifestCache, parsePyproject, parseRequirementsTxt, readProjectContext, requiresAtLeast, type ProjectContext } from '../server/src/engine/manifests';
import { onlyRule } from './ruleTester';

const TORCH_LOAD = 'import torch\n\nstate = torch.load("model.pt", map_location="cpu")\n';

function project(requirements: Record<string, string[]>): ProjectContext {
  return { pythonRequirements: new Map(Object.entries(requirements)) };
}

describe('project manifests', () => {
  const roots: string[] = [];
  after(() => {
    for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
  });
  /** A temporary folder with the given files, and a `.git` folder in `repositoryRoot` (relative to it). */
  function repository(files: Record<string, string>, repositoryRoot = ''): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-project-'));
    roots.push(root);
    fs.mkdirSync(path.join(root, repositoryRoot, '.git'), { recursive: true });
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      fs.writeFileSync(path.join(root, name), text);
    }
    return root;
  }

  it('reads requirements.txt lines: specifiers, extras, markers, hashes, options and URLs', () => {
    const text = [
      '# training image',
      '--index-url https://download.pytorch.org/whl/cu124',
      '-r base.txt',
      'torch==2.6.0+cu124 \\',
      '    --hash=sha256:abc',
      'transformers[torch] >= 4.44, <5  # pinned by ML platform',
      'numpy; python_version >= "3.10"',
      'Sentence_Transformers~=3.0',
      'vllm @ https://example.com/vllm-0.6.0.whl',
    ].join('\n');
    assert.deepEqual(parseRequirementsTxt(text), [
      ['torch', '==2.6.0+cu124'],
      ['transformers', '>=4.44,<5'],
      ['numpy', ''],
      ['sentence-transformers', '~=3.0'],
    ]);
  });

  it('reads PEP 621, PEP 735 and Poetry dependency tables of pyproject.toml, and nothing else', () => {
    const text = [
      '[project]',
      'name = "ticket-router"',
      'keywords = ["torch", "nlp"]',
      'dependencies = [',
      '  "torch>=2.6",',
      '  "transformers>=4.44",',
      ']',
      '',
      '[project.optional-dependencies]',
      'serve = ["fastapi>=0.110"]',
      '',
      '[dependency-groups]',
      'dev = ["pytest>=8"]',
      '',
      '[tool.poetry.dependencies]',
      'python = "^3.11"',
      'numpy = "^1.26"',
      'torchvision = { version = "0.21.0", source = "pytorch" }',
      '',
      '[tool.ruff]',
      'line-length = 120',
    ].join('\n');
    assert.deepEqual(parsePyproject(text), [
      ['torch', '>=2.6'],
      ['transformers', '>=4.44'],
      ['fastapi', '>=0.110'],
      ['pytest', '>=8'],
      ['numpy', '>=1.26'],
      ['torchvision', '==0.21.0'],
    ]);
  });

  it('knows when every requirement guarantees a minimum version', () => {
    assert.equal(requiresAtLeast(project({ torch: ['>=2.6'] }), 'torch', '2.6'), true);
    assert.equal(requiresAtLeast(project({ torch: ['==2.7.1+cu126'] }), 'torch', '2.6'), true);
    assert.equal(requiresAtLeast(project({ torch: ['~=2.6.0'] }), 'Torch', '2.6'), true);
    assert.equal(requiresAtLeast(project({ torch: ['>=2.0,!=2.1.0,>=2.6'] }), 'torch', '2.6'), true);
    assert.equal(requiresAtLeast(project({ torch: ['>=2.6', '==2.5.1'] }), 'torch', '2.6'), false, 'one manifest allows 2.5');
    assert.equal(requiresAtLeast(project({ torch: ['>2.5'] }), 'torch', '2.6'), false, '2.5.1 satisfies >2.5');
    assert.equal(requiresAtLeast(project({ torch: ['<3'] }), 'torch', '2.6'), false);
    assert.equal(requiresAtLeast(project({ torch: [''] }), 'torch', '2.6'), false);
    assert.equal(requiresAtLeast(project({}), 'torch', '2.6'), false);
  });

  it('takes each package from the nearest folder that names it, up to the repository root', () => {
    const root = repository(
      {
        'requirements.txt': 'torch==1.13\nboto3\n', // outside the repository: never read
        'repo/pyproject.toml': '[project]\ndependencies = ["torch>=2.6", "numpy>=2"]\n',
        'repo/training/requirements.txt': 'sagemaker>=2.200\nnumpy==1.26.4\n',
        'repo/training/src/train.py': TORCH_LOAD,
      },
      'repo',
    );
    const context = readProjectContext(path.join(root, 'repo', 'training', 'src'));
    assert.deepEqual(context.pythonRequirements.get('torch'), ['>=2.6']);
    assert.deepEqual(context.pythonRequirements.get('numpy'), ['==1.26.4']);
    assert.deepEqual(context.pythonRequirements.get('sagemaker'), ['>=2.200']);
    assert.equal(context.pythonRequirements.get('boto3'), undefined);
  });

  it('reads the requirements/ folder layout', () => {
    const root = repository({ 'requirements/base.txt': 'torch>=2.6.0\n', 'requirements/dev.txt': '-r base.txt\npytest\n' });
    assert.deepEqual(readProjectContext(root).pythonRequirements.get('torch'), ['>=2.6.0']);
  });

  it('reads a folder again, in the language server\'s cache, only when it or a manifest in it changed', () => {
    const root = repository({ 'requirements.txt': 'torch>=2.6\n', 'src/train.py': TORCH_LOAD });
    const cache = new ManifestCache(true);
    const torch = () => cache.contextOf(path.join(root, 'src')).pythonRequirements.get('torch');
    assert.deepEqual(torch(), ['>=2.6']);
    const later = (file: string) => fs.utimesSync(file, new Date(Date.now() + 5000), new Date(Date.now() + 5000));
    // A manifest edited in place (its folder's entries unchanged).
    fs.writeFileSync(path.join(root, 'requirements.txt'), 'torch==1.13\n');
    later(path.join(root, 'requirements.txt'));
    assert.deepEqual(torch(), ['==1.13']);
    // A manifest added next to the file (the nearest folder's listing changed).
    fs.writeFileSync(path.join(root, 'src', 'pyproject.toml'), '[project]\ndependencies = ["torch>=2.7"]\n');
    later(path.join(root, 'src'));
    assert.deepEqual(torch(), ['>=2.7']);
    // The one-pass scan's cache reads each folder once.
    const once = new ManifestCache();
    assert.deepEqual(once.contextOf(path.join(root, 'src')).pythonRequirements.get('torch'), ['>=2.7']);
    fs.rmSync(path.join(root, 'src', 'pyproject.toml'));
    later(path.join(root, 'src'));
    assert.deepEqual(once.contextOf(path.join(root, 'src')).pythonRequirements.get('torch'), ['>=2.7']);
    assert.deepEqual(torch(), ['==1.13']);
  });

  describe('torch.load and the torch version of the project', () => {
    const engine = Engine.create();
    async function torchLoadFindings(file: string, text = TORCH_LOAD) {
      const e = await engine;
      return e.analyze({ path: file, text }, onlyRule('unsafe-model-deserialization', e)).findings;
    }

    it('is not reported when the project requires torch 2.6 or later', async () => {
      const root = repository({ 'requirements.txt': 'torch>=2.6\n', 'src/train.py': TORCH_LOAD });
      assert.deepEqual(await torchLoadFindings(path.join(root, 'src', 'train.py')), []);
    });

    it('is reported when the project allows an older torch', async () => {
      const root = repository({ 'requirements.txt': 'torch>=2.1\n', 'requirements-gpu.txt': 'torch==2.6.0\n', 'train.py': TORCH_LOAD });
      const findings = await torchLoadFindings(path.join(root, 'train.py'));
      assert.deepEqual(findings.map((f) => f.range.start.line + 1), [3]);
    });

    it('is reported when no manifest names torch', async () => {
      const root = repository({ 'pyproject.toml': '[project]\ndependencies = ["numpy"]\n', 'train.py': TORCH_LOAD });
      assert.equal((await torchLoadFindings(path.join(root, 'train.py'))).length, 1);
    });

    it('still reports weights_only=False, whatever the torch version', async () => {
      const root = repository({ 'requirements.txt': 'torch==2.7.0\n', 'train.py': '' });
      const findings = await torchLoadFindings(path.join(root, 'train.py'), 'import torch\nm = torch.load(p, weights_only=False)\n');
      assert.deepEqual(findings.map((f) => f.severity), ['error']);
    });

    it('takes a project given by the caller instead of reading the disk', async () => {
      const e = await engine;
      const file = { path: 'untitled:Untitled-1', text: TORCH_LOAD, language: 'python' as const };
      const options = onlyRule('unsafe-model-deserialization', e);
      assert.equal(e.analyze(file, options).findings.length, 1);
      assert.equal(e.analyze({ ...file, manifests: project({ torch: ['>=2.6'] }) }, options).findings.length, 0);
    });
  });
});
