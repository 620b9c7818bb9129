import {
  broadGrant,
  dataStatements,
  documentStatements,
  fullAccessPolicy,
  MANAGED_POLICIES,
  POLICY_ATTACHMENTS,
  POLICY_DOCUMENT_DATA,
  ROLES,
  SAGEMAKER_SERVICE_PRINCIPAL,
  type RoleNames,
  type Statement,
} from '../apis/iam';
import { field, itemsOf, stringOf } from '../values';
import type { FileFacts, ResourceFact, Severity, Span, Value } from '../types';
import { refsIn, resourcesOf, type Rule, type RuleContext } from './rule';
import { refersTo } from './support/references';
import { SAGEMAKER_TRIGGERS } from '../apis/sagemaker';

export const rule: Rule = {
  meta: {
    id: 'sagemaker-execution-role-overly-permissive',
    title: 'SageMaker execution role allowed every action',
    practices: ['MLSEC03-BP01', 'MLSEC04-BP01', 'RAISP02-BP04'],
    severity: 'warning',
    languages: ['terraform', 'cloudformation', 'typescript', 'javascript'],
    docs: {
      description:
        'A SageMaker execution role is what notebooks, training jobs, models and pipelines act as. When a policy on it ' +
        'allows every action (`"Action": "*"`), or every SageMaker action on every resource (`sagemaker:*` on `*`), or ' +
        'the role carries the AWS managed `AdministratorAccess` policy, any code running there (a notebook cell, a ' +
        'training script, a compromised dependency) can do anything the account can. Grant the actions and resources the ' +
        'workload needs. A role counts as a SageMaker execution role when its trust policy names ' +
        '`sagemaker.amazonaws.com`, or when a SageMaker resource in the same file uses it; its policies are read from its ' +
        'inline policies, `aws_iam_role_policy`/`AWS::IAM::Policy`/`AWS::IAM::RolePolicy` resources, attached customer ' +
        'managed policies and `aws_iam_policy_document` data sources in that file. A trust policy that allows every action ' +
        'to its principals is reported too (as a note): a trust policy should allow only `sts:AssumeRole`. Statements with ' +
        '`NotAction` or values that cannot be read are not judged. Terraform\'s `aws_iam_role` has no `policy` argument, ' +
        'but one written there is read as an inline policy, as Checkov does.',
      bad:
        'resource "aws_iam_role" "sagemaker" {\n  assume_role_policy = data.aws_iam_policy_document.sagemaker_trust.json\n}\n' +
        'resource "aws_iam_role_policy" "sagemaker" {\n  role   = aws_iam_role.sagemaker.id\n' +
        '  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]\n  })\n}',
      good:
        'resource "aws_iam_role_policy" "sagemaker" {\n  role   = aws_iam_role.sagemaker.id\n  policy = jsonencode({\n    Version   = "2012-10-17"\n' +
        '    Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], Resource = "${aws_s3_bucket.training.arn}/*" }]\n  })\n}',
      severity:
        'A warning for a role whose policies allow every action, every SageMaker action on every resource, or that carries ' +
        '`AdministratorAccess`: code running as the role can do anything the account can. A note for a trust policy that ' +
        'allows every action to its principals: it grants the role no permissions, but should allow only `sts:AssumeRole`.',
    },
  },
  triggers: SAGEMAKER_TRIGGERS,
  check(context: RuleContext) {
    const roles = ROLES.flatMap((names) => resourcesOf(context.facts, names.type).map((role) => ({ role, names })));
    if (roles.length === 0) return;
    const reports = new Map<number, { span: Span; message: (roles: string) => string; severity?: Severity; roles: string[] }>();
    const add = (span: Span, role: ResourceFact, message: (roles: string) => string, severity?: Severity) => {
      const known = reports.get(span.start);
      if (known) known.roles.includes(role.name) || known.roles.push(role.name);
      else reports.set(span.start, { span, message, severity, roles: [role.name] });
    };
    const users = context.facts.resources.filter((r) => /^(aws_sagemaker_|AWS::SageMaker::)/.test(r.resourceType)).map((u) => ({ name: u.name, refs: unknownsIn(u.props) }));
    for (const { role, names } of roles) {
      const trust = statementsOf(field(role.props, names.trust), context);
      const usedBy = users.filter((u) => u.refs.some((v) => refersTo(v, role, context))).map((u) => u.name);
      if (!trust?.some((s) => s.services.includes(SAGEMAKER_SERVICE_PRINCIPAL)) && usedBy.length === 0) continue;
      const why = usedBy.length > 0 ? ` (used by ${usedBy.map((n) => `\`${n}\``).join(', ')})` : '';
      for (const statement of trust ?? []) {
        if (statement.allows && statement.actions?.some((a) => a.trim() === '*')) {
          add(statement.span, role, (r) => `the trust policy of SageMaker execution role ${r}${why} allows every action (\`*\`) to its principals: allow only \`sts:AssumeRole\``, 'note');
        }
      }
      for (const { statements, source, span } of grantsOf(role, names, context)) {
        if (!statements) {
          add(span, role, (r) => `SageMaker execution role ${r}${why} has ${source} attached: every action on every resource`);
          continue;
        }
        for (const statement of statements) {
          const grant = broadGrant(statement);
          if (grant === 'all-actions') add(statement.span, role, (r) => `SageMaker execution role ${r}${why} is allowed every action (\`*\`)${on(statement)} by ${source}`);
          else if (grant === 'all-sagemaker') add(statement.span, role, (r) => `SageMaker execution role ${r}${why} is allowed every SageMaker action (\`sagemaker:*\`) on every resource by ${source}`);
        }
      }
    }
    for (const { span, message, severity, roles: names } of reports.values()) {
      context.report({ span, message: message(names.map((n) => `\`${n}\``).join(', ')), severity });
    }
  },
};

