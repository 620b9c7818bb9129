// IAM roles and the policies that grant them permissions, as Terraform (aws provider), CloudFormation (and so CDK L1
// and awscc) declare them, and the statements of a policy document. Sources: the IAM JSON policy reference (Effect,
// Action/NotAction, Resource/NotResource, Principal), the Terraform aws provider's aws_iam_role, aws_iam_role_policy,
// aws_iam_role_policy_attachment, aws_iam_policy, aws_iam_policy_attachment and data aws_iam_policy_document
// (website/docs/r/*.html.markdown, website/docs/d/iam_policy_document.html.markdown), and the CloudFormation
// AWS::IAM::Role, AWS::IAM::Policy, AWS::IAM::ManagedPolicy and AWS::IAM::RolePolicy references.
import { field, itemsOf, stringOf } from '../values';
import type { ResourceFact, Span, Value } from '../types';

/** Where a role type keeps its trust policy, inline policies and managed policy ARNs. */
export interface RoleNames {
  type: string;
  trust: string;
  /** Inline policies: a list (or repeated blocks) of objects holding a document under `document`. */
  inline: string;
  inlineDocument: string;
  /** A policy document written directly on the role (not an aws_iam_role argument, but peers read it: see the rule). */
  direct?: string;
  managedArns: string;
}

export const ROLES: readonly RoleNames[] = [
  { type: 'aws_iam_role', trust: 'assume_role_policy', inline: 'inline_policy', inlineDocument: 'policy', direct: 'policy', managedArns: 'managed_policy_arns' },
  { type: 'AWS::IAM::Role', trust: 'AssumeRolePolicyDocument', inline: 'Policies', inlineDocument: 'PolicyDocument', managedArns: 'ManagedPolicyArns' },
];

/** Resources that attach a policy document to roles named under `roles` (a list or one role). */
export interface PolicyAttachmentNames {
  type: string;
  roles: string;
  document?: string;
  /** An ARN of a managed policy, instead of a document. */
  policyArn?: string;
}

export const POLICY_ATTACHMENTS: readonly PolicyAttachmentNames[] = [
  { type: 'aws_iam_role_policy', roles: 'role', document: 'policy' },
  { type: 'aws_iam_role_policy_attachment', roles: 'role', policyArn: 'policy_arn' },
  { type: 'aws_iam_policy_attachment', roles: 'roles', policyArn: 'policy_arn' },
  { type: 'AWS::IAM::Policy', roles: 'Roles', document: 'PolicyDocument' },
  { type: 'AWS::IAM::ManagedPolicy', roles: 'Roles', document: 'PolicyDocument' },
  { type: 'AWS::IAM::RolePolicy', roles: 'RoleName', document: 'PolicyDocument' },
];

/** Customer managed policies, which roles attach by ARN. */
export const MANAGED_POLICIES: readonly { type: string; document: string }[] = [
  { type: 'aws_iam_policy', document: 'policy' },
  { type: 'AWS::IAM::ManagedPolicy', document: 'PolicyDocument' },
];

export const POLICY_DOCUMENT_DATA = 'data.aws_iam_policy_document';

/** AWS managed policies that allow every action on every resource. */
const FULL_ACCESS_POLICIES = ['AdministratorAccess'];

/** The AWS managed policy an ARN names, when it is one that allows everything (`arn:aws:iam::aws:policy/AdministratorAccess`). */
export function fullAccessPolicy(arnText: string): string | undefined {
  const name = /:iam::aws:policy\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)["']?\s*$/.exec(arnText.trim())?.[1];
  return name !== undefined && FULL_ACCESS_POLICIES.includes(name) ? name : undefined;
}

/** A statement of a policy document, with what it allows as far as it can be read. */
export interface Statement {
  allows: boolean;
  /** The actions, when every one is a known string (`Action`, `actions`); undefined for `NotAction` or unknown values. */
  actions?: string[];
  resources?: string[];
  /** Service principals, for trust policies. */
  services: string[];
  /** Where to report the statement's actions. */
  span: Span;
}

