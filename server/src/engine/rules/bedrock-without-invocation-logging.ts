import type { Located, ProjectFile } from '../project';
import type { CallFact, FileFacts, Span } from '../types';
import { BEDROCK_TRIGGERS, bedrockOperation } from '../apis/bedrock';
import type { Rule, WorkspaceRuleContext } from './rule';

const LOGGING = 'aws_bedrock_model_invocation_logging_configuration';
/**
 * A Terraform `resource` block: whether the workspace has Terraform resources (and which files, its related locations)
 * is part of what the rule reads, so such a file is read even when it has nothing to do with Bedrock.
 */
const TERRAFORM_RESOURCE_BLOCK = /^[ \t]*resource[ \t]*"/m;

export const rule: Rule = {
  meta: {
    id: 'bedrock-without-invocation-logging',
    title: 'Bedrock used but model invocation logging not configured',
    practices: ['GENSEC01-BP04', 'GENOPS02-BP01', 'GENSEC03-BP01', 'RAIMON01-BP02'],
    severity: 'warning',
    languages: ['terraform', 'cloudformation', 'python', 'typescript', 'javascript'],
    docs: {
      description:
        'Model invocation logging records every Bedrock request and response (to CloudWatch Logs or S3). Without it there ' +
        'is no trail to investigate misuse, prompt attacks or a harmful answer after the fact. It is one setting per account ' +
        'and region, so the check looks across the workspace: when the workspace manages its infrastructure with Terraform ' +
        'and uses Bedrock (SDK calls or Bedrock resources) but defines no `aws_bedrock_model_invocation_logging_configuration`, ' +
        'it reports once, on the first Bedrock resource (Terraform first) or call. Workspaces without Terraform are not checked: the logging ' +
        'may live in another repository.',
      bad: 'resource "aws_bedrockagent_agent" "support" { ... }   # and no invocation logging anywhere',
      good:
        'resource "aws_bedrock_model_invocation_logging_configuration" "this" {\n  logging_config {\n    text_data_delivery_enabled = true\n' +
        '    cloudwatch_config {\n      log_group_name = aws_cloudwatch_log_group.bedrock.name\n      role_arn       = aws_iam_role.bedrock_logging.arn\n    }\n  }\n}',
    },
  },
  triggers: [...BEDROCK_TRIGGERS, TERRAFORM_RESOURCE_BLOCK],
  workspaceReads: {
    calls: (facts) => {
      const first = firstBedrockCall(facts);
      return first ? [first] : [];
    },
    resourceProperties: [],
  },
  checkWorkspace(context: WorkspaceRuleContext) {
    const { project } = context;
    const terraformFiles = project.files.filter((f) => f.language === 'terraform' && f.facts.resources.length > 0);
    if (terraformFiles.length === 0 || project.resources(LOGGING).length > 0) return;
    const usage = firstBedrockUsage(project.files);
    if (!usage) return;
    context.report({
      file: usage.file,
      span: usage.item,
      message: `Bedrock is used but no \`${LOGGING}\` is defined in the workspace: model requests and responses are not logged`,
      related: terraformFiles.slice(0, 5).map((file) => ({ file, span: file.facts.resources[0].nameSpan, message: 'Terraform checked for invocation logging' })),
    });
  },
};

/** The first Bedrock resource in Terraform (where the fix goes), else in other IaC, else the first Bedrock call. */
function firstBedrockUsage(files: ProjectFile[]): Located<Span> | undefined {
  const sorted = [...files].sort((a, b) => Number(b.language === 'terraform') - Number(a.language === 'terraform') || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of sorted) {
    const resource = file.facts.resources.find((r) => /^(aws_bedrock|AWS::Bedrock::)/.test(r.resourceType));
    if (resource) return { file, item: resource.nameSpan };
  }
  for (const file of sorted) {
    const call = firstBedrockCall(file.facts);
    if (call) return { file, item: call.nameSpan };
  }
  return undefined;
}

function firstBedrockCall(facts: FileFacts): CallFact | undefined {
  return facts.calls.find((c) => bedrockOperation(c) !== undefined);
}
