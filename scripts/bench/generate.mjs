// Deterministic benchmark inputs: a 3,000-line Python module, a 3,000-line Terraform file and a monorepo-like tree of
// Python, Terraform, CloudFormation (YAML and JSON) and TypeScript files. Same seed → byte-identical output.
//
//   node scripts/bench/generate.mjs [OUT_DIR] [--files N] [--seed S]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_SEED = 20250607;
export const DEFAULT_TREE_FILES = 2400;

/**
 * The files of a bench tree, for the in-process measuring scripts: `dir`, or the default tree (written again into the
 * temporary folder) when none is given. `grammarOf(name)` names the grammar a file is read with, or nothing to skip it.
 */
export function treeFiles(dir, grammarOf) {
  const root = dir ?? path.join(os.tmpdir(), 'ai-lens-traversal-tree');
  if (!dir) writeTree(root);
  const files = [];
  const visit = (folder) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      const grammar = entry.isFile() ? grammarOf(entry.name) : undefined;
      if (entry.isDirectory() && entry.name !== 'node_modules') visit(full);
      else if (grammar) files.push({ grammar, text: fs.readFileSync(full, 'utf8') });
    }
  };
  visit(root);
  return files;
}

/** mulberry32: small, fast, and the same on every platform. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    /** A distinct identifier built from word lists, e.g. `ticket_summary_batch`. */
    name: (...lists) => lists.map((l) => r.pick(l)).join('_'),
  };
  return r;
}

export const NOUNS = ['ticket', 'invoice', 'claim', 'order', 'document', 'review', 'session', 'customer', 'product', 'report', 'query', 'answer', 'intent', 'policy', 'article', 'transcript', 'chunk', 'embedding', 'feature', 'label', 'sample', 'batch', 'prompt', 'reply', 'summary', 'score'];
export const VERBS = ['load', 'fetch', 'build', 'parse', 'score', 'rank', 'summarize', 'classify', 'extract', 'translate', 'route', 'validate', 'enrich', 'embed', 'chunk', 'filter', 'render', 'store', 'publish', 'sync', 'train', 'evaluate', 'deploy', 'refresh'];
export const QUALIFIERS = ['batch', 'async', 'cached', 'raw', 'safe', 'fast', 'full', 'partial', 'latest', 'daily', 'nightly', 'primary', 'shadow', 'canary', 'v2', 'legacy'];
export const TEAMS = ['support', 'billing', 'search', 'fraud', 'risk', 'growth', 'catalog', 'claims', 'docs', 'ops', 'platform', 'research', 'payments', 'identity'];
const CHAT_MODELS = [
  'anthropic.claude-3-5-sonnet-20240620-v1:0',
  'anthropic.claude-3-haiku-20240307-v1:0',
  'us.anthropic.claude-3-7-sonnet-20250219-v1:0',
  'meta.llama3-1-70b-instruct-v1:0',
  'mistral.mistral-large-2407-v1:0',
  'amazon.nova-pro-v1:0',
  'amazon.titan-text-express-v1',
  'cohere.command-r-plus-v1:0',
];
const EMBED_MODELS = ['amazon.titan-embed-text-v2:0', 'cohere.embed-english-v3'];
const OPENAI_MODELS = ['gpt-4o', 'gpt-4o-mini', 'o3-mini', 'gpt-4.1'];
const INSTANCE_TYPES = ['ml.m5.xlarge', 'ml.g5.xlarge', 'ml.g5.2xlarge', 'ml.c5.2xlarge', 'ml.inf2.xlarge', 'ml.t3.medium', 'ml.p4d.24xlarge'];
export const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
const WORDS = 'the a customer asked about an order that never arrived please summarize policy for refunds in plain words and keep answers short cite the source document when possible'.split(' ');

export function sentence(r, min = 4, max = 12) {
  const n = r.int(min, max);
  const words = [];
  for (let i = 0; i < n; i++) words.push(r.pick(WORDS));
  const s = words.join(' ');
  return s[0].toUpperCase() + s.slice(1);
}

export const pascal = (snake) => snake.split(/[_-]/).map((p) => p[0].toUpperCase() + p.slice(1)).join('');
export const camel = (snake) => {
  const p = pascal(snake);
  return p[0].toLowerCase() + p.slice(1);
};

/** Appends chunks until `lines` lines, then pads with blank and comment lines to exactly that many. */
function assemble(lines, header, chunk, pad) {
  const out = [...header];
  for (;;) {
    const next = chunk();
    if (out.length + next.length > lines) break;
    out.push(...next);
  }
  while (out.length < lines) out.push(out.length % 3 === 0 ? pad : '');
  return out.join('\n') + '\n';
}

/** Draws names from the seeded random source, never the same name twice in one file. */
export class NameWriter {
  constructor(r) {
    this.r = r;
    this.used = new Set();
  }

