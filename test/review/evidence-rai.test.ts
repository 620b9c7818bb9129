// Responsible AI evidence detectors: what each finds (present), what it does not (absent), the same evidence when its
// parts live in different files (split), and values that cannot be read (unknown), which never count as evidence.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_OPTIONS } from '../../server/src/engine/config';
import { sharedEngine } from './workspace';

/** Evidence of the detectors named (all when none), as `line detector: message`. */
async function evidence(file: string, text: string, ...detectors: string[]): Promise<string[]> {
  const result = (await sharedEngine()).analyze({ path: file, text }, DEFAULT_OPTIONS);
  assert.deepEqual(result.problems, [], `${file} parses`);
  return result.signals!.evidence.filter((e) => detectors.length === 0 || detectors.includes(e.detector)).map((e) => `${e.range.start.line + 1} ${e.detector}: ${e.message}`);
}

describe('bias and explainability evidence', () => {
  const clarify = [
    'from sagemaker import clarify',
    'processor = clarify.SageMakerClarifyProcessor(role=role, instance_count=1, instance_type="ml.m5.xlarge")',
    'bias = clarify.BiasConfig(label_values_or_threshold=[1], facet_name="age")',
    'processor.run_pre_training_bias(data_config, bias, methods="all")',
    'processor.run_post_training_bias(data_config, bias, model_config, predictions)',
    'shap = clarify.SHAPConfig(baseline=[row], num_samples=100, agg_method="mean_abs")',
    'processor.run_explainability(data_config, model_config, shap)',
    '',
  ].join('\n');

  it('finds SageMaker Clarify processing jobs and their configurations', async () => {
    assert.deepEqual(await evidence('clarify.py', clarify, 'bias-evaluation', 'explainability-analysis'), [
      '3 bias-evaluation: SageMaker Clarify bias configuration (`BiasConfig`)',
      '4 bias-evaluation: SageMaker Clarify bias analysis (`run_pre_training_bias`)',
      '5 bias-evaluation: SageMaker Clarify bias analysis (`run_post_training_bias`)',
      '6 explainability-analysis: SageMaker Clarify explainability configuration (`SHAPConfig`)',
      '7 explainability-analysis: SageMaker Clarify explainability analysis (`run_explainability`)',
    ]);
  });

  it('finds a Clarify run whose processor is built in another file, by its keywords', async () => {
    const run = 'from pipeline.setup import processor, data, config\nprocessor.run_bias(data_config=data, bias_config=config, model_config=model)\n';
    assert.deepEqual(await evidence('run.py', run, 'bias-evaluation'), ['2 bias-evaluation: SageMaker Clarify bias analysis (`run_bias`)']);
    assert.deepEqual(await evidence('other.py', 'import tester\ntester.run_bias(x)\n', 'bias-evaluation'), [], 'a `run_bias` of another library');
    assert.deepEqual(await evidence('plain.py', 'import sagemaker\nprocessor = sagemaker.clarify.SageMakerClarifyProcessor(role=r)\n', 'bias-evaluation', 'explainability-analysis'), [], 'a processor that runs nothing');
  });

  it('finds fairlearn, AIF360, shap and LIME once per library', async () => {
    const text = [
      'import shap',
      'from fairlearn.metrics import MetricFrame, demographic_parity_difference',
      'frame = MetricFrame(metrics=accuracy, y_true=y, y_pred=p, sensitive_features=df["sex"])',
      'gap = demographic_parity_difference(y, p, sensitive_features=df["sex"])',
      'explainer = shap.TreeExplainer(model)',
      'values = shap.TreeExplainer(model).shap_values(X)',
      '',
    ].join('\n');
    assert.deepEqual(await evidence('fair.py', text, 'bias-evaluation', 'explainability-analysis'), [
      '3 bias-evaluation: bias metrics with fairlearn (`MetricFrame`)',
      '5 explainability-analysis: explanations with shap (`TreeExplainer`)',
    ]);
  });

  it('finds bias and explainability monitoring in CloudFormation, CDK, the awscc provider, boto3 and the SDK', async () => {
    const cfn = 'Resources:\n  Bias:\n    Type: AWS::SageMaker::ModelBiasJobDefinition\n    Properties: {}\n  Explain:\n    Type: AWS::SageMaker::ModelExplainabilityJobDefinition\n    Properties: {}\n';
    assert.deepEqual(await evidence('monitor.yaml', cfn, 'bias-monitoring', 'explainability-monitoring'), [
      '2 bias-monitoring: SageMaker model-bias job definition `Bias`',
      '5 explainability-monitoring: SageMaker model-explainability job definition `Explain`',
    ]);
    const cdk = "import { aws_sagemaker as sagemaker } from 'aws-cdk-lib';\nnew sagemaker.CfnModelExplainabilityJobDefinition(this, 'Explain', { roleArn: role });\n";
    assert.deepEqual(await evidence('stack.ts', cdk, 'explainability-monitoring'), ['2 explainability-monitoring: SageMaker model-explainability job definition `Explain`']);
    assert.deepEqual(
      await evidence('awscc.tf', 'resource "awscc_sagemaker_model_bias_job_definition" "bias" {\n  role_arn = var.role\n}\n', 'bias-monitoring'),
      ['1 bias-monitoring: SageMaker model-bias job definition `bias`'],
    );
    const boto = 'import boto3\nsm = boto3.client("sagemaker")\nsm.create_model_bias_job_definition(JobDefinitionName="b", ModelBiasAppSpecification=spec, ModelBiasJobInput=i, ModelBiasJobOutputConfig=o, JobResources=r, RoleArn=role)\n';
    assert.deepEqual(await evidence('boto.py', boto, 'bias-monitoring'), ['3 bias-monitoring: model-bias job definition created with `create_model_bias_job_definition`']);
    const sdk = 'from sagemaker.model_monitor import ModelBiasMonitor, ModelExplainabilityMonitor\nbias = ModelBiasMonitor(role=role)\nexplain = ModelExplainabilityMonitor(role=role)\n';
    assert.deepEqual(await evidence('sdk.py', sdk, 'bias-monitoring', 'explainability-monitoring'), [
      '2 bias-monitoring: model-bias monitor (`ModelBiasMonitor`)',
      '3 explainability-monitoring: model-explainability monitor (`ModelExplainabilityMonitor`)',
    ]);
    assert.deepEqual(await evidence('quality.yaml', 'Resources:\n  Q:\n    Type: AWS::SageMaker::DataQualityJobDefinition\n    Properties: {}\n', 'bias-monitoring', 'explainability-monitoring'), []);
  });
});

