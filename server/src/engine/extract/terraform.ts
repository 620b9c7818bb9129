import type { Node, Tree } from 'web-tree-sitter';
import { Deadline } from '../budget';
import { topLevelSpan } from '../hclLayout';
import { syntaxErrors } from '../parsers/walk';
import { assignmentOf, declarationsOf, mergeDeclarations, shiftDeclarations, type BlockDeclarations, type TerraformFacts } from '../terraform/declarations';
import { exprOf, type Expr } from '../terraform/expr';
import { isOff, resolveResource, spanKey } from '../terraform/resolve';
import { folderOf } from '../terraform/paths';
import { changedNames, ModuleScope, type ModuleFile, type ScopeOptions } from '../terraform/scope';
import type { ArrayValue, Comment, FileFacts, InsertPoint, ObjectValue, Reference, ResourceFact, Span, UnknownValue, Value } from '../types';
import { awsccAsCloudFormation } from './awscc';
import { functionCallValue, heredocText, isReadDataSource } from './terraformPolicies';
import { movedResource, movePlaces, placesOf, shiftReference, shiftResource, shiftSpan, type Places } from './shift';

/** Deeper blocks and expressions are unknown: no real configuration nests this deep, and recursion needs a bound. */
const MAX_NESTING = 64;

/**
 * The facts of each top-level block of one file by the block's source (from the start of its line), kept from one
 * analysis of the file to the next: a block an edit did not touch is not read again, only moved. A block's facts
 * depend on its own source alone; a resource's resolved values also on its module's scope (kept by the scope's key).
 */
export class TerraformBlocks {
  blocks = new Map<string, BlockFacts>();
  /** The module scope of the last analysis, reused (with what it has evaluated) while nothing it depends on changed. */
  scope?: { texts: string[]; facts: TerraformFacts; siblings: readonly ModuleFile[]; options: ScopeOptions | undefined; scope: ModuleScope; carried: Carried | undefined };
}

/**
 * Resolutions made in the scope with key `from` that hold in the scope with key `to`: those that read none of the
 * `changed` names (the file's declarations changed, nothing else did).
 */
interface Carried {
  from: string;
  to: string;
  changed: ReadonlySet<string>;
}

/**
 * Every field is always set (to undefined when it does not apply). The facts of the first block with a source are
 * moved in place after an edit (`placed`): their values stay the same objects (what the rules keep by value is kept for
 * them), the resources, references and comments that hold them are made again.
 */
interface BlockFacts {
  start: number;
  /** A resource without expressions its module may know, at `start`. */
  resource: ResourceFact | undefined;
  /** A resource with such expressions, as extracted (at `source.start`: `start` once the block's facts are placed). */
  source: { start: number; resource: ResourceFact } | undefined;
  /**
   * The resolution of `source` in the scope with key `key`, at `start` (undefined when the resource is off), and the
   * names it read (`ModuleScope.readsOf`; undefined for copies).
   */
  resolved: { key: string; resource: ResourceFact | undefined; reads: ReadonlySet<string> | undefined } | undefined;
  declarations: BlockDeclarations | undefined;
  references: Reference[];
  comments: Comment[];
  /** The places in the resources' values, listed when the block first moves in place (again after a new resolution). */
  places: Places | undefined;
}

/** The module a file belongs to: its path, the declarations of the other files of its folder, and variables files. */
export interface TerraformModuleContext {
  path: string;
  siblings: readonly ModuleFile[];
  options?: ScopeOptions;
  /** Resources as written: nothing evaluated, none left out (a plan reads its configuration's blocks for their places). */
  asWritten?: boolean;
}

/**
 * Terraform (HCL) source → facts: every `resource` block with its attributes and nested blocks as values.
 * A nested block given once is an object; given several times, a list of objects. A `dynamic "x"` block makes
 * `x` unknown. References (`var.x`, `aws_s3_bucket.b.arn`), function calls and interpolated strings are unknown
 * unless the module's scope knows them (`engine/terraform/`): variables, locals, functions of known arguments.
 * A resource whose `count` or `for_each` is known to give no instance is left out.
 * `cache`, kept for one file, makes analysing it again after an edit cost about as much as the blocks that changed.
 */
