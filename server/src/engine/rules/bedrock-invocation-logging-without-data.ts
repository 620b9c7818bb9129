import { replaceWith } from '../edits';
import { field, isFalse, isTrue } from '../values';
import { resourcesOf, type Rule, type RuleContext } from './rule';
import { scalarSyntax } from './support/settings';
import { BEDROCK_TRIGGERS } from '../apis/bedrock';

/** Data delivery flags that must all be off for the finding; each defaults to true when left out. */
const DATA_FLAGS = ['text_data_delivery_enabled', 'image_data_delivery_enabled', 'embedding_data_delivery_enabled'];
/** Added to the provider later, also defaulting to true; an explicit `true` means the logs still carry data. */
const VIDEO_FLAG = 'video_data_delivery_enabled';

export const rule: Rule = {
  meta: {
    id: 'bedrock-invocation-logging-without-data',
    title: 'Bedrock model invocation logging that delivers no data',
    practices: ['GENSEC01-BP04', 'GENSEC03-BP01', 'RAIMON01-BP02'],
    severity: 'warning',
    languages: ['terraform'],
    docs: {
      description:
        'Model invocation logging is how you find out afterwards who asked a model what and what it answered: prompt ' +
        'injection attempts, leaked data, abuse. An `aws_bedrock_model_invocation_logging_configuration` with text, image ' +
        'and embedding delivery all set to false exists but records no request or response content. Turn on ' +
        '`text_data_delivery_enabled` (and the other kinds your models handle). CloudFormation has no resource for this ' +
        'account-level setting, so only Terraform is checked.',
      bad:
        'resource "aws_bedrock_model_invocation_logging_configuration" "this" {\n  logging_config {\n    text_data_delivery_enabled = false\n' +
        '    image_data_delivery_enabled = false\n    embedding_data_delivery_enabled = false\n    s3_config { bucket_name = aws_s3_bucket.logs.id }\n  }\n}',
      good:
        'resource "aws_bedrock_model_invocation_logging_configuration" "this" {\n  logging_config {\n    text_data_delivery_enabled = true\n' +
        '    image_data_delivery_enabled = false\n    embedding_data_delivery_enabled = false\n    s3_config { bucket_name = aws_s3_bucket.logs.id }\n  }\n}',
    },
    fix: { title: 'Turn on text data delivery', safety: 'unsafe' },
  },
  triggers: BEDROCK_TRIGGERS,
  check(context: RuleContext) {
    for (const resource of resourcesOf(context.facts, 'aws_bedrock_model_invocation_logging_configuration')) {
      const config = field(resource.props, 'logging_config');
      if (config?.kind !== 'object') continue;
      const flags = DATA_FLAGS.map((key) => field(config, key));
      if (!flags.every((flag) => flag !== undefined && isFalse(flag)) || isTrue(field(config, VIDEO_FLAG))) continue;
      const text = flags[0]!;
      context.report({
        span: text.span,
        message: `model invocation logging \`${resource.name}\` delivers no text, image or embedding data: prompts and responses are not recorded`,
        fixes: [{ title: 'Set `text_data_delivery_enabled` to true', safety: 'unsafe', edits: [replaceWith(text.span, true, scalarSyntax(resource, context))] }],
      });
    }
  },
};
