// What filters model output before anyone sees it: Bedrock's standalone ApplyGuardrail API on the output, a
// moderation call, a guardrail library. Read by the output-flow summaries (`engine/flow/`) and the guardrail rules.
import type { Triggers } from '../triggers';
import type { CallFact, FileFacts } from '../types';
import { field, stringOf } from '../values';
import { isApplyGuardrail } from './bedrock';

/**
 * Libraries that filter model output: Guardrails AI (`guardrails`), NeMo Guardrails (`nemoguardrails`), LLM Guard
 * (`llm_guard`), Presidio (`presidio_analyzer`, `presidio_anonymizer`).
 */
export const OUTPUT_FILTER_LIBRARIES = ['guardrails', 'nemoguardrails', 'llm_guard', 'presidio_analyzer', 'presidio_anonymizer'];
const LIBRARIES = OUTPUT_FILTER_LIBRARIES.join('|');
/**
 * What occurs in the text of a file in which `isOutputFilter` finds a filter: an ApplyGuardrail or moderation call's
 * name, or an import of a guardrail library (in Python an `import`/`from` line naming it, in TypeScript/JavaScript
 * the library as a quoted module specifier). The flow across files reads the files connected to one of them.
 */
export const OUTPUT_FILTER_TRIGGERS: Triggers = [
  'apply_guardrail',
  'applyGuardrail',
  'moderations',
  // Between the keyword and the name only what an import statement holds there (names, dots, commas, blanks, a
  // backslash before a line break), at most 500 characters: a gap of any text made a long line with many `import`
  // and `from` words take time quadratic in its length (a second for an 88 KB line).
  new RegExp(String.raw`\b(?:import|from)\b(?:[\w., \t]|\\\n){0,500}?(?<![\w.])(?:${LIBRARIES})\b`),
  new RegExp(String.raw`(['"\x60])(?:${LIBRARIES})\1`),
];
/** Azure OpenAI filters content on the service side by default. */
export const AZURE_CLIENTS = new Set(['openai.AzureOpenAI', 'openai.AsyncAzureOpenAI', 'openai.lib.azure.AzureOpenAI']);
const MODERATION = /(^|\.)moderations\.create$/;

/**
 * A call that filters the text it is given as model output: ApplyGuardrail whose `source` is `OUTPUT` (or cannot be
 * read: it is never assumed to be `INPUT`), a moderation call, or, in a file that imports a guardrail library, a call
 * into it or a method call on one of its objects (`guard.validate(text)`, `scanner.scan(prompt, text)`).
 */
export function isOutputFilter(call: CallFact, facts: FileFacts): boolean {
  if (isApplyGuardrail(call)) return stringOf(field(call.args, 'source')) !== 'INPUT';
  if (MODERATION.test(call.callee)) return true;
  const library = OUTPUT_FILTER_LIBRARIES.find((lib) => facts.imports.has(lib));
  if (!library) return false;
  const root = call.qualifiedName?.split('.')[0];
  return root ? OUTPUT_FILTER_LIBRARIES.includes(root) : call.callee.includes('.') && !/^(self|this)\./.test(call.callee);
}

/** An ApplyGuardrail call that checks the input only (`source="INPUT"`). */
export function checksInputOnly(call: CallFact): boolean {
  return isApplyGuardrail(call) && stringOf(field(call.args, 'source')) === 'INPUT';
}

/** Whether the file creates an Azure OpenAI client, whose output the service filters. */
export function usesAzureOpenAI(facts: FileFacts): boolean {
  return facts.calls.some((c) => c.qualifiedName !== undefined && AZURE_CLIENTS.has(c.qualifiedName));
}
