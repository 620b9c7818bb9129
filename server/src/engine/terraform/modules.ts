// Calls to local modules (`source = "./modules/x"`): the module's files are analysed again as that call's instance,
// their variables set from the caller's arguments. A finding there that a caller's argument causes is reported at
// that argument, where the fix goes, with the module's resource as related information; findings the module's own
// defaults cause are the module's, reported when the module itself is analysed. Registry and git sources are not
// followed: they are not on disk, and nothing is downloaded.
import { applySuppressions, parseSuppressions } from '../suppressions';
import type { LineIndex } from '../text';
import type { FileFacts, Finding, RelatedLocation, Value, ValueSource } from '../types';
import type { TerraformContext } from './context';
import type { ModuleCall, TerraformFacts } from './declarations';
import { declarationSpan, describeSource, describeSources, explainFindings, sourcesAt } from './explain';
import type { Expr } from './expr';
import { folderOf, relativePath } from './paths';
import { isOff } from './resolve';
import { ModuleScope, scopeOptions, type ModuleFile } from './scope';
import { object, readFrom, shown } from './values';

/** Calls followed below a file: deeper modules and more instances are not analysed (each costs a module's analysis). */
const MAX_DEPTH = 4;
const MAX_INSTANCES = 32;

export interface SourceText {
  path: string;
  text: string;
}

/** What following module calls needs of the engine. */
export interface ModuleChecker {
  declarations(file: SourceText): TerraformFacts | undefined;
  /** The file's facts resolved in `context`, and what the file rules report on them (not explained, not suppressed). */
  check(file: SourceText, context: TerraformContext): { facts: FileFacts; findings: Finding[]; lines: LineIndex } | undefined;
}

/** A file that calls modules: its path, declarations, lines, and its module's scope. */
export interface Caller {
  path: string;
  facts: TerraformFacts;
  lines: LineIndex;
  scope: ModuleScope;
}

interface CalledFinding {
  finding: Finding;
  path: string;
  from: readonly ValueSource[];
}

/**
 * The findings module calls show for a file: in the local modules it calls, those its arguments cause (at those
 * arguments); and, when the file belongs to a module, those only the instances its callers create show.
 */
export function moduleCallFindings(file: SourceText, facts: FileFacts, lines: LineIndex, context: TerraformContext, checker: ModuleChecker): Finding[] {
  if (!facts.terraform) return [];
  const out = instanceOnlyFindings(file, facts, context, checker);
  if (facts.terraform.modules.length) {
    const scope = new ModuleScope([{ path: file.path, facts: facts.terraform }, ...context.siblings], scopeOptions(context));
    out.push(...callerFindings({ path: file.path, facts: facts.terraform, lines, scope }, context, checker));
  }
  return out;
}

/** The findings in the modules `caller` calls that its arguments cause, at those arguments. */
function callerFindings(caller: Caller, context: TerraformContext, checker: ModuleChecker): Finding[] {
  const out: Finding[] = [];
  for (const called of calledFindings(caller, context, checker, { depth: 0, chain: [folderOf(caller.path)], instances: MAX_INSTANCES })) {
    const input = called.from.find((s) => s.kind === 'input' && s.path === caller.path);
    const [, callName, argumentName] = input?.name.split('.') ?? [];
    const call = caller.facts.modules.find((m) => m.name === callName);
    const argument = call?.args.find((a) => a.name === argumentName);
    if (!call || !argument) continue;
    const related: RelatedLocation[] = [{ path: called.path, range: called.finding.range, message: `in module \`${call.name}\` (${call.source})` }];
    for (const source of called.from) {
      if (source === input) continue;
      const span = source.path === caller.path ? declarationSpan(caller.facts, source) : undefined;
      const place = span ? { path: caller.path, range: caller.lines.range(span) } : context.locate?.(source);
      if (place) related.push({ ...place, message: describeSource(source, place.path) });
    }
    out.push({
      ...called.finding,
      span: argument.valueSpan,
      range: caller.lines.range(argument.valueSpan),
      message: `${called.finding.message} (${describeSources(called.from, caller.path)})`,
      fixes: [],
      related,
    });
  }
  return out;
}

interface Walk {
  depth: number;
  /** Folders of the calls that led here: a module calling itself is not followed again. */
  chain: string[];
  instances: number;
}

function calledFindings(caller: Caller, context: TerraformContext, checker: ModuleChecker, walk: Walk): CalledFinding[] {
  const out: CalledFinding[] = [];
  for (const call of caller.facts.modules) {
    const folder = localFolder(caller.path, call.source);
    if (!folder || walk.chain.includes(folder)) continue;
    const files = context.moduleFiles?.(folder)?.filter((f) => f.path.endsWith('.tf'));
    if (!files?.length || isCallOff(call, caller) || --walk.instances < 0) continue;
    const { inputs, key } = instanceOf(caller, call);
    const declared: ModuleFile[] = files.flatMap((f) => {
      const facts = checker.declarations(f);
      return facts ? [{ path: f.path, facts }] : [];
    });
    const cause = causedBy(caller, call);
    for (const file of files) {
      // The called module's files are all in `declared`: the caller's module's lookup has no part in it.
      const instance: TerraformContext = { ...context, siblings: declared.filter((d) => d.path !== file.path), lookup: undefined, instance: { inputs, key } };
      const checked = checker.check(file, instance);
      if (!checked) continue;
      // A finding the module's author suppressed in the module stays suppressed for every caller.
      applySuppressions(checked.findings, parseSuppressions(checked.facts.comments, checked.lines));
      for (const finding of checked.findings) {
        const from = sourcesAt(checked.facts.resources, finding.span);
        if (cause(from) && !finding.suppression) out.push({ finding, path: file.path, from: from! });
      }
      const calls = checked.facts.terraform;
      if (calls?.modules.length && walk.depth + 1 < MAX_DEPTH) {
        const scope = new ModuleScope(declared, { inputs, inputsKey: key });
        const below = calledFindings({ path: file.path, facts: calls, lines: checked.lines, scope }, instance, checker, { ...walk, depth: walk.depth + 1, chain: [...walk.chain, folder] });
        out.push(...below.filter((b) => cause(b.from)));
      }
    }
  }
  return out;
}

