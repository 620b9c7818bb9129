import { ruleTester } from '../ruleTester';

const py = 'train.py';

ruleTester('sagemaker-training-without-network-isolation', {
  valid: [
    {
      name: 'isolated custom-image job',
      filename: py,
      code:
        'from sagemaker.estimator import Estimator\n\nestimator = Estimator(\n    image_uri=image_uri,\n    role=role,\n    instance_count=1,\n' +
        '    instance_type="ml.m5.xlarge",\n    enable_network_isolation=True,\n)\n',
    },
    { name: 'isolation from a pipeline parameter', filename: py, code: 'from sagemaker.sklearn import SKLearn\nest = SKLearn(entry_point="train.py", role=role, framework_version="1.2-1", enable_network_isolation=isolate)\n' },
    { name: 'arguments forwarded with **kwargs', filename: py, code: 'from sagemaker.sklearn import SKLearn\nest = SKLearn(entry_point="train.py", role=role, **settings)\n' },
    {
      name: 'JumpStart takes the default from the model specification',
      filename: py,
      code: 'from sagemaker.jumpstart.estimator import JumpStartEstimator\n\nest = JumpStartEstimator(model_id="huggingface-llm-falcon-7b-bf16", model_version="2.0.0", instance_type="ml.g5.12xlarge")\n',
    },
    { name: 'local mode', filename: py, code: 'from sagemaker.pytorch import PyTorch\nest = PyTorch(entry_point="train.py", role=role, instance_type="local_gpu", instance_count=1)\n' },
  ],
  invalid: [
    {
      name: 'framework estimator without the setting',
      filename: py,
      code: 'from sagemaker.tensorflow import TensorFlow\n\nestimator = TensorFlow(entry_point="train.py", role=role, instance_count=1, instance_type="ml.p3.2xlarge", framework_version="2.14", py_version="py310")\n',
      errors: [{ line: 3, column: 13, severity: 'note', message: /`TensorFlow` runs its training container without network isolation/ }],
      output:
        'from sagemaker.tensorflow import TensorFlow\n\nestimator = TensorFlow(entry_point="train.py", role=role, instance_count=1, instance_type="ml.p3.2xlarge", framework_version="2.14", py_version="py310", enable_network_isolation=True)\n',
    },
    {
      name: 'explicitly off',
      filename: py,
      code: 'import sagemaker\n\nest = sagemaker.estimator.Estimator(image_uri, role, enable_network_isolation=False, instance_count=1, instance_type="ml.m5.large")\n',
      errors: [{ line: 3, column: 54, message: /turns network isolation off/ }],
      output: 'import sagemaker\n\nest = sagemaker.estimator.Estimator(image_uri, role, enable_network_isolation=True, instance_count=1, instance_type="ml.m5.large")\n',
    },
    {
      name: 'JumpStart explicitly off',
      filename: py,
      code: 'from sagemaker.jumpstart.estimator import JumpStartEstimator\nest = JumpStartEstimator(model_id="xgboost-classification-model", model_version="2.1.0", enable_network_isolation=False)\n',
      errors: [{ line: 2, column: 90 }],
      output: 'from sagemaker.jumpstart.estimator import JumpStartEstimator\nest = JumpStartEstimator(model_id="xgboost-classification-model", model_version="2.1.0", enable_network_isolation=True)\n',
    },
    {
      name: 'off through a constant: the keyword is rewritten, the constant is left alone',
      filename: py,
      code: 'from sagemaker.huggingface import HuggingFace\n\nISOLATE = False\nhf = HuggingFace(entry_point="train.py", role=role, enable_network_isolation=ISOLATE)\n',
      errors: [{ line: 4, column: 53 }],
      output: 'from sagemaker.huggingface import HuggingFace\n\nISOLATE = False\nhf = HuggingFace(entry_point="train.py", role=role, enable_network_isolation=True)\n',
    },
  ],
});