describe('guardrail evidence', () => {
  const tf = (body: string) => `resource "aws_bedrock_guardrail" "g" {\n  name = "g"\n${body}}\n`;
  const POLICIES = ['bedrock-guardrail-grounding', 'bedrock-guardrail-denied-topics', 'bedrock-guardrail-pii'];

  it('finds grounding, denied topics and PII policies in Terraform', async () => {
    const body =
      '  contextual_grounding_policy_config {\n    filters_config {\n      type = "GROUNDING"\n      threshold = 0.8\n    }\n  }\n' +
      '  topic_policy_config {\n    topics_config {\n      name = "investment"\n      definition = "Investment advice"\n      type = "DENY"\n    }\n  }\n' +
      '  sensitive_information_policy_config {\n    pii_entities_config {\n      type = "EMAIL"\n      action = "ANONYMIZE"\n    }\n  }\n';
    assert.deepEqual(await evidence('g.tf', tf(body), ...POLICIES), [
      '1 bedrock-guardrail-denied-topics: Bedrock guardrail `g` denies topics',
      '1 bedrock-guardrail-grounding: Bedrock guardrail `g` checks contextual grounding',
      '1 bedrock-guardrail-pii: Bedrock guardrail `g` filters personal data',
    ]);
  });

  it('finds none in a guardrail without them, or with them empty, off or only detecting', async () => {
    assert.deepEqual(await evidence('none.tf', tf('  content_policy_config {\n    filters_config {\n      type = "HATE"\n      input_strength = "HIGH"\n      output_strength = "HIGH"\n    }\n  }\n'), ...POLICIES), []);
    const relevanceOnly = '  contextual_grounding_policy_config {\n    filters_config {\n      type = "RELEVANCE"\n      threshold = 0.5\n    }\n  }\n';
    assert.deepEqual(await evidence('relevance.tf', tf(relevanceOnly), ...POLICIES), [], 'relevance is not grounding');
    const off = 'Resources:\n  G:\n    Type: AWS::Bedrock::Guardrail\n    Properties:\n      ContextualGroundingPolicyConfig:\n        FiltersConfig:\n          - Type: GROUNDING\n            Threshold: 0.8\n            Action: NONE\n      SensitiveInformationPolicyConfig:\n        PiiEntitiesConfig: []\n';
    assert.deepEqual(await evidence('off.yaml', off, ...POLICIES), []);
  });

  it('counts no policy that cannot be read', async () => {
    assert.deepEqual(await evidence('dyn.tf', tf('  dynamic "sensitive_information_policy_config" {\n    for_each = var.pii\n    content {}\n  }\n'), ...POLICIES), []);
    const refs = 'Resources:\n  G:\n    Type: AWS::Bedrock::Guardrail\n    Properties:\n      TopicPolicyConfig: !Ref Topics\n      ContextualGroundingPolicyConfig:\n        FiltersConfig: !Ref Filters\n';
    assert.deepEqual(await evidence('refs.yaml', refs, ...POLICIES), []);
  });

  it('finds the policies of a CDK L1 guardrail and of boto3 create_guardrail', async () => {
    const cdk =
      "import { aws_bedrock as bedrock } from 'aws-cdk-lib';\nnew bedrock.CfnGuardrail(this, 'Guard', {\n  name: 'g',\n" +
      "  contextualGroundingPolicyConfig: { filtersConfig: [{ type: 'GROUNDING', threshold: 0.8 }] },\n  topicPolicyConfig: { topicsConfig: [{ name: 't', definition: 'd', type: 'DENY' }] },\n});\n";
    assert.deepEqual(await evidence('stack.ts', cdk, ...POLICIES), [
      '2 bedrock-guardrail-denied-topics: Bedrock guardrail `Guard` denies topics',
      '2 bedrock-guardrail-grounding: Bedrock guardrail `Guard` checks contextual grounding',
    ]);
    const boto =
      'import boto3\nbr = boto3.client("bedrock")\nbr.create_guardrail(name="g", blockedInputMessaging="no", blockedOutputsMessaging="no",\n' +
      '    sensitiveInformationPolicyConfig={"piiEntitiesConfig": [{"type": "EMAIL", "action": "ANONYMIZE"}]},\n    topicPolicyConfig={"topicsConfig": topics})\n';
    assert.deepEqual(await evidence('g.py', boto, ...POLICIES), ['3 bedrock-guardrail-pii: Bedrock guardrail created with `create_guardrail` filters personal data'], 'topics from a variable are not evidence');
  });

  it('finds guardrails attached to calls and agents, and ApplyGuardrail', async () => {
    const py = [
      'import boto3',
      'rt = boto3.client("bedrock-runtime")',
      'rt.converse(modelId=M, messages=m, guardrailConfig={"guardrailIdentifier": G, "guardrailVersion": "1"})',
      'rt.invoke_model(modelId=M, body=b, guardrailIdentifier=G, guardrailVersion="1")',
      'rt.converse(modelId=M, messages=m)',
      'rt.converse(modelId=M, messages=m, guardrailConfig=config)',
      'rt.apply_guardrail(guardrailIdentifier=G, guardrailVersion="1", source="OUTPUT", content=c)',
      '',
    ].join('\n');
    assert.deepEqual(await evidence('chat.py', py, 'bedrock-guardrail-attached'), [
      '3 bedrock-guardrail-attached: `rt.converse` call with a guardrail',
      '4 bedrock-guardrail-attached: `rt.invoke_model` call with a guardrail',
      '7 bedrock-guardrail-attached: text filtered with `apply_guardrail` (ApplyGuardrail)',
    ]);
    const agent = 'resource "aws_bedrockagent_agent" "a" {\n  agent_name = "a"\n  guardrail_configuration {\n    guardrail_identifier = aws_bedrock_guardrail.g.guardrail_id\n    guardrail_version = "1"\n  }\n}\nresource "aws_bedrockagent_agent" "b" {\n  agent_name = "b"\n}\n';
    assert.deepEqual(await evidence('agent.tf', agent, 'bedrock-guardrail-attached'), ['1 bedrock-guardrail-attached: Bedrock agent `a` with a guardrail']);
    const ts = "import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';\nawait client.send(new ConverseCommand({ modelId: M, messages, guardrailConfig: { guardrailIdentifier: G, guardrailVersion: '1' } }));\n";
    assert.deepEqual(await evidence('chat.ts', ts, 'bedrock-guardrail-attached'), ['2 bedrock-guardrail-attached: `ConverseCommand` call with a guardrail']);
    const lc = 'from langchain_aws import ChatBedrockConverse\nguarded = ChatBedrockConverse(model=M, guardrail_config={"guardrailIdentifier": G, "guardrailVersion": "1"})\nplain = ChatBedrockConverse(model=M)\n';
    assert.deepEqual(await evidence('lc.py', lc, 'bedrock-guardrail-attached'), ['2 bedrock-guardrail-attached: `ChatBedrockConverse` call with a guardrail']);
  });
});

