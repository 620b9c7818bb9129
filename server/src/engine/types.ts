// The engine's vocabulary. Nothing here knows about VS Code or LSP.
import type { FlowSummary } from './flow/summary';
import type { Expr } from './terraform/expr';
import type { TerraformFacts } from './terraform/declarations';
import type { NotebookInfo } from './notebook/analyze';

export type Language = 'python' | 'typescript' | 'javascript' | 'terraform' | 'cloudformation';
export const LANGUAGES: readonly Language[] = ['python', 'typescript', 'javascript', 'terraform', 'cloudformation'];

export type Severity = 'error' | 'warning' | 'note';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'note'];

export type LensId = 'genai' | 'ml' | 'rai';
export const LENS_IDS: readonly LensId[] = ['genai', 'ml', 'rai'];

/** Half-open range of UTF-16 offsets into the document text (what JS strings and LSP use). */
export interface Span {
  start: number;
  end: number;
}

export interface Position {
  line: number; // 0-based
  character: number; // 0-based, UTF-16 code units
}

export interface Range {
  start: Position;
  end: Position;
}

/** A place in a notebook cell: the cell's index among all the notebook's cells (0-based) and the range in its source. */
export interface CellRange {
  index: number;
  range: Range;
}

/**
 * A statically evaluated value. `unknown` is a value that exists but cannot be known without running the code
 * (a variable, `var.x`, `!Ref`, a function result): rules must never treat it as missing.
 */
export type Value = StringValue | NumberValue | BooleanValue | NullValue | ObjectValue | ArrayValue | UnknownValue;

/**
 * Where an evaluated value came from, when it is not written where it is used (Terraform: a variable's default, a
 * tfvars file, a local, a module call's argument). Findings about the value say so, and point at these places. Values
 * carry them (`from`) while they are evaluated; a resource keeps them by place (`ResourceFact.sources`).
 */
export interface ValueSource {
  /** `default`: a variable's default; `tfvars`: a variables file; `local`: a local value; `input`: a module call's argument. */
  kind: 'default' | 'tfvars' | 'local' | 'input';
  /** What was read: `var.enable_isolation`, `local.settings`, `module.sagemaker.enable_isolation`. */
  name: string;
  /** The file where the value is written (a path or URI, as the file was analysed under). */
  path: string;
  /** The value read, written short: `false`, `"Enabled"`, `null`, `[…]`. */
  shown: string;
}

export interface StringValue {
  kind: 'string';
  value: string;
  span: Span;
  from?: ValueSource[];
}
export interface NumberValue {
  kind: 'number';
  value: number;
  span: Span;
  from?: ValueSource[];
}
export interface BooleanValue {
  kind: 'boolean';
  value: boolean;
  span: Span;
  from?: ValueSource[];
}
export interface NullValue {
  kind: 'null';
  span: Span;
  from?: ValueSource[];
}
export interface UnknownValue {
  kind: 'unknown';
  span: Span;
  /** Where the run-time value may come from, when the extractor follows it (Python, TypeScript/JavaScript; within one function). */
  origins?: Origin[];
  /** What the value refers to, when it is a reference: `aws_sagemaker_endpoint.chat`, a CloudFormation logical ID. */
  refs?: string[];
  /**
   * The value is the parameter of this name of the function it is read in, as passed (Python, TypeScript/JavaScript):
   * a caller's argument decides it. Function summaries (`engine/flow/`) put the caller's value in its place.
   */
  parameter?: string;
  /**
   * What the value is when nothing else sets it: an environment variable's default (`os.getenv("MODEL", "...")`,
   * `process.env.MODEL ?? "..."`), a parameter's default. Never the value itself: rules that must not guess ignore it.
   */
  fallback?: Value;
  /** The name the code reads the value from, when it is a name: `EMBED_MODEL_ID`, `self.model_id`, an environment variable. */
  name?: string;
  from?: ValueSource[];
}

/**
 * A source a run-time value is derived from: the result of a call, a function parameter (of a tool the model calls,
 * or of any other function), or user input read from a web request (a `req`/`request` parameter in TypeScript), `sys.argv`, `process.argv` or `input()`. Derivation follows
 * assignments (the latest one before the use), item and attribute access, string methods, `json.loads` and string
 * building; any other function call ends it.
 */
export interface Origin {
  /** `tool-argument`: a parameter of a function the model calls as a tool (`@tool`), so its value is model output. */
  kind: 'call' | 'parameter' | 'tool-argument' | 'user-input';
  /** The call whose result flows here (kind `call`). */
  call?: CallFact;
  /** The parameter's name, or the input as written (`request.json`). */
  name: string;
  span: Span;
  /** True when the value is built into a larger string on the way (f-string, `+`, `%`, `.format`, `.join`). */
  formatted: boolean;
}