function on(statement: Statement): string {
  if (!statement.resources) return '';
  return statement.resources.includes('*') ? ' on every resource' : ` on ${statement.resources.map((r) => `\`${r}\``).join(', ')}`;
}

/** A policy that applies to a role: its statements (undefined for an AWS managed policy that allows everything). */
interface Grant {
  statements?: Statement[];
  source: string;
  span: Span;
}

function grantsOf(role: ResourceFact, names: RoleNames, context: RuleContext): Grant[] {
  const grants: Grant[] = [];
  const document = (value: Value | undefined, source: string) => {
    const statements = statementsOf(value, context);
    if (statements && value) grants.push({ statements, source, span: value.span });
  };
  for (const inline of itemsOf(field(role.props, names.inline))) {
    const name = stringOf(field(inline, 'name')) ?? stringOf(field(inline, 'PolicyName'));
    document(field(inline, names.inlineDocument), name ? `its inline policy \`${name}\`` : 'an inline policy');
  }
  if (names.direct) document(field(role.props, names.direct), `the \`${names.direct}\` written on it`);
  for (const arn of itemsOf(field(role.props, names.managedArns))) grants.push(...managedPolicy(arn, context));
  for (const attachment of POLICY_ATTACHMENTS) {
    for (const resource of resourcesOf(context.facts, attachment.type)) {
      if (!itemsOf(field(resource.props, attachment.roles)).some((v) => namesRole(v, role, context))) continue;
      if (attachment.document) document(field(resource.props, attachment.document), `policy \`${resource.name}\``);
      if (attachment.policyArn) grants.push(...managedPolicy(field(resource.props, attachment.policyArn), context));
    }
  }
  return grants;
}

/** An attached managed policy: an AWS managed one that allows everything, or a customer managed one in the file. */
function managedPolicy(arn: Value | undefined, context: RuleContext): Grant[] {
  if (!arn) return [];
  const text = arn.kind === 'string' ? arn.value : arn.kind === 'unknown' ? context.text.slice(arn.span.start, arn.span.end) : '';
  const aws = fullAccessPolicy(text);
  if (aws) return [{ source: `the AWS managed policy \`${aws}\``, span: arn.span }];
  for (const { type, document } of MANAGED_POLICIES) {
    const policy = resourcesOf(context.facts, type).find((p) => refersTo(arn, p, context));
    const value = policy && field(policy.props, document);
    const statements = statementsOf(value, context);
    if (policy && statements) return [{ statements, source: `managed policy \`${policy.name}\``, span: value!.span }];
  }
  return [];
}

/** The statements of a policy document, or of the `aws_iam_policy_document` data source it refers to. */
function statementsOf(value: Value | undefined, context: RuleContext): Statement[] | undefined {
  if (value?.kind !== 'unknown') return documentStatements(value);
  const data = resourcesOf(context.facts, POLICY_DOCUMENT_DATA).find((d) => refersTo(value, d, context));
  return data && dataStatements(data);
}

/** True when `value` names the role: a reference to it, or its literal name. */
function namesRole(value: Value, role: ResourceFact, context: RuleContext): boolean {
  if (value.kind === 'string') return value.value === (stringOf(field(role.props, 'name')) ?? stringOf(field(role.props, 'RoleName')));
  return refersTo(value, role, context);
}

/** The unknown values under `value` (those that may refer to a resource), found once for every role asked about. */
function unknownsIn(value: Value | undefined, out: Value[] = []): Value[] {
  if (value?.kind === 'unknown') out.push(value);
  else if (value?.kind === 'object') for (const p of value.props.values()) unknownsIn(p.value, out);
  else if (value?.kind === 'array') for (const item of value.items) unknownsIn(item, out);
  return out;
}

/**
 * For the review: the roles the rule judges, as far as the facts alone show them (a trust policy written in the role
 * that names SageMaker, or a SageMaker resource whose values refer to the role's address).
 */
export function sagemakerExecutionRoles(facts: FileFacts): ResourceFact[] {
  const referred = new Set(facts.resources.filter((r) => /^(aws_sagemaker_|AWS::SageMaker::)/.test(r.resourceType)).flatMap((r) => [...refsIn(r.props)]));
  return ROLES.flatMap((names) =>
    resourcesOf(facts, names.type).filter(
      (role) => (role.address !== undefined && referred.has(role.address)) || documentStatements(field(role.props, names.trust))?.some((s) => s.services.includes(SAGEMAKER_SERVICE_PRINCIPAL)),
    ),
  );
}
