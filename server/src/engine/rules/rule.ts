import { awsccName } from '../apis/awscc';
import type { ProjectContext } from '../manifests';
import { pascalToSnake } from '../apis/cdk';
import type { Located, Project, ProjectFile } from '../project';
import type { CallFact, FileFacts, Fix, Language, ResourceFact, Severity, Span, Value } from '../types';
import type { Triggers } from '../triggers';
import type { OutputFate } from '../flow/project';

export interface RuleDocs {
  /** Why the rule exists and what to do about a finding: a short paragraph, shown on hover and in docs. */
  description: string;
  /** A minimal example that is reported, and the same example fixed. */
  bad: string;
  good: string;
  /**
   * Which contexts the rule reports at which severity, where that varies (a grader's call is a note, a chat route's a
   * warning) or needs saying; left out, the docs say the rule's one severity applies in every context.
   */
  severity?: string;
}

export interface RuleMeta {
  /** Stable kebab-case id: diagnostic code, suppression key, setting key. Never reuse or rename. */
  id: string;
  title: string;
  /** Lens best-practice IDs the rule serves; the first is the one the diagnostic links to. */
  practices: string[];
  severity: Severity;
  languages: Language[];
  docs: RuleDocs;
  /** What the rule's quick fix does, when it has one. */
  fix?: {
    title: string;
    safety: 'safe' | 'unsafe';
    /** The placeholders its fixes may write (`PLACEHOLDER` in `placeholders.ts`, by their `<…>` token): each one left in the code is reported with this rule's practices. */
    placeholders?: readonly string[];
  };
}

export interface Report {
  span: Span;
  message: string;
  /** Overrides the rule's default severity for this finding (e.g. an explicit opt-out is worse than a default). */
  severity?: Severity;
  /** Overrides the rule's practices for this finding (a placeholder left by another rule's fix serves that rule's practices). */
  practices?: string[];
  /**
   * The quick fixes, or a function that makes them when they are first read: while a file is typed into, its findings
   * are reported on every edit, and their fixes are needed only when the editor asks for code actions.
   */
  fixes?: Fix[] | (() => Fix[]);
}

export interface RuleContext {
  readonly facts: FileFacts;
  readonly text: string;
  /** The file's declared dependencies (requirements files, pyproject.toml), read from disk the first time a rule asks. */
  readonly manifests: ProjectContext;
  report(report: Report): void;
}

/**
 * The context a file rule's `check` gets. A class, so that `manifests` is read through one getter on its prototype:
 * a getter written in an object literal is a new function for each object, which V8 keeps in a hidden class of that
 * object's own, and through those classes the file's facts outlived young-generation collections (docs/performance.md,
 * "Terraform edits").
 */
export class FileRuleContext implements RuleContext {
  constructor(
    readonly facts: FileFacts,
    readonly text: string,
    private readonly readManifests: () => ProjectContext,
    readonly report: (report: Report) => void,
  ) {}

  get manifests(): ProjectContext {
    return this.readManifests();
  }
}

export interface RelatedReport {
  file: ProjectFile;
  span: Span;
  message: string;
}

export interface WorkspaceReport extends Report {
  file: ProjectFile;
  related?: RelatedReport[];
}

export interface WorkspaceRuleContext {
  readonly project: Project;
  report(report: WorkspaceReport): void;
}

/**
 * A rule checks one file (`check`) or the whole workspace at once (`checkWorkspace`, for gaps that only show across
 * files, like an endpoint that no monitoring schedule anywhere refers to).
 */
