// A Terraform plan as `terraform show -json` writes it: the planned values of every resource instance, with registry
// modules and real variable values already applied. Values the plan does not know yet are marked in
// `resource_changes[].change.after_unknown` (`planned_values` leaves them out or sets them to null, which would read as
// "not set"): those become unknown values. Format: hashicorp/terraform, website/docs/internals/json-format.mdx.
import type { ObjectValue, Property, Span, Value } from '../types';

export interface PlannedResource {
  /** `module.a.module.b.aws_sagemaker_model.m[0]`. */
  address: string;
  type: string;
  name: string;
  /** The module calls it sits under, without instance keys: `['a', 'b']`. */
  modulePath: string[];
  values: unknown;
  /** `after_unknown`: `true` where a value is known only after apply. */
  unknown: unknown;
  /** What each top-level argument refers to in the configuration (`aws_sagemaker_endpoint.chat`). */
  references: Map<string, string[]>;
}

export interface Plan {
  resources: PlannedResource[];
  /** The source of each module call by its path (`a`, `a.b`). */
  moduleSources: Map<string, string | undefined>;
}

/** True for the JSON of a plan (not of a state, nor of anything else). */
export function isTerraformPlan(text: string): boolean {
  const head = text.slice(0, 4096);
  return /^\s*\{/.test(head) && /"format_version"\s*:/.test(text) && /"(planned_values|resource_changes)"\s*:/.test(text);
}

/** The planned managed resources of a plan, or undefined when the text is not a plan we can read. */
export function readPlan(text: string): Plan | undefined {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || typeof json.format_version !== 'string' || !json.format_version.startsWith('1.')) return undefined;
  const changes = new Map<string, unknown>();
  for (const change of asArray(json.resource_changes)) {
    const c = change as { address?: unknown; change?: { after_unknown?: unknown } };
    if (typeof c.address === 'string') changes.set(c.address, c.change?.after_unknown);
  }
  const configuration = (json.configuration as { root_module?: unknown } | undefined)?.root_module;
  const moduleSources = new Map<string, string | undefined>();
  const references = new Map<string, Map<string, string[]>>();
  readConfiguration(configuration, [], moduleSources, references, 0);
  const resources: PlannedResource[] = [];
  const visit = (module: unknown, depth: number) => {
    if (depth > 32 || typeof module !== 'object' || module === null) return;
    const m = module as { resources?: unknown; child_modules?: unknown };
    for (const resource of asArray(m.resources)) {
      const r = resource as { address?: unknown; mode?: unknown; type?: unknown; name?: unknown; values?: unknown };
      if (r.mode !== 'managed' || typeof r.address !== 'string' || typeof r.type !== 'string' || typeof r.name !== 'string') continue;
      const modulePath = modulesOf(r.address);
      resources.push({
        address: r.address,
        type: r.type,
        name: r.name,
        modulePath,
        values: r.values,
        unknown: changes.get(r.address),
        references: references.get(`${modulePath.join('.')}|${r.type}.${r.name}`) ?? new Map(),
      });
    }
    for (const child of asArray(m.child_modules)) visit(child, depth + 1);
  };
  visit((json.planned_values as { root_module?: unknown } | undefined)?.root_module, 0);
  return { resources, moduleSources };
}

function readConfiguration(module: unknown, path: string[], sources: Map<string, string | undefined>, references: Map<string, Map<string, string[]>>, depth: number): void {
  if (depth > 32 || typeof module !== 'object' || module === null) return;
  const m = module as { resources?: unknown; module_calls?: unknown };
  for (const resource of asArray(m.resources)) {
    const r = resource as { type?: unknown; name?: unknown; expressions?: unknown };
    if (typeof r.type !== 'string' || typeof r.name !== 'string' || typeof r.expressions !== 'object' || r.expressions === null) continue;
    const refs = new Map<string, string[]>();
    for (const [key, expression] of Object.entries(r.expressions as Record<string, unknown>)) {
      const list = (expression as { references?: unknown } | null)?.references;
      if (Array.isArray(list)) refs.set(key, list.filter((x): x is string => typeof x === 'string').map(addressOf));
    }
    references.set(`${path.join('.')}|${r.type}.${r.name}`, refs);
  }
  if (typeof m.module_calls !== 'object' || m.module_calls === null) return;
  for (const [name, call] of Object.entries(m.module_calls as Record<string, unknown>)) {
    const c = call as { source?: unknown; module?: unknown } | null;
    const here = [...path, name];
    sources.set(here.join('.'), typeof c?.source === 'string' ? c.source : undefined);
    readConfiguration(c?.module, here, sources, references, depth + 1);
  }
}

