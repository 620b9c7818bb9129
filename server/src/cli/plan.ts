// `ai-lens scan plan.json`: the rules over the planned values of a Terraform plan (`terraform show -json`). A finding
// points at the resource's block in the configuration when that is in the scanned folder (the root module next to the
// plan, and the local modules it calls), else at the resource's address in the plan file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnalysisOptions } from '../engine/config';
import type { Engine, SignalCollection } from '../engine/engine';
import { Project } from '../engine/project';
import { moduleFolder } from '../engine/terraform/modules';
import { plannedProps, readPlan, type Plan, type PlannedResource } from '../engine/terraform/plan';
import type { FileFacts, Finding, ResourceFact, Span, Value } from '../engine/types';
import { readSource, toPosix } from '../engine/workspace';
import { keepForWorkspace } from '../engine/workspaceFacts';
import { scannedFile, type ScannedFile } from './scannedFile';

/** A resource block of the configuration: its file and its facts as the file's own analysis reads them. */
interface ConfigBlock {
  file: string;
  text: string;
  facts: FileFacts;
  resource: ResourceFact;
}

interface Target {
  text: string;
  facts: FileFacts;
  /** The planned address of each resource, by its name span (several instances share a block). */
  addresses: { span: Span; address: string }[];
}

/** Plan files may be larger than the files checked one by one: the whole deployment is in one. */
export const MAX_PLAN_BYTES = 64 * 1024 * 1024;

/**
 * The findings of the file and cross-file rules on a plan, by the file each is shown in (configuration files, and the
 * plan file for resources whose configuration is not in the scan). Undefined when `text` is not a plan.
 */
