// The placeholders AI Lens's quick fixes write for values only the user knows (a key ARN, a guardrail ID, a bucket).
// One place: the fixes write them, `placeholder-not-filled-in` reports every one still in the code, and evidence
// detectors never count a setting that holds one. A placeholder is never compliance.
import type { Span, Value } from './types';

export const PLACEHOLDER = {
  guardrailId: '<guardrail-id>',
  /** A guardrail imported by its ARN (CDK constructs' `Guardrail.fromGuardrailAttributes`). */
  guardrailArn: '<guardrail-arn>',
  kmsKeyArn: '<kms-key-arn>',
  subnetId: '<subnet-id>',
  securityGroupId: '<security-group-id>',
  /** An image tag (`…/pytorch-training:<version>`). */
  imageVersion: '<version>',
  modelVersion: '<model-version>',
  commitSha: '<commit-sha>',
  /** The data capture destination; its `<bucket>` part marks it. */
  captureS3Uri: 's3://<bucket>/data-capture',
} as const;

/** The token by which the data capture URI is recognised and named, whatever its path. */
export const CAPTURE_BUCKET_TOKEN = '<bucket>';

/**
 * How each placeholder is recognised in a value: as the whole value, as fixes write most of them; an image URI ending in
 * the `:<version>` tag; an S3 URI in the `<bucket>` bucket, whatever its path. Text that merely mentions one (a usage
 * string, a docstring) is not a setting left unfilled.
 */
const SHAPES: readonly { token: string; test: (text: string) => boolean }[] = [
  ...[PLACEHOLDER.guardrailId, PLACEHOLDER.guardrailArn, PLACEHOLDER.kmsKeyArn, PLACEHOLDER.subnetId, PLACEHOLDER.securityGroupId, PLACEHOLDER.modelVersion, PLACEHOLDER.commitSha, PLACEHOLDER.imageVersion].map(
    (token) => ({ token, test: (text: string) => text === token }),
  ),
  { token: PLACEHOLDER.imageVersion, test: (text) => /^\S+:<version>$/.test(text) },
  { token: CAPTURE_BUCKET_TOKEN, test: (text) => text.startsWith(`s3://${CAPTURE_BUCKET_TOKEN}`) },
];

/** The placeholder a string still holds, if any: by its `<…>` token (`<bucket>` for the capture URI). */
export function placeholderIn(text: string): string | undefined {
  if (!text.includes('<')) return undefined;
  const trimmed = text.trim();
  return SHAPES.find((shape) => shape.test(trimmed))?.token;
}

/** True when a string anywhere under `value` still holds a placeholder: such a setting is not filled in. */
export function holdsPlaceholder(value: Value | undefined): boolean {
  return placeholderStrings(value).length > 0;
}

export interface PlaceholderString {
  /** The string (or the string expression) that holds it, and its place. */
  value: Value;
  span: Span;
  token: string;
  /** The key of the setting that holds it (the nearest one above it), when there is one. */
  key?: string;
}

/**
 * Every string under `value` that holds a placeholder. `source`, given the file's text, also reads strings built with
 * interpolation (`f"{registry}/train:<version>"`, `` `s3://<bucket>/${name}` ``), which are unknown values: the parts
 * written out are enough to recognise a placeholder. A value shared by several settings (a constant used many times)
 * is read once: its strings are the same strings.
 */
export function placeholderStrings(value: Value | undefined, source?: string, key?: string, out: PlaceholderString[] = [], seen = new Set<Value>()): PlaceholderString[] {
  if (!value) return out;
  if (seen.has(value)) return out;
  seen.add(value);
  if (value.kind === 'string' || (value.kind === 'unknown' && source !== undefined)) {
    const text = value.kind === 'string' ? value.value : mayBeInterpolated(source!, value.span) ? interpolatedText(source!.slice(value.span.start, value.span.end)) : undefined;
    const token = text === undefined ? undefined : placeholderIn(text);
    if (token) out.push({ value, span: value.span, token, key });
  } else if (value.kind === 'object') {
    for (const p of value.props.values()) placeholderStrings(p.value, source, p.key, out, seen);
  } else if (value.kind === 'array') {
    for (const item of value.items) placeholderStrings(item, source, key, out, seen);
  }
  return out;
}

/** The characters an f-string (`f"…"`, `rf"…"`, `bf"…"`) or a template literal starts with. */
const INTERPOLATED_FIRST = new Set('rRbBuUfF`');

/** False for an expression that cannot be an f-string or template literal, told by its first character. */
function mayBeInterpolated(source: string, span: Span): boolean {
  return INTERPOLATED_FIRST.has(source.charAt(span.start));
}

/** The text of an f-string or template literal with each interpolation as `x`; undefined for any other expression. */
function interpolatedText(expression: string): string | undefined {
  const literal = /^(?:[rRbBuU]?[fF][rRbB]?(["']{1,3})([^]*)\1|`([^]*)`)$/.exec(expression);
  if (!literal) return undefined;
  return (literal[2] ?? literal[3]).replace(/\$?\{[^{}]*\}/g, 'x');
}
