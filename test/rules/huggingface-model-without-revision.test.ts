import { ruleTester } from '../ruleTester';

const py = 'load.py';
const sha = '0e9e39f249a16976918f6564b8830bc894c89659';
const head = 'from transformers import AutoModelForCausalLM, AutoTokenizer, pipeline\n\n';

ruleTester('huggingface-model-without-revision', {
  valid: [
    { name: 'sentence-transformers, pinned', filename: py, code: `from sentence_transformers import SentenceTransformer\nmodel = SentenceTransformer("sentence-transformers/all-MiniLM-L6-v2", revision="${sha}")\n` },
    { name: 'sentence-transformers, local folder', filename: py, code: 'from sentence_transformers import SentenceTransformer\nmodel = SentenceTransformer("./models/embedder")\n' },
    { name: 'pinned to a commit', filename: py, code: head + `tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.1-8B-Instruct", revision="${sha}")\n` },
    { name: 'pinned to a tag', filename: py, code: head + 'model = AutoModelForCausalLM.from_pretrained("org/model", revision="v2.1.0")\n' },
    { name: 'relative local path', filename: py, code: head + 'model = AutoModelForCausalLM.from_pretrained("./checkpoints/final")\n' },
    { name: 'absolute local path (SageMaker model dir)', filename: py, code: head + 'model = AutoModelForCausalLM.from_pretrained("/opt/ml/model")\n' },
    { name: 'path built with os.path', filename: py, code: 'import os\n' + head + 'model = AutoModelForCausalLM.from_pretrained(os.path.join(model_dir, "final"))\n' },
    { name: 'model name from a command-line argument', filename: py, code: head + 'model = AutoModelForCausalLM.from_pretrained(args.model_name_or_path)\n' },
    { name: 'revision from configuration', filename: py, code: head + 'MODEL = "org/model"\nmodel = AutoModelForCausalLM.from_pretrained(MODEL, revision=settings.revision)\n' },
    { name: 'offline cache only', filename: py, code: head + 'model = AutoModelForCausalLM.from_pretrained("org/model", local_files_only=True)\n' },
    { name: 'pipeline given a loaded model', filename: py, code: head + 'generator = pipeline("text-generation", model=model, tokenizer=tokenizer)\n' },
    { name: 'dataset download', filename: py, code: 'from huggingface_hub import snapshot_download\nsnapshot_download(repo_id="org/corpus", repo_type="dataset")\n' },
    { name: 'from_pretrained of another library', filename: py, code: 'from peft import PeftModel\nmodel = PeftModel.from_pretrained(base, "org/adapter")\n' },
    { name: 'relative folders without ./', filename: py, code: head + 'a = AutoModelForCausalLM.from_pretrained("outputs/final")\nb = AutoModelForCausalLM.from_pretrained("checkpoint-500")\nc = AutoTokenizer.from_pretrained("saved_model")\nd = AutoTokenizer.from_pretrained("model")\n' },
    { name: 'a file name, not a repository', filename: py, code: head + 'config = AutoTokenizer.from_pretrained("tokenizer.json")\n' },
  ],
  invalid: [
    {
      name: 'sentence-transformers model from the Hub',
      filename: py,
      code: 'from sentence_transformers import SentenceTransformer\nmodel = SentenceTransformer("sentence-transformers/all-MiniLM-L6-v2")\n',
      errors: [{ line: 2, column: 9, message: /`sentence-transformers\/all-MiniLM-L6-v2` is loaded from the Hugging Face Hub without a `revision`/ }],
      output: 'from sentence_transformers import SentenceTransformer\nmodel = SentenceTransformer("sentence-transformers/all-MiniLM-L6-v2", revision="<commit-sha>")\n',
    },
    {
      name: 'tokenizer from the Hub',
      filename: py,
      code: head + 'tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")\n',
      errors: [{ line: 3, column: 13, severity: 'warning', message: /`meta-llama\/Llama-3\.1-8B-Instruct` is loaded from the Hugging Face Hub without a `revision`/ }],
      output: head + 'tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.1-8B-Instruct", revision="<commit-sha>")\n',
    },
    {
      name: 'model id in a constant, branch revision',
      filename: py,
      code: head + 'MODEL_ID = "mistralai/Mistral-7B-Instruct-v0.3"\nmodel = AutoModelForCausalLM.from_pretrained(\n    MODEL_ID,\n    torch_dtype="auto",\n    revision="main",\n)\n',
      errors: [{ line: 7, column: 5, message: /`revision="main"` follows a branch/ }],
      output: head + 'MODEL_ID = "mistralai/Mistral-7B-Instruct-v0.3"\nmodel = AutoModelForCausalLM.from_pretrained(\n    MODEL_ID,\n    torch_dtype="auto",\n    revision="<commit-sha>",\n)\n',
    },
    {
      name: 'module import and a keyword model id',
      filename: py,
      code: 'import transformers\n\nmodel = transformers.AutoModel.from_pretrained(pretrained_model_name_or_path="bert-base-uncased")\n',
      errors: [{ line: 3, column: 9 }],
      output: 'import transformers\n\nmodel = transformers.AutoModel.from_pretrained(pretrained_model_name_or_path="bert-base-uncased", revision="<commit-sha>")\n',
    },
    {
      name: 'pipeline with a Hub model',
      filename: py,
      code: head + 'classifier = pipeline("text-classification", model="distilbert/distilbert-base-uncased-finetuned-sst-2-english")\n',
      errors: [{ line: 3, column: 14 }],
      output: head + 'classifier = pipeline("text-classification", model="distilbert/distilbert-base-uncased-finetuned-sst-2-english", revision="<commit-sha>")\n',
    },
    {
      name: 'pipeline that picks the default model of its task: no quick fix',
      filename: py,
      code: head + 'sentiment = pipeline("sentiment-analysis")\n',
      errors: [{ line: 3, column: 13, message: /task's default model/ }],
      output: null,
    },
    {
      name: 'hub downloads',
      filename: py,
      code: 'from huggingface_hub import hf_hub_download, snapshot_download\n\npath = hf_hub_download(repo_id="org/model", filename="model.safetensors")\nlocal = snapshot_download("org/model", revision="master")\n',
      errors: [{ line: 3, column: 8 }, { line: 4, column: 40 }],
      output: 'from huggingface_hub import hf_hub_download, snapshot_download\n\npath = hf_hub_download(repo_id="org/model", filename="model.safetensors", revision="<commit-sha>")\nlocal = snapshot_download("org/model", revision="<commit-sha>")\n',
    },
    {
      name: 'unprefixed Hub id',
      filename: py,
      code: head + 'generator = AutoModelForCausalLM.from_pretrained("gpt2")\n',
      errors: [{ line: 3, column: 13, message: /`gpt2`/ }],
    },
    {
      name: 'diffusers pipeline',
      filename: py,
      code: 'from diffusers import DiffusionPipeline\npipe = DiffusionPipeline.from_pretrained("stabilityai/stable-diffusion-xl-base-1.0")\n',
      errors: [{ line: 2, column: 8 }],
    },
  ],
});
