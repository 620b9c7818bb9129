// What the Terraform extractor reads so that IAM policies can be judged: `jsonencode({...})` is read as the object it
// encodes (policies are mostly written that way), a heredoc without interpolation as its text (JSON policies written
// inline), and `data "aws_iam_policy_document"` blocks as resources of type `data.aws_iam_policy_document`, whose
// statements a role's `policy = data.aws_iam_policy_document.x.json` refers to by address.
import type { Node } from 'web-tree-sitter';
import type { Span, Value } from '../types';

/** Data sources read as resources, with `data.` before their type and in their address. */
const READ_DATA_SOURCES = new Set(['aws_iam_policy_document']);

export function isReadDataSource(kind: string | undefined, type: string): boolean {
  return kind === 'data' && READ_DATA_SOURCES.has(type);
}

/** The value of a `function_call` node that can be known from its arguments, or undefined. */
export function functionCallValue(node: Node, span: Span, argument: (expr: Node) => Value): Value | undefined {
  const name = node.namedChildren[0];
  if (name?.type !== 'identifier' || name.text !== 'jsonencode') return undefined;
  const args = node.namedChildren.find((c) => c?.type === 'function_arguments')?.namedChildren.filter((c): c is Node => c?.type === 'expression') ?? [];
  if (args.length !== 1) return undefined;
  const value = argument(args[0]);
  // The encoded value stands where the call is written, so a finding or fix on the whole value points at the call.
  return value.kind === 'unknown' ? undefined : { ...value, span };
}

/** The text of a heredoc (`<<EOF … EOF`, `<<-EOT … EOT`) with no interpolation or directive, or undefined. */
export function heredocText(template: Node): string | undefined {
  const parts = template.namedChildren;
  if (parts.some((c) => c?.type !== 'heredoc_start' && c?.type !== 'heredoc_identifier' && c?.type !== 'template_literal')) return undefined;
  return parts
    .filter((c) => c?.type === 'template_literal')
    .map((c) => c!.text)
    .join('');
}
