import { ruleTester } from '../ruleTester';

const py = 'train.py';
const head = 'import sagemaker\nfrom sagemaker.pytorch import PyTorch\n\n';

ruleTester('sagemaker-training-without-vpc', {
  valid: [
    {
      name: 'private subnets and a security group',
      filename: py,
      code:
        head +
        'estimator = PyTorch(\n    entry_point="train.py",\n    role=role,\n    instance_count=1,\n    instance_type="ml.p3.2xlarge",\n' +
        '    subnets=["subnet-0a1b2c3d", "subnet-4e5f6a7b"],\n    security_group_ids=["sg-0123456789abcdef0"],\n)\n',
    },
    { name: 'VPC settings from variables', filename: py, code: head + 'estimator = PyTorch(entry_point="train.py", role=role, subnets=cfg.subnets, security_group_ids=cfg.sgs)\n' },
    { name: 'settings passed through **kwargs', filename: py, code: head + 'network = dict(subnets=subnets, security_group_ids=sgs)\nestimator = PyTorch(entry_point="train.py", role=role, **network)\n' },
    { name: 'local mode runs in Docker on this machine', filename: py, code: head + 'estimator = PyTorch(entry_point="train.py", role=role, instance_count=1, instance_type="local")\n' },
    { name: 'a PyTorch that is not SageMaker', filename: py, code: 'from mylib import PyTorch\nrunner = PyTorch(entry_point="train.py")\n' },
    { name: 'the estimator class itself, not a call', filename: py, code: head + 'ESTIMATORS = {"pytorch": PyTorch}\n' },
  ],
  invalid: [
    {
      name: 'framework estimator with no network settings',
      filename: py,
      code: head + 'estimator = PyTorch(\n    entry_point="train.py",\n    role=role,\n    instance_count=1,\n    instance_type="ml.p3.2xlarge",\n)\n',
      errors: [{ line: 4, column: 13, severity: 'note', message: /`PyTorch` runs its training job outside a VPC: no `subnets` or `security_group_ids`/ }],
      output:
        head +
        'estimator = PyTorch(\n    entry_point="train.py",\n    role=role,\n    instance_count=1,\n    instance_type="ml.p3.2xlarge",\n' +
        '    subnets=["<subnet-id>"],\n    security_group_ids=["<security-group-id>"],\n)\n',
    },
    {
      name: 'generic estimator imported as a module, security groups only',
      filename: py,
      code: 'import sagemaker\n\nest = sagemaker.estimator.Estimator(image_uri=image, role=role, instance_count=1, instance_type="ml.m5.xlarge", security_group_ids=[sg])\n',
      errors: [{ line: 3, column: 7, message: /`Estimator` runs its training job outside a VPC: no `subnets`$/ }],
      output:
        'import sagemaker\n\nest = sagemaker.estimator.Estimator(image_uri=image, role=role, instance_count=1, instance_type="ml.m5.xlarge", security_group_ids=[sg], subnets=["<subnet-id>"])\n',
    },
    {
      name: 'explicit None and an empty list are rewritten in place',
      filename: py,
      code: 'from sagemaker.huggingface import HuggingFace\n\nhf = HuggingFace(entry_point="train.py", role=role, subnets=None, security_group_ids=[], transformers_version="4.36", pytorch_version="2.1", py_version="py310")\n',
      errors: [{ line: 3, column: 6 }],
      output:
        'from sagemaker.huggingface import HuggingFace\n\nhf = HuggingFace(entry_point="train.py", role=role, subnets=["<subnet-id>"], security_group_ids=["<security-group-id>"], transformers_version="4.36", pytorch_version="2.1", py_version="py310")\n',
    },
    {
      name: 'module-level import path and a built-in algorithm',
      filename: py,
      code: 'from sagemaker.xgboost.estimator import XGBoost\nfrom sagemaker import KMeans\n\nxgb = XGBoost(entry_point="train.py", framework_version="1.7-1", role=role, instance_count=1, instance_type="ml.m5.2xlarge")\nkm = KMeans(role=role, instance_count=1, instance_type="ml.c5.xlarge", k=10)\n',
      errors: [{ line: 4, column: 7 }, { line: 5, column: 6 }],
    },
  ],
});
