import { Deadline } from './budget';
import { Composer, Parser, YAMLParseError, type CST, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';

/**
 * The `yaml` package composes documents recursively, and deep enough nesting exhausts the stack. V8 can even abort
 * the whole process when it compiles a regular expression with the stack nearly exhausted ("RegExpCompiler
 * Allocation failed"), which no try/catch can stop. Its tokenizer is iterative, so the nesting is measured on the
 * tokens first, and deeper input is refused before composing.
 */
export const MAX_YAML_NESTING = 200;

export type SafeParse = { doc: Document.Parsed } | { tooDeep: number };

/**
 * `YAML.parseDocument`, refusing input nested deeper than `MAX_YAML_NESTING` collections (with its offset), and
 * stopping (`AnalysisTimeout`) once `deadline` has passed.
 */
export function parseYamlDocument(text: string, options: ParseOptions & DocumentOptions & SchemaOptions, deadline = Deadline.never()): SafeParse {
  // A broken file can yield an error per token: without stack traces they cost next to nothing (the errors keep
  // their offsets, which is all we use).
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const tokens: CST.Token[] = [];
    for (const token of new Parser().parse(text)) {
      deadline.check();
      tokens.push(token);
    }
    const deep = deepestOffset(tokens);
    if (deep !== undefined) return { tooDeep: deep };
    let doc: Document.Parsed | undefined;
    for (const next of new Composer(options).compose(checked(tokens, deadline), true, text.length)) {
      if (!doc) doc = next;
      else {
        doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; only the first is read'));
        break;
      }
    }
    return { doc: doc! };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

function* checked<T>(items: readonly T[], deadline: Deadline): Generator<T> {
  for (const item of items) {
    deadline.check();
    yield item;
  }
}

/** Where nesting first goes deeper than the limit, walking the tokens with an explicit stack; undefined if never. */
function deepestOffset(tokens: readonly CST.Token[]): number | undefined {
  const stack: [unknown, number][] = tokens.map((t) => [t, 0]);
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    const token = node as { type?: string; offset?: number; items?: unknown[]; key?: unknown; value?: unknown };
    const collection = token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection';
    const level = collection ? depth + 1 : depth;
    if (level > MAX_YAML_NESTING) return token.offset ?? 0;
    if (token.key) stack.push([token.key, level]);
    if (token.value) stack.push([token.value, level]);
    if (Array.isArray(token.items)) for (const item of token.items) stack.push([item, level]);
  }
  return undefined;
}