/** The module calls in a resource address: `module.a["x"].module.b.aws_s3_bucket.b[0]` → `['a', 'b']`. */
export function modulesOf(address: string): string[] {
  const out: string[] = [];
  const pattern = /module\.([A-Za-z_][\w-]*)(\[[^\]]*\])?\./y;
  for (let m = pattern.exec(address); m; m = pattern.exec(address)) out.push(m[1]);
  return out;
}

/** `aws_sagemaker_endpoint.chat.name` → `aws_sagemaker_endpoint.chat`, as the extractor names what a value refers to. */
function addressOf(reference: string): string {
  const parts = reference.replace(/\[[^\]]*\]/g, '').split('.');
  return parts.slice(0, parts[0] === 'data' ? 3 : 2).join('.');
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Where a planned value is shown (a property path → a span), and whether the configuration writes it there. */
export type PlaceOf = (path: readonly string[]) => { span: Span; written: boolean };

/**
 * A planned resource's values as the engine's values. Terraform writes nested blocks as lists: a list of one object is
 * read as a block given once, and an empty list as a block left out, as in the configuration. A null is a setting left
 * out, unless the configuration writes an expression for it (which then evaluated to null, as `kms_key_id = var.kms`).
 */
export function plannedProps(resource: PlannedResource, placeOf: PlaceOf): ObjectValue {
  const spanOf = (path: readonly string[]) => placeOf(path).span;
  const props = valueOf(resource.values, resource.unknown, [], placeOf, 0);
  const object: ObjectValue = props?.kind === 'object' ? props : { kind: 'object', props: new Map(), open: false, span: spanOf([]) };
  for (const [key, refs] of resource.references) {
    const prop = object.props.get(key);
    if (prop?.value.kind === 'unknown' && refs.length) prop.value.refs = [...new Set(refs)];
  }
  return object;
}

function valueOf(json: unknown, unknown: unknown, path: string[], placeOf: PlaceOf, depth: number): Value | undefined {
  const { span, written } = placeOf(path);
  if (unknown === true || depth > 64) return { kind: 'unknown', span };
  if (json === undefined) return containsUnknown(unknown) ? { kind: 'unknown', span } : undefined;
  if (json === null) return containsUnknown(unknown) ? { kind: 'unknown', span } : written && path.length ? { kind: 'null', span } : undefined;
  if (typeof json === 'string') return { kind: 'string', value: json, span };
  if (typeof json === 'number') return { kind: 'number', value: json, span };
  if (typeof json === 'boolean') return { kind: 'boolean', value: json, span };
  if (Array.isArray(json)) {
    const marks = Array.isArray(unknown) ? unknown : [];
    const items = json.map((item, i) => valueOf(item, marks[i], path, placeOf, depth + 1)).filter((v): v is Value => v !== undefined);
    if (items.length === 0) return undefined;
    if (items.length === 1 && items[0].kind === 'object') return items[0];
    return { kind: 'array', items, open: false, span };
  }
  if (typeof json === 'object') {
    const marks = (typeof unknown === 'object' && unknown !== null && !Array.isArray(unknown) ? unknown : {}) as Record<string, unknown>;
    const props = new Map<string, Property>();
    for (const key of new Set([...Object.keys(json as object), ...Object.keys(marks)])) {
      const value = valueOf((json as Record<string, unknown>)[key], marks[key], [...path, key], placeOf, depth + 1);
      const at = placeOf([...path, key]).span;
      if (value) props.set(key, { key, keySpan: at, value, span: at });
    }
    return { kind: 'object', props, open: false, span };
  }
  return undefined;
}

function containsUnknown(marks: unknown): boolean {
  if (marks === true) return true;
  if (Array.isArray(marks)) return marks.some(containsUnknown);
  if (typeof marks === 'object' && marks !== null) return Object.values(marks).some(containsUnknown);
  return false;
}
