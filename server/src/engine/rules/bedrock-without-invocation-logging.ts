import type { Located, ProjectFile } from '../project';
import type { CallFact, FileFacts, ResourceFact, Span } from '../types';
import { deployingRoots, firstRootUse, terraformFolders } from '../terraform/roots';
import { BEDROCK_OPERATION_KEYS, BEDROCK_TRIGGERS, bedrockOperation } from '../apis/bedrock';
import { callsWhere, type Rule, type WorkspaceRuleContext } from './rule';

const LOGGING = 'aws_bedrock_model_invocation_logging_configuration';

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
        'and region, so the check looks across the workspace: when a Terraform root module uses Bedrock (a Bedrock resource ' +
        'of any provider, `aws_bedrock*` or `awscc_bedrock_*`, or a call to a local module that has one) and the workspace ' +
        'defines no `aws_bedrock_model_invocation_logging_configuration`, it reports once, on the first such resource or ' +
        'module call. A reusable module (a folder with no provider configuration or backend that another folder calls, or ' +
        'that is laid out for publishing: `modules/<name>`, `terraform-<provider>-<name>`) is not reported: it cannot own an ' +
        'account-wide setting, its callers do. When no root module has a Bedrock resource, the first Bedrock resource of ' +
        'another IaC language or the first Bedrock SDK call is reported instead. Workspaces without a Terraform root ' +
        'module are not checked: the logging may live in another repository.',
      bad: 'resource "aws_bedrockagent_agent" "support" { ... }   # and no invocation logging anywhere',
      good:
        'resource "aws_bedrock_model_invocation_logging_configuration" "this" {\n  logging_config {\n    text_data_delivery_enabled = true\n' +
        '    cloudwatch_config {\n      log_group_name = aws_cloudwatch_log_group.bedrock.name\n      role_arn       = aws_iam_role.bedrock_logging.arn\n    }\n  }\n}',
    },
  },
  // Which Terraform folders are root modules that deploy, and where they start (the related locations), depends on files
  // that have nothing to do with Bedrock: a scan reads those only when the rule asks (`ProjectFile.unparsed`).
  triggers: BEDROCK_TRIGGERS,
  workspaceReads: {
    calls: callsWhere((call) => bedrockOperation(call) !== undefined),
    firstCallOnly: true,
    callKeys: BEDROCK_OPERATION_KEYS,
    resourceProperties: [],
  },
  checkWorkspace(context: WorkspaceRuleContext) {
    const { project } = context;
    if (project.resources(LOGGING).length > 0) return;
    const folders = terraformFolders(project);
    const roots = deployingRoots(folders);
    if (roots.length === 0) return;
    const usage = firstRootUse(folders, isBedrockResource) ?? firstOtherUsage(project.files);
    if (!usage) return;
    context.report({
      file: usage.file,
      span: usage.item,
      message: `Bedrock is used but no \`${LOGGING}\` is defined in the workspace: model requests and responses are not logged`,
      related: roots.slice(0, 5).flatMap((root) => {
        const first = root.first();
        return first ? [{ file: first.file, span: firstSpan(first.facts), message: 'Terraform root module checked for invocation logging' }] : [];
      }),
    });
  },
};

/** A Bedrock resource of any provider (`aws_bedrock*`, `awscc_bedrock_*`) or CloudFormation type. */
function isBedrockResource(resource: ResourceFact): boolean {
  return /^(aws_bedrock|awscc_bedrock_|AWS::Bedrock::)/.test(resource.resourceType);
}

/** Where a root module's file starts: its first resource or module call, else its beginning. */
function firstSpan(facts: FileFacts): Span {
  return facts.resources[0]?.nameSpan ?? facts.terraform?.modules[0]?.nameSpan ?? { start: 0, end: 0 };
}

/** Without Terraform's own use: the first Bedrock resource in other IaC (where the fix goes), else the first Bedrock call. */
function firstOtherUsage(files: ProjectFile[]): Located<Span> | undefined {
  const sorted = files.filter((f) => f.language !== 'terraform').sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of sorted) {
    const resource = file.facts.resources.find(isBedrockResource);
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
