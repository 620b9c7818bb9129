import { ruleTester } from '../ruleTester';

const tfGuardrail = (body: string) =>
  'resource "aws_bedrock_guardrail" "docs" {\n  name                      = "docs-assistant"\n  blocked_input_messaging   = "Sorry, I can\'t help with that."\n' +
  `  blocked_outputs_messaging = "Sorry, I can't answer that from our documentation."\n${body}}\n`;
const tfGrounding = (filters: string) => `\n  contextual_grounding_policy_config {\n${filters}  }\n`;
const tfFilter = (type: string, threshold: string, extra = '') => `    filters_config {\n      type      = "${type}"\n      threshold = ${threshold}\n${extra}    }\n`;
const TF_STARTER =
  '  contextual_grounding_policy_config {\n    filters_config {\n      type      = "GROUNDING"\n      threshold = 0.75\n    }\n' +
  '    filters_config {\n      type      = "RELEVANCE"\n      threshold = 0.75\n    }\n  }\n';
const tfKnowledgeBase =
  'resource "aws_bedrockagent_knowledge_base" "docs" {\n  name     = "product-docs"\n  role_arn = aws_iam_role.kb.arn\n\n  knowledge_base_configuration {\n' +
  '    type = "VECTOR"\n    vector_knowledge_base_configuration {\n      embedding_model_arn = "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0"\n    }\n  }\n\n' +
  '  storage_configuration {\n    type = "OPENSEARCH_SERVERLESS"\n    opensearch_serverless_configuration {\n      collection_arn    = aws_opensearchserverless_collection.docs.arn\n' +
  '      vector_index_name = "docs"\n      field_mapping {\n        vector_field   = "embedding"\n        text_field     = "text"\n        metadata_field = "metadata"\n      }\n    }\n  }\n}\n\n';
const tfAgent = (name: string) =>
  `resource "aws_bedrockagent_agent" "${name}" {\n  agent_name              = "${name}"\n  agent_resource_role_arn = aws_iam_role.agent.arn\n  foundation_model        = var.model_id\n\n` +
  '  guardrail_configuration {\n    guardrail_identifier = aws_bedrock_guardrail.docs.guardrail_id\n    guardrail_version    = aws_bedrock_guardrail_version.docs.version\n  }\n}\n\n';
const tfAssociation = (agentId: string) =>
  `resource "aws_bedrockagent_agent_knowledge_base_association" "docs" {\n  agent_id             = ${agentId}\n  knowledge_base_id    = var.docs_knowledge_base_id\n` +
  '  description          = "Product documentation"\n  knowledge_base_state = "ENABLED"\n}\n\n';

const cfnGuardrail = (extra: string) =>
  '  Guardrail:\n    Type: AWS::Bedrock::Guardrail\n    Properties:\n      Name: docs-assistant\n' +
  "      BlockedInputMessaging: Sorry, I can't help with that.\n      BlockedOutputsMessaging: Sorry, I can't answer that from our documentation.\n" +
  extra;
const cfnAgent = (knowledgeBases: string) =>
  '  DocsAgent:\n    Type: AWS::Bedrock::Agent\n    Properties:\n      AgentName: docs-agent\n      AgentResourceRoleArn: !GetAtt AgentRole.Arn\n' +
  '      FoundationModel: anthropic.claude-3-haiku-20240307-v1:0\n      GuardrailConfiguration:\n        GuardrailIdentifier: !GetAtt Guardrail.GuardrailId\n' +
  '        GuardrailVersion: !GetAtt GuardrailVersion.Version\n' +
  knowledgeBases;
const cfnKnowledgeBase =
  '  DocsKnowledgeBase:\n    Type: AWS::Bedrock::KnowledgeBase\n    Properties:\n      Name: product-docs\n      RoleArn: !GetAtt KnowledgeBaseRole.Arn\n' +
  '      KnowledgeBaseConfiguration:\n        Type: VECTOR\n        VectorKnowledgeBaseConfiguration:\n' +
  '          EmbeddingModelArn: !Sub "arn:aws:bedrock:${AWS::Region}::foundation-model/amazon.titan-embed-text-v2:0"\n' +
  '      StorageConfiguration:\n        Type: OPENSEARCH_SERVERLESS\n        OpensearchServerlessConfiguration:\n          CollectionArn: !GetAtt DocsCollection.Arn\n' +
  '          VectorIndexName: docs\n          FieldMapping:\n            VectorField: embedding\n            TextField: text\n            MetadataField: metadata\n';