  fresh(make) {
    for (let i = 0; ; i++) {
      const name = make() + (i > 3 ? `_${i}` : '');
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------- Python

export class PythonWriter extends NameWriter {
  header() {
    const r = this.r;
    return [
      `"""${sentence(r, 6, 10)}.`,
      '',
      `Generated for the AI Lens benchmark: ${r.pick(TEAMS)} pipelines that call Bedrock, SageMaker and OpenAI.`,
      '"""',
      'from __future__ import annotations',
      '',
      'import json',
      'import logging',
      'import os',
      'import pickle',
      'import time',
      'from dataclasses import dataclass, field',
      'from typing import Any, Iterable, Optional',
      '',
      'import boto3',
      'import joblib',
      'import torch',
      'from botocore.config import Config',
      'from openai import OpenAI',
      '',
      'logger = logging.getLogger(__name__)',
      '',
      `REGION = os.environ.get("AWS_REGION", "${r.pick(REGIONS)}")`,
      `MODEL_ID = os.environ.get("MODEL_ID", "${r.pick(CHAT_MODELS)}")`,
      `EMBED_MODEL_ID = "${r.pick(EMBED_MODELS)}"`,
      'GUARDRAIL_ID = os.environ["GUARDRAIL_ID"]',
      'GUARDRAIL_VERSION = os.environ.get("GUARDRAIL_VERSION", "1")',
      'KB_ID = os.environ.get("KNOWLEDGE_BASE_ID", "")',
      'RETRY = Config(retries={"max_attempts": 5, "mode": "adaptive"})',
      '',
      'bedrock = boto3.client("bedrock-runtime", region_name=REGION, config=RETRY)',
      'agent_runtime = boto3.client("bedrock-agent-runtime", region_name=REGION)',
      'sagemaker = boto3.client("sagemaker", region_name=REGION)',
      'sm_runtime = boto3.client("sagemaker-runtime", region_name=REGION)',
      's3 = boto3.client("s3")',
      'openai_client = OpenAI()',
      '',
      '',
    ];
  }

  chunk() {
    const r = this.r;
    const kind = r.pick(['converse', 'converse', 'invoke', 'invoke', 'stream', 'rag', 'openai', 'endpoint', 'invoke_endpoint', 'helper', 'helper', 'helper', 'class', 'class', 'config', 'load']);
    return this[kind]();
  }

  fn() {
    const r = this.r;
    return this.fresh(() => r.name(VERBS, NOUNS) + (r.chance(0.4) ? `_${r.pick(QUALIFIERS)}` : ''));
  }

  messages(indent, variable) {
    return [`${indent}messages = [{"role": "user", "content": [{"text": ${variable}}]}]`];
  }

  converse() {
    const r = this.r;
    const name = this.fn();
    const param = r.pick(NOUNS);
    const guarded = r.chance(0.6);
    const limited = r.chance(0.7);
    const lines = [`def ${name}(${param}: str, temperature: float = ${r.int(0, 9) / 10}) -> str:`, `    """${sentence(r)}."""`];
    lines.push(...this.messages('    ', param));
    if (r.chance(0.5)) lines.push(`    logger.info("calling %s for ${name}", MODEL_ID)`);
    lines.push(`    response = bedrock.${r.chance(0.85) ? 'converse' : 'converse_stream'}(`, '        modelId=MODEL_ID,', '        messages=messages,');
    if (r.chance(0.5)) lines.push(`        system=[{"text": "${sentence(r, 5, 14)}."}],`);
    if (limited) lines.push(`        inferenceConfig={"maxTokens": ${r.pick([256, 512, 1024, 2048])}, "temperature": temperature},`);
    else lines.push('        inferenceConfig={"temperature": temperature},');
    if (guarded) lines.push('        guardrailConfig={"guardrailIdentifier": GUARDRAIL_ID, "guardrailVersion": GUARDRAIL_VERSION},');
    lines.push('    )');
    lines.push('    return response["output"]["message"]["content"][0]["text"]', '', '');
    return lines;
  }

  invoke() {
    const r = this.r;
    const name = this.fn();
    const model = r.pick(CHAT_MODELS);
    const body = r.pick([
      () => [`"anthropic_version": "bedrock-2023-05-31"`, `"max_tokens": ${r.int(100, 4000)}`, '"messages": [{"role": "user", "content": prompt}]'],
      () => ['"prompt": prompt', `"max_gen_len": ${r.int(64, 2048)}`, `"temperature": 0.${r.int(1, 9)}`],
      () => ['"inputText": prompt', `"textGenerationConfig": {"maxTokenCount": ${r.int(128, 4096)}, "topP": 0.9}`],
      () => ['"prompt": prompt', '"temperature": 0.5'],
      () => ['"messages": [{"role": "user", "content": [{"text": prompt}]}]', `"inferenceConfig": {"max_new_tokens": ${r.int(64, 1024)}}`],
    ])();
    const lines = [`def ${name}(records: list[dict], limit: int = ${r.int(5, 50)}) -> dict:`];
    lines.push(`    prompt = "\\n".join(f"- {item['${r.pick(NOUNS)}']}" for item in records[:limit])`);
    lines.push('    request = {');
    for (const entry of body) lines.push(`        ${entry},`);
    lines.push('    }');
    lines.push('    response = bedrock.invoke_model(', `        modelId="${model}",`, '        body=json.dumps(request),', '        contentType="application/json",');
    if (r.chance(0.5)) lines.push('        guardrailIdentifier=GUARDRAIL_ID,', '        guardrailVersion=GUARDRAIL_VERSION,');
    lines.push('    )', '    payload = json.loads(response["body"].read())');
    if (r.chance(0.5)) lines.push(`    logger.debug("${name} took %.2fs", payload.get("latency", 0.0))`);
    lines.push('    return payload', '', '');
    return lines;
  }

  stream() {
    const r = this.r;
    const name = this.fn();
    return [
      `def ${name}(question: str) -> Iterable[str]:`,
      '    response = bedrock.invoke_model_with_response_stream(',
      `        modelId="${r.pick(CHAT_MODELS)}",`,
      `        body=json.dumps({"prompt": question, "max_tokens": ${r.int(100, 900)}}),`,
      '    )',
      '    for event in response["body"]:',
      '        chunk = json.loads(event["chunk"]["bytes"])',
      '        if "completion" in chunk:',
      '            yield chunk["completion"]',
      '',
      '',
    ];
  }

  rag() {
    const r = this.r;
    const name = this.fn();
    const generation = r.chance(0.5)
      ? ['                "generationConfiguration": {', '                    "guardrailConfiguration": {"guardrailId": GUARDRAIL_ID, "guardrailVersion": GUARDRAIL_VERSION},', '                },']
      : [];
    return [
      `def ${name}(question: str, top_k: int = ${r.int(3, 12)}) -> dict:`,
      '    response = agent_runtime.retrieve_and_generate(',
      '        input={"text": question},',
      '        retrieveAndGenerateConfiguration={',
      '            "type": "KNOWLEDGE_BASE",',
      '            "knowledgeBaseConfiguration": {',
      '                "knowledgeBaseId": KB_ID,',
      `                "modelArn": f"arn:aws:bedrock:{REGION}::foundation-model/${r.pick(CHAT_MODELS)}",`,
      '                "retrievalConfiguration": {"vectorSearchConfiguration": {"numberOfResults": top_k}},',
      ...generation,
      '            },',
      '        },',
      '    )',
      '    citations = [c["retrievedReferences"] for c in response.get("citations", [])]',
      '    return {"answer": response["output"]["text"], "citations": citations}',
      '',
      '',
    ];
  }

  openai() {
    const r = this.r;
    const name = this.fn();
    const lines = [`def ${name}(user_input: str) -> str:`, '    completion = openai_client.chat.completions.create(', `        model="${r.pick(OPENAI_MODELS)}",`, '        messages=[', `            {"role": "system", "content": "${sentence(r)}."},`, '            {"role": "user", "content": user_input},', '        ],'];
    if (r.chance(0.6)) lines.push(`        max_completion_tokens=${r.int(100, 2000)},`);
    lines.push('    )', '    return completion.choices[0].message.content or ""', '', '');
    return lines;
  }

  endpoint() {
    const r = this.r;
    const name = this.fn();
    const variant = r.pick(QUALIFIERS);
    const lines = [
      `def ${name}(model_name: str, bucket: str) -> str:`,
      `    config_name = f"{model_name}-${variant}-{int(time.time())}"`,
      '    sagemaker.create_endpoint_config(',
      '        EndpointConfigName=config_name,',
      '        ProductionVariants=[',
      '            {',
      `                "VariantName": "${variant}",`,
      '                "ModelName": model_name,',
      `                "InstanceType": "${r.pick(INSTANCE_TYPES)}",`,
      `                "InitialInstanceCount": ${r.int(1, 4)},`,
      '            }',
      '        ],',
    ];
    if (r.chance(0.5)) {
      lines.push(
        '        DataCaptureConfig={',
        '            "EnableCapture": True,',
        `            "InitialSamplingPercentage": ${r.int(5, 100)},`,
        '            "DestinationS3Uri": f"s3://{bucket}/capture",',
        '            "CaptureOptions": [{"CaptureMode": "Input"}, {"CaptureMode": "Output"}],',
        '        },',
      );
    }
    lines.push('    )', `    sagemaker.create_endpoint(EndpointName=f"{model_name}-${variant}", EndpointConfigName=config_name)`, '    return config_name', '', '');
    return lines;
  }

  invoke_endpoint() {
    const r = this.r;
    const name = this.fn();
    return [
      `def ${name}(endpoint_name: str, features: list[float]) -> float:`,
      '    response = sm_runtime.invoke_endpoint(',
      '        EndpointName=endpoint_name,',
      '        ContentType="application/json",',
      '        Body=json.dumps({"instances": [features]}),',
      '    )',
      '    result = json.loads(response["Body"].read())',
      `    return float(result["predictions"][0]${r.chance(0.5) ? '["score"]' : ''})`,
      '',
      '',
    ];
  }

  helper() {
    const r = this.r;
    const name = this.fn();
    const a = r.pick(NOUNS);
    const b = r.pick(NOUNS);
    const threshold = r.int(1, 99) / 100;
    const body = r.pick([
      () => [
        `    ${a}s = [row for row in rows if row.get("${b}_score", 0.0) >= ${threshold}]`,
        `    ${a}s.sort(key=lambda row: (row["${b}_score"], row.get("id", "")), reverse=True)`,
        `    return {"count": len(${a}s), "items": ${a}s[:${r.int(5, 100)}]}`,
      ],
      () => [
        '    totals: dict[str, float] = {}',
        '    for row in rows:',
        `        key = str(row.get("${a}", "unknown")).lower()`,
        `        totals[key] = totals.get(key, 0.0) + float(row.get("${b}", 0))`,
        '    return dict(sorted(totals.items(), key=lambda kv: kv[1], reverse=True))',
      ],
      () => [
        `    key = f"${r.pick(TEAMS)}/${a}/{rows[0]['id'] if rows else 'empty'}.json"`,
        `    s3.put_object(Bucket=os.environ["${a.toUpperCase()}_BUCKET"], Key=key, Body=json.dumps(rows).encode("utf-8"))`,
        `    logger.info("stored %d ${a} rows at %s", len(rows), key)`,
        '    return {"key": key, "count": len(rows)}',
      ],
      () => [
        '    started = time.monotonic()',
        '    result = {}',
        '    for index, row in enumerate(rows):',
        '        try:',
        `            result[row["id"]] = {"${a}": row["${a}"], "rank": index, "ok": True}`,
        '        except KeyError as error:',
        `            logger.warning("row %d has no %s", index, error)`,
        `    logger.info("${name} took %.3fs", time.monotonic() - started)`,
        '    return result',
      ],
    ])();
    const lines = [`def ${name}(rows: list[dict]) -> dict:`];
    if (r.chance(0.5)) lines.push(`    # ${sentence(r, 5, 12).toLowerCase()}`);
    lines.push(...body, '', '');
    return lines;
  }

  class() {
    const r = this.r;
    const base = this.fresh(() => r.name(TEAMS, NOUNS));
    const cls = pascal(base) + r.pick(['Service', 'Client', 'Pipeline', 'Router', 'Store']);
    const lines = ['@dataclass', `class ${cls}:`, `    """${sentence(r)}."""`, '', `    model_id: str = "${r.pick(CHAT_MODELS)}"`, `    max_tokens: int = ${r.pick([256, 512, 1024])}`, '    tags: dict[str, str] = field(default_factory=dict)', `    client: Any = field(default_factory=lambda: boto3.client("bedrock-runtime", region_name="${r.pick(REGIONS)}"))`, ''];
    const methods = r.int(2, 4);
    for (let i = 0; i < methods; i++) {
      const m = r.name(VERBS, NOUNS);
      const param = `${r.pick(NOUNS)}_text`;
      const guarded = r.chance(0.5);
      lines.push(`    def ${m}(self, ${param}: str) -> str:`);
      if (r.chance(0.4)) lines.push(`        # ${sentence(r, 4, 10).toLowerCase()}`);
      lines.push(
        '        response = self.client.converse(',
        '            modelId=self.model_id,',
        `            messages=[{"role": "user", "content": [{"text": ${param}}]}],`,
        '            inferenceConfig={"maxTokens": self.max_tokens},',
      );
      if (guarded) lines.push('            guardrailConfig={"guardrailIdentifier": GUARDRAIL_ID, "guardrailVersion": GUARDRAIL_VERSION},');
      lines.push('        )', '        return response["output"]["message"]["content"][0]["text"]', '');
    }
    lines.push('');
    return lines;
  }

  config() {
    const r = this.r;
    const name = this.fresh(() => `${r.pick(TEAMS)}_${r.pick(NOUNS)}_settings`.toUpperCase());
    const lines = [`${name} = {`];
    const entries = r.int(4, 9);
    for (let i = 0; i < entries; i++) {
      const key = `${r.pick(NOUNS)}_${r.pick(['limit', 'timeout', 'region', 'model', 'prefix', 'enabled', 'weights', 'labels'])}`;
      const value = r.pick([
        () => String(r.int(1, 5000)),
        () => `"${r.pick(REGIONS)}"`,
        () => `"${r.pick(CHAT_MODELS)}"`,
        () => r.pick(['True', 'False', 'None']),
        () => `[${[r.int(1, 9), r.int(1, 9), r.int(1, 9)].join(', ')}]`,
        () => `{"${r.pick(NOUNS)}": ${r.int(0, 100) / 10}, "${r.pick(NOUNS)}": "${r.pick(QUALIFIERS)}"}`,
      ])();
      lines.push(`    "${key}": ${value},`);
    }
    lines.push('}', '', '');
    return lines;
  }

  load() {
    const r = this.r;
    const name = this.fn();
    const how = r.pick([
      ['    with open(path, "rb") as handle:', '        model = pickle.load(handle)'],
      ['    model = joblib.load(path)'],
      ['    model = torch.load(path, map_location="cpu", weights_only=True)'],
      ['    model = torch.load(path, map_location="cpu")'],
      ['    with open(path, "rb") as handle:', '        model = pickle.load(handle)  # ai-lens: ignore[unsafe-model-deserialization] -- artifacts are signed'],
    ]);
    return [`def ${name}(path: str) -> Any:`, `    logger.info("loading model from %s", path)`, ...how, '    return model', '', ''];
  }
}

export function pythonFile(seed = DEFAULT_SEED, lines = 3000) {
  const w = new PythonWriter(rng(seed));
  return assemble(lines, w.header(), () => w.chunk(), '# end of generated module');
}

// ------------------------------------------------------------------------------------------------------------- Terraform

export class TerraformWriter extends NameWriter {
  label() {
    const r = this.r;
    return this.fresh(() => `${r.pick(TEAMS)}_${r.pick(NOUNS)}${r.chance(0.3) ? `_${r.pick(QUALIFIERS)}` : ''}`);
  }

  header() {
    const r = this.r;
    return [
      `# ${sentence(r, 6, 12)}.`,
      'terraform {',
      '  required_version = ">= 1.6"',
      '  required_providers {',
      '    aws = {',
      '      source  = "hashicorp/aws"',
      '      version = "~> 5.60"',
      '    }',
      '  }',
      '}',
      '',
      'provider "aws" {',
      '  region = var.region',
      '  default_tags {',
      '    tags = local.common_tags',
      '  }',
      '}',
      '',
      'data "aws_caller_identity" "current" {}',
      'data "aws_partition" "current" {}',
      '',
      'locals {',
      `  project = "${r.pick(TEAMS)}-ml"`,
      '  common_tags = {',
      '    Project     = local.project',
      '    Environment = var.environment',
      '    Owner       = "ml-platform"',
      '  }',
      '}',
      '',
      'variable "region" {',
      '  type    = string',
      `  default = "${r.pick(REGIONS)}"`,
      '}',
      '',
      'variable "environment" {',
      '  type        = string',
      '  description = "Deployment stage"',
      '  default     = "dev"',
      '}',
      '',
    ];
  }

  chunk() {
    const r = this.r;
    return this[r.pick(['variable', 'bucket', 'bucket', 'role', 'model', 'endpointConfig', 'endpointConfig', 'endpoint', 'notebook', 'agent', 'guardrail', 'lambda', 'securityGroup', 'alarm', 'kms', 'output', 'module'])]();
  }

  variable() {
    const r = this.r;
    const name = this.label();
    const type = r.pick(['string', 'number', 'bool', 'list(string)', 'map(string)']);
    const def = { string: `"${r.pick(QUALIFIERS)}"`, number: String(r.int(1, 100)), bool: r.pick(['true', 'false']), 'list(string)': `["${r.pick(NOUNS)}", "${r.pick(NOUNS)}"]`, 'map(string)': `{ team = "${r.pick(TEAMS)}" }` }[type];
    const lines = [`variable "${name}" {`, `  type        = ${type}`, `  description = "${sentence(r, 3, 8)}"`, `  default     = ${def}`];
    if (type === 'number' && r.chance(0.5)) lines.push('  validation {', `    condition     = var.${name} > 0`, `    error_message = "${name} must be positive."`, '  }');
    lines.push('}', '');
    return lines;
  }

  bucket() {
    const r = this.r;
    const name = this.label();
    return [
      `resource "aws_s3_bucket" "${name}" {`,
      `  bucket = "\${local.project}-${name.replace(/_/g, '-')}-\${data.aws_caller_identity.current.account_id}"`,
      '  tags   = merge(local.common_tags, { Purpose = "' + r.pick(['capture', 'artifacts', 'datasets', 'logs']) + '" })',
      '}',
      '',
      `resource "aws_s3_bucket_versioning" "${name}" {`,
      `  bucket = aws_s3_bucket.${name}.id`,
      '  versioning_configuration {',
      '    status = "Enabled"',
      '  }',
      '}',
      '',
      `resource "aws_s3_bucket_server_side_encryption_configuration" "${name}" {`,
      `  bucket = aws_s3_bucket.${name}.id`,
      '  rule {',
      '    apply_server_side_encryption_by_default {',
      '      sse_algorithm = "aws:kms"',
      '    }',
      '  }',
      '}',
      '',
    ];
  }

  role() {
    const r = this.r;
    const name = this.label();
    return [
      `resource "aws_iam_role" "${name}" {`,
      `  name = "\${local.project}-${name.replace(/_/g, '-')}"`,
      '  assume_role_policy = jsonencode({',
      '    Version = "2012-10-17"',
      '    Statement = [{',
      '      Effect    = "Allow"',
      `      Principal = { Service = "${r.pick(['sagemaker', 'bedrock', 'lambda'])}.amazonaws.com" }`,
      '      Action    = "sts:AssumeRole"',
      '    }]',
      '  })',
      '}',
      '',
      `resource "aws_iam_role_policy" "${name}" {`,
      `  role = aws_iam_role.${name}.id`,
      '  policy = jsonencode({',
      '    Version = "2012-10-17"',
      '    Statement = [',
      '      {',
      '        Effect   = "Allow"',
      `        Action   = ["${r.pick(['bedrock:InvokeModel', 's3:GetObject', 'sagemaker:InvokeEndpoint'])}", "${r.pick(['logs:PutLogEvents', 's3:PutObject', 'kms:Decrypt'])}"]`,
      '        Resource = "*"',
      '      },',
      '    ]',
      '  })',
      '}',
      '',
    ];
  }

  model() {
    const r = this.r;
    const name = this.label();
    return [
      `resource "aws_sagemaker_model" "${name}" {`,
      `  name               = "${name.replace(/_/g, '-')}"`,
      '  execution_role_arn = var.sagemaker_execution_role_arn',
      '',
      '  primary_container {',
      `    image          = "\${data.aws_caller_identity.current.account_id}.dkr.ecr.\${var.region}.amazonaws.com/${r.pick(NOUNS)}:${r.int(1, 40)}"`,
      `    model_data_url = "s3://\${var.artifact_bucket}/${r.pick(NOUNS)}/model.tar.gz"`,
      '    environment = {',
      `      SAGEMAKER_PROGRAM = "${r.pick(['inference.py', 'serve.py'])}"`,
      `      MAX_BATCH_SIZE    = "${r.int(1, 64)}"`,
      '    }',
      '  }',
      '',
      '  vpc_config {',
      '    subnets            = var.private_subnet_ids',
      '    security_group_ids = var.model_security_group_ids',
      '  }',
      '}',
      '',
    ];
  }

  endpointConfig() {
    const r = this.r;
    const name = this.label();
    const lines = [`resource "aws_sagemaker_endpoint_configuration" "${name}" {`, `  name = "${name.replace(/_/g, '-')}"`, ''];
    const variants = r.int(1, 2);
    for (let i = 0; i < variants; i++) {
      lines.push(
        '  production_variants {',
        `    variant_name           = "${i === 0 ? 'primary' : r.pick(QUALIFIERS)}"`,
        `    model_name             = aws_sagemaker_model.${r.pick(NOUNS)}.name`,
        `    instance_type          = "${r.pick(INSTANCE_TYPES)}"`,
        `    initial_instance_count = ${r.int(1, 4)}`,
        `    initial_variant_weight = ${r.int(1, 10) / 10}`,
        '  }',
        '',
      );
    }
    if (r.chance(0.55)) {
      lines.push(
        '  data_capture_config {',
        `    enable_capture              = ${r.chance(0.85) ? 'true' : 'false'}`,
        `    initial_sampling_percentage = ${r.int(5, 100)}`,
        '    destination_s3_uri          = "s3://${var.capture_bucket}/capture"',
        '',
        '    capture_options {',
        '      capture_mode = "Input"',
        '    }',
        '',
        '    capture_options {',
        '      capture_mode = "Output"',
        '    }',
        '  }',
        '',
      );
    }
    lines.push('  tags = local.common_tags', '}', '');
    return lines;
  }

  endpoint() {
    const name = this.label();
    return [`resource "aws_sagemaker_endpoint" "${name}" {`, `  name                 = "${name.replace(/_/g, '-')}"`, `  endpoint_configuration_name = aws_sagemaker_endpoint_configuration.${name}.name`, '', '  deployment_config {', '    blue_green_update_policy {', '      traffic_routing_configuration {', '        type                     = "ALL_AT_ONCE"', '        wait_interval_in_seconds = 300', '      }', '    }', '  }', '}', ''];
  }

  notebook() {
    const r = this.r;
    const name = this.label();
    const lines = [`resource "aws_sagemaker_notebook_instance" "${name}" {`, `  name          = "${name.replace(/_/g, '-')}"`, '  role_arn      = var.sagemaker_execution_role_arn', `  instance_type = "${r.pick(['ml.t3.medium', 'ml.t3.large', 'ml.m5.xlarge'])}"`, `  volume_size   = ${r.pick([5, 20, 50, 100])}`];
    if (r.chance(0.5)) lines.push('  subnet_id              = var.private_subnet_ids[0]', '  security_groups        = var.notebook_security_group_ids', `  direct_internet_access = "${r.chance(0.8) ? 'Disabled' : 'Enabled'}"`);
    lines.push('  kms_key_id    = aws_kms_key.ml.arn', '}', '');
    return lines;
  }

  agent() {
    const r = this.r;
    const name = this.label();
    const lines = [
      `resource "aws_bedrockagent_agent" "${name}" {`,
      `  agent_name                  = "${name.replace(/_/g, '-')}"`,
      '  agent_resource_role_arn     = aws_iam_role.bedrock_agent.arn',
      `  foundation_model            = "${r.pick(CHAT_MODELS)}"`,
      `  idle_session_ttl_in_seconds = ${r.pick([300, 600, 1800])}`,
      `  instruction                 = "${sentence(r, 10, 20)}."`,
    ];
    if (r.chance(0.5)) lines.push('', '  guardrail_configuration {', '    guardrail_identifier = aws_bedrock_guardrail.main.guardrail_id', '    guardrail_version    = aws_bedrock_guardrail_version.main.version', '  }');
    lines.push('}', '');
    return lines;
  }

  guardrail() {
    const r = this.r;
    const name = this.label();
    const lines = [`resource "aws_bedrock_guardrail" "${name}" {`, `  name                      = "${name.replace(/_/g, '-')}"`, '  blocked_input_messaging   = "This request is not allowed."', '  blocked_outputs_messaging = "This answer is not allowed."', '', '  content_policy_config {'];
    for (const type of ['HATE', 'INSULTS', 'SEXUAL', 'VIOLENCE', 'MISCONDUCT', 'PROMPT_ATTACK'].filter(() => r.chance(0.7))) {
      lines.push('    filters_config {', `      type            = "${type}"`, `      input_strength  = "${r.pick(['LOW', 'MEDIUM', 'HIGH'])}"`, `      output_strength = "${type === 'PROMPT_ATTACK' ? 'NONE' : r.pick(['LOW', 'MEDIUM', 'HIGH'])}"`, '    }');
    }
    lines.push('  }', '', '  sensitive_information_policy_config {', '    pii_entities_config {', '      action = "ANONYMIZE"', `      type   = "${r.pick(['EMAIL', 'PHONE', 'NAME', 'ADDRESS'])}"`, '    }', '  }', '}', '');
    return lines;
  }

  lambda() {
    const r = this.r;
    const name = this.label();
    const lines = [`resource "aws_lambda_function" "${name}" {`, `  function_name = "\${local.project}-${name.replace(/_/g, '-')}"`, `  role          = aws_iam_role.${r.pick(NOUNS)}.arn`, `  runtime       = "${r.pick(['python3.12', 'python3.11', 'nodejs20.x'])}"`, '  handler       = "app.handler"', `  timeout       = ${r.int(3, 900)}`, `  memory_size   = ${r.pick([128, 256, 512, 1024, 2048])}`, '  filename      = "${path.module}/build/' + name + '.zip"', '', '  environment {', '    variables = {'];
    for (let i = 0; i < r.int(2, 5); i++) lines.push(`      ${r.pick(NOUNS).toUpperCase()}_${r.pick(['ID', 'ARN', 'NAME', 'URL'])} = "${r.pick(QUALIFIERS)}"`);
    lines.push('    }', '  }');
    if (r.chance(0.4)) lines.push('', '  dynamic "vpc_config" {', '    for_each = var.private_subnet_ids == null ? [] : [1]', '    content {', '      subnet_ids         = var.private_subnet_ids', '      security_group_ids = [aws_security_group.lambda.id]', '    }', '  }');
    lines.push('}', '');
    return lines;
  }

  securityGroup() {
    const r = this.r;
    const name = this.label();
    const lines = [`resource "aws_security_group" "${name}" {`, `  name_prefix = "${name.replace(/_/g, '-')}-"`, '  vpc_id      = var.vpc_id', ''];
    for (let i = 0; i < r.int(1, 3); i++) lines.push('  ingress {', `    from_port   = ${r.pick([443, 8080, 5432, 6379])}`, '    to_port     = 443', '    protocol    = "tcp"', `    cidr_blocks = ["10.${r.int(0, 255)}.0.0/16"]`, '  }', '');
    lines.push('  egress {', '    from_port   = 0', '    to_port     = 0', '    protocol    = "-1"', '    cidr_blocks = ["0.0.0.0/0"]', '  }', '}', '');
    return lines;
  }

  alarm() {
    const r = this.r;
    const name = this.label();
    return [
      `resource "aws_cloudwatch_metric_alarm" "${name}" {`,
      `  alarm_name          = "${name.replace(/_/g, '-')}-${r.pick(['latency', 'errors', 'invocations'])}"`,
      '  comparison_operator = "GreaterThanThreshold"',
      `  evaluation_periods  = ${r.int(1, 5)}`,
      `  metric_name         = "${r.pick(['ModelLatency', 'Invocation5XXErrors', 'InvocationsPerInstance'])}"`,
      '  namespace           = "AWS/SageMaker"',
      '  period              = 60',
      '  statistic           = "Average"',
      `  threshold           = ${r.int(10, 5000)}`,
      '  dimensions = {',
      `    EndpointName = "${r.pick(TEAMS)}-${r.pick(NOUNS)}"`,
      '    VariantName  = "primary"',
      '  }',
      '}',
      '',
    ];
  }

  kms() {
    const name = this.label();
    return [`resource "aws_kms_key" "${name}" {`, '  description             = "ML artifacts and captured data"', '  deletion_window_in_days = 30', '  enable_key_rotation     = true', '}', '', `resource "aws_kms_alias" "${name}" {`, `  name          = "alias/${name.replace(/_/g, '-')}"`, `  target_key_id = aws_kms_key.${name}.key_id`, '}', ''];
  }

  output() {
    const r = this.r;
    const name = this.label();
    return [`output "${name}" {`, `  description = "${sentence(r, 3, 7)}"`, `  value       = aws_sagemaker_endpoint_configuration.${r.pick(NOUNS)}.arn`, `  sensitive   = ${r.pick(['true', 'false'])}`, '}', ''];
  }

  module() {
    const r = this.r;
    const name = this.label();
    return [`module "${name}" {`, `  source  = "./modules/${r.pick(['vpc', 'endpoint', 'pipeline', 'feature-store'])}"`, `  name    = "${name.replace(/_/g, '-')}"`, '  tags    = local.common_tags', `  enabled = ${r.pick(['true', 'false'])}`, '}', ''];
  }
}

export function terraformFile(seed = DEFAULT_SEED, lines = 3000) {
  const w = new TerraformWriter(rng(seed));
  return assemble(lines, w.header(), () => w.chunk(), '# end of generated configuration');
}

// -------------------------------------------------------------------------------------------------------- CloudFormation

function cloudFormationTemplate(r) {
  const resources = {};
  const used = new Set();
  const logical = (suffix) => {
    for (;;) {
      const name = pascal(`${r.pick(TEAMS)}_${r.pick(NOUNS)}`) + suffix;
      if (!used.has(name)) return used.add(name), name;
      suffix += 'X';
    }
  };
  const count = r.int(3, 14);
  for (let i = 0; i < count; i++) {
    const kind = r.pick(['endpointConfig', 'endpointConfig', 'notebook', 'agent', 'bucket', 'role', 'function', 'endpoint']);
    if (kind === 'endpointConfig') {
      const props = {
        EndpointConfigName: { 'Fn::Sub': `\${AWS::StackName}-${r.pick(NOUNS)}` },
        ProductionVariants: [{ VariantName: 'primary', ModelName: { Ref: 'ModelName' }, InstanceType: r.pick(INSTANCE_TYPES), InitialInstanceCount: r.int(1, 4), InitialVariantWeight: 1 }],
      };
      if (r.chance(0.5)) props.DataCaptureConfig = { EnableCapture: true, InitialSamplingPercentage: r.int(5, 100), DestinationS3Uri: { 'Fn::Sub': 's3://${CaptureBucket}/capture' }, CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }] };
      resources[logical('EndpointConfig')] = { Type: 'AWS::SageMaker::EndpointConfig', Properties: props };
    } else if (kind === 'notebook') {
      resources[logical('Notebook')] = {
        Type: 'AWS::SageMaker::NotebookInstance',
        Properties: { NotebookInstanceName: { 'Fn::Sub': `\${AWS::StackName}-${r.pick(NOUNS)}` }, InstanceType: 'ml.t3.medium', RoleArn: { Ref: 'ExecutionRoleArn' }, DirectInternetAccess: r.pick(['Enabled', 'Disabled']), VolumeSizeInGB: r.pick([5, 20, 50]) },
      };
    } else if (kind === 'agent') {
      const props = { AgentName: `${r.pick(TEAMS)}-${r.pick(NOUNS)}`, FoundationModel: r.pick(CHAT_MODELS), Instruction: `${sentence(r, 10, 18)}.`, AgentResourceRoleArn: { 'Fn::GetAtt': ['AgentRole', 'Arn'] } };
      if (r.chance(0.5)) props.GuardrailConfiguration = { GuardrailIdentifier: { Ref: 'GuardrailId' }, GuardrailVersion: '1' };
      resources[logical('Agent')] = { Type: 'AWS::Bedrock::Agent', Properties: props };
    } else if (kind === 'bucket') {
      resources[logical('Bucket')] = { Type: 'AWS::S3::Bucket', Properties: { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] }, VersioningConfiguration: { Status: 'Enabled' } } };
    } else if (kind === 'role') {
      resources[logical('Role')] = {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: `${r.pick(['sagemaker', 'bedrock', 'lambda'])}.amazonaws.com` }, Action: 'sts:AssumeRole' }] },
          ManagedPolicyArns: [`arn:aws:iam::aws:policy/${r.pick(['AmazonSageMakerFullAccess', 'AmazonBedrockFullAccess', 'AWSLambdaExecute'])}`],
        },
      };
    } else if (kind === 'function') {
      resources[logical('Function')] = {
        Type: 'AWS::Lambda::Function',
        Properties: { Runtime: 'python3.12', Handler: 'app.handler', Timeout: r.int(3, 900), MemorySize: r.pick([128, 512, 1024]), Role: { 'Fn::GetAtt': ['FunctionRole', 'Arn'] }, Code: { S3Bucket: { Ref: 'ArtifactBucket' }, S3Key: `${r.pick(NOUNS)}.zip` }, Environment: { Variables: { MODEL_ID: r.pick(CHAT_MODELS), TABLE: r.pick(NOUNS) } } },
      };
    } else {
      resources[logical('Endpoint')] = { Type: 'AWS::SageMaker::Endpoint', Properties: { EndpointConfigName: { 'Fn::GetAtt': [Object.keys(resources)[0] ?? 'Config', 'EndpointConfigName'] } } };
    }
  }
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `${sentence(r, 4, 9)}`,
    Parameters: { ModelName: { Type: 'String' }, ExecutionRoleArn: { Type: 'String' }, CaptureBucket: { Type: 'String' }, GuardrailId: { Type: 'String', Default: '' } },
    Resources: resources,
    Outputs: { StackName: { Value: { Ref: 'AWS::StackName' } } },
  };
}