export function extractTerraform(tree: Tree, text: string, deadline = Deadline.never(), cache = new TerraformBlocks(), module?: TerraformModuleContext): FileFacts {
  return terraformFacts(readTerraform(tree, text, deadline, cache), deadline, cache, module);
}

/**
 * What a file's facts need of its syntax tree: its top-level blocks read (`readBlocks`) and its syntax errors. Holds
 * no node, so that it can outlive the tree: a scan reads a file's declarations before analysing it
 * (`TerraformWorkspace`), and its analysis starts from this read instead of parsing the file again.
 */
export interface TerraformRead {
  /** The text read: the read serves an analysis of this text only. */
  text: string;
  blocks: ReturnType<typeof readBlocks>;
  errors: { start: number; end: number; missing: boolean }[];
}

/** Where the top-level blocks of the read facts were made from are, to lay out fixes without parsing the file again. */
const TOP_LEVEL = new WeakMap<FileFacts, Span[]>();

export function topLevelSpansOf(facts: FileFacts): Span[] | undefined {
  return TOP_LEVEL.get(facts);
}

/** Reads a file's blocks (into `cache`, for its next read) and its syntax errors from its tree. */
export function readTerraform(tree: Tree, text: string, deadline = Deadline.never(), cache = new TerraformBlocks()): TerraformRead {
  const blocks = readBlocks(tree, text, deadline, cache);
  cache.blocks = blocks.seen;
  return { text, blocks, errors: syntaxErrors(tree, deadline) };
}

/**
 * Only what a file declares for its module (variables, locals, module calls, tfvars entries, providers, a backend), read
 * from its tree without reading its resources: for a file whose own analysis is not needed (a scan that does not parse
 * it), the same declarations `readTerraform` gives.
 */
export function readDeclarations(tree: Tree, deadline = Deadline.never()): TerraformFacts {
  const parts: BlockDeclarations[] = [];
  for (const top of tree.rootNode.namedChildren) {
    if (top?.type !== 'body') continue;
    for (const node of top.namedChildren) {
      deadline.check();
      const part = node?.type === 'attribute' ? assignmentPart(node) : node?.type === 'block' ? declarationsOf(node, ...blockHead(node)) : undefined;
      if (part) parts.push(part);
    }
  }
  return mergeDeclarations(parts);
}

function assignmentPart(attribute: Node): BlockDeclarations | undefined {
  const assignment = assignmentOf(attribute);
  return assignment && { assignments: [assignment] };
}

/** A block's type and its labels. */
function blockHead(block: Node): [string, Node[]] {
  return [block.namedChildren[0]?.text ?? '', block.namedChildren.filter((c): c is Node => c?.type === 'string_lit')];
}

/** Only what the file at `path` declares for its module (variables, locals, module calls, tfvars entries): for its neighbours. */
export function terraformDeclarations(read: TerraformRead, path: string): TerraformFacts {
  const facts = mergeDeclarations(read.blocks.declarations);
  facts.folder = folderOf(path);
  return facts;
}

