// Ways to damage a real file the way editors, merges, minifiers and attackers do. Each mutator takes a file and
// returns another; the harness stacks a few of them on a seed file.
import type { Random } from './random';

export interface FuzzFile {
  path: string;
  text: string;
}

export interface MutationContext {
  rng: Random;
  /** Upper bound for generated sizes (characters, nesting depth, repetitions): small in `npm test`, larger in long runs. */
  scale: number;
  /** Other seed texts, for splicing. */
  donors: readonly string[];
}

export interface Mutator {
  name: string;
  /** Only for files with one of these extensions; all files when absent. */
  extensions?: readonly string[];
  apply(file: FuzzFile, ctx: MutationContext): FuzzFile;
}

const YAML_EXTENSIONS = ['.yaml', '.yml', '.template'];
const COMMENT: Record<string, string> = { '.py': '#', '.tf': '#', '.yaml': '#', '.yml': '#', '.template': '#', '.ts': '//', '.tsx': '//', '.js': '//', '.mjs': '//', '.json': '//' };
const CANDIDATE_EXTENSIONS = ['.py', '.ts', '.tsx', '.js', '.tf', '.yaml', '.json', '.template'];
const RULE_IDS = ['unsafe-model-deserialization', 'bedrock-call-without-guardrail', 'llm-call-without-max-tokens', 'sagemaker-notebook-direct-internet', 'no-such-rule', ''];

/** Characters that break tokenizers: quotes, brackets, escapes, control characters, lone surrogates, odd line breaks. */
const NASTY = ['"', "'", '`', '"""', "'''", '${', '{', '}', '[', ']', '(', ')', '\\', '#', '//', '/*', '*/', '<<', ':', '-', '&', '*', '!', '|', '>', '\t', '\r', '\n', '\v', '\f', '\0', '\u0085', '\u2028', '\u2029', '\ufeff', '\ufffe', '\ud800', '\udc00', '😀', 'é', '中', '\u200b', '\x1b[31m'];

