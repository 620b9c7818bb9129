import { ruleTester } from '../ruleTester';

const py = 'deploy.py';

ruleTester('jumpstart-model-version-unpinned', {
  valid: [
    { name: 'pinned model', filename: py, code: 'from sagemaker.jumpstart.model import JumpStartModel\nmodel = JumpStartModel(model_id="meta-textgeneration-llama-3-8b-instruct", model_version="2.1.0")\n' },
    { name: 'version from a variable', filename: py, code: 'from sagemaker.jumpstart.model import JumpStartModel\nmodel = JumpStartModel(model_id=model_id, model_version=cfg.version)\n' },
    { name: 'major version wildcard', filename: py, code: 'from sagemaker.jumpstart.estimator import JumpStartEstimator\nest = JumpStartEstimator(model_id="xgboost-classification-model", model_version="2.*")\n' },
    { name: 'arguments forwarded with **kwargs', filename: py, code: 'from sagemaker.jumpstart.model import JumpStartModel\nmodel = JumpStartModel(**jumpstart_args)\n' },
    { name: 'pinned version in the URI helpers', filename: py, code: 'from sagemaker import image_uris, model_uris\nuri = model_uris.retrieve(model_id=model_id, model_version="1.2.0", model_scope="inference")\n' },
    { name: 'not a SageMaker file', filename: py, code: 'import mlflow\nregistry.load(model_id="churn", model_version="*")\n' },
  ],
  invalid: [
    {
      name: 'no model_version',
      filename: py,
      code: 'from sagemaker.jumpstart.model import JumpStartModel\n\nmodel = JumpStartModel(model_id="meta-textgeneration-llama-3-8b-instruct", role=role)\n',
      errors: [{ line: 3, column: 9, severity: 'note', message: /`JumpStartModel` has no `model_version`/ }],
      output: 'from sagemaker.jumpstart.model import JumpStartModel\n\nmodel = JumpStartModel(model_id="meta-textgeneration-llama-3-8b-instruct", role=role, model_version="<model-version>")\n',
    },
    {
      name: 'wildcard version on an estimator',
      filename: py,
      code: 'from sagemaker.jumpstart.estimator import JumpStartEstimator\nest = JumpStartEstimator(model_id="huggingface-llm-falcon-7b-bf16", model_version="*", instance_type="ml.g5.12xlarge")\n',
      errors: [{ line: 2, column: 69, message: /`model_version="\*"`/ }],
      output: 'from sagemaker.jumpstart.estimator import JumpStartEstimator\nest = JumpStartEstimator(model_id="huggingface-llm-falcon-7b-bf16", model_version="<model-version>", instance_type="ml.g5.12xlarge")\n',
    },
    {
      name: 'wildcard through a variable in the URI helpers (JumpStart notebooks)',
      filename: py,
      code:
        'from sagemaker import image_uris, model_uris\n\nmodel_id, model_version = "huggingface-text2text-flan-t5-xl", "*"\nversion = "*"\n' +
        'deploy_image_uri = image_uris.retrieve(region=None, framework=None, image_scope="inference", model_id="huggingface-text2text-flan-t5-xl", model_version=version, instance_type="ml.g5.2xlarge")\n',
      errors: [{ line: 5, column: 139 }],
      output:
        'from sagemaker import image_uris, model_uris\n\nmodel_id, model_version = "huggingface-text2text-flan-t5-xl", "*"\nversion = "*"\n' +
        'deploy_image_uri = image_uris.retrieve(region=None, framework=None, image_scope="inference", model_id="huggingface-text2text-flan-t5-xl", model_version="<model-version>", instance_type="ml.g5.2xlarge")\n',
    },
    {
      name: 'model_version None on a positional model id',
      filename: py,
      code: 'from sagemaker.jumpstart.model import JumpStartModel\nmodel = JumpStartModel("huggingface-llm-mistral-7b", model_version=None)\n',
      errors: [{ line: 2, column: 9 }],
      output: 'from sagemaker.jumpstart.model import JumpStartModel\nmodel = JumpStartModel("huggingface-llm-mistral-7b", model_version="<model-version>")\n',
    },
  ],
});