/** The facts of a file from its read (`readTerraform`) and its module (`extractTerraform`). */
export function terraformFacts(read: TerraformRead, deadline: Deadline, cache: TerraformBlocks, module?: TerraformModuleContext): FileFacts {
  const facts: FileFacts = { language: 'terraform', calls: [], resources: [], imports: new Set(), comments: [], problems: [] };
  TOP_LEVEL.set(facts, read.blocks.topLevel);
  const { entries, seen, declarations, declarationTexts } = read.blocks;
  facts.terraform = mergeDeclarations(declarations);
  let scope: ModuleScope | undefined;
  const scopeOf = () => (scope ??= moduleScope(cache, declarationTexts, facts.terraform!, module));
  const carried = () => cache.scope?.carried;
  const references: Reference[] = [];
  // The cached blocks' facts are moved in place only by the file's latest read (an older one's blocks are copied), and
  // only the first of identical blocks (the one kept for the next analysis; the others are copies of it).
  const inPlace = cache.blocks === seen && !module?.asWritten;
  const placedHere = new Set<BlockFacts>();
  for (const entry of entries) {
    if ('comments' in entry) {
      facts.comments.push(...entry.comments);
      continue;
    }
    deadline.check();
    const { block, start, key, declarations: placedDeclarations } = entry;
    if (module?.asWritten) {
      // Copies: the cached values move with the file's next edits.
      const written = block.source ? shiftResource(block.source.resource, start - block.source.start) : block.resource && shiftResource(block.resource, start - block.start);
      if (written) facts.resources.push(written);
      continue;
    }
    let placed: BlockFacts;
    if (inPlace && seen.get(key) === block && !placedHere.has(block)) {
      placed = placedInPlace(block, start, placedDeclarations, block.source && scopeOf(), carried());
      placedHere.add(block);
    } else {
      // Copies, which the cache does not keep: its block keeps its own place.
      placed = block.source ? resolved(block, start, scopeOf(), placedDeclarations) : moved(block, start, placedDeclarations);
    }
    const resource = placed.source ? placed.resolved!.resource : placed.resource && !isOff(placed.resource.props) ? placed.resource : undefined;
    if (resource) facts.resources.push(resource);
    references.push(...placed.references);
    facts.comments.push(...placed.comments);
  }
  facts.references = references;
  for (const error of read.errors) {
    facts.problems.push({ message: error.missing ? 'syntax error: something is missing here' : 'syntax error', span: error });
  }
  return facts;
}

/**
 * The scope the file's values are evaluated in: the last analysis's when the file's declarations are written the same
 * (their source is cheaper to compare than the declarations) and the rest of the module is the same.
 */
