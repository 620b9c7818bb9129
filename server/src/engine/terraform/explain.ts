// Findings about values that are not written where they are used say where they come from: the message names the
// variable's default, the tfvars entry, the local or the module argument, and the finding points at each of those
// places (`related`). Rules know nothing of this: a finding is explained when its span is that of an evaluated value.
import type { LineIndex } from '../text';
import type { FileFacts, Finding, Range, RelatedLocation, ResourceFact, Span, ValueSource } from '../types';
import type { TerraformFacts } from './declarations';
import { spanKey } from './resolve';
import { baseName } from './paths';

/** Where a source is written in another file than the one analysed. */
export type Locate = (source: ValueSource) => { path: string; range: Range } | undefined;

/**
 * Adds to each finding whose span is an evaluated value where that value came from, in its message and its related
 * locations. Its quick fixes go: they would replace the expression, while the value is written elsewhere.
 */
export function explainFindings(findings: readonly Finding[], facts: FileFacts, path: string, lines: LineIndex, locate: Locate = () => undefined): void {
  for (const finding of findings) {
    const from = sourcesAt(facts.resources, finding.span);
    if (!from) continue;
    finding.message = `${finding.message} (${describeSources(from, path)})`;
    const related = from.flatMap((source): RelatedLocation[] => {
      const span = source.path === path && facts.terraform ? declarationSpan(facts.terraform, source) : undefined;
      const place = span ? { path, range: lines.range(span) } : locate(source);
      return place ? [{ ...place, message: describeSource(source, place.path) }] : [];
    });
    if (related.length) finding.related = [...(finding.related ?? []), ...related];
    finding.fixes = [];
  }
}

/** The sources of the outermost evaluated value at exactly `span`, in the resource that holds it. */
export function sourcesAt(resources: readonly ResourceFact[], span: Span): ValueSource[] | undefined {
  const resource = containing(resources, span);
  return resource?.sources?.get(spanKey(span, resource.span.start));
}

/** The resource whose block holds `span`: resources are in file order and do not overlap (a binary search). */
function containing(resources: readonly ResourceFact[], span: Span): ResourceFact | undefined {
  let lo = 0;
  let hi = resources.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (resources[mid].span.start <= span.start) lo = mid;
    else hi = mid - 1;
  }
  const resource = resources[lo];
  return resource && resource.span.start <= span.start && span.end <= resource.span.end ? resource : undefined;
}

export function describeSources(from: readonly ValueSource[], here: string): string {
  return from.map((source) => describeSource(source, here)).join('; ');
}

/** "`var.enable_isolation` defaults to false", "`var.x` is "Enabled" in terraform.tfvars", … */
export function describeSource(source: ValueSource, here: string): string {
  const where = source.path && source.path !== here ? ` in ${baseName(source.path)}` : '';
  switch (source.kind) {
    case 'default':
      return `\`${source.name}\` defaults to ${source.shown}${where}`;
    case 'tfvars':
      return `\`${source.name}\` is ${source.shown} in ${baseName(source.path)}`;
    case 'local':
      return `\`${source.name}\` is ${source.shown}${where}`;
    case 'input': {
      const [, call, ...argument] = source.name.split('.');
      return `\`module.${call}\` is given \`${argument.join('.')} = ${source.shown}\`${where}`;
    }
  }
}

/** Where `source` is written in a file whose declarations are `facts`. */
export function declarationSpan(facts: TerraformFacts, source: ValueSource): Span | undefined {
  const [, name, argument] = source.name.split('.');
  switch (source.kind) {
    case 'default': {
      const variable = facts.variables.find((v) => v.name === name);
      return variable && (variable.defaultSpan ?? variable.nameSpan);
    }
    case 'tfvars':
      return facts.assignments.find((a) => a.name === name)?.valueSpan;
    case 'local':
      return facts.locals.find((l) => l.name === name)?.valueSpan;
    case 'input':
      return facts.modules.find((m) => m.name === name)?.args.find((a) => a.name === argument)?.valueSpan;
  }
}
