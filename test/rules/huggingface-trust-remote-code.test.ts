import { ruleTester } from '../ruleTester';

const py = 'load.py';
const sha = '6c5f7a1e2b3d4c5e6f708192a3b4c5d6e7f80912';
const head = 'from transformers import AutoModelForCausalLM, AutoTokenizer, pipeline\n\n';

ruleTester('huggingface-trust-remote-code', {
  valid: [
    { name: 'no remote code', filename: py, code: head + 'model = AutoModelForCausalLM.from_pretrained("microsoft/Phi-3-mini-4k-instruct")\n' },
    { name: 'explicitly off', filename: py, code: head + 'model = AutoModelForCausalLM.from_pretrained("org/model", trust_remote_code=False)\n' },
    { name: 'reviewed code pinned to a commit', filename: py, code: head + `model = AutoModelForCausalLM.from_pretrained("org/custom", trust_remote_code=True, revision="${sha}")\n` },
    { name: 'flag from configuration', filename: py, code: head + 'model = AutoModelForCausalLM.from_pretrained(name, trust_remote_code=cfg.trust_remote_code)\n' },
    { name: 'container setting off', filename: py, code: 'from sagemaker.huggingface import HuggingFaceModel\nm = HuggingFaceModel(role=role, env={"HF_MODEL_ID": "org/model", "HF_MODEL_TRUST_REMOTE_CODE": "false"})\n' },
    {
      name: 'container setting with a pinned revision',
      filename: py,
      code: `from sagemaker.huggingface import HuggingFaceModel\nm = HuggingFaceModel(role=role, env={"HF_MODEL_ID": "org/model", "HF_MODEL_REVISION": "${sha}", "HF_MODEL_TRUST_REMOTE_CODE": "true"})\n`,
    },
  ],
  invalid: [
    {
      name: 'from_pretrained',
      filename: py,
      code: head + 'model = AutoModelForCausalLM.from_pretrained(\n    "deepseek-ai/DeepSeek-V2-Lite",\n    trust_remote_code=True,\n    torch_dtype="auto",\n)\n',
      errors: [{ line: 5, column: 5, severity: 'warning', message: /`trust_remote_code=True` runs Python code from the model repository/ }],
      output: head + 'model = AutoModelForCausalLM.from_pretrained(\n    "deepseek-ai/DeepSeek-V2-Lite",\n    trust_remote_code=False,\n    torch_dtype="auto",\n)\n',
    },
    {
      name: 'pipeline and tokenizer; a branch is not a review',
      filename: py,
      code: head + 'tok = AutoTokenizer.from_pretrained(name, trust_remote_code=True, revision="main")\ngen = pipeline("text-generation", model=name, trust_remote_code=True)\n',
      errors: [{ line: 3, column: 43 }, { line: 4, column: 47 }],
      output: head + 'tok = AutoTokenizer.from_pretrained(name, trust_remote_code=False, revision="main")\ngen = pipeline("text-generation", model=name, trust_remote_code=False)\n',
    },
    {
      name: 'forwarded in model_kwargs (LangChain, sentence-transformers)',
      filename: py,
      code: "from langchain_huggingface import HuggingFaceEmbeddings\n\nembeddings = HuggingFaceEmbeddings(model_name=\"nomic-ai/nomic-embed-text-v1.5\", model_kwargs={'trust_remote_code': True})\n",
      errors: [{ line: 3, column: 95 }],
      output: "from langchain_huggingface import HuggingFaceEmbeddings\n\nembeddings = HuggingFaceEmbeddings(model_name=\"nomic-ai/nomic-embed-text-v1.5\", model_kwargs={'trust_remote_code': False})\n",
    },
    {
      name: 'vLLM engine',
      filename: py,
      code: 'from vllm import LLM\n\nllm = LLM(model="Qwen/Qwen-7B-Chat", trust_remote_code=True)\n',
      errors: [{ line: 3, column: 38 }],
      output: 'from vllm import LLM\n\nllm = LLM(model="Qwen/Qwen-7B-Chat", trust_remote_code=False)\n',
    },
    {
      name: 'SageMaker Hugging Face container setting',
      filename: py,
      code: 'from sagemaker.huggingface import HuggingFaceModel\n\nllm = HuggingFaceModel(\n    role=role,\n    env={\n        "HF_MODEL_ID": "tiiuae/falcon-7b-instruct",\n        "HF_MODEL_TRUST_REMOTE_CODE": "true",\n    },\n)\n',
      errors: [{ line: 7, column: 9, message: /`HF_MODEL_TRUST_REMOTE_CODE` makes the serving container run Python code/ }],
      output: 'from sagemaker.huggingface import HuggingFaceModel\n\nllm = HuggingFaceModel(\n    role=role,\n    env={\n        "HF_MODEL_ID": "tiiuae/falcon-7b-instruct",\n        "HF_MODEL_TRUST_REMOTE_CODE": "false",\n    },\n)\n',
    },
  ],
});
