import { ruleTester } from '../ruleTester';

const py = 'deploy.py';

ruleTester('sagemaker-model-without-network-isolation', {
  valid: [
    {
      name: 'isolated framework model',
      filename: py,
      code:
        'from sagemaker.pytorch import PyTorchModel\n\nmodel = PyTorchModel(\n    model_data=model_artifact,\n    role=role,\n    entry_point="inference.py",\n' +
        '    framework_version="2.2",\n    py_version="py310",\n    enable_network_isolation=True,\n)\n',
    },
    { name: 'isolation from a variable', filename: py, code: 'from sagemaker.model import Model\nmodel = Model(image_uri=image, model_data=data, role=role, enable_network_isolation=isolated)\n' },
    { name: 'settings forwarded with **kwargs', filename: py, code: 'from sagemaker.model import Model\nmodel = Model(image_uri=image, model_data=data, **model_settings)\n' },
    { name: 'JumpStart takes the default from the model specification', filename: py, code: 'from sagemaker.jumpstart.model import JumpStartModel\nmodel = JumpStartModel(model_id="meta-textgeneration-llama-3-8b-instruct", model_version="2.1.0")\n' },
    { name: 'a Model class from another library', filename: py, code: 'from keras import Model\nmodel = Model(inputs=inputs, outputs=outputs)\n' },
  ],
  invalid: [
    {
      name: 'framework model without the setting',
      filename: py,
      code: 'from sagemaker.sklearn import SKLearnModel\n\nmodel = SKLearnModel(model_data=artifact, role=role, entry_point="inference.py", framework_version="1.2-1")\n',
      errors: [{ line: 3, column: 9, severity: 'note', message: /`SKLearnModel` has no network isolation: its inference container can reach the internet/ }],
      output: 'from sagemaker.sklearn import SKLearnModel\n\nmodel = SKLearnModel(model_data=artifact, role=role, entry_point="inference.py", framework_version="1.2-1", enable_network_isolation=True)\n',
    },
    {
      name: 'generic Model from the package root, explicitly off',
      filename: py,
      code: 'import sagemaker\n\nmodel = sagemaker.Model(image_uri=image, model_data=data, role=role, enable_network_isolation=False)\n',
      errors: [{ line: 3, column: 70, message: /turns network isolation off/ }],
      output: 'import sagemaker\n\nmodel = sagemaker.Model(image_uri=image, model_data=data, role=role, enable_network_isolation=True)\n',
    },
    {
      name: 'Hugging Face model pulled from the Hub at start-up: no quick fix',
      filename: py,
      code:
        'from sagemaker.huggingface import HuggingFaceModel, get_huggingface_llm_image_uri\n\nllm = HuggingFaceModel(\n    role=role,\n' +
        '    image_uri=get_huggingface_llm_image_uri("huggingface", version="2.0.2"),\n' +
        '    env={"HF_MODEL_ID": "mistralai/Mistral-7B-Instruct-v0.3", "SM_NUM_GPUS": "1"},\n)\n',
      errors: [{ line: 3, column: 7, message: /downloads `mistralai\/Mistral-7B-Instruct-v0\.3` from the Hugging Face Hub/ }],
      output: null,
    },
    {
      name: 'DJL model served from the Hub: no quick fix',
      filename: py,
      code: 'from sagemaker.djl_inference import DJLModel\nmodel = DJLModel(model_id="meta-llama/Llama-3.1-8B-Instruct", role=role)\n',
      errors: [{ line: 2, column: 9, message: /downloads `meta-llama\/Llama-3\.1-8B-Instruct`/ }],
      output: null,
    },
    {
      name: 'DJL model from S3',
      filename: py,
      code: 'from sagemaker.djl_inference.model import DJLModel\nmodel = DJLModel(model_id="s3://models/llama/", role=role)\n',
      errors: [{ line: 2, column: 9 }],
      output: 'from sagemaker.djl_inference.model import DJLModel\nmodel = DJLModel(model_id="s3://models/llama/", role=role, enable_network_isolation=True)\n',
    },
    {
      name: 'Hugging Face model with its weights in S3',
      filename: py,
      code: 'from sagemaker.huggingface.model import HuggingFaceModel\nm = HuggingFaceModel(model_data="s3://models/bert.tar.gz", role=role, transformers_version="4.37", pytorch_version="2.1", py_version="py310")\n',
      errors: [{ line: 2, column: 5, message: /its inference container can reach the internet/ }],
      output: 'from sagemaker.huggingface.model import HuggingFaceModel\nm = HuggingFaceModel(model_data="s3://models/bert.tar.gz", role=role, transformers_version="4.37", pytorch_version="2.1", py_version="py310", enable_network_isolation=True)\n',
    },
    {
      name: 'JumpStart explicitly off',
      filename: py,
      code: 'from sagemaker.jumpstart.model import JumpStartModel\nmodel = JumpStartModel(model_id="huggingface-llm-mistral-7b", model_version="3.0.0", enable_network_isolation=False)\n',
      errors: [{ line: 2, column: 86 }],
      output: 'from sagemaker.jumpstart.model import JumpStartModel\nmodel = JumpStartModel(model_id="huggingface-llm-mistral-7b", model_version="3.0.0", enable_network_isolation=True)\n',
    },
  ],
});