export interface ArrayValue {
  kind: 'array';
  items: Value[];
  /** Items may exist that are not listed (a splat, a `for` expression, a dynamic block). */
  open: boolean;
  span: Span;
  from?: ValueSource[];
}
export interface Property {
  key: string;
  keySpan: Span;
  value: Value;
  /** The whole `key = value` / `key: value` entry, for edits that replace or remove it. */
  span: Span;
}
export interface ObjectValue {
  kind: 'object';
  props: Map<string, Property>;
  /** Keys may exist that are not listed (`**kwargs`, `...spread`, a `dynamic` block, `Fn::Merge`). */
  open: boolean;
  span: Span;
  /** Where a new entry can be written, when the language's extractor knows how. */
  insert?: InsertPoint;
  /** Values spread into an open object that could not be read (`**kwargs`, `...options`): what may fill it. */
  spreads?: UnknownValue[];
  from?: ValueSource[];
}

/** Everything an edit needs to add an entry to an object, call or block in the file's own style. */
export interface InsertPoint {
  /** How entries are written: `key=value` call arguments, `"key": value` dicts, `key = value` HCL, and so on. */
  syntax: EntrySyntax;
  /** Offset at which new text goes: after the last entry, or after the opening bracket when there is none. */
  offset: number;
  /** Indentation of existing entries, or of the new entry when there are none ('' = write inline). */
  indent: string;
  /** True when entries are written one per line. */
  multiline: boolean;
  /** True when the new entry needs a separator before it (there are entries before `offset`). */
  needsSeparatorBefore: boolean;
  /** Indentation of the closing bracket, when an empty multi-line container needs a line break before it. */
  closingIndent?: string;
  /**
   * Keys are written camelCase (CDK L1 props and the dicts Python CDK passes on), snake_case (Python CDK keyword
   * arguments, whose nested values are written as dicts with camelCase keys) or snake_case at every level (`awscc`: the
   * awscc Terraform provider), although rules name them PascalCase.
   */
  keyCase?: 'camel' | 'snake' | 'awscc';
}

export type EntrySyntax = 'python-kwargs' | 'python-dict' | 'ts-object' | 'hcl' | 'yaml' | 'json';

export interface CallFact {
  kind: 'call';
  /**
   * Set when the facts are kept for the workspace: what a cross-file rule's file check saw of this call that the kept
   * facts no longer show (`WorkspaceReads.remember`), by rule ID.
   */
  remembered?: Record<string, unknown>;
  /** The callee as written, whitespace removed: `self.client.converse`. */
  callee: string;
  /** Last segment of the callee: `converse`. */
  name: string;
  /** Callee resolved through imports: `pickle.load`, `torch.load`, `openai.OpenAI`. */
  qualifiedName?: string;
  /** What the receiver is known to be: `boto3:bedrock-runtime`, `openai:client`. */
  receiverType?: string;
  /** Keyword arguments (Python) or the properties of the first object argument (TypeScript). */
  args: ObjectValue;
  positional: Value[];
  span: Span;
  nameSpan: Span;
  /** Literal keys the code reads from the call's result (`body["embedding"]`, `.get("images")`), where it follows them. */
  resultKeys?: string[];
}

/** A function or method defined in a file, for function summaries (`engine/flow/`). Python, TypeScript/JavaScript. */
export interface FunctionFact {
  /** The name it is called by: `chat`; a method `Assistant.ask`; a function inside another `outer.inner`. */
  name: string;
  /** The class (methods) or function (nested functions) it is defined in. */
  container?: string;
  /** A method, called on an instance or the class: its first parameter (`self`) is not passed. */
  method?: boolean;
  /** TypeScript/JavaScript: the module's default export. */
  exportDefault?: boolean;
  params: ParameterFact[];
  /** What it returns (and yields), with where its data comes from. */
  returns: Value[];
  span: Span;
  nameSpan: Span;
}

export interface ParameterFact {
  name: string;
  /** `positional` takes a positional or keyword argument; `keyword` keyword only; `rest` is `*args`/`...args`; `keywords` is `**kwargs`; `object` a destructured object (`{ modelId, body }`) whose names are its keys. */
  kind: 'positional' | 'keyword' | 'rest' | 'keywords' | 'object';
  /** `object` parameters: the keys they take. */
  keys?: string[];
  default?: Value;
  span: Span;
}