export interface Rule {
  meta: RuleMeta;
  check?(context: RuleContext): void;
  checkWorkspace?(context: WorkspaceRuleContext): void;
  /**
   * What `checkWorkspace` reads of the files in the project. A workspace scan keeps only that of each file once the
   * file is analysed: the facts of every file are most of a large scan's memory. Left out, everything is kept.
   */
  workspaceReads?: WorkspaceReads;
  /**
   * What must occur in a file's text for `check` to find anything in it, or for `checkWorkspace` to read anything of
   * it (see `Triggers`): a file in which no running rule's or detector's triggers occur is not parsed. Left out, the
   * rule runs on every file (and no file is skipped while it is on). test/triggers.test.ts runs every rule with and
   * without its triggers over the fixtures, the examples, the labelled corpus and fuzzed files.
   */
  triggers?: Triggers;
  /**
   * The rule follows the flow across files (`engine/flow/`), so it also reads a file in which its triggers do not occur
   * when the flow can reach it from one in which they do: `callers` when it judges requests its wrappers' callers write
   * (the files that import one read, to a fixpoint), `output` when it also follows model output to output filters (the
   * files connected by imports to one read, when an output filter may be among them). The file's
   * `SourceFile.flowReach`, worked out from every file's text by `FlowReach` (`flow/reach.ts`); a file analysed
   * without it (its project not known) is read whenever the rule runs.
   */
  triggersReach?: 'callers' | 'output';
}

/**
 * The parts of a file's facts a cross-file rule reads; of the rest it sees less. Every fact kept remains true: a value
 * whose contents are not kept is an open container with no entries (it may hold anything).
 */
export interface WorkspaceReads {
  /**
   * Which calls of a file it reads (a superset is fine), asked of each call: `outline` for its names, receivers and
   * spans and its arguments one level deep (each argument's key, span and kind, and a literal's value); `whole` for
   * the objects of its arguments at any depth too (without where their data comes from; lists as outlines);
   * undefined for a call it does not read. Of the file beyond the call it may read only what `file` offers
   * (`KeepInputs`): the answer is kept by call, with what it read there, and asked again only when the call or what
   * it read changed.
   */
  calls(call: CallFact, file: KeepInputs): CallRead | undefined;
  /** Of the calls `calls` reads, only the first of the file (in file order). */
  firstCallOnly?: boolean;
  /**
   * The argument keys it reads of any call kept one level deep (`calls`; its own and other rules'), as data: a scan
   * keeps only the keys the rules that read a call name. Left out, it reads every key of the calls it reads and no key
   * of any other rule's calls. test/workspaceKeys.test.ts checks that no finding changes.
   */
  callKeys?: readonly string[];
  /** The resource types whose properties it reads; of other resources it sees their type, name, address and spans. */
  resourceProperties: readonly string[];
  /** It reads the file's functions and flow summary (`engine/flow/`): calls, functions and what flows between them. */
  flow?: boolean;
  /**
   * What the workspace check needs to know of a call it reads (`calls`) that only the whole file shows (the use of
   * its output, say), kept on the call (`CallFact.remembered`); `undefined` keeps nothing. Asked on every analysis.
   */
  remember?(call: CallFact, facts: FileFacts, text: string): unknown;
}

/** How much of a call a cross-file rule reads (`WorkspaceReads.calls`). */
export type CallRead = 'outline' | 'whole';

/**
 * What a cross-file rule's choice of calls (`WorkspaceReads.calls`) may read of a file beyond the call itself. What
 * it reads is noted with the answer, which is kept by call (`engine/keptCalls.ts`): on the next analysis these are
 * asked again of the call, and the rule's choice only when the call or one of their answers changed.
 */
export interface KeepInputs {
  /** `mayCallProjectFunction` (`flow/summary.ts`): reads the file's language, imported names and function names. */
  mayCallProjectFunction(call: CallFact): boolean;
  /** `isNonTextModel` (`apis/bedrock.ts`): reads the name of the function the call is in. */
  isNonTextModel(call: CallFact): boolean;
  /** `localFate` (`rules/support/callers.ts`): reads the file's whole flow (worked out once per analysis: the file's check asks too). */
  localFate(call: CallFact): OutputFate;
}

/** `WorkspaceReads.calls` for the calls that pass `test`, read one level deep. */
export function callsWhere(test: (call: CallFact) => boolean): (call: CallFact) => CallRead | undefined {
  return (call) => (test(call) ? 'outline' : undefined);
}