/** YAML in CloudFormation's short forms (`!Ref`, `!Sub`, `!GetAtt`), with comments. */
function toCloudFormationYaml(value, indent = '') {
  const lines = [];
  const scalar = (v) => (typeof v === 'string' ? (/^[\w.\-/:]+$/.test(v) && !/^(true|false|yes|no|null|\d.*)$/i.test(v) ? v : JSON.stringify(v)) : String(v));
  const short = (v) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1 && keys[0] === 'Ref') return `!Ref ${v.Ref}`;
      if (keys.length === 1 && keys[0] === 'Fn::Sub') return `!Sub ${JSON.stringify(v['Fn::Sub'])}`;
      if (keys.length === 1 && keys[0] === 'Fn::GetAtt') return `!GetAtt ${v['Fn::GetAtt'].join('.')}`;
    }
    return undefined;
  };
  if (Array.isArray(value)) {
    for (const item of value) {
      const s = short(item);
      if (s || typeof item !== 'object') lines.push(`${indent}- ${s ?? scalar(item)}`);
      else {
        const inner = toCloudFormationYaml(item, indent + '  ');
        lines.push(`${indent}- ${inner[0].trimStart()}`, ...inner.slice(1));
      }
    }
    return lines;
  }
  for (const [key, v] of Object.entries(value)) {
    const s = short(v);
    if (s) lines.push(`${indent}${key}: ${s}`);
    else if (v && typeof v === 'object') lines.push(`${indent}${key}:`, ...toCloudFormationYaml(v, indent + '  '));
    else lines.push(`${indent}${key}: ${scalar(v)}`);
  }
  return lines;
}

