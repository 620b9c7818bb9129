// The function a span is in, among a file's functions (by their spans).
import type { FileFacts, FunctionFact, Span } from './types';
import { Slot } from './slot';

/**
 * `innermost` for many spans: the functions by start (then index), searched from the last that starts at or before
 * the span, back to the first that holds it (functions that start later, or as late and come later, are found first).
 */
export function innermostIn(functions: readonly FunctionFact[]): (span: Span) => number | undefined {
  const order = functions.map((_, i) => i).sort((a, b) => functions[a].span.start - functions[b].span.start || a - b);
  const starts = order.map((i) => functions[i].span.start);
  return (span) => {
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (starts[mid] <= span.start) low = mid + 1;
      else high = mid;
    }
    for (let k = low - 1; k >= 0; k--) if (span.end <= functions[order[k]].span.end) return order[k];
    return undefined;
  };
}

/** The index of the innermost function whose span holds `span`. */
export function innermost(functions: readonly FunctionFact[], span: Span): number | undefined {
  let found: number | undefined;
  functions.forEach((fn, i) => {
    if (fn.span.start <= span.start && span.end <= fn.span.end && (found === undefined || fn.span.start >= functions[found].span.start)) found = i;
  });
  return found;
}

const finders = new Slot<readonly FunctionFact[], (span: Span) => number | undefined>('innermost function');

/** The innermost function of the file that holds `span` (`innermost`, with the functions sorted once per list). */
export function enclosingFunction(span: Span, facts: FileFacts | undefined): FunctionFact | undefined {
  const functions = facts?.functions;
  if (!functions?.length) return undefined;
  let find = finders.get(functions);
  if (!find) finders.set(functions, (find = innermostIn(functions)));
  const index = find(span);
  return index === undefined ? undefined : functions[index];
}
