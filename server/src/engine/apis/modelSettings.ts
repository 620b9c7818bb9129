// Model classes of agent and LLM frameworks (Strands Agents, LlamaIndex, CrewAI, AutoGen, LangChain, the AI SDK) and
// the settings they take: where a guardrail, an output-token limit and a client timeout are written, and what each
// class does when they are left out. The data lives in one file per framework; this file finds the classes a file
// constructs and reads their settings, for the rules (and evidence detectors) that judge them.
import { field, path, stringOf } from '../values';
import type { CallFact, FileFacts, FixValue, ObjectValue, Span, Value } from '../types';
import { langchainCall } from './langchain';

/** Where a setting goes: a keyword (`max_tokens`) or a path through option objects (`client_args.timeout`). */
export type SettingPath = readonly string[];

export interface GuardrailSetting {
  /** Where the guardrail is written; the first is what a fix writes. */
  paths: readonly SettingPath[];
  /** Keys that must be given too for the guardrail to be sent (Strands sends none without `guardrail_version`). */
  requires?: readonly string[];
  /** The entries a fix adds, at the top level of the arguments (or of the options object of `paths[0]`'s parent). */
  fix: { [key: string]: FixValue };
}

export interface TokenLimitSetting {
  /** Where a limit may be written; any of them counts. The first is what a fix writes. */
  paths: readonly SettingPath[];
  /**
   * The limit the class sends when none is given. A number is a bound and nothing is reported; `undefined` means the
   * request carries no limit, and the model may generate up to its own maximum.
   */
  default?: number;
}

export interface TimeoutSetting {
  paths: readonly SettingPath[];
  /** What the client does with no timeout given: `forever` when the framework passes `None` to the SDK, the SDK's own 10 minutes, or a bound in seconds (not reported). */
  whenAbsent: 'forever' | 'sdk-default' | number;
  /** An explicit `None`/`null`. */
  whenNone: 'forever' | 'sdk-default';
  /** A zero or negative timeout: ChatAnthropic then passes none to the SDK, which uses its default. */
  nonPositive?: 'sdk-default';
  /** The SDK that makes the requests, for messages. */
  sdk: 'OpenAI' | 'Anthropic';
  /**
   * Arguments after which the timeout is out of this call's hands: a client or HTTP stack built elsewhere (judged, or
   * not, where it is built), or a provider path that ignores the timeout.
   */
  skipWhen?: readonly string[];
  /** The value a fix writes at `paths[0]`. */
  fix: FixValue;
}

export interface ModelClass {
  /** As messages name it: `BedrockModel`. */
  label: string;
  framework: string;
  /** Import-resolved names of the class (`strands.models.BedrockModel`) or JavaScript `module.export`. */
  names: readonly string[];
  /** The library source its settings and defaults were read from: repository and file. */
  source: string;
  /**
   * For classes that front several providers: only constructions that pass are judged (CrewAI `LLM("bedrock/…")`, an AI
   * SDK call whose model comes from the Bedrock provider).
   */
  applies?: (call: CallFact, facts: FileFacts, text: string) => boolean;
  guardrail?: GuardrailSetting;
  maxTokens?: TokenLimitSetting;
  timeout?: TimeoutSetting;
  /** Methods that set the same settings on a built model (`model.update_config(max_tokens=…)`). */
  configMethods?: readonly string[];
  /** The argument that names the model, for skipping embedding and image models. */
  modelArgument?: string;
}

/**
 * A constructor that builds one of the model classes itself when given no model, or a model ID: Strands `Agent()`
 * runs on a default `BedrockModel`, CrewAI `Agent(llm="bedrock/…")` builds an `LLM`.
 */
export interface ImpliedModel {
  label: string;
  framework: string;
  names: readonly string[];
  source: string;
  /** The argument that takes the model, by keyword and position. */
  argument: string;
  position?: number;
  /** Whether a missing (or `None`) model means the default class. */
  absentMeansDefault: boolean;
  /** A model ID string given here builds this class with that ID. */
  builds: ModelClass;
  /** Only model ID strings that pass (CrewAI: `bedrock/…`). */
  accepts?: (modelId: string) => boolean;
  /**
   * An attribute through which the object's tools are called directly, without the model (`agent.tool.file_read(…)`):
   * an object used only that way makes no model call and is not judged.
   */
  directToolAccess?: string;
}

/** One model construction in a file, with the settings it was given. */
export interface ModelConstruction {
  call: CallFact;
  cls: ModelClass;
  /** Where findings go. */
  span: Span;
  /** How the message names it: `BedrockModel`, or `Agent` (Strands' default `BedrockModel`). */
  describe: string;
  /**
   * The settings as written (the call's arguments); undefined when the model is built inside the framework from
   * nothing but a model ID, so every setting has the class's default and no fix can add one here.
   */
  settings?: ObjectValue;
  /** The model ID, when it is a known string. */
  modelId?: string;
}