function moduleScope(cache: TerraformBlocks, texts: string[], facts: TerraformFacts, module: TerraformModuleContext | undefined): ModuleScope {
  const siblings = module?.siblings ?? [];
  const last = cache.scope;
  const sameModule = last && sameModuleFiles(last.siblings, siblings) && sameOptions(last.options, module?.options);
  if (last && sameModule && sameStrings(last.texts, texts)) return last.scope.reused();
  const scope = new ModuleScope([{ path: module?.path ?? '', facts, key: texts.join('\0') }, ...siblings], module?.options);
  // Only the file's declarations changed: what read none of the names they declare differently stays as it was.
  const carried = last && sameModule && !last.scope.orderDependent ? { from: last.scope.key, to: scope.key, changed: changedNames(last.facts, facts) } : undefined;
  cache.scope = { texts, facts, siblings, options: module?.options, scope, carried };
  return scope;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameModuleFiles(a: readonly ModuleFile[] | undefined, b: readonly ModuleFile[] | undefined): boolean {
  if (!a || !b) return a === b;
  return a.length === b.length && a.every((x, i) => x.path === b[i].path && x.facts === b[i].facts);
}

function sameOptions(a: ScopeOptions | undefined, b: ScopeOptions | undefined): boolean {
  return a?.inputs === b?.inputs && a?.inputsKey === b?.inputsKey && a?.lookup === b?.lookup && sameModuleFiles(a?.varFiles, b?.varFiles);
}

type Entry = { block: BlockFacts; start: number; key: string; declarations: BlockDeclarations | undefined } | { comments: Comment[] };

/** The file's top-level blocks in order, each with its facts (cached ones where its source is unchanged, not moved yet). */
function readBlocks(tree: Tree, text: string, deadline: Deadline, cache: TerraformBlocks) {
  const known = cache.blocks;
  const seen = new Map<string, BlockFacts>();
  const entries: Entry[] = [];
  const declarations: BlockDeclarations[] = [];
  const declarationTexts: string[] = [];
  // Where the top-level nodes are (`topLevelSpans`, read here to spare the layout of fixes a parse): the body's, if any.
  const spans = { root: [] as Span[], body: undefined as Span[] | undefined };
  // Comments are found top-level node by top-level node, so that a block's come with its cached facts.
  for (const top of tree.rootNode.namedChildren) {
    if (!top) continue;
    if (top.type !== 'body') {
      spans.root.push(topLevelSpan(text, top));
      entries.push({ comments: commentsIn(top) });
      continue;
    }
    const bodySpans: Span[] = [];
    spans.body ??= bodySpans;
    for (const node of top.namedChildren) {
      if (node) bodySpans.push(topLevelSpan(text, node));
      if (node?.type === 'attribute') {
        const assignment = assignmentOf(node); // a variables file (.tfvars)
        if (assignment) {
          declarations.push({ assignments: [assignment] });
          declarationTexts.push(node.text);
        }
      }
      if (node?.type !== 'block') {
        if (node) entries.push({ comments: commentsIn(node) });
        continue;
      }
      deadline.check();
      const start = node.startIndex;
      const key = text.slice(text.lastIndexOf('\n', start - 1) + 1, node.endIndex);
      const block = seen.get(key) ?? known.get(key) ?? blockFacts(node, text, deadline);
      seen.set(key, block);
      const placed = block.declarations && (block.start === start ? block.declarations : shiftDeclarations(block.declarations, start - block.start));
      entries.push({ block, start, key, declarations: placed });
      if (placed) {
        declarations.push(placed);
        declarationTexts.push(key);
      }
    }
  }
  return { entries, seen, declarations, declarationTexts, topLevel: spans.body ?? spans.root };
}

function blockFacts(block: Node, text: string, deadline: Deadline): BlockFacts {
  const [type, labels] = blockHead(block);
  const dataSource = labels.length >= 2 && isReadDataSource(type, literalText(labels[0]));
  const isResource = (type === 'resource' && labels.length >= 2) || dataSource;
  const address = isResource ? `${dataSource ? 'data.' : ''}${literalText(labels[0])}.${literalText(labels[1])}` : undefined;
  const references: Reference[] = [];
  for (const variable of block.descendantsOfType('variable_expr')) {
    const to = variable && referenceAddress(variable, text);
    if (to) references.push({ from: address, to, span: spanOf(variable) });
  }
  const comments = commentsIn(block);
  const declarations = declarationsOf(block, type, labels);
  const start = block.startIndex;
  if (!isResource) return { start, resource: undefined, source: undefined, resolved: undefined, declarations, references, comments, places: undefined };
  const expressions = new Map<string, Expr>();
  // An awscc resource is read as the CloudFormation resource it is (`apis/awscc.ts`).
  const resource: ResourceFact = awsccAsCloudFormation({
    kind: 'resource',
    resourceType: `${dataSource ? 'data.' : ''}${literalText(labels[0])}`,
    name: literalText(labels[1]),
    address,
    props: blockValue(block, { deadline, text, expressions, base: start }),
    span: spanOf(block),
    nameSpan: spanOf(labels[1]),
  });
  if (expressions.size === 0) return { start, resource, source: undefined, resolved: undefined, declarations, references, comments, places: undefined };
  resource.expressions = expressions;
  return { start, resource: undefined, source: { start, resource }, resolved: undefined, declarations, references, comments, places: undefined };
}

/**
 * The facts of a block now at `start`, moved there in place (`movePlaces`), its resource resolved in `scope` again when
 * the scope changed. What the previous analysis's facts hold of the block's own (its resources, references, comments)
 * are left as they were: new ones are made.
 */
function placedInPlace(facts: BlockFacts, start: number, declarations: BlockDeclarations | undefined, scope: ModuleScope | undefined, carried: Carried | undefined): BlockFacts {
  const delta = start - facts.start;
  if (delta !== 0) {
    const { source, resolved } = facts;
    facts.places ??= placesOf([facts.resource?.props, source?.resource.props, resolved?.resource?.props].filter((v): v is ObjectValue => v !== undefined));
    movePlaces(facts.places, delta);
    if (facts.resource) facts.resource = movedResource(facts.resource, delta);
    if (source) {
      const wasSource = resolved?.resource === source.resource;
      source.resource = movedResource(source.resource, delta);
      source.start = start;
      if (resolved?.resource) resolved.resource = wasSource ? source.resource : movedResource(resolved.resource, delta);
    }
    facts.start = start;
    facts.declarations = declarations;
    facts.references = facts.references.map((r) => shiftReference(r, delta));
    facts.comments = facts.comments.map((c) => ({ text: c.text, span: shiftSpan(c.span, delta) }));
  }
  const resolved = facts.resolved;
  if (facts.source && resolved?.key !== scope!.key) {
    if (resolved?.reads && carried?.from === resolved.key && carried.to === scope!.key && !readsAny(resolved.reads, carried.changed)) {
      facts.resolved = { key: scope!.key, resource: resolved.resource, reads: resolved.reads };
    } else {
      const { value, reads } = scope!.readsOf(() => resolveResource(facts.source!.resource, scope!));
      facts.resolved = { key: scope!.key, resource: value, reads };
      facts.places = undefined;
    }
  }
  return facts;
}

function readsAny(reads: ReadonlySet<string>, names: ReadonlySet<string>): boolean {
  for (const name of names) if (reads.has(name)) return true;
  return false;
}

/** The facts of a block now at `start`, from those it had at its previous place: copies. */
function moved(facts: BlockFacts, start: number, declarations?: BlockDeclarations): BlockFacts {
  const delta = start - facts.start;
  if (delta === 0) return facts;
  const resolved = facts.resolved;
  return {
    start,
    resource: facts.resource && shiftResource(facts.resource, delta),
    source: facts.source,
    resolved: resolved && { key: resolved.key, resource: resolved.resource && shiftResource(resolved.resource, delta), reads: undefined },
    declarations: declarations ?? (facts.declarations && shiftDeclarations(facts.declarations, delta)),
    references: facts.references.map((r) => shiftReference(r, delta)),
    comments: facts.comments.map((c) => ({ text: c.text, span: shiftSpan(c.span, delta) })),
    places: undefined,
  };
}

/** The facts of a block with expressions now at `start`, its resource resolved in `scope` (again only when the scope changed): copies. */
function resolved(facts: BlockFacts, start: number, scope: ModuleScope, declarations?: BlockDeclarations): BlockFacts {
  if (facts.resolved?.key === scope.key) return moved(facts, start, declarations);
  const source = facts.source!;
  const resource = resolveResource(source.resource, scope);
  const delta = start - source.start;
  const placed = moved({ ...facts, resolved: undefined }, start, declarations);
  placed.resolved = { key: scope.key, resource: resource && delta ? shiftResource(resource, delta) : resource, reads: undefined };
  return placed;
}

function commentsIn(node: Node): Comment[] {
  if (node.type === 'comment') return [{ text: node.text, span: spanOf(node) }];
  return node.descendantsOfType('comment').flatMap((c) => (c ? [{ text: c.text, span: spanOf(c) }] : []));
}

function blockValue(block: Node, read: Read, depth = 0): ObjectValue {
  const { deadline, text } = read;
  deadline.check();
  const body = block.namedChildren.find((c) => c?.type === 'body');
  const obj: ObjectValue = { kind: 'object', props: new Map(), open: false, span: spanOf(block), insert: insertPoint(block, body, text) };
  const nested = new Map<string, { values: Value[]; first: Node }>();
  for (const child of body?.namedChildren ?? []) {
    if (!child) continue;
    if (child.type === 'attribute') {
      const key = child.namedChildren[0]!;
      const expr = child.namedChildren.find((c) => c?.type === 'expression') ?? null;
      obj.props.set(key.text, { key: key.text, keySpan: spanOf(key), value: expressionValue(expr, read), span: spanOf(child) });
    } else if (child.type === 'block') {
      const type = child.namedChildren[0]!;
      if (type.text === 'dynamic') {
        const label = child.namedChildren.find((c) => c?.type === 'string_lit');
        if (!label) continue;
        const value: Value = { kind: 'unknown', span: spanOf(child) };
        // Its `for_each`, so that one known to be empty stands for no block; not when blocks of the type are also written.
        const forEach = obj.props.has(literalText(label)) ? undefined : forEachOf(child);
        if (forEach) read.expressions.set(spanKey(value.span, read.base), { t: 'dynamic', forEach });
        obj.props.set(literalText(label), { key: literalText(label), keySpan: spanOf(label), value, span: spanOf(child) });
        continue;
      }
      const entry = nested.get(type.text) ?? { values: [], first: child };
      entry.values.push(depth < MAX_NESTING ? blockValue(child, read, depth + 1) : { kind: 'unknown', span: spanOf(child) });
      nested.set(type.text, entry);
    }
  }
  for (const [key, { values, first }] of nested) {
    const dynamic = obj.props.get(key)?.value;
    if (dynamic?.kind === 'unknown') {
      read.expressions.delete(spanKey(dynamic.span, read.base)); // a dynamic block of the same type adds unknown items to these
      continue;
    }
    const keyNode = first.namedChildren[0]!;
    const value: Value = values.length === 1 ? values[0] : ({ kind: 'array', items: values, open: false, span: spanOf(first) } satisfies ArrayValue);
    obj.props.set(key, { key, keySpan: spanOf(keyNode), value, span: spanOf(first) });
  }
  return obj;
}

function forEachOf(dynamic: Node): Expr | undefined {
  const body = dynamic.namedChildren.find((c) => c?.type === 'body');
  const attribute = body?.namedChildren.find((c) => c?.type === 'attribute' && c.namedChildren[0]?.text === 'for_each');
  const expr = exprOf(attribute?.namedChildren.find((c) => c?.type === 'expression'));
  return expr.t === 'opaque' ? undefined : expr;
}

function insertPoint(block: Node, body: Node | undefined, text: string): InsertPoint | undefined {
  const start = block.namedChildren.find((c) => c?.type === 'block_start');
  const end = block.namedChildren.find((c) => c?.type === 'block_end');
  if (!start || !end) return undefined;
  const blockIndent = lineIndent(text, block.startIndex);
  const last = body?.namedChildren.filter((c) => c?.type === 'attribute' || c?.type === 'block').pop();
  if (last) {
    return { syntax: 'hcl', offset: last.endIndex, indent: lineIndent(text, last.startIndex), multiline: true, needsSeparatorBefore: true };
  }
  const sameLine = end.startPosition.row === start.startPosition.row;
  return {
    syntax: 'hcl',
    offset: start.endIndex,
    indent: blockIndent + '  ',
    multiline: true,
    needsSeparatorBefore: false,
    closingIndent: sameLine ? blockIndent : undefined,
  };
}

/** What reading values needs beside the node: the time limit, and the file's text. */
interface Read {
  deadline: Deadline;
  text: string;
  /** The expressions the module may know the values of, by place in the resource (`spanKey` from `base`). */
  expressions: Map<string, Expr>;
  base: number;
}

function expressionValue(expr: Node | null, read: Read, depth = 0): Value {
  if (!expr) return { kind: 'unknown', span: { start: 0, end: 0 } };
  const value = literalValue(expr, read, depth);
  if (value.kind !== 'unknown') return value;
  const refs = [...new Set(expr.descendantsOfType('variable_expr').map((v) => v && referenceAddress(v, read.text)).filter((r): r is string => !!r))];
  const unknown: UnknownValue = refs.length ? { ...value, refs } : value;
  // Only variables, locals, function calls and conditionals can make a value known (reading the expression costs).
  if (refs.some((r) => r.startsWith('var.') || r.startsWith('local.')) || /[(?]/.test(read.text.slice(expr.startIndex, expr.endIndex))) {
    const evaluable = exprOf(expr);
    if (mayKnow(evaluable)) read.expressions.set(spanKey(unknown.span, read.base), evaluable);
  }
  return unknown;
}

/** True for an expression the module may know the value of: not a reference to a resource, nor one we do not read. */
function mayKnow(expr: Expr): boolean {
  let root = expr;
  while (root.t === 'get') root = root.of;
  if (root.t === 'ref') return root.name === 'var' || root.name === 'local';
  return expr.t !== 'opaque';
}

function literalValue(expr: Node, read: Read, depth: number): Value {
  read.deadline.check();
  const span = spanOf(expr);
  const inner = expr.namedChildren;
  if (inner.length !== 1 || !inner[0] || depth > MAX_NESTING) return { kind: 'unknown', span };
  const node = inner[0];
  switch (node.type) {
    case 'literal_value': {
      const lit = node.namedChildren[0];
      if (!lit) return { kind: 'unknown', span };
      if (lit.type === 'string_lit') return { kind: 'string', value: literalText(lit), span };
      if (lit.type === 'numeric_lit') return { kind: 'number', value: Number(lit.text), span };
      if (lit.type === 'bool_lit') return { kind: 'boolean', value: lit.text === 'true', span };
      if (lit.type === 'null_lit') return { kind: 'null', span };
      return { kind: 'unknown', span };
    }
    case 'function_call':
      return functionCallValue(node, span, (arg) => expressionValue(arg, read, depth + 1)) ?? { kind: 'unknown', span };
    case 'template_expr': {
      const quoted = node.namedChildren[0];
      const heredoc = quoted?.type === 'heredoc_template' ? heredocText(quoted) : undefined;
      if (heredoc !== undefined) return { kind: 'string', value: heredoc, span };
      if (quoted?.type !== 'quoted_template' || quoted.namedChildren.some((c) => c?.type !== 'quoted_template_start' && c?.type !== 'quoted_template_end' && c?.type !== 'template_literal'))
        return { kind: 'unknown', span };
      return { kind: 'string', value: literalText(quoted), span };
    }
    case 'collection_value': {
      const collection = node.namedChildren[0];
      if (collection?.type === 'tuple') {
        const items = collection.namedChildren.filter((c): c is Node => c?.type === 'expression').map((item) => expressionValue(item, read, depth + 1));
        return { kind: 'array', items, open: false, span };
      }
      if (collection?.type === 'object') {
        const obj: ObjectValue = { kind: 'object', props: new Map(), open: false, span };
        for (const elem of collection.namedChildren) {
          if (elem?.type !== 'object_elem') continue;
          const [keyExpr, valueExpr] = elem.namedChildren.filter((c): c is Node => c?.type === 'expression');
          const key = keyExpr && objectKey(keyExpr, read);
          if (key === undefined) {
            obj.open = true;
            continue;
          }
          obj.props.set(key, { key, keySpan: spanOf(keyExpr), value: expressionValue(valueExpr ?? null, read, depth + 1), span: spanOf(elem) });
        }
        return obj;
      }
      return { kind: 'unknown', span };
    }
    default:
      return { kind: 'unknown', span };
  }
}

/**
 * The address a `variable_expr` (with the `.attr` parts after it) refers to: `aws_s3_bucket.b`, `data.aws_iam_role.r`,
 * `var.name`, `module.m`. Iteration variables of `for` expressions come out as their own names and match nothing.
 */
function referenceAddress(variable: Node, text: string): string | undefined {
  const root = variable.text;
  if (!/^[A-Za-z_][\w-]*$/.test(root)) return undefined;
  const parts = [root];
  const want = root === 'data' ? 3 : 2;
  // The `.attr` parts are read from the text after the name: tree-sitter's sibling steps cost a walk down from the
  // root each, quadratic on deeply nested expressions.
  const attribute = /\s*\.\s*([A-Za-z_][\w-]*)/y;
  attribute.lastIndex = variable.endIndex;
  for (let m = attribute.exec(text); m && parts.length < want; m = attribute.exec(text)) parts.push(m[1]);
  return parts.length === want ? parts.join('.') : undefined;
}

/** An object key written as a bare name (`a = 1`) or a literal string (`"a" = 1`). */
function objectKey(expr: Node, read: Read): string | undefined {
  const inner = expr.namedChildren[0];
  if (inner?.type === 'variable_expr' && expr.namedChildren.length === 1) return inner.text;
  const value = expressionValue(expr, read);
  return value.kind === 'string' ? value.value : undefined;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"' };

function literalText(node: Node): string {
  return node.namedChildren
    .filter((c) => c?.type === 'template_literal')
    .map((c) => c!.text.replace(/\\(.)/g, (m, ch: string) => ESCAPES[ch] ?? m))
    .join('');
}

function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}

function spanOf(node: Node): Span {
  return { start: node.startIndex, end: node.endIndex };
}