/**
 * The statements of a policy document written as an object (CloudFormation, CDK, `jsonencode`) or as a JSON string
 * (a heredoc or quoted JSON); undefined when the document cannot be read.
 */
export function documentStatements(document: Value | undefined): Statement[] | undefined {
  if (!document) return undefined;
  if (document.kind === 'string') return jsonStatements(document.value, document.span);
  if (document.kind !== 'object') return undefined;
  const list = field(document, 'Statement');
  if (!list || list.kind === 'unknown' || (list.kind === 'array' && list.open)) return undefined;
  return itemsOf(list).flatMap((s) => (s.kind === 'object' ? [objectStatement(s)] : []));
}

/** The statements of a `data "aws_iam_policy_document"` block (`statement { effect, actions, resources, principals }`). */
export function dataStatements(resource: ResourceFact): Statement[] {
  return itemsOf(field(resource.props, 'statement')).flatMap((s) => {
    if (s.kind !== 'object') return [];
    const effect = field(s, 'effect');
    const actionsValue = field(s, 'actions');
    return [
      {
        allows: effect === undefined || stringOf(effect) === 'Allow', // the data source's default effect is Allow
        actions: knownStrings(actionsValue),
        resources: field(s, 'not_resources') === undefined ? knownStrings(field(s, 'resources')) : undefined,
        services: itemsOf(field(s, 'principals')).flatMap((p) => (stringOf(field(p, 'type')) === 'Service' ? (knownStrings(field(p, 'identifiers')) ?? []) : [])),
        span: actionsValue?.span ?? s.span,
      },
    ];
  });
}

function objectStatement(s: Value): Statement {
  const action = field(s, 'Action');
  const principal = field(s, 'Principal');
  return {
    allows: stringOf(field(s, 'Effect')) === 'Allow',
    actions: field(s, 'NotAction') === undefined ? knownStrings(action) : undefined,
    resources: field(s, 'NotResource') === undefined ? knownStrings(field(s, 'Resource')) : undefined,
    services: knownStrings(field(principal, 'Service')) ?? [],
    span: action?.span ?? s.span,
  };
}

/** A JSON policy document in a string: its statements, all reported at the string. */
function jsonStatements(text: string, span: Span): Statement[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const statements = (parsed as { Statement?: unknown }).Statement;
  const list = Array.isArray(statements) ? statements : statements && typeof statements === 'object' ? [statements] : [];
  return list.flatMap((s) => {
    if (typeof s !== 'object' || s === null) return [];
    const statement = s as Record<string, unknown>;
    const principal = statement.Principal as Record<string, unknown> | undefined;
    return [
      {
        allows: statement.Effect === 'Allow',
        actions: statement.NotAction === undefined ? plainStrings(statement.Action) : undefined,
        resources: statement.NotResource === undefined ? plainStrings(statement.Resource) : undefined,
        services: (principal && typeof principal === 'object' && plainStrings(principal.Service)) || [],
        span,
      },
    ];
  });
}

/** The strings of a string or list value, when every item is a known string. */
function knownStrings(value: Value | undefined): string[] | undefined {
  if (!value || value.kind === 'unknown' || (value.kind === 'array' && value.open)) return undefined;
  const items = itemsOf(value);
  return items.every((i) => i.kind === 'string') ? items.map((i) => stringOf(i)!) : undefined;
}

function plainStrings(value: unknown): string[] | undefined {
  const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return items.every((i) => typeof i === 'string') ? (items as string[]) : undefined;
}

export const SAGEMAKER_SERVICE_PRINCIPAL = 'sagemaker.amazonaws.com';

/** What a statement grants that is too broad for a SageMaker execution role: every action, or every SageMaker action on everything. */
export function broadGrant(statement: Statement): 'all-actions' | 'all-sagemaker' | undefined {
  if (!statement.allows || !statement.actions) return undefined;
  const actions = statement.actions.map((a) => a.trim().toLowerCase());
  if (actions.some((a) => a === '*' || a === '*:*')) return 'all-actions';
  const everywhere = statement.resources?.some((r) => r.trim() === '*') === true;
  return everywhere && actions.includes('sagemaker:*') ? 'all-sagemaker' : undefined;
}
