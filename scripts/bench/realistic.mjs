// The realistic bench tree, next to the dense one (generate.mjs): a generative-AI application's repository, where
// about 15 % of the files use an AI API (written by the dense tree's writers) and the rest is what such a repository
// is mostly made of: a Python web backend with its models, services, utilities and tests, a TypeScript front end, YAML
// for CI, containers and Kubernetes, Terraform for the platform, and Jupyter notebooks (4 %: data analysis, some
// calling a model; with outputs and plots as Jupyter writes them). A few ordinary files mention what some rule
// looks for without using AI (Django's `SECRET_KEY`, `pandas` in a report script, CloudWatch log groups), as real ones
// do. Same seed → byte-identical output.
//
//   node scripts/bench/realistic.mjs [OUT_DIR] [--files N] [--seed S]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  camel,
  cloudFormationYaml,
  DEFAULT_SEED,
  isMainModule,
  NameWriter,
  NOUNS,
  pascal,
  PythonWriter,
  QUALIFIERS,
  REGIONS,
  rng,
  sentence,
  sized,
  TEAMS,
  TerraformWriter,
  typeScriptFile,
  VERBS,
} from './generate.mjs';
import { notebookOf } from './notebooks.mjs';

export const DEFAULT_REALISTIC_FILES = 2400;
/** The share of files that call or deploy AI: the issue's "~15 %", measured on public GenAI repositories. */
export const AI_SHARE = 0.15;

/**
 * What the tree is made of, by share of its files, each kind with its ordinary writer and, for the AI share, the
 * dense tree's writer (a notebook's code is written as Python, then split into cells by `notebookOf`).
 */
const KINDS = [
  { kind: 'python', share: 0.42, folder: pythonFolder, ordinary: ordinaryPython, ai: (r) => sized(PythonWriter, r, r.int(40, 450)) },
  { kind: 'notebook', share: 0.04, folder: () => 'notebooks', ordinary: ordinaryNotebook, ai: (r) => notebookOf(sized(PythonWriter, r, r.int(40, 300)), r.int(0, 1e9)) },
  { kind: 'typescript', share: 0.28, folder: typeScriptFolder, ordinary: ordinaryTypeScript, ai: (r) => typeScriptFile(r, r.int(30, 300)) },
  { kind: 'yaml', share: 0.14, folder: yamlFolder, ordinary: ordinaryYaml, ai: (r) => cloudFormationYaml(r) },
  { kind: 'terraform', share: 0.12, folder: () => 'infra/terraform', ordinary: ordinaryTerraform, ai: (r) => sized(TerraformWriter, r, r.int(40, 400)) },
];
const EXTENSIONS = { python: '.py', notebook: '.ipynb', typescript: '.ts', yaml: '.yaml', terraform: '.tf' };