export function scanPlan(
  engine: Engine,
  planPath: string,
  text: string,
  root: string,
  options: AnalysisOptions,
  project: Project,
  relativeToConfig: (file: string) => string | undefined,
  signals: SignalCollection = 'never',
): ScannedFile[] | undefined {
  const plan = readPlan(text);
  if (!plan) return undefined;
  const rootFolder = path.dirname(planPath);
  const configs = new ConfigIndex(engine, root, options);
  const targets = new Map<string, Target>();
  for (const planned of plan.resources) {
    const folder = configFolder(plan, planned, rootFolder);
    const block = folder === undefined ? undefined : configs.block(folder, `${planned.type}.${planned.name}`);
    const file = block?.file ?? planPath;
    const target = targets.get(file) ?? { text: block?.text ?? text, facts: emptyFacts(rootFolder, block?.facts), addresses: [] };
    const planSpan = addressSpan(text, planned.address);
    const placeOf = (keys: readonly string[]) => (block ? configPlace(block.resource, keys) : { span: planSpan, written: false });
    const resource: ResourceFact = {
      kind: 'resource',
      resourceType: planned.type,
      name: planned.name,
      address: `${planned.type}.${planned.name}`,
      props: plannedProps(planned, placeOf),
      span: block?.resource.span ?? planSpan,
      nameSpan: block?.resource.nameSpan ?? planSpan,
    };
    target.facts.resources.push(resource);
    target.addresses.push({ span: resource.nameSpan, address: planned.address });
    targets.set(file, target);
  }
  const forWorkspace = keepForWorkspace(engine.activeRules(options));
  const files: ScannedFile[] = [];
  for (const [file, target] of targets) {
    const result = engine.checkFacts({ path: file, text: target.text, language: 'terraform', relativePath: relativeToConfig(file) }, target.facts, options, signals);
    result.findings = planFindings(result.findings, target);
    project.set(file, 'terraform', forWorkspace(target.facts, target.text), target.text);
    delete result.facts;
    files.push(scannedFile(toPosix(path.relative(root, file)) || path.basename(file), file, target.text, result, project));
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** One finding per place and message (the instances of a `count` share their block), saying which planned resource. */
function planFindings(findings: Finding[], target: Target): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const finding of findings) {
    const key = `${finding.ruleId} ${finding.span.start} ${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const planned = target.addresses.find((a) => target.facts.resources.some((r) => r.nameSpan === a.span && r.span.start <= finding.span.start && finding.span.end <= r.span.end));
    if (planned) finding.message = `${finding.message} (planned: \`${planned.address}\`)`;
    finding.fixes = [];
    out.push(finding);
  }
  return out;
}

/** The folder of a planned resource's module when it is a local module (or the root), else undefined. */
function configFolder(plan: Plan, planned: PlannedResource, rootFolder: string): string | undefined {
  let folder: string | undefined = rootFolder;
  for (let i = 0; i < planned.modulePath.length && folder !== undefined; i++) {
    folder = moduleFolder(folder, plan.moduleSources.get(planned.modulePath.slice(0, i + 1).join('.')));
  }
  return folder;
}

/** Where a planned value is shown in its configuration block: the argument or block written for it, else the resource. */
function configPlace(resource: ResourceFact, keys: readonly string[]): { span: Span; written: boolean } {
  let value: Value = resource.props;
  let span = resource.nameSpan;
  for (const key of keys) {
    // A block written several times is a list of objects: the first that has the key.
    const holder: Value | undefined = value.kind === 'array' ? value.items.find((i) => i.kind === 'object' && i.props.has(key)) : value;
    const found: Value | undefined = holder?.kind === 'object' ? holder.props.get(key)?.value : undefined;
    if (!found) return { span, written: false };
    value = found;
    if (found.kind !== 'object' && found.kind !== 'array') span = found.span;
  }
  return { span, written: true };
}

/** The place of `"address": "<address>"` in the plan's text (its first, under `planned_values`). */
function addressSpan(text: string, address: string): Span {
  const quoted = JSON.stringify(address);
  const match = new RegExp(`"address"\\s*:\\s*${quoted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).exec(text);
  if (!match) return { start: 0, end: 0 };
  const start = match.index + match[0].length - quoted.length;
  return { start, end: start + quoted.length };
}

function emptyFacts(rootFolder: string, config: FileFacts | undefined): FileFacts {
  return {
    language: 'terraform',
    calls: [],
    resources: [],
    imports: new Set(),
    comments: config?.comments ?? [],
    problems: [],
    references: config?.references ?? [],
    // Everything a plan deploys belongs to its root module.
    terraform: { variables: [], locals: [], modules: [], assignments: [], providers: 1, backend: false, folder: rootFolder },
  };
}

/** The resource blocks of the configuration folders a plan's resources come from (in the scanned folder only). */
class ConfigIndex {
  private readonly folders = new Map<string, Map<string, ConfigBlock>>();

  constructor(
    private readonly engine: Engine,
    private readonly root: string,
    private readonly options: AnalysisOptions,
  ) {}

  block(folder: string, address: string): ConfigBlock | undefined {
    let blocks = this.folders.get(folder);
    if (!blocks) this.folders.set(folder, (blocks = this.read(folder)));
    return blocks.get(address);
  }

  private read(folder: string): Map<string, ConfigBlock> {
    const blocks = new Map<string, ConfigBlock>();
    if (path.relative(this.root, folder).startsWith('..')) return blocks;
    let names: string[];
    try {
      names = fs.readdirSync(folder).filter((n) => n.endsWith('.tf')).sort();
    } catch {
      return blocks;
    }
    for (const name of names) {
      const file = path.join(folder, name);
      const read = readSource(file, this.options.maxFileBytes);
      if (!('text' in read)) continue;
      const facts = this.engine.extractFacts({ path: file, text: read.text, language: 'terraform' }, this.options, true);
      this.engine.release(file);
      for (const resource of facts?.resources ?? []) if (resource.address && !blocks.has(resource.address)) blocks.set(resource.address, { file, text: read.text, facts: facts!, resource });
    }
    return blocks;
  }
}
