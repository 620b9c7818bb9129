// The Well-Architected Tool's risk rules, as the custom-lens JSON writes them: per question, an ordered list of
// boolean conditions over choice IDs (`GENSEC01_BP01 && !GENSEC01_BP02`, `default`) each naming a risk; the first
// condition that holds gives the question's risk.

export type RiskLevel = 'NO_RISK' | 'MEDIUM_RISK' | 'HIGH_RISK';
export const RISK_LEVELS: readonly RiskLevel[] = ['NO_RISK', 'MEDIUM_RISK', 'HIGH_RISK'];

export interface RiskRule {
  condition: string;
  risk: RiskLevel;
}

/** A question's risk once its practices are known: as the Tool computes it, or why it cannot be computed yet. */
export type QuestionRisk = 'high' | 'medium' | 'none' | 'unanswered' | 'not-applicable';

export type Condition =
  | { kind: 'default' }
  | { kind: 'choice'; id: string }
  | { kind: 'not'; operand: Condition }
  | { kind: 'and' | 'or'; left: Condition; right: Condition };

/** Parses a risk-rule condition; throws with the offending position when it is malformed. */
export function parseCondition(text: string): Condition {
  if (text.trim() === 'default') return { kind: 'default' };
  const tokens = text.match(/\s*(&&|\|\||!|\(|\)|[A-Za-z0-9_]+|\S)/g)?.map((t) => t.trim()) ?? [];
  let at = 0;
  const fail = (message: string): never => {
    throw new Error(`${message} in "${text}"`);
  };
  const or = (): Condition => {
    let left = and();
    while (tokens[at] === '||') {
      at++;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };
  const and = (): Condition => {
    let left = unary();
    while (tokens[at] === '&&') {
      at++;
      left = { kind: 'and', left, right: unary() };
    }
    return left;
  };
  const unary = (): Condition => {
    const token = tokens[at++];
    if (token === '!') return { kind: 'not', operand: unary() };
    if (token === '(') {
      const inner = or();
      if (tokens[at++] !== ')') fail('missing ")"');
      return inner;
    }
    if (token !== undefined && /^[A-Za-z0-9_]+$/.test(token)) return { kind: 'choice', id: token };
    return fail(token === undefined ? 'unexpected end' : `unexpected "${token}"`);
  };
  const condition = or();
  if (at < tokens.length) fail(`unexpected "${tokens[at]}"`);
  return condition;
}

/** Choice IDs a condition refers to. */
export function choicesOf(condition: Condition): string[] {
  switch (condition.kind) {
    case 'default':
      return [];
    case 'choice':
      return [condition.id];
    case 'not':
      return choicesOf(condition.operand);
    default:
      return [...choicesOf(condition.left), ...choicesOf(condition.right)];
  }
}

/**
 * Three-valued (Kleene) evaluation: a choice is `true` (practice followed), `false` (not followed) or `undefined`
 * (nobody knows yet). `undefined` only when the answer really depends on an unknown choice.
 */
export function evaluate(condition: Condition, choice: (id: string) => boolean | undefined): boolean | undefined {
  switch (condition.kind) {
    case 'default':
      return true;
    case 'choice':
      return choice(condition.id);
    case 'not': {
      const value = evaluate(condition.operand, choice);
      return value === undefined ? undefined : !value;
    }
    case 'and': {
      const left = evaluate(condition.left, choice);
      if (left === false) return false;
      const right = evaluate(condition.right, choice);
      if (right === false) return false;
      return left === true && right === true ? true : undefined;
    }
    case 'or': {
      const left = evaluate(condition.left, choice);
      if (left === true) return true;
      const right = evaluate(condition.right, choice);
      if (right === true) return true;
      return left === false && right === false ? false : undefined;
    }
  }
}

const LEVEL: Record<RiskLevel, QuestionRisk> = { NO_RISK: 'none', MEDIUM_RISK: 'medium', HIGH_RISK: 'high' };

/**
 * The question's risk: the first rule whose condition certainly holds. When an earlier rule may or may not hold
 * (it depends on an unanswered practice), the risk is `unanswered`.
 */
export function questionRisk(rules: readonly RiskRule[], choice: (id: string) => boolean | undefined): QuestionRisk {
  for (const rule of rules) {
    const holds = evaluate(parsed(rule.condition), choice);
    if (holds === true) return LEVEL[rule.risk];
    if (holds === undefined) return 'unanswered';
  }
  return 'unanswered';
}

const cache = new Map<string, Condition>();
function parsed(text: string): Condition {
  let condition = cache.get(text);
  if (!condition) cache.set(text, (condition = parseCondition(text)));
  return condition;
}
