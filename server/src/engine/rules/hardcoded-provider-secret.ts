import type { Fix, Language, TextEdit } from '../types';
import type { Rule, RuleContext } from './rule';

interface SecretKind {
  provider: string;
  /** The environment variable the provider's SDK reads, used by the fix. */
  envVar: string;
  /** The key is the whole match, or its `secret` group when the pattern also matches the setting's name. */
  pattern: RegExp;
  /** Only in these languages, when the pattern depends on a language's setting names. */
  languages?: Language[];
}

/**
 * Key formats, by provider. AWS secret access keys are 40 characters of base64 with no prefix, so they are only
 * recognised as the value of a setting named for them (`aws_secret_access_key=`, `SecretAccessKey:`).
 */
const SECRETS: SecretKind[] = [
  { provider: 'Anthropic API key', envVar: 'ANTHROPIC_API_KEY', pattern: /\bsk-ant-[A-Za-z0-9]+-[A-Za-z0-9_-]{32,}/g },
  // Legacy keys are `sk-` and letters and digits only; project, service-account and admin keys may hold `-` and `_`.
  { provider: 'OpenAI API key', envVar: 'OPENAI_API_KEY', pattern: /\bsk-(?!ant-)(?:(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{20,}|[A-Za-z0-9]{32,}(?![\w-]))/g },
  { provider: 'AWS access key ID', envVar: 'AWS_ACCESS_KEY_ID', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g },
  {
    provider: 'AWS secret access key',
    envVar: 'AWS_SECRET_ACCESS_KEY',
    pattern: /\b(?:aws_?)?secret_?access_?key["'\]]*\s*[:=]\s*["'`]?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
  },
  {
    // The Terraform AWS provider's `secret_key` argument.
    provider: 'AWS secret access key',
    envVar: 'AWS_SECRET_ACCESS_KEY',
    pattern: /\bsecret_key\s*=\s*"(?<secret>[A-Za-z0-9/+]{40})(?=")/g,
    languages: ['terraform'],
  },
];

/**
 * Text that marks a value as a placeholder or a documented example, not a key: `sk-...`, `sk-your-key-here`,
 * `sk-xxxxxxxx`, AWS's documented `AKIAIOSFODNN7EXAMPLE` / `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`.
 */
const PLACEHOLDER = /example|your|placeholder|dummy|fake|redacted|changeme|replace|insert|xxxx|\*\*\*|\.\.\.|<|\{/i;
const QUOTES = new Set(['"', "'", '`']);

export const rule: Rule = {
  meta: {
    id: 'hardcoded-provider-secret',
    title: 'Model provider or AWS credential written in the code',
    practices: ['GENSEC01-BP01'],
    severity: 'error',
    languages: ['python', 'typescript', 'javascript', 'terraform', 'cloudformation'],
    docs: {
      description:
        'An OpenAI or Anthropic API key or an AWS access key in source code is readable by everyone with the repository, ' +
        'its history, build logs and any package built from it, and cannot be scoped or rotated per environment. Anyone ' +
        'holding it can invoke models on your account. Remove the key, rotate it, and load credentials at run time: the ' +
        'SDKs read `OPENAI_API_KEY`/`ANTHROPIC_API_KEY` from the environment, and AWS SDKs use the default credential chain ' +
        '(an IAM role, SSO) so no key is needed at all; keep other secrets in AWS Secrets Manager. Placeholders (`sk-...`, ' +
        '`sk-your-key`) and AWS\'s documented example keys (`AKIAIOSFODNN7EXAMPLE`) are not reported.',
      bad: 'client = OpenAI(api_key="sk-proj-4fG7hJ2kL9mN3pQ6rS8tU1vW5xY0zA2bC4dE")',
      good: 'client = OpenAI()  # reads OPENAI_API_KEY from the environment',
    },
    fix: { title: 'Read the key from an environment variable', safety: 'unsafe' },
  },
  // The keys' own prefixes (as the patterns match them), and the names of the settings that hold AWS secret keys.
  triggers: [/\bsk-/, /\b(?:AKIA|ASIA)[A-Z0-9]{16}/, 'secret_access', 'secretaccess', 'secret_key'],
  check(context: RuleContext) {
    const { text, facts } = context;
    const reported = new Set<number>();
    for (const kind of SECRETS) {
      if (kind.languages && !kind.languages.includes(facts.language)) continue;
      for (const match of text.matchAll(kind.pattern)) {
        // Patterns that match the setting's name end with the key: a lookbehind instead would rescan long runs of spaces.
        const secret = match.groups?.secret ?? match[0];
        const start = match.index! + match[0].length - secret.length;
        if (reported.has(start) || isPlaceholder(secret)) continue;
        reported.add(start);
        const span = { start, end: start + secret.length };
        context.report({
          span,
          message: `hard-coded ${kind.provider}: anyone with the code can use it; load it from the environment or a secrets manager and rotate it`,
          fixes: environmentFix(text, span, kind.envVar, facts.language, facts.importedNames, facts.importAnchor),
        });
      }
    }
  },
};

function isPlaceholder(secret: string): boolean {
  if (PLACEHOLDER.test(secret)) return true;
  const body = secret.replace(/^sk-(ant-[A-Za-z0-9]+-|(proj|svcacct|admin|None)-)?|^(AKIA|ASIA)/, '');
  // Real keys are random: mixed letters and digits, no long runs of one character, no counting (`1234567`, `abcdef`).
  if (!/[0-9]/.test(body) || !/[A-Za-z]/.test(body)) return true;
  return /(.)\1{5,}|1234567|abcdef/i.test(body);
}

/** Replaces a string literal that is exactly the key with a read of the environment variable, in Python, TypeScript and JavaScript. */
function environmentFix(
  text: string,
  span: { start: number; end: number },
  envVar: string,
  language: Language,
  importedNames: Map<string, string> | undefined,
  importAnchor: number | undefined,
): Fix[] {
  const open = text[span.start - 1];
  if (!QUOTES.has(open) || text[span.end] !== open) return [];
  const literal = { start: span.start - 1, end: span.end + 1 };
  if (/[A-Za-z0-9_]/.test(text[literal.start - 1] ?? '')) return []; // a prefixed string (`r"…"`, `f"…"`)
  const edits: TextEdit[] = [];
  if (language === 'python') {
    if (open === '`') return [];
    // `os.getenv("X", "sk-…")`: the default goes, the environment variable stays.
    const asDefault = /,\s*$/.exec(text.slice(Math.max(0, literal.start - 200), literal.start));
    const getter = /(os\.getenv|os\.environ\.get)\(\s*(["'])[A-Za-z_][A-Za-z0-9_]*\2\s*,\s*$/.test(text.slice(Math.max(0, literal.start - 200), literal.start));
    if (asDefault && getter) {
      return [{ title: 'Remove the hard-coded default (then rotate the exposed key)', safety: 'unsafe', edits: [{ span: { start: literal.start - asDefault[0].length, end: literal.end }, newText: '' }] }];
    }
    edits.push({ span: literal, newText: `os.environ[${JSON.stringify(envVar)}]` });
    if (importedNames?.get('os') !== 'os') {
      const at = importAnchor ?? 0;
      edits.push({ span: { start: at, end: at }, newText: at === 0 ? 'import os\n' : '\nimport os' });
    }
  } else if (language === 'typescript' || language === 'javascript') {
    edits.push({ span: literal, newText: `process.env.${envVar}` });
  } else {
    return [];
  }
  return [{ title: `Read the key from \`${envVar}\` (set it in the environment, then rotate the exposed key)`, safety: 'unsafe', edits }];
}
