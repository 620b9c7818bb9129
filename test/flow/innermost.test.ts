// `innermostIn` (the flow summary's search for the function each call is in) finds what `innermost` finds, for
// nested, overlapping, equal and disjoint function spans.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { innermost, innermostIn } from '../../server/src/engine/flow/summary';
import type { FunctionFact } from '../../server/src/engine/types';

it('innermostIn finds the innermost function holding each span, as innermost does', () => {
  let state = 7;
  const int = (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
  let checked = 0;
  for (let round = 0; round < 200; round++) {
    const functions = Array.from({ length: int(12) }, (): FunctionFact => {
      const start = int(100);
      return { span: { start, end: start + int(60) } } as FunctionFact;
    });
    if (functions.length > 1 && int(3) === 0) functions.push({ span: { ...functions[0].span } } as FunctionFact); // the same span twice
    const find = innermostIn(functions);
    for (let k = 0; k < 30; k++) {
      const start = int(170);
      const span = { start, end: start + int(10) };
      assert.equal(find(span), innermost(functions, span), JSON.stringify({ functions: functions.map((f) => f.span), span }));
      if (innermost(functions, span) !== undefined) checked++;
    }
  }
  assert.ok(checked > 1000, `${checked} spans inside a function`);
});