describe('evaluation, human review and governance evidence', () => {
  it('finds Bedrock evaluation jobs and fmeval algorithms', async () => {
    const text = [
      'import boto3',
      'from fmeval.eval_algorithms.factual_knowledge import FactualKnowledge, FactualKnowledgeConfig',
      'boto3.client("bedrock").create_evaluation_job(jobName="j", roleArn=r, evaluationConfig=c, inferenceConfig=i, outputDataConfig=o)',
      'algorithm = FactualKnowledge(FactualKnowledgeConfig(target_output_delimiter="<OR>"))',
      '',
    ].join('\n');
    assert.deepEqual(await evidence('eval.py', text, 'model-evaluation'), [
      '3 model-evaluation: Bedrock evaluation job created with `create_evaluation_job`',
      '4 model-evaluation: fmeval evaluation (`FactualKnowledge`)',
    ]);
    assert.deepEqual(await evidence('other.py', 'import jobs\njobs.create_evaluation_job(name="x")\n', 'model-evaluation'), []);
  });

  it('finds Amazon A2I flow definitions and human loops', async () => {
    assert.deepEqual(
      await evidence('a2i.tf', 'resource "aws_sagemaker_flow_definition" "review" {\n  flow_definition_name = "review"\n}\n', 'human-review'),
      ['1 human-review: Amazon A2I human review workflow (flow definition) `review`'],
    );
    const py = [
      'import boto3',
      'boto3.client("sagemaker").create_flow_definition(FlowDefinitionName="f", HumanLoopConfig=h, OutputConfig=o, RoleArn=r)',
      'a2i = boto3.client("sagemaker-a2i-runtime")',
      'a2i.start_human_loop(HumanLoopName=name, FlowDefinitionArn=FLOW_ARN, HumanLoopInput={"InputContent": payload})',
      '',
    ].join('\n');
    assert.deepEqual(await evidence('a2i.py', py, 'human-review'), [
      '2 human-review: Amazon A2I human review workflow created with `create_flow_definition`',
      '4 human-review: Amazon A2I human loop started with `start_human_loop`',
    ]);
    assert.deepEqual(await evidence('loop.py', 'from review import client\nclient.start_human_loop(HumanLoopName=n, FlowDefinitionArn=arn, HumanLoopInput=i)\n', 'human-review'), [
      '2 human-review: Amazon A2I human loop started with `start_human_loop`',
    ], 'a client made in another file, known by the operation\'s keywords');
  });

  it('finds approval gates: packages pending approval and pipeline approval actions, not approved ones', async () => {
    const register = (status: string) => `import sagemaker\nmodel.register(model_package_group_name="credit", content_types=["text/csv"], response_types=["text/csv"], approval_status=${status})\n`;
    assert.deepEqual(await evidence('pending.py', register('"PendingManualApproval"'), 'model-approval-gate', 'model-registry'), [
      '2 model-registry: model registered in a model package group (`register`)',
      '2 model-approval-gate: model package registered as `PendingManualApproval`',
    ]);
    assert.deepEqual(await evidence('approved.py', register('"Approved"'), 'model-approval-gate'), []);
    assert.deepEqual(await evidence('unknown.py', register('status'), 'model-approval-gate'), [], 'a status from a variable');
    const pipeline = (category: string) => `resource "aws_codepipeline" "p" {\n  stage {\n    name = "Approve"\n    action {\n      name = "Review"\n      category = ${category}\n    }\n  }\n}\n`;
    assert.deepEqual(await evidence('pipeline.tf', pipeline('"Approval"'), 'model-approval-gate'), ['6 model-approval-gate: pipeline `p` has a manual approval action']);
    assert.deepEqual(await evidence('build.tf', pipeline('"Build"'), 'model-approval-gate'), []);
    assert.deepEqual(await evidence('var.tf', pipeline('var.category'), 'model-approval-gate'), []);
    const cfn = 'Resources:\n  Group:\n    Type: AWS::SageMaker::ModelPackageGroup\n    Properties:\n      ModelPackageGroupName: credit\n  Package:\n    Type: AWS::SageMaker::ModelPackage\n    Properties:\n      ModelPackageGroupName: !Ref Group\n      ModelApprovalStatus: PendingManualApproval\n';
    assert.deepEqual(await evidence('registry.yaml', cfn, 'model-approval-gate', 'model-registry'), [
      '2 model-registry: SageMaker model package group `Group`',
      '10 model-approval-gate: model package registered as `PendingManualApproval`',
    ]);
  });

  it('finds lineage and experiment tracking', async () => {
    const py = [
      'import boto3',
      'from sagemaker.lineage.artifact import Artifact',
      'from sagemaker.lineage.association import Association',
      'from sagemaker.experiments.run import Run',
      'data = Artifact.create(artifact_name="train", source_uri="s3://b/train", artifact_type="DataSet")',
      'Association.create(source_arn=data.artifact_arn, destination_arn=model_arn, association_type="ContributedTo")',
      'boto3.client("sagemaker").add_association(SourceArn=a, DestinationArn=b, AssociationType="Produced")',
      'with Run(experiment_name="credit", run_name="baseline") as run:',
      '    run.log_metric(name="auc", value=auc)',
      '',
    ].join('\n');
    assert.deepEqual(await evidence('lineage.py', py, 'lineage-tracking', 'experiment-tracking'), [
      '5 lineage-tracking: SageMaker lineage (`Artifact.create`)',
      '6 lineage-tracking: SageMaker lineage (`Association.create`)',
      '7 lineage-tracking: SageMaker lineage entity recorded with `add_association`',
      '8 experiment-tracking: tracked run (`Run`)',
    ]);
    assert.deepEqual(await evidence('graph.py', 'import networkx\ng = networkx.Graph()\ng.add_association(a, b)\n', 'lineage-tracking'), []);
  });
});
