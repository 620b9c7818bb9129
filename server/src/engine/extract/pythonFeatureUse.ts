// Whether a list of column names reaches a model: it selects the data a model is trained or run on
// (`model.fit(df[FEATURES], y)`, `X = df[FEATURES]` then `train_test_split(X, …)`), names the columns of a frame a
// model or transformer is given (`df.columns = FEATURES` then `scaler.transform(df)`, or a SageMaker `input_fn` that
// returns it for `predict_fn`), or names the columns a feature transformer takes
// (`ColumnTransformer([("num", scaler, ["age", "income"])])`). The columns of a table that is only shown or saved,
// and columns dropped (`df.drop(columns=[...])`), do not. Followed by name through assignments in the file, a few steps
// deep.
import type { SyntaxNode } from '../parsers/syntax';
import type { Span, StringList } from '../types';

/** Calls that train, tune, evaluate or run a model on the data they are given, or split it for that (scikit-learn, XGBoost, LightGBM, CatBoost, Keras, AutoGluon). */
const MODEL_INPUT_CALLS = new Set([
  'fit', 'fit_transform', 'partial_fit', 'fit_predict', 'fit_resample', 'predict', 'predict_proba', 'predict_log_proba', 'decision_function', 'transform',
  'train_test_split', 'cross_val_score', 'cross_validate', 'cross_val_predict', 'learning_curve', 'permutation_importance',
  'DMatrix', 'DataMatrix', 'Pool', 'Dataset', 'ColumnTransformer', 'make_column_transformer', 'TabularPredictor', 'TabularDataset',
]);
/** Calls that take columns away: what they are given does not reach the model. */
const REMOVING_CALLS = new Set(['drop', 'pop', 'remove', 'difference', 'discard', 'drop_duplicates']);
const STATEMENT_END = /_statement$|^(function_definition|class_definition|module|block|decorated_definition)$/;
/** SageMaker's inference handler that hands what it returns to the model (`predict_fn`). */
const MODEL_INPUT_HANDLERS = new Set(['input_fn']);
/** Names followed through assignments: deeper chains are not. */
const MAX_STEPS = 3;

export interface StringListNode {
  list: StringList;
  node: SyntaxNode;
}

/** Whether a call trains, tunes, evaluates or runs a model on what it is given, or splits data for that. */
export function isModelInputCall(call: SyntaxNode): boolean {
  return MODEL_INPUT_CALLS.has(calledName(call) ?? '');
}

/**
 * Marks each list that reaches a model with the call it reaches (`StringList.modelUse`). Nothing is done when none of
 * the file's calls is a model input (`isModelInputCall`).
 */
export function markModelInputs(lists: readonly StringListNode[], anyModelInputCall: boolean, root: SyntaxNode): void {
  if (lists.length === 0 || !anyModelInputCall) return;
  let identifiers: Map<string, SyntaxNode[]> | undefined;
  const usesOf = (name: string) => (identifiers ??= collectIdentifiers(root)).get(name) ?? [];
  for (const { list, node } of lists) {
    const reached = reach(node, usesOf, 0, new Set());
    if (reached) list.modelUse = reached;
  }
}

/** The model-input call the value at `node` reaches, following assignments by name. */
function reach(node: SyntaxNode, usesOf: (name: string) => SyntaxNode[], steps: number, seen: Set<string>): { span: Span; call: string } | undefined {
  let child = node;
  let n = node.parent;
  for (; n && !STATEMENT_END.test(n.type); child = n, n = n.parent) {
    if (n.type === 'argument_list') {
      const call = n.parent;
      const name = call ? calledName(call) : undefined;
      if (name && REMOVING_CALLS.has(name)) return undefined;
      if (name && MODEL_INPUT_CALLS.has(name)) return { span: { start: call!.startIndex, end: call!.endIndex }, call: name };
    }
  }
  // At the statement: an inference handler's return goes to the model; an assignment hands the value on to the names it binds.
  if (n?.type === 'return_statement') {
    const handler = enclosingFunctionName(n);
    return handler && MODEL_INPUT_HANDLERS.has(handler) ? { span: { start: n.startIndex, end: n.endIndex }, call: handler } : undefined;
  }
  const statement = child.type === 'expression_statement' ? child.namedChildren[0] : child;
  if (statement?.type !== 'assignment' || steps >= MAX_STEPS) return undefined;
  const right = statement.childForFieldName('right');
  if (!right || node.startIndex < right.startIndex || node.endIndex > right.endIndex) return undefined;
  for (const target of boundNames(statement.childForFieldName('left'))) {
    if (seen.has(target.text)) continue;
    seen.add(target.text);
    for (const use of usesOf(target.text)) {
      if (use.startIndex >= target.startIndex && use.endIndex <= target.endIndex) continue;
      if (isBinding(use)) continue;
      const reached = reach(use, usesOf, steps + 1, seen);
      if (reached) return reached;
    }
  }
  return undefined;
}

/** The names an assignment hands its value to: its targets, or the frame whose `columns` it sets (`df.columns = …`). */
function boundNames(target: SyntaxNode | null): SyntaxNode[] {
  if (!target) return [];
  if (target.type === 'identifier') return [target];
  if (target.type === 'attribute' && target.childForFieldName('attribute')?.text === 'columns') {
    const frame = target.childForFieldName('object');
    return frame?.type === 'identifier' ? [frame] : [];
  }
  if (['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list'].includes(target.type)) return target.namedChildren.flatMap((c) => boundNames(c));
  return [];
}

/** An identifier on the left of an assignment binds the name rather than reading it. */
function isBinding(identifier: SyntaxNode): boolean {
  for (let n: SyntaxNode | null = identifier, parent = n.parent; parent; n = parent, parent = parent.parent) {
    if (parent.type === 'assignment') return parent.childForFieldName('left')?.id === n.id;
    if (!['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list'].includes(parent.type)) return false;
  }
  return false;
}

function enclosingFunctionName(node: SyntaxNode): string | undefined {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'function_definition') return n.childForFieldName('name')?.text;
  return undefined;
}

function calledName(call: SyntaxNode): string | undefined {
  const fn = call.childForFieldName('function');
  if (!fn) return undefined;
  return fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn.type === 'identifier' ? fn.text : undefined;
}

function collectIdentifiers(root: SyntaxNode): Map<string, SyntaxNode[]> {
  const found = new Map<string, SyntaxNode[]>();
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'identifier') {
      const list = found.get(node.text);
      if (list) list.push(node);
      else found.set(node.text, [node]);
      continue;
    }
    if (node.type === 'string' || node.type === 'comment') continue;
    for (const child of node.namedChildren) if (child) stack.push(child);
  }
  return found;
}
