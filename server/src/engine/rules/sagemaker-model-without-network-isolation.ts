import { isFalse } from '../values';
import type { Rule, RuleContext } from './rule';
import { checkSetting } from './support/settings';
import { field, stringOf } from '../values';
import type { CallFact } from '../types';
import { isUnset, setKeyword } from './support/keywords';
import { sdkConstructions, settingOff } from '../apis/sagemakerSdk';

const SDK_FIX_TITLE = 'Set `enable_network_isolation=True` (the container loses internet access)';

export const rule: Rule = {
  meta: {
    id: 'sagemaker-model-without-network-isolation',
    title: 'SageMaker model without network isolation',
    practices: ['MLSEC03-BP02', 'MLSEC04-BP01', 'MLSEC05-BP01', 'RAISP02-BP04'],
    severity: 'warning',
    languages: ['terraform', 'cloudformation', 'typescript', 'javascript', 'python'],
    docs: {
      description:
        'A SageMaker model whose containers are not network-isolated can make outbound calls from inside the inference ' +
        'container, so a compromised or malicious model artifact or dependency can send request data anywhere or fetch code ' +
        'at run time. AWS leaves isolation off unless you ask for it. Set `enable_network_isolation = true` (Terraform) or ' +
        '`EnableNetworkIsolation: true` (CloudFormation) and serve model artifacts from S3, so the container needs no network.' +
        ' SageMaker Python SDK: ' +
        'A SageMaker model created without `enable_network_isolation=True` runs its inference container with outbound ' +
        'network access, so a tampered model artifact or serving dependency can call out with the data sent to the ' +
        'endpoint. Turn isolation on and package everything the container needs in the image or `model_data`. A model that ' +
        'downloads its weights from the Hugging Face Hub at start-up (`HF_MODEL_ID` without `model_data`, a DJL `model_id` ' +
        'outside S3) needs them in S3 ' +
        "first, so it gets no quick fix. JumpStart models take the default from the model's specification, so only an " +
        'explicit `False` is reported for them.' +
        ' CDK: `JumpStartSageMakerEndpoint` (generative-ai-cdk-constructs, jumpstart-sagemaker-endpoint.ts) turns isolation on by itself and is never reported; `HuggingFaceSageMakerEndpoint` and `CustomSageMakerEndpoint` have no property for it (docs/cdk.md).',
      bad: 'resource "aws_sagemaker_model" "m" {\n  name = "ranker"\n  execution_role_arn = var.role_arn\n  primary_container { image = var.image }\n}' + '\n\n' + 'model = PyTorchModel(model_data=artifact, role=role, entry_point="inference.py", framework_version="2.2", py_version="py310")',
      good:
        'resource "aws_sagemaker_model" "m" {\n  name = "ranker"\n  execution_role_arn = var.role_arn\n  primary_container { image = var.image }\n' +
        '  enable_network_isolation = true\n}' + '\n\n' + 'model = PyTorchModel(model_data=artifact, role=role, entry_point="inference.py", framework_version="2.2", py_version="py310",\n' +
        '                     enable_network_isolation=True)',
      severity:
        'A warning for models in Terraform, CloudFormation and CDK; a note for SageMaker Python SDK models without ' +
        'isolation, which notebooks and experiments leave at the SDK\'s default.',
    },
    fix: { title: 'Enable network isolation', safety: 'unsafe' },
  },
  check(context: RuleContext) {
    checkInfrastructure(context);
    checkSdk(context);
  },
};

/** Terraform, CloudFormation and CDK. */
function checkInfrastructure(context: RuleContext): void {
    checkSetting(context, {
      targets: [
        { type: 'aws_sagemaker_model', key: 'enable_network_isolation', fix: true },
        { type: 'AWS::SageMaker::Model', key: 'EnableNetworkIsolation', fix: true },
      ],
      isUnsafe: isFalse,
      absent: (r, key) => `SageMaker model \`${r.name}\` does not set \`${key}\`, so its containers can reach the network`,
      unsafe: (r) => `SageMaker model \`${r.name}\` turns network isolation off: its containers can reach the network`,
      fixTitle: ([key]) => `Set \`${key}\` to true (the container then cannot download anything at run time)`,
    });
}

/** The SageMaker Python SDK. */
function checkSdk(context: RuleContext): void {
    for (const { call, jumpStart } of sdkConstructions(context.facts, 'model')) {
      const off = settingOff(call.args, 'enable_network_isolation');
      if (!off || (off === 'absent' && jumpStart)) continue;
      const { span, fixes } = setKeyword(context.text, call, 'enable_network_isolation', true, SDK_FIX_TITLE);
      const fromHub = downloadsFromHub(call);
      const problem = off === 'absent' ? 'has no network isolation' : 'turns network isolation off';
      context.report({
        severity: 'note', // SDK defaults are common in notebooks and experiments: advice, not a defect

        span,
        message: fromHub
          ? `\`${call.name}\` ${problem} and downloads \`${fromHub}\` from the Hugging Face Hub at start-up: stage the model in S3 and isolate it`
          : `\`${call.name}\` ${problem}: its inference container can reach the internet`,
        fixes: fromHub ? [] : fixes,
      });
    }
}



/** The Hub model a container fetches when it starts: `HF_MODEL_ID` without `model_data`, or a DJL `model_id` not in S3. */
function downloadsFromHub(call: CallFact): string | undefined {
  if (call.qualifiedName?.startsWith('sagemaker.djl_inference.')) {
    const id = stringOf(field(call.args, 'model_id'));
    return id && !id.startsWith('s3://') ? id : undefined;
  }
  if (!isUnset(field(call.args, 'model_data'))) return undefined;
  const id = stringOf(field(field(call.args, 'env'), 'HF_MODEL_ID'));
  return id && !id.startsWith('/') ? id : undefined;
}
