// Quoted scalars that run over several lines with continuation lines indented less than YAML 1.2 asks
// (`Description: "a long\ntext"` with the second line at column 0). PyYAML, which the AWS CLI, SAM and cfn-lint use,
// reads them, and CloudFormation deploys them; the `yaml` package stops at the line break ("Missing closing quote")
// and reads the rest of the file as nonsense. They are made readable by putting the scalar on one line (each line
// break becomes a space, so every offset stays where it was), and their values are read from the original text by the
// `yaml` package on its own, where the indentation does not matter.
import { CST, Lexer, parse as parseYaml } from 'yaml';

export interface QuotedScalarRepair {
  /** The text with each repaired scalar on one line; the same length as the original. */
  text: string;
  /** The value of each repaired scalar, by the offset of its opening quote. */
  values: Map<number, string>;
}

/** More repairs than this in one file: the file is broken in other ways. */
const MAX_REPAIRS = 200;

/** Repairs the quoted scalars the `yaml` lexer finds unterminated, where a closing quote follows; undefined if none. */
export function repairQuotedScalars(text: string): QuotedScalarRepair | undefined {
  const chars = text.split('');
  const values = new Map<number, string>();
  for (const start of unterminatedQuotedScalars(text)) {
    if (values.size >= MAX_REPAIRS) break;
    const end = closingQuote(text, start);
    if (end === undefined) continue;
    let value: unknown;
    try {
      value = parseYaml(text.slice(start, end + 1));
    } catch {
      continue;
    }
    if (typeof value !== 'string') continue;
    for (let i = start; i < end; i++) if (chars[i] === '\n' || chars[i] === '\r') chars[i] = ' ';
    values.set(start, value);
  }
  return values.size > 0 ? { text: chars.join(''), values } : undefined;
}

/** Offsets of the quoted scalars the `yaml` lexer ends at a line break, without their closing quote. */
function unterminatedQuotedScalars(text: string): number[] {
  const starts: number[] = [];
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    if ((type === 'double-quoted-scalar' || type === 'single-quoted-scalar') && !isTerminated(token)) starts.push(offset);
    if (!isControl(token)) offset += token.length;
  }
  return starts;
}

/** Lexer tokens that mark structure without taking up source text (document start, scalar, flow error end). */
function isControl(token: string): boolean {
  return token.length === 1 && token.charCodeAt(0) < 0x20 && token !== '\n' && token !== '\t' && token !== '\r';
}

function isTerminated(token: string): boolean {
  return closingQuote(token, 0) === token.length - 1;
}

/**
 * Where the quoted scalar that opens at `start` closes, read the way PyYAML reads it: `\` escapes in double quotes,
 * `''` in single quotes, across line breaks whatever their indentation; undefined when a document marker or the end
 * of the text comes first.
 */
function closingQuote(text: string, start: number): number | undefined {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (quote === '"' && c === '\\') i++;
    else if (c === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    } else if ((c === '\n' || c === '\r') && /^(---|\.\.\.)(\s|$)/.test(text.slice(i + 1, i + 5))) return undefined;
  }
  return undefined;
}