export interface ResourceFact {
  kind: 'resource';
  /** `aws_sagemaker_endpoint_configuration`, `AWS::SageMaker::EndpointConfig`. */
  resourceType: string;
  name: string;
  props: ObjectValue;
  span: Span;
  nameSpan: Span;
  /** How other resources in the workspace refer to this one: `aws_sagemaker_endpoint.chat`, or a logical ID. */
  address?: string;
  /**
   * Set for resources read as their CloudFormation type: `props` keys are PascalCase like CloudFormation's, and the
   * source writes them camelCase (CDK L1 constructs in TypeScript), snake_case (Python CDK) or snake_case at every
   * level (`awscc` Terraform resources).
   */
  keyStyle?: 'camel' | 'snake' | 'awscc';
  /** CDK: the variable (or `this.` property) the construct is bound to, by which the file's code refers to it. */
  binding?: string;
  /** Set for resources a higher-level CDK construct synthesizes from its props and its defaults. */
  construct?: ConstructOrigin;
  /** Set for resources of a template the CDK synthesized: the construct path (`aws:cdk:path` metadata). */
  cdkPath?: string;
  /**
   * Terraform: the expressions of its unknown values that its module may know (`var.x`, `local.y`, `lookup(…)`), by the
   * value's span relative to `span.start` (`spanKey`), so that moving the resource moves none of them.
   */
  expressions?: ReadonlyMap<string, Expr>;
  /** Terraform: where its evaluated values came from, by span relative to `span.start` (the outermost value's first). */
  sources?: ReadonlyMap<string, ValueSource[]>;
}

export interface ConstructOrigin {
  /** The class as exported (`HuggingFaceSageMakerEndpoint`). */
  className: string;
  /** The repository whose source the construct's model was read from, and the file (with the version read). */
  library: string;
  source: string;
  /** The construct's property (as the source spells it) that sets each CloudFormation property a fix may write. */
  properties: Record<string, string>;
}

export interface Comment {
  text: string;
  span: Span;
}

export interface ParseProblem {
  message: string;
  span: Span;
}

export interface FileFacts {
  language: Language;
  /** The facts as a workspace keeps them (`keepForWorkspace`): what no cross-file rule reads is left out. */
  trimmed?: boolean;
  calls: CallFact[];
  resources: ResourceFact[];
  /** Top-level modules imported anywhere in the file (`boto3`, `openai`, `sagemaker`). */
  imports: Set<string>;
  /** Names bound by imports, local name → qualified name (`DataCaptureConfig` → `sagemaker.model_monitor.DataCaptureConfig`). */
  importedNames?: Map<string, string>;
  /** Where a new import statement goes: after the last top-level import, or after the module docstring. */
  importAnchor?: number;
  /** Every dict and tuple literal in the file as a value, wherever it is (Python): message lists built outside calls. */
  literals?: Value[];
  comments: Comment[];
  problems: ParseProblem[];
  /** Every reference in the file, with the resource it appears in (none for outputs, locals, module calls). */
  references?: Reference[];
  /** List and tuple literals made only of strings (feature and column lists), in Python. */
  stringLists?: StringList[];
  /** Functions and methods defined in the file (Python, TypeScript/JavaScript). */
  functions?: FunctionFact[];
  /** The file's data flow between calls and functions, kept when the facts are trimmed for the workspace (`engine/flow/`). */
  flow?: FlowSummary;
  /**
   * Where values leave a function or are kept beyond it: `return`, `yield`, and stores into an attribute or an item
   * (`self.answer = …`, `ctx.body = …`); and where they are only tested (`==`, `in`, `.startswith(…)`), with where their
   * data comes from (Python, TypeScript/JavaScript).
   */
  exits?: ExitFact[];
  /** Terraform: the file's variables, locals, module calls, providers and variable assignments (tfvars). */
  terraform?: TerraformFacts;
}

/** A value a function returns or yields to its caller, stores where others read it, or only tests (a comparison). */
export interface ExitFact {
  kind: 'return' | 'yield' | 'store' | 'compare';
  span: Span;
  /** What leaves, with its origins when it is not a literal. */
  value: Value;
  /** Where a store writes, as written: `self.answer`, `ctx.body`, `results[i]`. */
  target?: string;
  /** The function it leaves (none for a store at module level). */
  function?: FunctionInfo;
}

/** The function a fact is in: enough to tell a web route, a model tool or a Lambda handler, and to find its callers. */
export interface FunctionInfo {
  /** Its name; for an anonymous function, the variable or property it is assigned to (`execute`), else ''. */
  name: string;
  span: Span;
  /** Decorators as written (`app.post("/chat")`), without the `@`. */
  decorators: string[];
  /** Decorators resolved through imports where they are imported (`langchain_core.tools.tool`). */
  qualifiedDecorators: string[];
  params: string[];
  /** The class a method is defined in. */
  className?: string;
  /** Exported from its module (TypeScript/JavaScript). */
  exported?: boolean;
}

export interface StringList {
  items: { value: string; span: Span }[];
  span: Span;
  /** The call the list reaches that trains or runs a model on the columns it names (`fit`, `train_test_split`), if any. */
  modelUse?: { span: Span; call: string };
}