/** What a file constructs among `classes` and `implied`, resolved through its imports. */
export function modelConstructions(facts: FileFacts, text: string, classes: readonly ModelClass[], implied: readonly ImpliedModel[]): ModelConstruction[] {
  const byName = new Map<string, ModelClass>();
  for (const cls of classes) for (const name of cls.names) byName.set(name, cls);
  const impliedByName = new Map<string, ImpliedModel>();
  for (const i of implied) for (const name of i.names) impliedByName.set(name, i);
  const found: ModelConstruction[] = [];
  for (const call of facts.calls) {
    const name = constructedName(call);
    if (!name) continue;
    const cls = byName.get(name);
    if (cls) {
      if (cls.applies && !cls.applies(call, facts, text)) continue;
      const id = cls.modelArgument ? stringOf(call.args.props.get(cls.modelArgument)?.value) : undefined;
      found.push({ call, cls, span: call.nameSpan, describe: `\`${name.split('.').pop()}\``, settings: call.args, modelId: id });
      continue;
    }
    const builder = impliedByName.get(name);
    if (builder && !(builder.directToolAccess && onlyCallsToolsDirectly(call, text, builder.directToolAccess))) {
      const model = impliedModel(call, builder);
      if (model) found.push(model);
    }
  }
  return found;
}

/**
 * The class a call constructs: its import-resolved name, or for LangChain the package and class (`init_chat_model`
 * with a provider counts as the class it builds, and `langchain_anthropic.chat_models.ChatAnthropic` as
 * `langchain_anthropic.ChatAnthropic`).
 */
function constructedName(call: CallFact): string | undefined {
  const lc = langchainCall(call);
  if (lc && !lc.factory) return `${lc.pkg}.${lc.name}`;
  return call.qualifiedName;
}

/**
 * `agent = Agent(tools=[file_read])` used only as `agent.tool.file_read(…)`: no other mention of the name in its scope
 * (the rest of the file for a module-level name, the rest of the enclosing top-level definition for an indented one).
 */
function onlyCallsToolsDirectly(call: CallFact, text: string, attribute: string): boolean {
  const before = text.slice(Math.max(0, call.span.start - 120), call.span.start);
  const binding = /(^|\n)([ \t]*)([A-Za-z_]\w*)\s*=\s*$/.exec(before);
  if (!binding) return false;
  const [, , indent, name] = binding;
  const end = indent ? nextTopLevel(text, call.span.end) : text.length;
  const scope = text.slice(indent ? call.span.start : 0, end);
  const direct = scope.match(new RegExp(`(?<![\\w.])${name}\\s*\\.\\s*${attribute}\\s*\\.`, 'g')) ?? [];
  const other = scope.match(new RegExp(`(?<![\\w.])${name}(?!\\w)(?!\\s*\\.\\s*${attribute}\\s*\\.)`, 'g')) ?? [];
  return direct.length > 0 && other.length === (indent ? 0 : 1); // at module level the scope holds the binding itself
}

/** Where the next top-level statement starts after `from` (a line with no indentation), or the end of the text. */
function nextTopLevel(text: string, from: number): number {
  const match = /\n(?=[^\s#])/g;
  match.lastIndex = from;
  const found = match.exec(text);
  return found ? found.index : text.length;
}

function impliedModel(call: CallFact, builder: ImpliedModel): ModelConstruction | undefined {
  const given = call.args.props.get(builder.argument)?.value ?? (builder.position !== undefined ? call.positional[builder.position] : undefined);
  if (given === undefined && call.args.open) return undefined; // **kwargs may hold the model
  const label = call.callee.split('.').pop() ?? builder.label;
  if (given === undefined || given.kind === 'null') {
    if (!builder.absentMeansDefault) return undefined;
    return { call, cls: builder.builds, span: call.nameSpan, describe: `\`${label}\` (its default \`${builder.builds.label}\`)` };
  }
  const id = stringOf(given);
  if (id === undefined || (builder.accepts && !builder.accepts(id))) return undefined;
  return { call, cls: builder.builds, span: given.span, describe: `\`${label}\` given the model ID \`${id}\``, modelId: id };
}

/** The value of the first of `paths` that is written (possibly unknown), or undefined when none is. */
export function settingAt(settings: ObjectValue | undefined, paths: readonly SettingPath[]): { value: Value; path: SettingPath } | undefined {
  if (!settings) return undefined;
  for (const p of paths) {
    const value = path(settings, ...p);
    if (value !== undefined) return { value, path: p };
  }
  return undefined;
}

/** True when some call in the file sets `key` on a built model through one of `methods` (or passes `**kwargs` to one). */
export function setLater(facts: FileFacts, methods: readonly string[] | undefined, keys: readonly string[]): boolean {
  if (!methods?.length) return false;
  return facts.calls.some((c) => methods.includes(c.name) && c.callee.includes('.') && (c.args.open || keys.some((k) => field(c.args, k) !== undefined)));
}

/** The object a path's last key belongs to, when it is written out: where a fix adds the key. */
export function parentOf(settings: ObjectValue, p: SettingPath): ObjectValue | undefined {
  let current: Value | undefined = settings;
  for (const key of p.slice(0, -1)) {
    current = current?.kind === 'object' ? current.props.get(key)?.value : undefined;
  }
  return current?.kind === 'object' ? current : undefined;
}
