// Modules that are certainly not a project's own, so calls into them are not followed as the project's functions:
// Python's standard library and the libraries AI code calls most, by top-level name. TypeScript/JavaScript needs no
// list: a project's own modules are imported by relative path (or a `@/`, `~/` source-root alias), packages by name.
// A project module that shares a name with one of these (a local `json.py`) is not followed: the cost is recall only.

/** Python's standard library (https://docs.python.org/3/py-modindex.html), the modules code commonly imports. */
const PYTHON_STANDARD_LIBRARY = [
  'abc', 'argparse', 'ast', 'asyncio', 'base64', 'binascii', 'bisect', 'builtins', 'calendar', 'cgi', 'codecs', 'collections',
  'concurrent', 'configparser', 'contextlib', 'contextvars', 'copy', 'csv', 'ctypes', 'dataclasses', 'datetime', 'decimal',
  'difflib', 'email', 'enum', 'errno', 'fnmatch', 'fractions', 'functools', 'gc', 'getpass', 'glob', 'gzip', 'hashlib', 'heapq',
  'hmac', 'html', 'http', 'importlib', 'inspect', 'io', 'ipaddress', 'itertools', 'json', 'logging', 'lzma', 'math', 'mimetypes',
  'multiprocessing', 'numbers', 'operator', 'os', 'pathlib', 'pickle', 'platform', 'pprint', 'queue', 'random', 're', 'secrets',
  'select', 'shlex', 'shutil', 'signal', 'socket', 'sqlite3', 'ssl', 'stat', 'statistics', 'string', 'struct', 'subprocess', 'sys',
  'tarfile', 'tempfile', 'textwrap', 'threading', 'time', 'timeit', 'traceback', 'types', 'typing', 'unicodedata', 'unittest',
  'urllib', 'uuid', 'warnings', 'weakref', 'xml', 'zipfile', 'zlib', 'zoneinfo',
];
/** Libraries AI and web code imports most (their import names). */
const PYTHON_LIBRARIES = [
  'boto3', 'botocore', 'aioboto3', 'sagemaker', 'numpy', 'pandas', 'scipy', 'sklearn', 'torch', 'tensorflow', 'keras', 'transformers',
  'datasets', 'huggingface_hub', 'sentence_transformers', 'openai', 'anthropic', 'langchain', 'langchain_core', 'langchain_aws',
  'langchain_community', 'langchain_openai', 'langgraph', 'llama_index', 'litellm', 'ollama', 'strands', 'crewai', 'pydantic',
  'requests', 'httpx', 'aiohttp', 'flask', 'fastapi', 'starlette', 'django', 'streamlit', 'gradio', 'yaml', 'dotenv', 'tenacity',
  'opensearchpy', 'pinecone', 'chromadb', 'faiss', 'redis', 'psycopg2', 'sqlalchemy', 'pytest', 'mlflow', 'aws_lambda_powertools',
];
const NOT_PROJECT = new Set([...PYTHON_STANDARD_LIBRARY, ...PYTHON_LIBRARIES]);

/** Whether a qualified name (`json.dumps`, `./helpers.chat`, `@aws-sdk/client-s3.S3Client`) may be one of the project's. */
export function mayBeProjectModule(qualified: string, language: string): boolean {
  if (language === 'python') return qualified.startsWith('.') || !NOT_PROJECT.has(qualified.split('.')[0]);
  return /^(\.{1,2}\/|[@~]\/)/.test(qualified);
}
