import { ruleTester } from '../ruleTester';

const py = 'deploy.py';
const head = 'import sagemaker\nfrom sagemaker.pytorch import PyTorchModel\n\n';

ruleTester('sagemaker-endpoint-single-instance', {
  valid: [
    { name: 'two instances', filename: py, code: head + 'predictor = model.deploy(initial_instance_count=2, instance_type="ml.m5.xlarge")\n' },
    { name: 'count from a variable', filename: py, code: head + 'predictor = model.deploy(initial_instance_count=args.instances, instance_type="ml.m5.xlarge")\n' },
    { name: 'serverless endpoint', filename: py, code: head + 'from sagemaker.serverless import ServerlessInferenceConfig\npredictor = model.deploy(serverless_inference_config=ServerlessInferenceConfig(memory_size_in_mb=4096))\n' },
    { name: 'asynchronous endpoint queues its requests', filename: py, code: head + 'predictor = model.deploy(initial_instance_count=1, instance_type="ml.g5.xlarge", async_inference_config=async_config)\n' },
    { name: 'local mode', filename: py, code: head + 'predictor = model.deploy(initial_instance_count=1, instance_type="local")\n' },
    { name: 'a positional second argument that is not an instance type', filename: py, code: head + 'release.deploy(1, "staging")\n' },
    { name: 'not a SageMaker file', filename: 'fab.py', code: 'import fabric\nsite.deploy(initial_instance_count=1, instance_type="web")\n' },
  ],
  invalid: [
    {
      name: 'one instance',
      filename: py,
      code: head + 'predictor = model.deploy(\n    initial_instance_count=1,\n    instance_type="ml.m5.xlarge",\n    endpoint_name="churn",\n)\n',
      errors: [{ line: 5, column: 5, severity: 'note', message: /single instance/ }],
      output: head + 'predictor = model.deploy(\n    initial_instance_count=2,\n    instance_type="ml.m5.xlarge",\n    endpoint_name="churn",\n)\n',
    },
    {
      name: 'estimator deploy with the count in a constant',
      filename: py,
      code: 'import sagemaker\n\nINSTANCES = 1\npredictor = estimator.deploy(initial_instance_count=INSTANCES, instance_type="ml.c5.large")\n',
      errors: [{ line: 4, column: 30 }],
      output: 'import sagemaker\n\nINSTANCES = 1\npredictor = estimator.deploy(initial_instance_count=2, instance_type="ml.c5.large")\n',
    },
    {
      name: 'count and instance type given by position',
      filename: py,
      code: 'import sagemaker\n\npredictor = huggingface_estimator.deploy(1, "ml.g4dn.xlarge")\n',
      errors: [{ line: 3, column: 42 }],
      output: 'import sagemaker\n\npredictor = huggingface_estimator.deploy(2, "ml.g4dn.xlarge")\n',
    },
  ],
});
