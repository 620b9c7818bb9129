// Names that calls are bound to, read from the source text where the facts keep no binding (TypeScript/JavaScript
// `const run = promisify(exec)`, `const bedrock = createAmazonBedrock(…)`).
import type { CallFact, FileFacts } from '../types';

/** `const name =`, `let name: Type =`, `var name =` right before a call. */
const BINDING = /(?:const|let|var)\s+([\w$]+)\s*(?::[^=]*)?=\s*(?:await\s+)?$/;

/** The variable a call's result is bound to, when the call is the whole initializer of a declaration. */
export function boundName(call: CallFact, text: string): string | undefined {
  return BINDING.exec(text.slice(Math.max(0, call.span.start - 200), call.span.start))?.[1];
}

/** The names the results of the file's calls that pass `test` are bound to. */
export function boundNames(facts: FileFacts, text: string, test: (call: CallFact) => boolean): Set<string> {
  const names = new Set<string>();
  for (const call of facts.calls) {
    if (!test(call)) continue;
    const name = boundName(call, text);
    if (name) names.add(name);
  }
  return names;
}