export function cloudFormationYaml(r) {
  const template = cloudFormationTemplate(r);
  const body = toCloudFormationYaml(template).flatMap((line) => (/^  [A-Z]\w+:$/.test(line) && r.chance(0.3) ? ['', `  # ${sentence(r, 3, 8).toLowerCase()}`, line] : [line]));
  return `# ${sentence(r, 5, 10)}\n${body.join('\n')}\n`;
}

export function cloudFormationJson(r) {
  return JSON.stringify(cloudFormationTemplate(r), null, 2) + '\n';
}

// ----------------------------------------------------------------------------------------------------------- TypeScript

export function typeScriptFile(r, lines) {
  const out = [
    `// ${sentence(r, 5, 10)}.`,
    'import { BedrockRuntimeClient, ConverseCommand, InvokeModelCommand, type Message } from "@aws-sdk/client-bedrock-runtime";',
    'import { S3Client, PutObjectCommand } from "@aws-sdk/client-s3";',
    `import { ${pascal(r.pick(NOUNS))}Store } from "./${r.pick(NOUNS)}-store";`,
    '',
    `const client = new BedrockRuntimeClient({ region: process.env.AWS_REGION ?? "${r.pick(REGIONS)}" });`,
    'const s3 = new S3Client({});',
    `const MODEL_ID = process.env.MODEL_ID ?? "${r.pick(CHAT_MODELS)}";`,
    '',
  ];
  const used = new Set();
  while (out.length < lines) {
    const noun = r.pick(NOUNS);
    let name = camel(`${r.pick(VERBS)}_${noun}`);
    while (used.has(name)) name += 'Again';
    used.add(name);
    const kind = r.pick(['converse', 'interface', 'helper', 'class', 'store']);
    if (kind === 'converse') {
      out.push(
        `export async function ${name}(history: Message[], ${noun}: string): Promise<string> {`,
        `  const messages: Message[] = [...history, { role: "user", content: [{ text: ${noun} }] }];`,
        '  const response = await client.send(',
        '    new ConverseCommand({',
        '      modelId: MODEL_ID,',
        '      messages,',
        `      inferenceConfig: { maxTokens: ${r.int(100, 2000)}, temperature: ${r.int(0, 9) / 10} },`,
        '    }),',
        '  );',
        '  const block = response.output?.message?.content?.[0];',
        '  return block && "text" in block ? (block.text ?? "") : "";',
        '}',
        '',
      );
    } else if (kind === 'interface') {
      out.push(`export interface ${pascal(name)} {`, `  id: string;`, `  ${noun}: string;`, `  score?: number;`, `  tags: Record<string, string>;`, `  createdAt: Date;`, '}', '');
    } else if (kind === 'helper') {
      out.push(
        `export function ${name}<T extends { ${noun}: number }>(items: T[], limit = ${r.int(5, 50)}): T[] {`,
        `  return [...items].filter((item) => item.${noun} > ${r.int(0, 100) / 100}).sort((a, b) => b.${noun} - a.${noun}).slice(0, limit);`,
        '}',
        '',
      );
    } else if (kind === 'class') {
      out.push(
        `export class ${pascal(name)} {`,
        '  private readonly cache = new Map<string, string>();',
        '',
        `  constructor(private readonly prefix: string = "${r.pick(TEAMS)}") {}`,
        '',
        `  async ${camel(r.pick(VERBS) + '_' + noun)}(key: string, body: string): Promise<void> {`,
        '    if (this.cache.get(key) === body) return;',
        '    await s3.send(new PutObjectCommand({ Bucket: process.env.BUCKET, Key: `${this.prefix}/${key}`, Body: body }));',
        '    this.cache.set(key, body);',
        '  }',
        '}',
        '',
      );
    } else {
      out.push(
        `export async function ${name}(prompt: string): Promise<unknown> {`,
        '  const response = await client.send(',
        '    new InvokeModelCommand({',
        `      modelId: "${r.pick(CHAT_MODELS)}",`,
        `      body: JSON.stringify({ prompt, max_tokens: ${r.int(64, 1024)} }),`,
        '      contentType: "application/json",',
        '    }),',
        '  );',
        '  return JSON.parse(new TextDecoder().decode(response.body));',
        '}',
        '',
      );
    }
  }
  return out.join('\n') + '\n';
}

