// For rules that judge model calls whose request or output lives partly in other functions and files: the project's
// flow (`engine/flow/`), which part of the work the file's own check does and which the workspace check does, and
// findings placed where the arguments are written.
import { FlowProject, type FlowFile, type OutputFate } from '../../flow/project';
import { instancesOf, type Instance } from '../../flow/instances';
import { flowOf, summaryNodeOf } from '../../flow/summary';
import type { Project, ProjectFile } from '../../project';
import type { CallFact, FileFacts, Fix, ObjectValue, Severity, Span } from '../../types';
import type { CallRead, KeepInputs, RelatedReport, WorkspaceReads, WorkspaceReport } from '../rule';
import { mayCarryRequest } from '../../flow/keep';
import { Slot } from '../../slot';

/** What a rule finds wrong with a call: where, what, the fix, and the object the fix writes into. */
export interface Verdict {
  span: Span;
  message: string;
  severity?: Severity;
  fixes: () => Fix[];
  /** The object the fix adds to (the call's arguments, its request body, …). */
  target?: ObjectValue;
}

/** Judges one call; `subject` is how the message names it (`` `converse` `` or the wrapper that sends it). */
export type Judge = (call: CallFact, subject: string) => Verdict | undefined;

const projects = new WeakMap<Project, { generation: number; flow: FlowProject }>();

/** The flow of the whole project, made once per state of the project. */
export function flowProjectOf(project: Project): FlowProject {
  const known = projects.get(project);
  if (known && known.generation === project.generation) return known.flow;
  const flow = FlowProject.of(project.files.map((f) => ({ path: f.path, facts: f.facts, source: f })));
  projects.set(project, { generation: project.generation, flow });
  return flow;
}

const localFlows = new WeakMap<FileFacts, FlowProject>();

/** The file's flow seen alone, as the file's own check sees it. */
export function localFlow(facts: FileFacts): FlowProject {
  let flow = localFlows.get(facts);
  if (!flow) localFlows.set(facts, (flow = FlowProject.ofFile(facts)));
  return flow;
}

/** Where the output of a model call goes, in `flow` (the project, or the file alone). */
export function outputFate(flow: FlowProject, file: FlowFile, call: CallFact): OutputFate {
  const node = flow.nodeOf(file, call);
  return node === undefined ? 'unfiltered' : flow.outputFate({ file, node });
}

/**
 * Whether the output of a call, made as one of its callers makes it (an instance), reaches an output filter: in the
 * function the call is in, or from that caller on. Each caller is judged on its own: a wrapper one route filters and
 * another does not is reported where the other calls it.
 */
export function instanceFiltered(flow: FlowProject, file: FlowFile, call: CallFact, instance: Instance): boolean {
  const node = flow.nodeOf(file, call);
  if (node === undefined) return false;
  const site = instance.chain[instance.chain.length - 1];
  if (!site) return flow.outputFate({ file, node }) === 'filtered';
  return flow.outputFate({ file, node }, true) === 'filtered' || flow.outputFate(site) === 'filtered';
}

/** Each call's local fate, once per analysis: the file's check and what is kept for the workspace both ask. */
const localFates = new Slot<FileFacts, Map<CallFact, OutputFate>>('local fates');

/** The output fate of a call as the file's own check decides it: `beyond` leaves it to the workspace check. */
export function localFate(facts: FileFacts, call: CallFact): OutputFate {
  let fates = localFates.get(facts);
  if (!fates) localFates.set(facts, (fates = new Map()));
  let fate = fates.get(call);
  if (fate === undefined) fates.set(call, (fate = fateInFile(facts, call)));
  return fate;
}

function fateInFile(facts: FileFacts, call: CallFact): OutputFate {
  const flow = localFlow(facts);
  const file = flow.files[0];
  // The summary knows its calls' nodes (`FlowProject.nodeOf` indexes the file's nodes by span for each project).
  const node = summaryNodeOf(file.flow, call);
  if (node === 'unknown') return outputFate(flow, file, call);
  return node === undefined ? 'unfiltered' : flow.outputFate({ file, node });
}

/**
 * What a rule that judges calls through their callers reads of each file: the calls its workspace check judges (those
 * the file's own check leaves to it and may report, `read`): whole when their callers write their request, one level
 * deep when what is missing is already known and only their output's fate is left; and the calls that may carry a
 * request to them, whole.
 */
export function callerReads(read: (call: CallFact, file: KeepInputs) => CallRead | undefined, remember?: WorkspaceReads['remember']): WorkspaceReads {
  return {
    calls: (call, file) => (mayCarryRequest(call, file) ? 'whole' : read(call, file)),
    resourceProperties: [],
    flow: true,
    ...(remember ? { remember } : {}),
  };
}

/** How a rule judges a call through its callers. */
export interface CallerJudgement {
  /** The call's request (as a caller makes it) still depends on the parameters of the function it is in. */
  depends(call: CallFact): boolean;
  judge: Judge;
  /** Instances not to judge (another kind of model, output filtered). */
  skip?(instance: Instance): boolean;
}

/**
 * Judges a call whose request depends on its callers, as each caller makes it. A finding about something the callers
 * wrote lands at the outermost caller (with the call and the wrappers in between as related places); a finding about
 * the call's own arguments lands at the call once.
 */
export function reportThroughCallers(
  context: { project: Project; flow: FlowProject; report(report: WorkspaceReport): void },
  file: FlowFile,
  call: CallFact,
  { depends, judge, skip }: CallerJudgement,
): void {
  const { flow, report } = context;
  const here = file.source;
  if (!here) return;
  let reportedHere = false;
  const reportedAt = new Set<string>();
  for (const instance of instancesOf(flow, file, call, depends)) {
    if (skip?.(instance)) continue;
    const site = instance.chain[instance.chain.length - 1];
    const siteNode = site && site.file.flow.nodes[site.node];
    const subject = siteNode ? `\`${siteNode.callee}\` (which sends \`${call.name}\`, ${baseName(file.path)} line ${here.lines.range(call.nameSpan).start.line + 1})` : `\`${call.name}\``;
    const verdict = judge(instance.call, subject);
    if (!verdict) continue;
    const atSite = site !== undefined && verdict.target !== undefined && instance.written.has(verdict.target);
    if (!atSite) {
      if (reportedHere) continue;
      reportedHere = true;
      const plain = judge(instance.call, `\`${call.name}\``) ?? verdict;
      report({ file: here, span: plain.span, message: plain.message, severity: plain.severity, fixes: plain.fixes });
      continue;
    }
    const siteFile = site.file.source;
    const key = `${site.file.key}:${siteNode.span.start}`;
    if (!siteFile || reportedAt.has(key)) continue;
    reportedAt.add(key);
    const related: RelatedReport[] = [
      { file: here, span: call.nameSpan, message: `the request is sent here by \`${call.callee}\`` },
      ...instance.chain.slice(0, -1).flatMap((ref): RelatedReport[] => {
        const via = ref.file.source;
        const node = ref.file.flow.nodes[ref.node];
        return via ? [{ file: via, span: node.nameSpan, message: `passed on by \`${node.callee}\`` }] : [];
      }),
    ];
    report({ file: siteFile, span: siteNode.nameSpan, message: verdict.message, severity: verdict.severity, fixes: verdict.fixes, related });
  }
}

function baseName(path: string): string {
  return path.replace(/^.*[\\/]/, '');
}

export type { ProjectFile, FlowFile };
export { flowOf };