/** `WorkspaceReads.calls` for a cross-file rule that reads no calls. */
export const NO_CALLS = (): undefined => undefined;

/** Resources of the given types, in file order. */
export function resourcesOf(facts: FileFacts, ...types: string[]): ResourceFact[] {
  if (types.length !== 1) return facts.resources.filter((r) => types.includes(r.resourceType));
  return [...(resourcesByType(facts.resources).get(types[0]) ?? [])];
}

/**
 * A file's resources by type, made once per list: dozens of rules each ask for a few types. Only the last list's is
 * kept: a `WeakMap` by list kept every list's index, and through it every resource of the file, alive through the
 * young-generation collections that came before the next full one (V8 keeps a young entry's value while its table is
 * old), which made each of them promote the whole file's facts (docs/performance.md, "Terraform edits").
 */
let byType: { resources: readonly ResourceFact[]; count: number; index: Map<string, ResourceFact[]> } | undefined;

function resourcesByType(resources: readonly ResourceFact[]): Map<string, ResourceFact[]> {
  if (byType?.resources === resources && byType.count === resources.length) return byType.index;
  const index = new Map<string, ResourceFact[]>();
  for (const r of resources) {
    const list = index.get(r.resourceType);
    if (list) list.push(r);
    else index.set(r.resourceType, [r]);
  }
  byType = { resources, count: resources.length, index };
  return index;
}

/**
 * A property name as the resource's source spells it: `DataCaptureConfig`, `dataCaptureConfig` (`data_capture_config`)
 * in CDK L1 constructs, `data_capture_config` in awscc, `kmsKey` for a higher-level construct's `CustomerEncryptionKeyArn`.
 */
export function propertyName(resource: ResourceFact, key: string): string {
  // A construct's own property for it, or the CloudFormation name of a property it has none for.
  if (resource.construct) return resource.construct.properties[key] ?? key;
  if (resource.keyStyle === 'snake') return pascalToSnake(key);
  if (resource.keyStyle === 'awscc') return awsccName(key);
  return resource.keyStyle === 'camel' ? key.charAt(0).toLowerCase() + key.slice(1) : key;
}

export { calleeSpan } from '../values';

/** What a rule's docs say about its severity in each context (`RuleDocs.severity`, or its one severity everywhere). */
export function severityDocs(meta: RuleMeta): string {
  return meta.docs.severity ?? `Reported as ${meta.severity === 'error' ? 'an' : 'a'} ${meta.severity} in every context: what it finds is the same risk wherever it is.`;
}

/** Every reference a value makes, at any depth (`aws_sagemaker_endpoint.chat`, a logical ID). */
export function refsIn(value: Value | undefined, out = new Set<string>()): Set<string> {
  if (!value) return out;
  if (value.kind === 'unknown') for (const r of value.refs ?? []) out.add(r);
  else if (value.kind === 'object') for (const p of value.props.values()) refsIn(p.value, out);
  else if (value.kind === 'array') for (const item of value.items) refsIn(item, out);
  return out;
}

/** True when some value under `value` is unknown and refers to nothing: it could stand for anything. */
export function hasOpaqueValue(value: Value | undefined): boolean {
  if (!value) return false;
  if (value.kind === 'unknown') return !value.refs?.length;
  if (value.kind === 'object') return value.open || [...value.props.values()].some((p) => hasOpaqueValue(p.value));
  if (value.kind === 'array') return value.open || value.items.some(hasOpaqueValue);
  return false;
}

/** Strings anywhere under `value`. */
export function stringsIn(value: Value | undefined, out = new Set<string>()): Set<string> {
  if (!value) return out;
  if (value.kind === 'string') out.add(value.value);
  else if (value.kind === 'object') for (const p of value.props.values()) stringsIn(p.value, out);
  else if (value.kind === 'array') for (const item of value.items) stringsIn(item, out);
  return out;
}

export type { Located };
