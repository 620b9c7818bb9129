import { ruleTester } from '../ruleTester';

// Random strings in the providers' key formats: not real keys.
const OPENAI_KEY = 'sk-proj-PtYgjmUhBel31iEl2hpChYgCfrL1spNxnyVmihA-2O76UMFx';
const OPENAI_LEGACY_KEY = 'sk-SXpfKtHF4vUCsMehGAkWvj7FAc9QeWJKY40uvSwMFLZDe1f8';
const ANTHROPIC_KEY = 'sk-ant-api03-I8ihN5KXSc7Tvo-hBKqFYY-kv5ZJr3J1TWDtkwtDDb_xHKas1VOqg6YYZYn9ZhyiA4uoRgnatmUdjAWtGSU8po_799NksAA';
const AWS_KEY_ID = 'AKIAGVQ6KBNXJBTFQXKW';
const AWS_SECRET = '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';

ruleTester('hardcoded-provider-secret', {
  valid: [
    { name: 'an identifier that starts with sk-', filename: 'app.py', code: 'PIPELINE = "sk-learn-pipeline-v2-final-2024"\n' },
    { name: 'a documentation-style example key', filename: 'app.py', code: 'EXAMPLE = "sk-1234567890abcdef1234567890abcdef"\n' },
    { name: 'a Stripe test key', filename: 'app.py', code: 'STRIPE = "sk_test_51HxYzAbCdEfGhIjKlMnOpQrStUvWxYz0123456789"\n' },
    { filename: 'app.py', code: 'import os\nfrom openai import OpenAI\nclient = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n' },
    { name: 'placeholders', filename: 'app.py', code: 'A = "sk-..."\nB = "sk-your-api-key-here"\nC = "sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxx"\nD = "sk-proj-<your key>"\nE = "sk-ant-api03-REPLACE_WITH_YOUR_KEY_abcdefghijklmnopqrstuvwxyz"\n' },
    {
      name: "AWS's documented example keys",
      filename: 'app.py',
      code: 'import boto3\ns3 = boto3.client("s3", aws_access_key_id="AKIAIOSFODNN7EXAMPLE", aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")\n',
    },
    { name: 'words that contain sk-', filename: 'app.py', code: 'TASK = "task-2024-quarterly-report-final-v2"\nRISK = "risk-assessment-matrix-2024-q3-draft"\n' },
    { name: 'a 40-character value not named as an AWS secret', filename: 'app.py', code: 'COMMIT = "CQCyEZDz+TddJ8HyS5SUkCnD8zRA9a9SkpXz9w3Q"\n' },
    { name: 'Terraform reading variables', filename: 'main.tf', code: 'provider "aws" {\n  access_key = var.access_key\n  secret_key = var.secret_key\n}\n' },
    { name: 'TypeScript reading the environment', filename: 'client.ts', code: 'import OpenAI from "openai";\nconst client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n' },
    { name: 'a Stripe-style key is not an OpenAI key', filename: 'app.py', code: 'STRIPE = "sk_live_51H8kLmNoPqRsTuVwXyZ0123456789"\n' },
  ],
  invalid: [
    {
      name: 'OpenAI key passed to the client',
      filename: 'app.py',
      code: `import os\nfrom openai import OpenAI\nclient = OpenAI(api_key="${OPENAI_KEY}")\n`,
      errors: [{ line: 3, column: 26, message: /hard-coded OpenAI API key/ }],
      output: 'import os\nfrom openai import OpenAI\nclient = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n',
    },
    {
      name: 'legacy key in a module constant, os not yet imported',
      filename: 'settings.py',
      code: `"""Settings."""\nimport openai\n\nOPENAI_API_KEY = '${OPENAI_LEGACY_KEY}'\n`,
      errors: [{ line: 4, column: 19 }],
      output: '"""Settings."""\nimport openai\nimport os\n\nOPENAI_API_KEY = os.environ["OPENAI_API_KEY"]\n',
    },
    {
      name: 'Anthropic key as an environment default',
      filename: 'app.py',
      code: `import os\nkey = os.environ.get("ANTHROPIC_API_KEY", "${ANTHROPIC_KEY}")\n`,
      errors: [{ line: 2, column: 44, message: /Anthropic API key/ }],
      output: 'import os\nkey = os.environ.get("ANTHROPIC_API_KEY")\n',
    },
    {
      name: 'AWS access key pair in boto3',
      filename: 'app.py',
      code: `import os\nimport boto3\nbedrock = boto3.client(\n    "bedrock-runtime",\n    aws_access_key_id="${AWS_KEY_ID}",\n    aws_secret_access_key="${AWS_SECRET}",\n)\n`,
      errors: [
        { line: 5, column: 24, message: /AWS access key ID/ },
        { line: 6, column: 28, message: /AWS secret access key/ },
      ],
      output: 'import os\nimport boto3\nbedrock = boto3.client(\n    "bedrock-runtime",\n    aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],\n    aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],\n)\n',
    },
    {
      name: 'a raw string is reported without a fix',
      filename: 'app.py',
      code: `KEY = r"${OPENAI_KEY}"\n`,
      errors: [{ line: 1, column: 9 }],
      output: null,
    },
    {
      name: 'TypeScript client',
      filename: 'client.ts',
      code: `import OpenAI from "openai";\nconst client = new OpenAI({ apiKey: "${OPENAI_KEY}" });\n`,
      errors: [{ line: 2, column: 38 }],
      output: 'import OpenAI from "openai";\nconst client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n',
    },
    {
      name: 'Terraform provider credentials',
      filename: 'main.tf',
      code: `provider "aws" {\n  region     = "us-east-1"\n  access_key = "${AWS_KEY_ID}"\n  secret_key = "${AWS_SECRET}"\n}\n`,
      errors: [{ line: 3, column: 17 }, { line: 4, column: 17 }],
      output: null,
    },
    {
      name: 'CloudFormation Lambda environment',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Environment:\n        Variables:\n          OPENAI_API_KEY: ${OPENAI_KEY}\n`,
      errors: [{ line: 8, column: 27 }],
      output: null,
    },
    {
      name: 'key in an environment file written from Python',
      filename: 'setup_env.py',
      code: `import os\nos.environ["AWS_SECRET_ACCESS_KEY"] = "${AWS_SECRET}"\n`,
      errors: [{ line: 2, column: 40 }],
    },
  ],
});
