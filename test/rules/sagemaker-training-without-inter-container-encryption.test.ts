import { ruleTester } from '../ruleTester';

const py = 'train.py';
const head = 'from sagemaker.pytorch import PyTorch\n\n';

ruleTester('sagemaker-training-without-inter-container-encryption', {
  valid: [
    {
      name: 'distributed job with encryption',
      filename: py,
      code:
        head +
        'estimator = PyTorch(\n    entry_point="train.py",\n    role=role,\n    instance_count=4,\n    instance_type="ml.p4d.24xlarge",\n' +
        '    distribution={"torch_distributed": {"enabled": True}},\n    encrypt_inter_container_traffic=True,\n)\n',
    },
    { name: 'single instance with several GPUs', filename: py, code: head + 'estimator = PyTorch(entry_point="train.py", role=role, instance_count=1, instance_type="ml.p4d.24xlarge")\n' },
    { name: 'instance count from a variable', filename: py, code: head + 'estimator = PyTorch(entry_point="train.py", role=role, instance_count=args.nodes, instance_type="ml.p4d.24xlarge")\n' },
    { name: 'encryption from a variable', filename: py, code: head + 'estimator = PyTorch(entry_point="train.py", role=role, instance_count=2, encrypt_inter_container_traffic=encrypt)\n' },
    { name: 'local mode', filename: py, code: head + 'estimator = PyTorch(entry_point="train.py", role=role, instance_count=2, instance_type="local")\n' },
  ],
  invalid: [
    {
      name: 'four nodes without encryption',
      filename: py,
      code: head + 'estimator = PyTorch(entry_point="train.py", role=role, instance_count=4, instance_type="ml.p4d.24xlarge")\n',
      errors: [{ line: 3, column: 13, severity: 'warning', message: /trains on 4 instances without `encrypt_inter_container_traffic`/ }],
      output: head + 'estimator = PyTorch(entry_point="train.py", role=role, instance_count=4, instance_type="ml.p4d.24xlarge", encrypt_inter_container_traffic=True)\n',
    },
    {
      name: 'count from a constant, encryption turned off',
      filename: py,
      code: 'from sagemaker.huggingface import HuggingFace\n\nNODES = 2\nhf = HuggingFace(\n    entry_point="train.py",\n    role=role,\n    instance_count=NODES,\n    encrypt_inter_container_traffic=False,\n)\n',
      errors: [{ line: 8, column: 5, message: /trains on 2 instances with inter-container traffic encryption turned off/ }],
      output: 'from sagemaker.huggingface import HuggingFace\n\nNODES = 2\nhf = HuggingFace(\n    entry_point="train.py",\n    role=role,\n    instance_count=NODES,\n    encrypt_inter_container_traffic=True,\n)\n',
    },
  ],
});
