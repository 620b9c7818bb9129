// Where a finding's resource comes from, when the file does not show it as written: a higher-level CDK construct
// that synthesizes it with its defaults, or the construct path of a resource in a synthesized template. The note is
// added to the finding's message, so that it says where the values it judges came from.
import type { ResourceFact, Span } from './types';

/** The note for a finding at `span`, from the innermost synthesized resource around it. */
export function originNote(resources: readonly ResourceFact[], span: Span): string | undefined {
  let found: ResourceFact | undefined;
  for (const r of resources) {
    if (!isSynthesized(r)) continue;
    if (r.span.start <= span.start && span.end <= r.span.end && (!found || r.span.end - r.span.start < found.span.end - found.span.start)) found = r;
  }
  if (!found) return undefined;
  if (found.cdkPath) return `construct \`${found.cdkPath}\``;
  const { className, library, source } = found.construct!;
  const file = source.split(' ')[0].replace(/\/$/, '').split('/').pop();
  return `synthesized by \`${className}\`, whose defaults are read from ${library.split('/')[1]} ${file}`;
}

/** A resource a construct synthesizes, or one of a synthesized template: the only ones `originNote` names. */
export function isSynthesized(resource: ResourceFact): boolean {
  return !!(resource.construct || resource.cdkPath);
}

/** `message (note)`. */
export function withOrigin(message: string, note: string | undefined): string {
  return note ? `${message} (${note})` : message;
}