export interface Reference {
  /** Address of the resource whose body holds the reference. */
  from?: string;
  /** Address referred to: `aws_bedrock_guardrail.g`, `var.name`, a CloudFormation logical ID. */
  to: string;
  span: Span;
}

/** A value to write in a fix, rendered in each language's syntax by the edit helpers. */
export type FixValue = string | number | boolean | FixValue[] | { [key: string]: FixValue } | Block | Code;

/** A Terraform nested block (`capture_options { ... }`); an object in every other language. */
export class Block {
  constructor(readonly body: { [key: string]: FixValue }) {}
}

/** Source text written as is (`DataCaptureConfig(...)`). */
export class Code {
  constructor(readonly text: string) {}
}

export interface TextEdit {
  span: Span;
  newText: string;
  /** Edits the fix needs besides this one (an import for the value it writes); the engine lists them in the fix. */
  also?: TextEdit[];
}

export interface Fix {
  title: string;
  /** `safe` keeps the program's meaning apart from the fix's intent; `unsafe` may change behaviour or needs a value filled in. */
  safety: 'safe' | 'unsafe';
  /** Edits to the file as it is on disk (for a notebook, to its JSON). */
  edits: TextEdit[];
  /** For a notebook: the same edits to the cells' sources, for editors that show each cell as a document. */
  cellEdits?: CellEdit[];
}

export interface CellEdit {
  /** The cell's index in the notebook. */
  cell: number;
  range: Range;
  newText: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  practices: string[];
  span: Span;
  range: Range;
  fixes: Fix[];
  /** Set when a suppression with a reason covers this finding; suppressed findings are kept for reports. */
  suppression?: SuppressionInfo;
  /** Other places the finding depends on (cross-file checks): what was considered, and where. */
  related?: RelatedLocation[];
  /** In a notebook: the cell and the range in it (`span` and `range` are then in the notebook's JSON). */
  cell?: CellRange;
}

export interface RelatedLocation {
  path: string;
  range: Range;
  message: string;
  cell?: CellRange;
}

export interface SuppressionInfo {
  /** `inline`: an `ignore[…]` comment; `file`: an `ignore-file[…]` comment; `config`: an `ignore` entry in `.ai-lens.yaml`. */
  kind: 'inline' | 'file' | 'config';
  reason: string;
  /** The comment, for `inline` and `file`. */
  span?: Span;
  /** Where the configuration entry is, for `config`. */
  source?: ConfigSource;
}

/** A place in a configuration file: an absolute path and a 1-based line. */
export interface ConfigSource {
  path: string;
  line: number;
}

/** Findings of `rules` in files matching `paths` are suppressed with `reason` (an `ignore` entry in `.ai-lens.yaml`). */
export interface PathIgnore {
  /** Glob patterns relative to the configuration's folder. */
  paths: readonly string[];
  rules: readonly string[];
  reason: string;
  source?: ConfigSource;
}

export interface FileProblem {
  /** `parse`: partial results; `skipped`: the file was not analysed; `rule-error`: one rule failed, the others ran. */
  kind: 'parse' | 'skipped' | 'rule-error';
  message: string;
  range?: Range;
  /** The rule that failed, for `rule-error`. */
  ruleId?: string;
  /** A stack trace, for logs; never shown as a diagnostic. */
  detail?: string;
  /** In a notebook, the cell the problem is in. */
  cell?: CellRange;
}

export interface AnalysisResult {
  language?: Language;
  findings: Finding[];
  problems: FileProblem[];
  /** The facts the findings came from, kept for cross-file checks. */
  facts?: FileFacts;
  /** What the lens review needs from the file besides findings (see `engine/review/`). */
  signals?: ReviewSignals;
  /** Set for a Jupyter notebook: its cells, kernel and modules (its `facts` are then those of each module). */
  notebook?: NotebookInfo;
}

/** Something in a file that shows a lens practice implemented: a guardrail, a monitoring schedule, a model card. */
export interface Evidence {
  /** The evidence detector that found it (`engine/evidence/`). */
  detector: string;
  practices: string[];
  message: string;
  span: Span;
  range: Range;
  cell?: CellRange;
}

/** A fact a rule examined: when a rule examined facts and reported nothing, its check passed on them. */
export interface CheckedFact {
  ruleId: string;
  label: string;
  span: Span;
  range: Range;
  cell?: CellRange;
}

/** Kinds of AI a file uses; a lens whose kinds appear nowhere in a workspace does not apply to it. */
export type AiUsage = 'genai' | 'ml';
export const AI_USAGES: readonly AiUsage[] = ['genai', 'ml'];

export interface ReviewSignals {
  evidence: Evidence[];
  checked: CheckedFact[];
  usage: AiUsage[];
}