// ----------------------------------------------------------------------------------------------------------------- Tree

/** A file of roughly `lines` lines of the given writer's chunks (no padding, so sizes vary naturally). */
export function sized(Writer, r, lines) {
  const w = new Writer(r);
  const out = w.header();
  while (out.length < lines) out.push(...w.chunk());
  return out.join('\n') + '\n';
}

/**
 * Writes a monorepo-like tree under `root`: `services/<team>-<n>/{src,tests,infra}`, `stacks/`, `web/`. Returns counts
 * by kind. Besides the checked files it holds the files a real repository has that are read and skipped (README,
 * package.json, tsconfig.json, a non-CloudFormation YAML workflow).
 */
export function writeTree(root, { files = DEFAULT_TREE_FILES, seed = DEFAULT_SEED } = {}) {
  const r = rng(seed ^ 0x5eed);
  fs.rmSync(root, { recursive: true, force: true });
  const counts = { python: 0, terraform: 0, cloudformationYaml: 0, cloudformationJson: 0, typescript: 0, other: 0, bytes: 0 };
  const write = (rel, text, kind) => {
    const full = path.join(root, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
    counts[kind]++;
    counts.bytes += Buffer.byteLength(text);
  };
  let written = 0;
  for (let service = 0; written < files; service++) {
    const dir = `services/${r.pick(TEAMS)}-${String(service).padStart(3, '0')}`;
    write(`${dir}/README.md`, `# ${dir}\n\n${sentence(r, 10, 30)}.\n`, 'other');
    const py = r.int(3, 8);
    for (let i = 0; i < py && written < files; i++, written++) {
      const sub = i % 4 === 3 ? 'tests' : 'src';
      write(`${dir}/${sub}/${r.name(VERBS, NOUNS)}_${i}.py`, sized(PythonWriter, r, r.int(40, 450)), 'python');
    }
    const tf = r.int(1, 5);
    for (let i = 0; i < tf && written < files; i++, written++) write(`${dir}/infra/${r.pick(['main', 'sagemaker', 'bedrock', 'network', 'storage'])}_${i}.tf`, sized(TerraformWriter, r, r.int(40, 400)), 'terraform');
    if (r.chance(0.5) && written < files) {
      write(`${dir}/template.yaml`, cloudFormationYaml(r), 'cloudformationYaml');
      written++;
    }
    if (r.chance(0.2) && written < files) {
      write(`${dir}/template.json`, cloudFormationJson(r), 'cloudformationJson');
      written++;
    }
    if (r.chance(0.45)) {
      write(`${dir}/web/package.json`, JSON.stringify({ name: dir.split('/')[1], private: true, dependencies: { '@aws-sdk/client-bedrock-runtime': '^3.600.0' } }, null, 2) + '\n', 'other');
      write(`${dir}/web/tsconfig.json`, JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext' } }, null, 2) + '\n', 'other');
      const ts = r.int(1, 5);
      for (let i = 0; i < ts && written < files; i++, written++) write(`${dir}/web/src/${camel(r.name(VERBS, NOUNS))}${i}.${r.chance(0.8) ? 'ts' : 'tsx'}`, typeScriptFile(r, r.int(30, 300)), 'typescript');
    }
    if (r.chance(0.1)) write(`${dir}/.github/workflows/ci.yml`, 'on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n', 'other');
  }
  return counts;
}

export function isMainModule(url) {
  return process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(url);
}

if (isMainModule(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args.splice(i, 2)[1]) : fallback;
  };
  const seed = option('--seed', DEFAULT_SEED);
  const files = option('--files', DEFAULT_TREE_FILES);
  const out = args[0] ?? path.join(os.tmpdir(), 'ai-lens-bench');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'large.py'), pythonFile(seed));
  fs.writeFileSync(path.join(out, 'large.tf'), terraformFile(seed));
  const counts = writeTree(path.join(out, 'tree'), { files, seed });
  console.log(JSON.stringify({ out, seed, tree: counts }, null, 2));
}