const template = (...resources: string[]) => 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n' + resources.join('');
const CFN_KB_LIST = '      KnowledgeBases:\n        - KnowledgeBaseId: !Ref DocsKnowledgeBase\n          Description: Product documentation\n';
const CFN_STARTER =
  '      ContextualGroundingPolicyConfig:\n        FiltersConfig:\n          - Type: GROUNDING\n            Threshold: 0.75\n          - Type: RELEVANCE\n            Threshold: 0.75\n';

ruleTester('bedrock-guardrail-without-contextual-grounding', {
  valid: [
    { name: 'a guardrail on its own does not serve retrieval', filename: 'guardrail.tf', code: tfGuardrail('') },
    { name: 'used by an agent without a knowledge base', filename: 'main.tf', code: tfKnowledgeBase + tfAgent('billing') + tfGuardrail('') },
    { filename: 'rag.tf', code: tfKnowledgeBase + tfGuardrail(tfGrounding(tfFilter('GROUNDING', '0.8') + tfFilter('RELEVANCE', '0.6'))) },
    { name: 'threshold from a variable', filename: 'rag.tf', code: tfKnowledgeBase + tfGuardrail(tfGrounding(tfFilter('GROUNDING', 'var.grounding_threshold'))) },
    { name: 'dynamic grounding policy', filename: 'rag.tf', code: tfKnowledgeBase + tfGuardrail('\n  dynamic "contextual_grounding_policy_config" {\n    for_each = var.grounding[*]\n    content {}\n  }\n') },
    {
      name: 'association with an agent that cannot be known',
      filename: 'main.tf',
      code: tfAgent('docs') + tfAssociation('var.agent_id') + tfGuardrail(''),
    },
    { filename: 'rag.yaml', code: template(cfnKnowledgeBase, cfnGuardrail(CFN_STARTER)) },
    { name: 'agent without knowledge bases', filename: 'agent.yaml', code: template(cfnAgent(''), cfnGuardrail('')) },
    { name: 'knowledge bases from a condition', filename: 'agent.yaml', code: template(cfnAgent('      KnowledgeBases: !If [WithDocs, [{KnowledgeBaseId: !Ref Kb, Description: docs}], !Ref AWS::NoValue]\n'), cfnGuardrail('')) },
    {
      filename: 'rag.json',
      code:
        '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Kb": {"Type": "AWS::Bedrock::KnowledgeBase", "Properties": {"Name": "kb"}}, ' +
        '"G": {"Type": "AWS::Bedrock::Guardrail", "Properties": {"Name": "g", "ContextualGroundingPolicyConfig": {"FiltersConfig": [{"Type": "GROUNDING", "Threshold": 0.7}]}}}}}\n',
    },
  ],
  invalid: [
    {
      name: 'CDK: the agent using the guardrail (through its variable) has a knowledge base',
      filename: 'stack.ts',
      code:
        'import * as bedrock from "aws-cdk-lib/aws-bedrock";\n' +
        'const guardrail = new bedrock.CfnGuardrail(this, "Docs", { name: "docs", blockedInputMessaging: "No.", blockedOutputsMessaging: "No." });\n' +
        'new bedrock.CfnAgent(this, "Agent", {\n  agentName: "docs",\n  guardrailConfiguration: { guardrailIdentifier: guardrail.attrGuardrailId, guardrailVersion: "DRAFT" },\n' +
        '  knowledgeBases: [{ knowledgeBaseId: kbId, description: "docs", knowledgeBaseState: "ENABLED" }],\n});\n',
      errors: [{ line: 2, message: /GROUNDING|grounding/ }],
    },
    {
      name: 'knowledge base in the same module',
      filename: 'rag.tf',
      code: tfKnowledgeBase + tfGuardrail(''),
      errors: [{ line: 26, column: 34, message: /`docs` serves retrieval but has no contextual grounding check/ }],
      output: tfKnowledgeBase + tfGuardrail(TF_STARTER),
    },
    {
      name: 'agent with an associated knowledge base defined elsewhere',
      filename: 'agent.tf',
      code: tfAgent('docs') + tfAssociation('aws_bedrockagent_agent.docs.agent_id') + tfGuardrail(''),
      errors: [{ line: 19, column: 34 }],
      output: tfAgent('docs') + tfAssociation('aws_bedrockagent_agent.docs.agent_id') + tfGuardrail(TF_STARTER),
    },
    {
      name: 'relevance only',
      filename: 'rag.tf',
      code: tfKnowledgeBase + tfGuardrail(tfGrounding(tfFilter('RELEVANCE', '0.5'))),
      errors: [{ line: 31, column: 3, message: /has no GROUNDING filter/ }],
      output:
        tfKnowledgeBase +
        tfGuardrail(tfGrounding(tfFilter('RELEVANCE', '0.5').trimEnd() + '\n    filters_config {\n      type      = "GROUNDING"\n      threshold = 0.75\n    }\n')),
    },
    {
      name: 'grounding filter turned off',
      filename: 'rag.tf',
      code: tfKnowledgeBase + tfGuardrail(tfGrounding(tfFilter('GROUNDING', '0.8', '      enabled   = false\n'))),
      errors: [{ line: 35, column: 19, message: /turns its grounding check off/ }],
      output: tfKnowledgeBase + tfGuardrail(tfGrounding(tfFilter('GROUNDING', '0.8', '      enabled   = true\n'))),
    },
    {
      name: 'agent with knowledge bases in the template',
      filename: 'agent.yaml',
      code: template(cfnAgent(CFN_KB_LIST), cfnGuardrail('      KmsKeyArn: !GetAtt GuardrailKey.Arn\n')),
      errors: [{ line: 15, column: 3 }],
      output: template(cfnAgent(CFN_KB_LIST), cfnGuardrail('      KmsKeyArn: !GetAtt GuardrailKey.Arn\n' + CFN_STARTER)),
    },
    {
      name: 'relevance only, in YAML',
      filename: 'rag.yaml',
      code: template(cfnKnowledgeBase, cfnGuardrail('      ContextualGroundingPolicyConfig:\n        FiltersConfig:\n          - Type: RELEVANCE\n            Threshold: 0.5\n')),
      errors: [{ line: 27, column: 7 }],
      output: template(
        cfnKnowledgeBase,
        cfnGuardrail('      ContextualGroundingPolicyConfig:\n        FiltersConfig:\n          - Type: RELEVANCE\n            Threshold: 0.5\n          - Type: GROUNDING\n            Threshold: 0.75\n'),
      ),
    },
    {
      name: 'detect-only grounding filter',
      filename: 'rag.yaml',
      code: template(cfnKnowledgeBase, cfnGuardrail('      ContextualGroundingPolicyConfig:\n        FiltersConfig:\n          - Type: GROUNDING\n            Threshold: 0.8\n            Action: NONE\n')),
      errors: [{ line: 31, column: 21, message: /only detects ungrounded answers/ }],
      output: template(cfnKnowledgeBase, cfnGuardrail('      ContextualGroundingPolicyConfig:\n        FiltersConfig:\n          - Type: GROUNDING\n            Threshold: 0.8\n            Action: BLOCK\n')),
    },
    {
      filename: 'agent.json',
      code:
        '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Agent": {"Type": "AWS::Bedrock::Agent", "Properties": {"AgentName": "a", ' +
        '"GuardrailConfiguration": {"GuardrailIdentifier": {"Fn::GetAtt": ["G", "GuardrailId"]}, "GuardrailVersion": "1"}, "KnowledgeBases": [{"KnowledgeBaseId": "KB12345678", "Description": "docs"}]}}, ' +
        '"G": {"Type": "AWS::Bedrock::Guardrail", "Properties": {"Name": "g"}}}}\n',
      errors: [{ line: 1, column: 326 }],
      output:
        '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Agent": {"Type": "AWS::Bedrock::Agent", "Properties": {"AgentName": "a", ' +
        '"GuardrailConfiguration": {"GuardrailIdentifier": {"Fn::GetAtt": ["G", "GuardrailId"]}, "GuardrailVersion": "1"}, "KnowledgeBases": [{"KnowledgeBaseId": "KB12345678", "Description": "docs"}]}}, ' +
        '"G": {"Type": "AWS::Bedrock::Guardrail", "Properties": {"Name": "g", "ContextualGroundingPolicyConfig": {"FiltersConfig": [{"Type": "GROUNDING", "Threshold": 0.75}, {"Type": "RELEVANCE", "Threshold": 0.75}]}}}}}\n',
    },
  ],
});