/** Writes the tree under `root`; returns counts by kind, of AI files, and bytes. */
export function writeRealisticTree(root, { files = DEFAULT_REALISTIC_FILES, seed = DEFAULT_SEED } = {}) {
  const r = rng(seed ^ 0x7ea1);
  fs.rmSync(root, { recursive: true, force: true });
  const counts = { python: 0, notebook: 0, typescript: 0, yaml: 0, terraform: 0, ai: 0, bytes: 0 };
  const names = new Set();
  for (let i = 0; i < files; i++) {
    const pick = r.next();
    let acc = 0;
    const kind = KINDS.find((k) => (acc += k.share) > pick) ?? KINDS[KINDS.length - 1];
    const ai = r.chance(AI_SHARE);
    const file = ai ? { name: aiName(r, kind.kind), text: kind.ai(r) } : kind.ordinary(r);
    const text = file.text;
    let rel = `${file.folder ?? kind.folder(r, ai)}/${file.name}`;
    for (let n = 2; names.has(rel); n++) rel = rel.replace(/(_\d+)?(\.\w+)$/, `_${n}$2`);
    names.add(rel);
    const full = path.join(root, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
    counts[kind.kind]++;
    if (ai) counts.ai++;
    counts.bytes += Buffer.byteLength(text);
  }
  return counts;
}

function aiName(r, kind) {
  const base = `${r.pick(['assistant', 'chat', 'summarizer', 'classifier', 'rag', 'agent', 'embeddings', 'inference'])}_${r.pick(NOUNS)}`;
  if (kind === 'typescript') return `${camel(base)}${r.chance(0.3) ? '.tsx' : '.ts'}`;
  if (kind === 'yaml') return `${base.replace(/_/g, '-')}-stack.yaml`;
  return base + EXTENSIONS[kind];
}

function pythonFolder(r, ai) {
  if (ai) return r.pick(['backend/app/ai', 'backend/app/services', 'workers/inference']);
  return r.pick(['backend/app/api', 'backend/app/models', 'backend/app/services', 'backend/app/core', 'backend/app/utils', 'backend/tests', 'backend/tests/api', 'scripts', 'workers/jobs']);
}

function typeScriptFolder(r, ai) {
  if (ai) return r.pick(['frontend/src/lib/ai', 'frontend/src/server']);
  return r.pick(['frontend/src/components', 'frontend/src/components/forms', 'frontend/src/hooks', 'frontend/src/lib', 'frontend/src/pages', 'frontend/src/server/routes', 'frontend/src/types']);
}

/** AI templates; ordinary YAML says where it goes. */
function yamlFolder() {
  return 'infra/cloudformation';
}

// ------------------------------------------------------------------------------------------------------------- Python

const FIELDS = ['name', 'email', 'title', 'status', 'amount', 'currency', 'quantity', 'due_date', 'created_at', 'updated_at', 'owner_id', 'slug', 'notes', 'priority', 'region', 'country'];
const STATUSES = ['draft', 'open', 'pending', 'approved', 'rejected', 'closed', 'archived'];

class BackendWriter extends NameWriter {
  constructor(r, flavour) {
    super(r);
    this.flavour = flavour;
    this.entity = r.pick(NOUNS);
  }

  header() {
    const r = this.r;
    const common = [`"""${sentence(r, 5, 10)}."""`, 'from __future__ import annotations', '', 'import logging', ...r.pick([['import json'], ['import re'], ['import uuid'], []]), 'from datetime import datetime, timedelta, timezone', 'from typing import Any, Optional', ''];
    const byFlavour = {
      api: ['from fastapi import APIRouter, Depends, HTTPException, status', 'from sqlalchemy.orm import Session', '', `from ..models.${this.entity} import ${pascal(this.entity)}`, `from ..schemas.${this.entity} import ${pascal(this.entity)}Create, ${pascal(this.entity)}Read`, 'from ..core.database import get_db', '', `router = APIRouter(prefix="/${this.entity}s", tags=["${this.entity}s"])`],
      models: ['from sqlalchemy import Column, DateTime, ForeignKey, Integer, Numeric, String, Text', 'from sqlalchemy.orm import relationship', 'from pydantic import BaseModel, Field', '', 'from ..core.database import Base'],
      service: ['import httpx', '', `from ..models.${this.entity} import ${pascal(this.entity)}`, 'from ..core.config import settings'],
      util: ['import hashlib', 'import os', 'from functools import lru_cache, wraps', 'from pathlib import Path'],
      test: ['import pytest', 'from fastapi.testclient import TestClient', '', 'from app.main import app', '', 'client = TestClient(app)'],
      cli: ['import argparse', 'import csv', 'import sys', 'from pathlib import Path'],
    };
    return [...common, ...byFlavour[this.flavour], '', 'logger = logging.getLogger(__name__)', '', ''];
  }

  chunk() {
    const r = this.r;
    const kinds = {
      api: ['route', 'route', 'helper'],
      models: ['model', 'schema', 'schema'],
      service: ['client', 'service', 'helper'],
      util: ['helper', 'decorator', 'helper'],
      test: ['test', 'test', 'fixture'],
      cli: ['helper', 'command'],
    }[this.flavour];
    return this[r.pick(kinds)]();
  }

  fn() {
    return this.fresh(() => `${this.r.pick(VERBS)}_${this.r.pick(NOUNS)}${this.r.chance(0.3) ? `_${this.r.pick(QUALIFIERS)}` : ''}`);
  }

  route() {
    const r = this.r;
    const name = this.fn();
    const cls = pascal(this.entity);
    const method = r.pick(['get', 'get', 'post', 'put', 'delete']);
    const lines = [`@router.${method}("/${method === 'post' ? '' : '{item_id}'}"${method === 'post' ? ', status_code=status.HTTP_201_CREATED' : ''})`];
    if (method === 'post') {
      lines.push(`def ${name}(payload: ${cls}Create, db: Session = Depends(get_db)) -> ${cls}Read:`, `    item = ${cls}(**payload.model_dump())`, '    db.add(item)', '    db.commit()', '    db.refresh(item)', `    logger.info("created ${this.entity} %s", item.id)`, `    return ${cls}Read.model_validate(item)`);
    } else {
      lines.push(`def ${name}(item_id: int, db: Session = Depends(get_db)) -> ${cls}Read:`, `    item = db.get(${cls}, item_id)`, '    if item is None:', `        raise HTTPException(status_code=404, detail="${this.entity} not found")`);
      if (method === 'put') lines.push(`    item.updated_at = datetime.now(timezone.utc)`, '    db.commit()');
      if (method === 'delete') lines.push('    db.delete(item)', '    db.commit()');
      lines.push(`    return ${cls}Read.model_validate(item)`);
    }
    return [...lines, '', ''];
  }

  model() {
    const r = this.r;
    const cls = this.fresh(() => pascal(`${r.pick(TEAMS)}_${r.pick(NOUNS)}`));
    const lines = [`class ${cls}(Base):`, `    __tablename__ = "${cls.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase()}s"`, '', '    id = Column(Integer, primary_key=True)'];
    for (const f of pickSome(r, FIELDS, 3, 7)) lines.push(`    ${f} = Column(${r.pick(['String(255)', 'Text', 'Integer', 'Numeric(12, 2)', 'DateTime(timezone=True)'])}, nullable=${r.chance(0.5) ? 'True' : 'False'})`);
    if (r.chance(0.5)) lines.push(`    owner = relationship("User", back_populates="${camel(cls)}s")`);
    return [...lines, '', ''];
  }

  schema() {
    const r = this.r;
    const cls = this.fresh(() => pascal(`${r.pick(NOUNS)}_${r.pick(['create', 'read', 'update', 'summary', 'filter'])}`));
    const lines = [`class ${cls}(BaseModel):`];
    for (const f of pickSome(r, FIELDS, 2, 6)) lines.push(`    ${f}: ${r.pick(['str', 'int', 'float', 'Optional[str] = None', 'datetime', 'list[str] = Field(default_factory=list)'])}`);
    if (r.chance(0.4)) lines.push('', '    model_config = {"from_attributes": True}');
    return [...lines, '', ''];
  }

  client() {
    const r = this.r;
    const cls = this.fresh(() => `${pascal(r.pick(TEAMS))}Client`);
    return [
      `class ${cls}:`,
      `    """${sentence(r)}."""`,
      '',
      `    def __init__(self, base_url: str = settings.${r.pick(TEAMS)}_url, timeout: float = ${r.int(2, 30)}.0) -> None:`,
      '        self._http = httpx.Client(base_url=base_url, timeout=timeout)',
      '',
      `    def ${this.fn()}(self, item_id: str) -> dict[str, Any]:`,
      `        response = self._http.get(f"/${r.pick(NOUNS)}s/{item_id}")`,
      '        response.raise_for_status()',
      '        return response.json()',
      '',
      `    def ${this.fn()}(self, payload: dict[str, Any]) -> str:`,
      `        response = self._http.post("/${r.pick(NOUNS)}s", json=payload)`,
      '        response.raise_for_status()',
      '        return response.json()["id"]',
      '',
      '',
    ];
  }

  service() {
    const r = this.r;
    const name = this.fn();
    const cls = pascal(this.entity);
    return [
      `def ${name}(db, owner_id: int, *, since: Optional[datetime] = None, limit: int = ${r.int(10, 200)}) -> list[${cls}]:`,
      `    """${sentence(r)}."""`,
      `    since = since or datetime.now(timezone.utc) - timedelta(days=${r.int(1, 90)})`,
      `    query = db.query(${cls}).filter(${cls}.owner_id == owner_id, ${cls}.created_at >= since)`,
      `    items = query.order_by(${cls}.created_at.desc()).limit(limit).all()`,
      `    logger.debug("%d ${this.entity}s for owner %s", len(items), owner_id)`,
      `    return [item for item in items if item.status != "${r.pick(STATUSES)}"]`,
      '',
      '',
    ];
  }

  helper() {
    const r = this.r;
    const name = this.fn();
    const body = r.pick([
      () => ['    value = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")', `    return value[:${r.int(20, 80)}]`],
      () => [`    parts = [p.strip() for p in text.split("${r.pick([',', ';', '|'])}") if p.strip()]`, '    return ", ".join(sorted(set(parts)))'],
      () => ['    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()', `    return digest[:${r.int(8, 32)}]`],
      () => ['    try:', '        return datetime.fromisoformat(text).astimezone(timezone.utc).isoformat()', '    except ValueError:', `        logger.warning("not a date: %r", text)`, '        return ""'],
      () => [`    words = text.split()`, `    if len(words) <= ${r.int(5, 40)}:`, '        return text', `    return " ".join(words[:${r.int(5, 40)}]) + "…"`],
    ])();
    return [`def ${name}(text: str) -> str:`, ...(r.chance(0.4) ? [`    # ${sentence(r, 4, 10).toLowerCase()}`] : []), ...body, '', ''];
  }

  decorator() {
    const r = this.r;
    const name = this.fresh(() => r.pick(['retry', 'timed', 'logged', 'cached', 'guarded']) + `_${r.pick(NOUNS)}`);
    return [
      `def ${name}(attempts: int = ${r.int(2, 5)}):`,
      '    def wrap(fn):',
      '        @wraps(fn)',
      '        def inner(*args, **kwargs):',
      '            for attempt in range(1, attempts + 1):',
      '                try:',
      '                    return fn(*args, **kwargs)',
      '                except OSError as error:',
      `                    logger.warning("%s failed (attempt %d): %s", fn.__name__, attempt, error)`,
      '            raise RuntimeError(f"{fn.__name__} failed {attempts} times")',
      '        return inner',
      '    return wrap',
      '',
      '',
    ];
  }

  test() {
    const r = this.r;
    const name = this.fresh(() => `test_${r.pick(VERBS)}_${r.pick(NOUNS)}_${r.pick(['works', 'fails', 'rejects_empty', 'paginates', 'is_idempotent'])}`);
    const code = r.pick([200, 201, 204, 400, 404, 422]);
    return [
      `def ${name}(${r.chance(0.5) ? 'db_session' : ''}):`,
      `    response = client.${r.pick(['get', 'post', 'put', 'delete'])}("/${this.entity}s/${r.int(1, 999)}")`,
      `    assert response.status_code == ${code}`,
      ...(code < 300 ? [`    assert "${r.pick(FIELDS)}" in response.json()`] : []),
      '',
      '',
    ];
  }

  fixture() {
    const r = this.r;
    const name = this.fresh(() => `${r.pick(NOUNS)}_factory`);
    return ['@pytest.fixture', `def ${name}():`, `    def make(**overrides):`, `        data = {"name": "${r.pick(NOUNS)}", "status": "${r.pick(STATUSES)}", "amount": ${r.int(1, 999)}}`, '        data.update(overrides)', '        return data', '    return make', '', ''];
  }

  command() {
    const r = this.r;
    const name = this.fn();
    return [
      `def ${name}(path: Path, out=sys.stdout) -> int:`,
      '    count = 0',
      '    with path.open(newline="") as handle:',
      '        for row in csv.DictReader(handle):',
      `            if row.get("status") == "${r.pick(STATUSES)}":`,
      '                out.write(json.dumps(row) + "\\n")',
      '                count += 1',
      '    return count',
      '',
      '',
    ];
  }
}

function pickSome(r, list, min, max) {
  const n = r.int(min, max);
  const out = new Set();
  while (out.size < n) out.add(r.pick(list));
  return [...out];
}

/** Incidental mentions of what rules look for, in ordinary files: a settings module, report scripts, a cache. */
const PYTHON_INCIDENTALS = [
  () => ({ name: 'settings.py', text: `"""Settings."""\nimport os\n\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nDEBUG = os.environ.get("DEBUG") == "1"\nALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")\n` }),
  (r) => ({ name: `report_${r.pick(NOUNS)}s.py`, text: `"""Monthly ${r.pick(NOUNS)} report."""\nimport pandas as pd\n\n\ndef monthly(path: str) -> pd.DataFrame:\n    frame = pd.read_csv(path, parse_dates=["created_at"])\n    return frame.groupby(frame["created_at"].dt.to_period("M"))["amount"].sum().reset_index()\n` }),
  (r) => ({ name: `cache_${r.pick(NOUNS)}.py`, text: `"""A small on-disk cache."""\nimport pickle\nfrom pathlib import Path\n\n\ndef load(path: Path):\n    with path.open("rb") as handle:\n        return pickle.load(handle)\n` }),
];

function ordinaryPython(r) {
  if (r.chance(0.03)) return r.pick(PYTHON_INCIDENTALS)(r);
  const flavour = r.pick(['api', 'api', 'models', 'service', 'service', 'util', 'test', 'test', 'cli']);
  const w = new BackendWriter(r, flavour);
  const out = w.header();
  const lines = r.int(30, 400);
  while (out.length < lines) out.push(...w.chunk());
  const base = flavour === 'test' ? `test_${r.pick(NOUNS)}s` : `${r.pick(NOUNS)}${flavour === 'util' ? '_utils' : flavour === 'cli' ? '_export' : 's'}`;
  return { name: `${base}.py`, text: out.join('\n') + '\n' };
}

/** A data scientist's notebook with no AI API: the ordinary backend code, split into cells with outputs. */
function ordinaryNotebook(r) {
  const { name, text } = ordinaryPython(r);
  return { name: name.replace(/\.py$/, '.ipynb'), text: notebookOf(text, r.int(0, 1e9)) };
}

// --------------------------------------------------------------------------------------------------------- TypeScript

function ordinaryTypeScript(r) {
  const noun = r.pick(NOUNS);
  const Noun = pascal(noun);
  const kind = r.pick(['component', 'component', 'hook', 'api', 'route', 'types', 'util']);
  const out = [`// ${sentence(r, 4, 9)}.`];
  const lines = r.int(20, 250);
  if (kind === 'component') {
    out.push('import { useEffect, useMemo, useState } from "react";', `import type { ${Noun} } from "../types/${noun}";`, `import { fetch${Noun}s } from "../lib/api";`, '');
    while (out.length < lines) {
      const name = `${Noun}${pascal(r.pick(['list', 'card', 'row', 'panel', 'badge', 'table', 'form', 'summary']))}${out.length}`;
      out.push(
        `export function ${name}({ ${noun}s, onSelect }: { ${noun}s: ${Noun}[]; onSelect?: (id: string) => void }) {`,
        `  const [query, setQuery] = useState("");`,
        `  const visible = useMemo(() => ${noun}s.filter((item) => item.title.toLowerCase().includes(query.toLowerCase())), [${noun}s, query]);`,
        '  return (',
        `    <section className="${r.pick(['grid', 'flex', 'stack'])} gap-${r.int(1, 6)}">`,
        '      <input value={query} onChange={(event) => setQuery(event.target.value)} placeholder="Search" />',
        '      <ul>',
        `        {visible.map((item) => (`,
        `          <li key={item.id} onClick={() => onSelect?.(item.id)}>{item.title} <small>{item.status}</small></li>`,
        '        ))}',
        '      </ul>',
        '    </section>',
        '  );',
        '}',
        '',
      );
    }
    return { name: `${Noun}${pascal(r.pick(['list', 'view', 'panel', 'page']))}.tsx`, text: out.join('\n') + '\n' };
  }
  if (kind === 'hook') {
    out.push('import { useCallback, useEffect, useState } from "react";', '');
    while (out.length < lines) {
      out.push(
        `export function use${Noun}${out.length}(id: string) {`,
        `  const [data, setData] = useState<unknown>(null);`,
        '  const [error, setError] = useState<Error | null>(null);',
        `  const reload = useCallback(async () => {`,
        `    try {`,
        `      const response = await fetch(\`/api/${noun}s/\${id}\`);`,
        '      if (!response.ok) throw new Error(`HTTP ${response.status}`);',
        '      setData(await response.json());',
        '    } catch (caught) {',
        '      setError(caught as Error);',
        '    }',
        '  }, [id]);',
        '  useEffect(() => void reload(), [reload]);',
        '  return { data, error, reload };',
        '}',
        '',
      );
    }
    return { name: `use${Noun}.ts`, text: out.join('\n') + '\n' };
  }
  if (kind === 'api' || kind === 'route') {
    out.push(kind === 'route' ? 'import { Router, type Request, type Response } from "express";' : '', kind === 'route' ? `import { db } from "../db";` : '', '', kind === 'route' ? `export const ${noun}Router = Router();` : `const BASE = process.env.API_URL ?? "/api";`, '');
    while (out.length < lines) {
      const verb = r.pick(VERBS);
      if (kind === 'route') {
        out.push(
          `${noun}Router.${r.pick(['get', 'post', 'patch'])}("/${noun}s/:id/${verb}", async (req: Request, res: Response) => {`,
          `  const item = await db.${noun}.findUnique({ where: { id: req.params.id } });`,
          `  if (!item) return res.status(404).json({ error: "${noun} not found" });`,
          `  res.json({ ...item, ${verb}At: new Date().toISOString() });`,
          '});',
          '',
        );
      } else {
        out.push(
          `export async function ${camel(`${verb}_${noun}s`)}${out.length}(params: Record<string, string> = {}): Promise<unknown[]> {`,
          '  const query = new URLSearchParams(params).toString();',
          `  const response = await fetch(\`\${BASE}/${noun}s?\${query}\`, { headers: { Accept: "application/json" } });`,
          '  if (!response.ok) throw new Error(`request failed: ${response.status}`);',
          '  return (await response.json()) as unknown[];',
          '}',
          '',
        );
      }
    }
    return { name: `${noun}s${kind === 'route' ? 'Routes' : 'Api'}.ts`, text: out.join('\n') + '\n' };
  }
  if (kind === 'types') {
    while (out.length < lines) {
      out.push(`export interface ${Noun}${pascal(r.pick(['summary', 'detail', 'input', 'event', 'filter']))}${out.length} {`, '  id: string;', ...pickSome(r, ['title: string;', 'status: "open" | "closed";', 'amount?: number;', 'tags: string[];', 'createdAt: string;', 'ownerId: string;', 'priority: 1 | 2 | 3;'], 2, 5).map((f) => `  ${f}`), '}', '');
    }
    return { name: `${noun}.ts`, text: out.join('\n') + '\n' };
  }
  while (out.length < lines) {
    out.push(
      `export function ${camel(`${r.pick(VERBS)}_${noun}`)}${out.length}(values: number[], digits = ${r.int(0, 4)}): string {`,
      '  if (values.length === 0) return "–";',
      '  const total = values.reduce((sum, v) => sum + v, 0);',
      `  return (total / values.length).toFixed(digits);`,
      '}',
      '',
    );
  }
  return { name: `${noun}Utils.ts`, text: out.join('\n') + '\n' };
}

// ---------------------------------------------------------------------------------------------------------------- YAML

function ordinaryYaml(r) {
  const noun = r.pick(NOUNS);
  const kind = r.pick(['workflow', 'k8s', 'k8s', 'config', 'compose', 'template']);
  if (kind === 'workflow') {
    const steps = ['      - uses: actions/checkout@v4', '      - uses: actions/setup-python@v5', '        with:', '          python-version: "3.12"', '      - run: pip install -r backend/requirements.txt', '      - run: pytest -q backend/tests', '      - uses: actions/setup-node@v4', '      - run: npm ci --prefix frontend', '      - run: npm test --prefix frontend'];
    return { folder: '.github/workflows', name: `${r.pick(['ci', 'test', 'lint', 'deploy', 'release'])}-${noun}.yml`, text: `name: ${noun}\non:\n  push:\n    branches: [main]\n  pull_request:\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n${steps.slice(0, r.int(3, steps.length)).join('\n')}\n` };
  }
  if (kind === 'k8s') {
    const app = `${r.pick(TEAMS)}-${noun}`;
    return {
      folder: r.pick(['deploy/k8s', 'deploy/k8s/overlays']),
      name: `${app}.yaml`,
      text: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${app}\n  labels:\n    app: ${app}\nspec:\n  replicas: ${r.int(1, 6)}\n  selector:\n    matchLabels:\n      app: ${app}\n  template:\n    metadata:\n      labels:\n        app: ${app}\n    spec:\n      containers:\n        - name: ${app}\n          image: registry.example.com/${app}:${r.int(1, 90)}\n          ports:\n            - containerPort: ${r.pick([80, 8000, 8080, 3000])}\n          resources:\n            limits:\n              cpu: "${r.int(1, 4)}"\n              memory: ${r.pick([256, 512, 1024])}Mi\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: ${app}\nspec:\n  selector:\n    app: ${app}\n  ports:\n    - port: 80\n      targetPort: ${r.pick([8000, 8080, 3000])}\n`,
    };
  }
  if (kind === 'config') {
    const entries = pickSome(r, FIELDS, 4, 10).map((f) => `  ${f}: ${r.pick([String(r.int(1, 500)), `"${r.pick(STATUSES)}"`, 'true', 'false', `"${r.pick(REGIONS)}"`])}`);
    return { folder: 'config', name: `${noun}.yaml`, text: `# ${sentence(r, 4, 8)}\n${noun}:\n${entries.join('\n')}\nlogging:\n  level: ${r.pick(['INFO', 'DEBUG', 'WARNING'])}\n` };
  }
  if (kind === 'compose') {
    return { folder: `deploy/${noun}`, name: 'docker-compose.yaml', text: `services:\n  api:\n    build: ./backend\n    ports: ["8000:8000"]\n    depends_on: [db]\n  web:\n    build: ./frontend\n    ports: ["3000:3000"]\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_DB: ${noun}s\n` };
  }
  // A CloudFormation template for ordinary resources: checked, with nothing for an AI rule in it.
  const bucket = pascal(`${noun}_bucket`);
  return {
    folder: 'infra/cloudformation',
    name: `${noun}-storage.yaml`,
    text: `AWSTemplateFormatVersion: "2010-09-09"\nDescription: ${sentence(r, 4, 8)}\nResources:\n  ${bucket}:\n    Type: AWS::S3::Bucket\n    Properties:\n      VersioningConfiguration:\n        Status: Enabled\n  ${pascal(noun)}Table:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions:\n        - AttributeName: id\n          AttributeType: S\n      KeySchema:\n        - AttributeName: id\n          KeyType: HASH\n  ${pascal(noun)}Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: ${r.int(30, 900)}\nOutputs:\n  BucketName:\n    Value: !Ref ${bucket}\n`,
  };
}

// ----------------------------------------------------------------------------------------------------------- Terraform

function ordinaryTerraform(r) {
  const blocks = [`# ${sentence(r, 4, 9)}`, ''];
  const lines = r.int(30, 300);
  const used = new Set();
  while (blocks.length < lines) {
    let name = `${r.pick(TEAMS)}_${r.pick(NOUNS)}`;
    while (used.has(name)) name += '_b';
    used.add(name);
    const kind = r.pick(['bucket', 'bucket', 'role', 'lambda', 'queue', 'table', 'sg', 'variable', 'variable', 'output', 'logs']);
    const add = (...l) => blocks.push(...l, '');
    if (kind === 'bucket') add(`resource "aws_s3_bucket" "${name}" {`, `  bucket = "\${var.prefix}-${name.replace(/_/g, '-')}"`, '  tags   = local.common_tags', '}', '', `resource "aws_s3_bucket_versioning" "${name}" {`, `  bucket = aws_s3_bucket.${name}.id`, '  versioning_configuration {', '    status = "Enabled"', '  }', '}');
    else if (kind === 'role') add(`resource "aws_iam_role" "${name}" {`, `  name               = "${name}"`, '  assume_role_policy = data.aws_iam_policy_document.assume_lambda.json', '}');
    else if (kind === 'lambda') add(`resource "aws_lambda_function" "${name}" {`, `  function_name = "${name}"`, '  role          = aws_iam_role.lambda.arn', '  handler       = "app.handler"', '  runtime       = "python3.12"', `  timeout       = ${r.int(3, 300)}`, `  memory_size   = ${r.pick([128, 256, 512, 1024])}`, '  filename      = var.package_path', '', '  environment {', '    variables = {', `      TABLE_NAME = aws_dynamodb_table.${r.pick(NOUNS)}.name`, '    }', '  }', '}');
    else if (kind === 'queue') add(`resource "aws_sqs_queue" "${name}" {`, `  name                       = "${name}"`, `  visibility_timeout_seconds = ${r.int(30, 900)}`, '}');
    else if (kind === 'table') add(`resource "aws_dynamodb_table" "${name}" {`, `  name         = "${name}"`, '  billing_mode = "PAY_PER_REQUEST"', '  hash_key     = "id"', '', '  attribute {', '    name = "id"', '    type = "S"', '  }', '}');
    else if (kind === 'sg') add(`resource "aws_security_group" "${name}" {`, `  name   = "${name}"`, '  vpc_id = var.vpc_id', '', '  ingress {', `    from_port   = ${r.pick([80, 443, 5432])}`, `    to_port     = ${r.pick([80, 443, 5432])}`, '    protocol    = "tcp"', '    cidr_blocks = [var.vpc_cidr]', '  }', '}');
    else if (kind === 'variable') add(`variable "${name}" {`, `  description = "${sentence(r, 3, 8)}"`, `  type        = ${r.pick(['string', 'number', 'bool', 'list(string)'])}`, '}');
    else if (kind === 'output') add(`output "${name}" {`, `  value = var.${r.pick(NOUNS)}`, '}');
    else add(`resource "aws_cloudwatch_log_group" "${name}" {`, `  name              = "/app/${name}"`, `  retention_in_days = ${r.pick([7, 14, 30, 90])}`, '}');
  }
  return { name: `${r.pick(['network', 'storage', 'queues', 'functions', 'iam', 'tables', 'variables', 'outputs', 'logging'])}.tf`, text: blocks.join('\n') + '\n' };
}

if (isMainModule(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args.splice(i, 2)[1]) : fallback;
  };
  const seed = option('--seed', DEFAULT_SEED);
  const files = option('--files', DEFAULT_REALISTIC_FILES);
  const out = args[0] ?? path.join(os.tmpdir(), 'ai-lens-bench-realistic');
  console.log(JSON.stringify({ out, seed, tree: writeRealisticTree(out, { files, seed }) }, null, 2));
}
