// The model a Bedrock call asks, from everything known (issue 16, item 1): constants, default parameters, attributes
// set in `__init__`/the constructor, dict lookups, environment-variable defaults, and the request body's shape when the
// model is unknown. Embedding, rerank and image requests get no text-generation finding and no text-generation fix;
// the same shapes with a text model are still reported.
import { ruleTester } from '../ruleTester';

const py = 'embeddings.py';
const header = 'import json, os\nimport boto3\nbedrock = boto3.client("bedrock-runtime")\n';
const RULES = ['bedrock-call-without-guardrail', 'llm-call-without-max-tokens'];

/** Python shapes whose model is not a text model, each read a different way. */
const pythonEmbeddings = [
  {
    name: 'module constant as a default parameter',
    code: header + 'EMBED_MODEL = "amazon.titan-embed-text-v2:0"\ndef embed(text, model_id=EMBED_MODEL):\n    return bedrock.invoke_model(modelId=model_id, body=json.dumps({"inputText": text}))\n',
  },
  {
    name: 'self.model_id set in __init__ from an environment default',
    code:
      header +
      'class Embedder:\n    def __init__(self):\n        self.model_id = os.getenv("EMBEDDINGS_MODEL", "cohere.embed-english-v3")\n' +
      '    def embed(self, texts):\n        return bedrock.invoke_model(modelId=self.model_id, body=json.dumps({"texts": texts, "input_type": "search_document"}))\n',
  },
  {
    name: 'dict of model IDs looked up with a literal key',
    code: header + 'MODELS = {"chat": "anthropic.claude-3-haiku-20240307-v1:0", "embed": "amazon.titan-embed-image-v1"}\nbedrock.invoke_model(modelId=MODELS["embed"], body=json.dumps({"inputText": t}))\n',
  },
  {
    name: 'environment variable with a default, read with or',
    code: header + 'MODEL = os.environ.get("MODEL_ID") or "twelvelabs.marengo-embed-2-7-v1:0"\nbedrock.invoke_model(modelId=MODEL, body=json.dumps({"inputType": "text", "inputText": q}))\n',
  },
  { name: 'Marengo body shape, model unknown', code: header + 'bedrock.invoke_model(modelId=config.model, body=json.dumps({"inputType": "text", "inputText": q}))\n' },
  { name: 'Cohere embed body shape, model unknown', code: header + 'bedrock.invoke_model(modelId=cfg["id"], body=json.dumps({"texts": docs, "input_type": "search_query"}))\n' },
  {
    name: 'image body shape, model unknown',
    code: header + 'bedrock.invoke_model(modelId=IMAGE, body=json.dumps({"taskType": "TEXT_IMAGE", "textToImageParams": {"text": p}, "imageGenerationConfig": {"numberOfImages": 1}}))\n',
  },
  { name: 'rerank body shape, model unknown', code: header + 'bedrock.invoke_model(modelId=m, body=json.dumps({"query": q, "documents": docs, "top_n": 3, "api_version": 2}))\n' },
  {
    name: 'Titan inputText body whose result is read as an embedding',
    code: header + 'def vector(text, model):\n    resp = bedrock.invoke_model(modelId=model.name, body=json.dumps({"inputText": text}))\n    return json.loads(resp.get("body").read()).get("embedding")\n',
  },
  { name: 'the model ID variable is named for embeddings', code: header + 'bedrock.invoke_model(modelId=settings.EMBEDDING_MODEL_ID, body=json.dumps({"inputText": text}))\n' },
];

/** The same shapes with a text model: still reported. */
const pythonText = [
  {
    name: 'dict of model IDs looked up with a literal key (the chat model)',
    code: header + 'MODELS = {"chat": "anthropic.claude-3-haiku-20240307-v1:0", "embed": "amazon.titan-embed-image-v1"}\nbedrock.invoke_model(modelId=MODELS["chat"], body=json.dumps({"anthropic_version": "bedrock-2023-05-31", "messages": m}))\n',
    line: 5,
    limit: /`max_tokens` for this model/,
  },
  {
    name: 'self.model_id set in __init__ to a text model',
    code:
      header +
      'class Chat:\n    def __init__(self, model_id="amazon.titan-text-express-v1"):\n        self.model_id = model_id\n' +
      '    def ask(self, q):\n        return bedrock.invoke_model(modelId=self.model_id, body=json.dumps({"inputText": q, "textGenerationConfig": {"temperature": 0}}))\n',
    line: 8,
    limit: /`textGenerationConfig\.maxTokenCount` for this model/,
  },
];

for (const rule of RULES) {
  ruleTester(rule, {
    valid: pythonEmbeddings.map((c) => ({ ...c, filename: py })),
    invalid: pythonText.map((c) => ({ name: c.name, filename: py, code: c.code, errors: [{ line: c.line, ...(rule === 'llm-call-without-max-tokens' ? { message: c.limit } : {}) }] })),
  });
}

const ts = 'embeddings.ts';
const tsHeader = 'import { BedrockRuntimeClient, InvokeModelCommand } from "@aws-sdk/client-bedrock-runtime";\nconst client = new BedrockRuntimeClient({});\n';

const tsEmbeddings = [
  {
    name: 'environment variable with a default, as a default parameter',
    code:
      tsHeader +
      'const EMBED = process.env.EMBED_MODEL_ID ?? "amazon.titan-embed-text-v2:0";\n' +
      'export async function embed(text: string, modelId = EMBED) {\n  return client.send(new InvokeModelCommand({ modelId, body: JSON.stringify({ inputText: text }) }));\n}\n',
  },
  {
    name: 'this.modelId set in the constructor',
    code:
      tsHeader +
      'class Embedder {\n  private modelId: string;\n  constructor(modelId = "cohere.embed-multilingual-v3") {\n    this.modelId = modelId;\n  }\n' +
      '  run(texts: string[]) {\n    return client.send(new InvokeModelCommand({ modelId: this.modelId, body: JSON.stringify({ texts, input_type: "search_query" }) }));\n  }\n}\n',
  },
  {
    name: 'object of model IDs',
    code: tsHeader + 'const MODELS = { chat: "anthropic.claude-3-haiku-20240307-v1:0", embed: "amazon.titan-embed-text-v1" };\nawait client.send(new InvokeModelCommand({ modelId: MODELS.embed, body: JSON.stringify({ inputText: q }) }));\n',
  },
  {
    name: 'embedding read from the result, model unknown',
    code:
      tsHeader +
      'export async function vector(text: string, modelId: string) {\n  const res = await client.send(new InvokeModelCommand({ modelId, body: JSON.stringify({ inputText: text }) }));\n' +
      '  return JSON.parse(new TextDecoder().decode(res.body)).embedding;\n}\n',
  },
  {
    name: 'image body shape, model unknown, in a function named for images',
    code: tsHeader + 'export const generateImage = async (modelId: string, params: any) =>\n  client.send(new InvokeModelCommand({ modelId, body: createBody(params) }));\n',
  },
];

for (const rule of RULES) {
  ruleTester(rule, {
    valid: tsEmbeddings.map((c) => ({ ...c, filename: ts })),
    invalid: [
      {
        name: 'object of model IDs (the chat model)',
        filename: ts,
        code:
          tsHeader +
          'const MODELS = { chat: "anthropic.claude-3-haiku-20240307-v1:0", embed: "amazon.titan-embed-text-v1" };\n' +
          'await client.send(new InvokeModelCommand({ modelId: MODELS.chat, body: JSON.stringify({ anthropic_version: "bedrock-2023-05-31", messages }) }));\n',
        errors: [{ line: 4, column: 23 }],
      },
    ],
  });
}