export const MUTATORS: readonly Mutator[] = [
  {
    name: 'truncate-at-token',
    apply(file, { rng }) {
      const boundaries = tokenBoundaries(file.text);
      return { ...file, text: file.text.slice(0, boundaries.length ? rng.pick(boundaries) : 0) };
    },
  },
  {
    name: 'delete-line',
    apply(file, { rng }) {
      const lines = file.text.split('\n');
      lines.splice(rng.int(0, lines.length - 1), rng.int(1, 3));
      return { ...file, text: lines.join('\n') };
    },
  },
  {
    name: 'duplicate-line',
    apply(file, { rng, scale }) {
      const lines = file.text.split('\n');
      const i = rng.int(0, lines.length - 1);
      lines.splice(i, 0, ...Array<string>(rng.size(Math.min(scale, 2000))).fill(lines[i]));
      return { ...file, text: lines.join('\n') };
    },
  },
  {
    name: 'swap-lines',
    apply(file, { rng }) {
      const lines = file.text.split('\n');
      const a = rng.int(0, lines.length - 1);
      const b = rng.int(0, lines.length - 1);
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return { ...file, text: lines.join('\n') };
    },
  },
  {
    name: 'insert-nasty-characters',
    apply(file, { rng }) {
      let text = file.text;
      for (let n = rng.int(1, 8); n > 0; n--) text = insertAt(text, rng.int(0, text.length), rng.pick(NASTY));
      return { ...file, text };
    },
  },
  {
    name: 'random-bytes',
    apply(file, { rng, scale }) {
      const bytes = Buffer.alloc(rng.size(Math.min(scale, 4096)));
      for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(0, 255);
      return { ...file, text: insertAt(file.text, rng.int(0, file.text.length), bytes.toString(rng.pick(['utf8', 'latin1'] as const))) };
    },
  },
  {
    name: 'deep-nesting',
    apply(file, { rng, scale }) {
      const [open, close] = rng.pick([['[', ']'], ['{', '}'], ['(', ')'], ['{"a": ', '}'], ['f(', ')'], ['- ', ''], ['x:\n  ', '']]);
      const depth = rng.size(scale);
      const inner = open.repeat(depth) + (rng.chance(0.7) ? close.repeat(depth) : '');
      return { ...file, text: insertAt(file.text, rng.int(0, file.text.length), inner) };
    },
  },
  {
    name: 'very-long-line',
    apply(file, { rng, scale }) {
      const lines = file.text.split('\n');
      const i = rng.int(0, lines.length - 1);
      const unit = rng.chance(0.5) ? lines[i] || 'x' : rng.pick(['x', ' ', 'a.b()', '# ', '"', ', 1', '\\']);
      lines[i] = unit.repeat(Math.max(1, Math.floor(rng.size(scale * 50) / Math.max(1, unit.length))));
      return { ...file, text: lines.join('\n') };
    },
  },
  {
    name: 'line-endings',
    apply(file, { rng }) {
      const style = rng.pick(['crlf', 'cr', 'mixed', 'trailing-spaces'] as const);
      if (style === 'crlf') return { ...file, text: file.text.replace(/\r?\n/g, '\r\n') };
      if (style === 'cr') return { ...file, text: file.text.replace(/\r?\n/g, '\r') };
      if (style === 'trailing-spaces') return { ...file, text: file.text.replace(/\n/g, '  \t\n') };
      return { ...file, text: file.text.replace(/\n/g, () => rng.pick(['\n', '\r\n', '\r', '\n\r'])) };
    },
  },
  {
    name: 'bom-and-encoding',
    apply(file, { rng }) {
      const kind = rng.pick(['bom', 'bom-middle', 'latin1-mojibake', 'utf16'] as const);
      if (kind === 'bom') return { ...file, text: '\ufeff' + file.text };
      if (kind === 'bom-middle') return { ...file, text: insertAt(file.text, rng.int(0, file.text.length), '\ufeff') };
      if (kind === 'latin1-mojibake') return { ...file, text: Buffer.from(file.text, 'utf8').toString('latin1') };
      return { ...file, text: Buffer.from(file.text, 'utf16le').toString('utf8') };
    },
  },
  {
    name: 'splice-another-file',
    apply(file, { rng, donors }) {
      const donor = rng.pick(donors);
      const start = rng.int(0, donor.length);
      return { ...file, text: insertAt(file.text, rng.int(0, file.text.length), donor.slice(start, start + rng.size(2000))) };
    },
  },
  {
    name: 'repeat-region',
    apply(file, { rng, scale }) {
      const start = rng.int(0, file.text.length);
      const region = file.text.slice(start, start + rng.size(500));
      return { ...file, text: insertAt(file.text, start, region.repeat(rng.size(Math.min(scale, 500)))) };
    },
  },
  {
    name: 'suppression-comments',
    apply(file, { rng }) {
      const prefix = COMMENT[extension(file.path)] ?? '#';
      const lines = file.text.split('\n');
      for (let n = rng.int(1, 3); n > 0; n--) {
        const directive = rng.pick(['ignore', 'ignore-file', 'ignore ', 'ignore[', 'IGNORE']);
        const rules = Array.from({ length: rng.int(0, 3) }, () => rng.pick(RULE_IDS)).join(rng.pick([',', ', ', ' ']));
        const reason = rng.pick(['', ' -- ', ' -- reviewed', ' : ok', ' -- <reason>', ' --' + ' '.repeat(rng.size(5000)) + 'x', ' reason without separator', ' -- why */', ' -- why -->']);
        const comment = `${prefix} ai-lens: ${directive}[${rules}]${reason}`;
        const i = rng.int(0, lines.length);
        if (rng.chance(0.5)) lines.splice(i, 0, comment);
        else lines[Math.min(i, lines.length - 1)] += '  ' + comment;
      }
      return { ...file, text: lines.join('\n') };
    },
  },
  {
    name: 'merge-conflict',
    apply(file, { rng }) {
      const lines = file.text.split('\n');
      const a = rng.int(0, lines.length - 1);
      const b = rng.int(a, Math.min(lines.length - 1, a + 6));
      lines.splice(b + 1, 0, '=======', ...lines.slice(a, b + 1).map((l) => l.replace(/\w+/, 'theirs')), '>>>>>>> feature');
      lines.splice(a, 0, '<<<<<<< HEAD');
      return { ...file, text: lines.join('\n') };
    },
  },
  {
    name: 'change-extension',
    apply(file, { rng }) {
      const ext = extension(file.path);
      return { ...file, path: file.path.slice(0, file.path.length - ext.length) + rng.pick(CANDIDATE_EXTENSIONS) };
    },
  },
  {
    name: 'yaml-anchors-and-aliases',
    extensions: YAML_EXTENSIONS,
    apply(file, { rng }) {
      const lines = file.text.split('\n');
      const withValue = lines.map((l, i) => (/^\s*[\w"'-]+:\s*\S/.test(l) ? i : -1)).filter((i) => i >= 0);
      if (withValue.length === 0) return file;
      const name = `a${rng.int(0, 9)}`;
      const i = rng.pick(withValue);
      lines[i] = lines[i].replace(/:\s*/, `: &${name} `);
      for (let n = rng.int(1, 4); n > 0; n--) {
        const j = rng.pick(withValue);
        lines[j] = rng.chance(0.7) ? lines[j].replace(/:\s*.*$/, `: *${rng.chance(0.9) ? name : 'undefined_anchor'}`) : lines[j].replace(/^(\s*).*$/, `$1<<: *${name}`);
      }
      return { ...file, text: lines.join('\n') };
    },
  },
  {
    name: 'yaml-alias-bomb',
    extensions: YAML_EXTENSIONS,
    apply(file, { rng }) {
      return { ...file, text: insertAt(file.text, rng.chance(0.5) ? 0 : file.text.length, '\n' + aliasBomb(rng.int(3, 12), rng.int(3, 12)) + '\n') };
    },
  },
  {
    name: 'hcl-heredoc',
    extensions: ['.tf'],
    apply(file, { rng, scale }) {
      const body = Array.from({ length: rng.size(scale * 20) }, () => rng.pick(['line of text', '${var.x}', '%{ if true }x%{ endif }', 'EOT', '  EOT', '"', '}', ''])).join('\n');
      const marker = rng.pick(['EOT', 'EOF', 'POLICY']);
      const heredoc = `  policy = <<${rng.pick(['', '-'])}${marker}\n${body}\n${rng.chance(0.8) ? marker : ''}\n`;
      const at = file.text.indexOf('{\n');
      return { ...file, text: insertAt(file.text, at >= 0 ? at + 2 : rng.int(0, file.text.length), heredoc) };
    },
  },
];

/** Offsets between tokens: where words start or end, and around punctuation. */
function tokenBoundaries(text: string): number[] {
  const out: number[] = [];
  const re = /\w+|[^\w\s]|\s+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m.index);
  out.push(text.length);
  return out;
}

export function insertAt(text: string, offset: number, insert: string): string {
  return text.slice(0, offset) + insert + text.slice(offset);
}

export function extension(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot >= 0 ? path.slice(dot).toLowerCase() : '';
}

/** `levels` anchors, each a list of `width` aliases of the previous: width^levels nodes if anything expanded it. */
export function aliasBomb(levels: number, width: number): string {
  let out = 'l0: &l0 [lol, lol]\n';
  for (let i = 1; i <= levels; i++) out += `l${i}: &l${i} [${Array(width).fill(`*l${i - 1}`).join(', ')}]\n`;
  return out;
}