/**
 * Findings in `file`, a file of a module, that only its instances show: on resources the module's own defaults leave
 * out (`count = 0`) and a caller creates, caused by the module's code rather than the caller's arguments. They are
 * the module's, reported in it; the standalone analysis (`standalone`) cannot see them.
 */
function instanceOnlyFindings(file: SourceText, standalone: FileFacts, context: TerraformContext, checker: ModuleChecker): Finding[] {
  const folder = folderOf(file.path);
  const callers = context.callers?.(folder) ?? [];
  if (callers.length === 0) return [];
  const present = new Set(standalone.resources.map((r) => r.address));
  const out = new Map<string, Finding>();
  let instances = MAX_INSTANCES;
  for (const caller of callers) {
    for (const call of caller.facts.modules) {
      if (localFolder(caller.path, call.source) !== folder || isCallOff(call, caller) || --instances < 0) continue;
      const checked = checker.check(file, { ...context, instance: instanceOf(caller, call) });
      if (!checked) continue;
      applySuppressions(checked.findings, parseSuppressions(checked.facts.comments, checked.lines));
      const cause = causedBy(caller, call);
      for (const finding of checked.findings) {
        const resource = checked.facts.resources.find((r) => r.span.start <= finding.span.start && finding.span.end <= r.span.end);
        const key = `${finding.ruleId} ${finding.span.start} ${finding.span.end}`;
        if (finding.suppression || !resource || present.has(resource.address) || out.has(key) || cause(sourcesAt(checked.facts.resources, finding.span))) continue;
        explainFindings([finding], checked.facts, file.path, checked.lines, context.locate);
        out.set(key, {
          ...finding,
          message: `${finding.message} (created by \`module.${call.name}\` in ${relativePath(folder, caller.path)})`,
          related: [...(finding.related ?? []), { path: caller.path, range: caller.lines.range(call.nameSpan), message: `\`module.${call.name}\` creates \`${resource.address}\`` }],
        });
      }
    }
  }
  return [...out.values()];
}

/** A call's instance: its arguments evaluated in the caller's module, and what tells it from other instances. */
function instanceOf(caller: Caller, call: ModuleCall): { inputs: Map<string, Value>; key: string } {
  const inputs = new Map(call.args.map((arg) => [arg.name, input(caller, call, arg.name, arg.value, arg.valueSpan)]));
  const key = JSON.stringify([caller.path, call.name, caller.scope.key, [...inputs].map(([name, value]) => [name, value.kind, value.from])]);
  return { inputs, key };
}

/** True for sources that include an argument of `call` in `caller`. */
function causedBy(caller: Caller, call: ModuleCall): (from: readonly ValueSource[] | undefined) => boolean {
  return (from) => from?.some((s) => s.kind === 'input' && s.path === caller.path && s.name.startsWith(`module.${call.name}.`)) ?? false;
}

/** A call's argument, evaluated in the caller's module, with where it was written as its first source. */
function input(caller: Caller, call: ModuleCall, name: string, value: Expr, at: { start: number; end: number }) {
  const evaluated = caller.scope.evaluate(value, at);
  return readFrom(evaluated, { kind: 'input', name: `module.${call.name}.${name}`, path: caller.path, shown: shown(evaluated) });
}

/** `count = 0` or an empty `for_each` on the call: the module has no instance. */
function isCallOff(call: ModuleCall, caller: Caller): boolean {
  const at = call.nameSpan;
  const props: [string, ReturnType<ModuleScope['evaluate']>][] = [];
  if (call.count) props.push(['count', caller.scope.evaluate(call.count, at)]);
  if (call.forEach) props.push(['for_each', caller.scope.evaluate(call.forEach, at)]);
  const value = object(props, at);
  return value.kind === 'object' && isOff(value);
}

/** The folder of a local module source (`./x`, `../x`) called from the file `callerPath`; undefined for other sources. */
export function localFolder(callerPath: string, source: string | undefined): string | undefined {
  return moduleFolder(folderOf(callerPath), source);
}

/** The folder of a local module source (`./x`, `../x`) written in `folder`, or undefined for a registry, git or other source. */
export function moduleFolder(folder: string, source: string | undefined): string | undefined {
  if (!source || !/^\.\.?(\/|\\|$)/.test(source)) return undefined;
  const key = `${folder}\0${source}`;
  if (!folders.has(key)) {
    if (folders.size >= 1024) folders.clear();
    folders.set(key, resolveFolder(folder, source));
  }
  return folders.get(key);
}

/** Module folders by the folder and source they are written with: asked for on every edit of a file that calls modules. */
const folders = new Map<string, string | undefined>();

function resolveFolder(folder: string, source: string): string | undefined {
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  const parts = folder.split(separator);
  for (const part of source.split(/[\\/]/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length <= 1) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join(separator) || separator;
}
