import { addProperty, replaceWith } from '../edits';
import { field } from '../values';
import { Block, type FixValue } from '../types';
import { propertyName, resourcesOf, type Rule, type RuleContext } from './rule';
import { isEmptyString, KMS_KEY_PLACEHOLDER, scalarSyntax } from './support/settings';
import { PLACEHOLDER } from '../placeholders';

const TARGETS: { type: string; config: string; key: string; value: FixValue }[] = [
  {
    type: 'aws_bedrockagent_data_source',
    config: 'server_side_encryption_configuration',
    key: 'kms_key_arn',
    value: new Block({ kms_key_arn: KMS_KEY_PLACEHOLDER }),
  },
  { type: 'AWS::Bedrock::DataSource', config: 'ServerSideEncryptionConfiguration', key: 'KmsKeyArn', value: { KmsKeyArn: KMS_KEY_PLACEHOLDER } },
];

export const rule: Rule = {
  meta: {
    id: 'bedrock-knowledge-base-data-source-without-kms-key',
    title: 'Bedrock knowledge base data source without a customer managed key',
    practices: ['RAISP02-BP02'],
    severity: 'note',
    languages: ['terraform', 'cloudformation', 'typescript', 'javascript', 'python'],
    docs: {
      description:
        'While a knowledge base ingests a data source, Bedrock keeps the documents\' transient data (parsed text, chunks, ' +
        'embeddings on their way to the vector store). Without a server-side encryption configuration that data is ' +
        'encrypted with an AWS owned key you cannot restrict, audit, or revoke, although it is often your most sensitive ' +
        'content. Set `server_side_encryption_configuration { kms_key_arn = ... }` (Terraform) or ' +
        '`ServerSideEncryptionConfiguration.KmsKeyArn` (CloudFormation). The knowledge base resource itself has no ' +
        'encryption setting; its vector store is encrypted where it lives.',
      bad: 'resource "aws_bedrockagent_data_source" "docs" {\n  knowledge_base_id = aws_bedrockagent_knowledge_base.kb.id\n  name = "docs"\n  data_source_configuration { ... }\n}',
      good:
        'resource "aws_bedrockagent_data_source" "docs" {\n  knowledge_base_id = aws_bedrockagent_knowledge_base.kb.id\n  name = "docs"\n  data_source_configuration { ... }\n' +
        '  server_side_encryption_configuration {\n    kms_key_arn = aws_kms_key.kb.arn\n  }\n}',
    },
    fix: { title: 'Add a server-side encryption configuration with a placeholder key ARN', safety: 'unsafe', placeholders: [PLACEHOLDER.kmsKeyArn] },
  },
  check(context: RuleContext) {
    for (const { type, config, key, value } of TARGETS) {
      for (const resource of resourcesOf(context.facts, type)) {
        const encryption = field(resource.props, config);
        const message = `knowledge base data source \`${resource.name}\` has no customer managed key: its ingestion data is not encrypted with a key you control`;
        const title = `Set a KMS key for \`${propertyName(resource, config)}\` (fill in the key ARN)`;
        if (encryption === undefined) {
          const edit = addProperty(resource.props, config, value);
          context.report({ span: resource.nameSpan, message, fixes: edit ? [{ title, safety: 'unsafe', edits: [edit] }] : [] });
          continue;
        }
        if (encryption.kind !== 'object') continue;
        const arn = field(encryption, key);
        if (arn === undefined) {
          const edit = addProperty(encryption, key, KMS_KEY_PLACEHOLDER);
          const span = resource.props.props.get(config)!.keySpan;
          context.report({ span, message, fixes: edit ? [{ title, safety: 'unsafe', edits: [edit] }] : [] });
        } else if (arn.kind === 'null' || isEmptyString(arn)) {
          context.report({ span: arn.span, message, fixes: [{ title, safety: 'unsafe', edits: [replaceWith(arn.span, KMS_KEY_PLACEHOLDER, scalarSyntax(resource, context))] }] });
        }
      }
    }
  },
};
