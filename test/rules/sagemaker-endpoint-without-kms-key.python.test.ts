import { ruleTester } from '../ruleTester';

const py = 'deploy.py';
const head = 'import sagemaker\n\n';

ruleTester('sagemaker-endpoint-without-kms-key', {
  valid: [
    { name: 'customer-managed key', filename: py, code: head + 'predictor = model.deploy(initial_instance_count=2, instance_type="ml.m5.xlarge", kms_key=endpoint_key_arn)\n' },
    { name: 'instance store (ml.g5) rejects a key', filename: py, code: head + 'predictor = model.deploy(initial_instance_count=2, instance_type="ml.g5.2xlarge")\n' },
    { name: 'instance store (ml.g4dn) rejects a key', filename: py, code: head + 'predictor = model.deploy(initial_instance_count=2, instance_type="ml.g4dn.xlarge")\n' },
    { name: 'instance type unknown', filename: py, code: head + 'predictor = model.deploy(initial_instance_count=2, instance_type=instance_type)\n' },
    { name: 'serverless endpoint', filename: py, code: head + 'predictor = model.deploy(serverless_inference_config=serverless_config)\n' },
    { name: 'local mode', filename: py, code: head + 'predictor = model.deploy(initial_instance_count=1, instance_type="local")\n' },
    { name: 'deploy settings forwarded with **kwargs', filename: py, code: head + 'predictor = model.deploy(instance_type="ml.m5.xlarge", **deploy_settings)\n' },
  ],
  invalid: [
    {
      name: 'EBS-backed instance without a key',
      filename: py,
      code: head + 'predictor = model.deploy(initial_instance_count=2, instance_type="ml.m5.xlarge")\n',
      errors: [{ line: 3, column: 19, severity: 'note', message: /no `kms_key`/ }],
      output: head + 'predictor = model.deploy(initial_instance_count=2, instance_type="ml.m5.xlarge", kms_key="<kms-key-arn>")\n',
    },
    {
      name: 'asynchronous endpoint on an inferentia instance, key None',
      filename: py,
      code: head + 'predictor = model.deploy(\n    initial_instance_count=1,\n    instance_type="ml.inf2.xlarge",\n    async_inference_config=async_config,\n    kms_key=None,\n)\n',
      errors: [{ line: 7, column: 5 }],
      output: head + 'predictor = model.deploy(\n    initial_instance_count=1,\n    instance_type="ml.inf2.xlarge",\n    async_inference_config=async_config,\n    kms_key="<kms-key-arn>",\n)\n',
    },
    {
      name: 'count and instance type given by position',
      filename: py,
      code: head + 'predictor = estimator.deploy(2, "ml.c5.xlarge")\n',
      errors: [{ line: 3, column: 23 }],
      output: head + 'predictor = estimator.deploy(2, "ml.c5.xlarge", kms_key="<kms-key-arn>")\n',
    },
  ],
});
