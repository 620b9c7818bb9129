import { ruleTester } from '../ruleTester';

const py = 'train.py';
const head = 'from sagemaker.xgboost import XGBoost\n\n';

ruleTester('sagemaker-training-without-kms-key', {
  valid: [
    {
      name: 'both keys',
      filename: py,
      code:
        head +
        'estimator = XGBoost(\n    entry_point="train.py",\n    framework_version="1.7-1",\n    role=role,\n    instance_count=1,\n    instance_type="ml.m5.2xlarge",\n' +
        '    volume_kms_key=kms_key_arn,\n    output_kms_key=kms_key_arn,\n)\n',
    },
    {
      name: 'instance store: only the output key is asked for',
      filename: py,
      code: 'from sagemaker.huggingface import HuggingFace\nhf = HuggingFace(entry_point="train.py", role=role, instance_type="ml.g5.12xlarge", instance_count=1, output_kms_key=key)\n',
    },
    { name: 'instance type unknown: the volume key cannot be asked for', filename: py, code: head + 'est = XGBoost(entry_point="train.py", role=role, instance_type=instance_type, output_kms_key=key)\n' },
    { name: 'local output path', filename: py, code: head + 'est = XGBoost(entry_point="train.py", role=role, output_path="file:///tmp/out")\n' },
    { name: 'keys forwarded with **kwargs', filename: py, code: head + 'est = XGBoost(entry_point="train.py", role=role, instance_type="ml.m5.xlarge", **security)\n' },
  ],
  invalid: [
    {
      name: 'EBS-backed instance without either key',
      filename: py,
      code: head + 'estimator = XGBoost(entry_point="train.py", framework_version="1.7-1", role=role, instance_count=1, instance_type="ml.m5.2xlarge")\n',
      errors: [{ line: 3, column: 13, severity: 'note', message: /has no `volume_kms_key` or `output_kms_key`: its storage volume and model artifacts are/ }],
      output:
        head +
        'estimator = XGBoost(entry_point="train.py", framework_version="1.7-1", role=role, instance_count=1, instance_type="ml.m5.2xlarge", volume_kms_key="<kms-key-arn>", output_kms_key="<kms-key-arn>")\n',
    },
    {
      name: 'instance store (ml.p4d): only the output key',
      filename: py,
      code: 'from sagemaker.pytorch import PyTorch\nest = PyTorch(entry_point="train.py", role=role, instance_count=2, instance_type="ml.p4d.24xlarge", volume_kms_key=None)\n',
      errors: [{ line: 2, column: 7, message: /has no `output_kms_key`: its model artifacts are/ }],
      output: 'from sagemaker.pytorch import PyTorch\nest = PyTorch(entry_point="train.py", role=role, instance_count=2, instance_type="ml.p4d.24xlarge", volume_kms_key=None, output_kms_key="<kms-key-arn>")\n',
    },
    {
      name: 'output key given as None, volume key present',
      filename: py,
      code: head + 'est = XGBoost(entry_point="train.py", role=role, instance_type="ml.c5.xlarge", volume_kms_key=key, output_kms_key=None)\n',
      errors: [{ line: 3, column: 7, message: /no `output_kms_key`/ }],
      output: head + 'est = XGBoost(entry_point="train.py", role=role, instance_type="ml.c5.xlarge", volume_kms_key=key, output_kms_key="<kms-key-arn>")\n',
    },
  ],
});
