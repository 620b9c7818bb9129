// The values of one module (a folder of .tf files): its variables, from a module call's arguments, a variables file
// or their defaults, and its locals. Terraform's precedence for a root module: default < terraform.tfvars <
// terraform.tfvars.json < *.auto.tfvars(.json) in file name order < each --var-file in order. A module called from
// another folder gets its caller's arguments and its own defaults only. A variable with neither stays unknown.
import type { Span, Value, ValueSource } from '../types';
import type { TerraformContext } from './context';
import type { TerraformFacts, VariableDeclaration } from './declarations';
import { Evaluation, NO_NAMES, type Budget, type Names } from './evaluate';
import type { Expr } from './expr';
import { baseName } from './paths';
import type { DeclarationLookup } from './siblingDeclarations';
import { convert, typeConstraintOf } from './typeConstraints';
import { readFrom, shown, sourcesOf, unknown, withSources, type Outcome } from './values';

/** The declarations of one file of a module, and the file's path. */
export interface ModuleFile {
  path: string;
  facts: TerraformFacts;
  /** What the file's declarations are written as, when the caller has it: equal texts declare equal values. */
  key?: string;
}

/** Evaluation steps one module's values may take in one analysis (a file's resources and the locals they read). */
const MAX_STEPS = 200_000;
const NOWHERE: Span = { start: 0, end: 0 };

export interface ScopeOptions {
  /** Variables files named on the command line or in the editor settings, in order (a later one wins). */
  varFiles?: readonly ModuleFile[];
  /** A module instance: its caller's arguments, evaluated in the caller's module (with their sources). */
  inputs?: ReadonlyMap<string, Value>;
  /** What distinguishes these inputs from others, for caching (see `key`). */
  inputsKey?: string;
  /** The module's other `.tf` files read by name (a scan), besides `files`: see `siblingDeclarations.ts`. */
  lookup?: DeclarationLookup;
}

/** The variables and locals of a module, evaluated on demand and remembered. */
export class ModuleScope implements Names {
  private keyText: string | undefined;
  readonly budget: Budget = { steps: MAX_STEPS };
  private readonly variables = new Map<string, { declaration: VariableDeclaration; path: string } | null>();
  private readonly locals = new Map<string, { value: Expr; path: string } | null>();
  private readonly assigned = new Map<string, { value: Expr; path: string }>();
  private readonly variableValues = new Map<string, Outcome>();
  private readonly localValues = new Map<string, Outcome | 'evaluating'>();
  /** What each evaluated local read (`readsOf`). */
  private readonly localReads = new Map<string, ReadonlySet<string>>();
  private reading: Set<string> | undefined;
  /**
   * Set once an evaluation met a cycle of locals or ran out of steps: values may then depend on the order they were
   * asked for, so none is carried into another scope.
   */
  orderDependent = false;

  constructor(
    files: readonly ModuleFile[],
    private readonly options: ScopeOptions = {},
  ) {
    for (const { path, facts } of files) {
      for (const declaration of facts.variables) this.variables.set(declaration.name, this.variables.has(declaration.name) ? null : { declaration, path });
      for (const local of facts.locals) this.locals.set(local.name, this.locals.has(local.name) ? null : { value: local.value, path });
    }
    if (!options.inputs) {
      for (const { path, facts } of [...files.filter((f) => isAutoLoaded(f.path)).sort(byLoadOrder), ...(options.varFiles ?? [])]) {
        for (const assignment of facts.assignments) this.assigned.set(assignment.name, { value: assignment.value, path });
      }
    }
    this.files = files;
  }

  private readonly files: readonly ModuleFile[];

  /**
   * Equal keys give equal values (declarations and assignments as written, without positions). Made when first asked
   * for, and one string for equal keys, so that comparing two is comparing references.
   */
  get key(): string {
    // Joined, not JSON: the declarations' source can be long, and JSON would escape it on every analysis.
    this.keyText ??= interned([...this.files.map(keyOf), '\u0001', ...(this.options.varFiles ?? []).map(keyOf), '\u0001', this.options.inputsKey ?? '', '\u0001', this.options.lookup?.key ?? ''].join('\u0002'));
    return this.keyText;
  }

  /** This scope for another analysis: what it evaluated stays, its budget starts again. */
  reused(): this {
    this.budget.steps = MAX_STEPS;
    return this;
  }

  /** The value of `expr` written at `at` in a file of this module. */
  evaluate(expr: Expr, at: Span): Value {
    const value = new Evaluation(this, at, this.budget).value(expr);
    if (this.budget.steps < 0) this.orderDependent = true;
    return value;
  }

  variable(name: string): Outcome {
    this.reading?.add(`var.${name}`);
    let value = this.variableValues.get(name);
    if (value === undefined) this.variableValues.set(name, (value = this.variableValue(name)));
    return value;
  }

  local(name: string): Outcome {
    this.reading?.add(`local.${name}`);
    const known = this.localValues.get(name);
    if (known === 'evaluating') {
      this.orderDependent = true;
      return unknown(NOWHERE); // a cycle: Terraform rejects it
    }
    if (known !== undefined) {
      if (this.reading) for (const read of this.localReads.get(name) ?? []) this.reading.add(read);
      return known;
    }
    const local = declaredOnce(this.locals.get(name), this.options.lookup?.locals(name));
    if (!local) return unknown(NOWHERE);
    this.localValues.set(name, 'evaluating');
    const { value, reads } = this.readsOf(() => this.evaluate(local.value, NOWHERE));
    this.localReads.set(name, reads);
    const result = readFrom(value, { kind: 'local', name: `local.${name}`, path: local.path, shown: shown(value) });
    this.localValues.set(name, result);
    return result;
  }

  /**
   * `compute`'s result and the names (`var.x`, `local.y`) it read, those the locals it read read included: a value
   * computed in this scope is the same in another whose declarations of those names are the same (`changedNames`),
   * unless `orderDependent` is set.
   */
  readsOf<T>(compute: () => T): { value: T; reads: ReadonlySet<string> } {
    const outer = this.reading;
    const reads = new Set<string>();
    this.reading = reads;
    try {
      return { value: compute(), reads };
    } finally {
      this.reading = outer;
      if (outer) for (const read of reads) outer.add(read);
    }
  }

  private variableValue(name: string): Outcome {
    const found = declaredOnce(this.variables.get(name), this.options.lookup?.variables(name));
    if (!found) return unknown(NOWHERE); // not declared (or twice): we may not see the whole module
    const { declaration, path } = found;
    const type = typeConstraintOf(declaration.type);
    if (!type) return unknown(NOWHERE);
    const fromDefault = (): Value | undefined => {
      if (!declaration.default) return undefined;
      const value = evaluateLiteral(declaration.default);
      return readFrom(value, { kind: 'default', name: `var.${name}`, path, shown: shown(value) });
    };
    let value: Value | undefined;
    const input = this.options.inputs?.get(name);
    const assigned = this.assigned.get(name);
    if (input) value = input;
    else if (assigned) {
      const assignedValue = evaluateLiteral(assigned.value);
      value = readFrom(assignedValue, { kind: 'tfvars', name: `var.${name}`, path: assigned.path, shown: shown(assignedValue) });
    } else value = fromDefault();
    if (value?.kind === 'null' && declaration.notNullable) value = fromDefault() ?? value;
    if (!value) return unknown(NOWHERE); // required: given when Terraform runs
    const converted = convert(value, type, (expr, at) => evaluateLiteral(expr, at));
    return converted.kind === 'unknown' ? unknown(NOWHERE, [], sourcesOf(value)) : withSources(converted, value);
  }
}

/** The one declaration of a name in `files` (an entry, null when twice) and the lookup's; undefined when none or several. */
function declaredOnce<T>(inFiles: T | null | undefined, looked: readonly T[] | undefined): T | undefined {
  if (!looked?.length) return inFiles ?? undefined;
  return inFiles === undefined && looked.length === 1 ? looked[0] : undefined;
}

/** The scope options of a Terraform file's context: a module instance's inputs, else the variables files. */
export function scopeOptions(context: TerraformContext | undefined): ScopeOptions {
  if (context?.instance) return { inputs: context.instance.inputs, inputsKey: context.instance.key, lookup: context.lookup };
  return { varFiles: context?.varFiles, lookup: context?.lookup };
}

/** A value written where Terraform allows no references: a default, a tfvars entry, an `optional()` default. */
function evaluateLiteral(expr: Expr, at: Span = NOWHERE): Value {
  return new Evaluation(NO_NAMES, at, { steps: MAX_STEPS }).value(expr);
}

/** What of a file the values of its module depend on: names and expressions, not positions (kept per declarations). */
const fileKeys = new WeakMap<TerraformFacts, string>();

function keyOf({ path, facts, key: written }: ModuleFile): string {
  if (written !== undefined) return `${path}\0${written}`;
  let key = fileKeys.get(facts);
  if (key === undefined) {
    key = JSON.stringify([facts.variables.map((v) => [v.name, v.type, v.default, v.notNullable]), facts.locals.map((l) => [l.name, l.value]), facts.assignments.map((a) => [a.name, a.value])]);
    fileKeys.set(facts, key);
  }
  return `${path}\0${key}`;
}

/**
 * The names (`var.x`, `local.y`) whose declarations differ between two versions of a file's declarations: as a scope
 * reads them (a variable's type, default, nullability and assignments; a local's expression), not their places.
 */
export function changedNames(before: TerraformFacts, after: TerraformFacts): Set<string> {
  const was = declaredByName(before);
  const is = declaredByName(after);
  const changed = new Set<string>();
  for (const [name, declared] of is) if (was.get(name) !== declared) changed.add(name);
  for (const name of was.keys()) if (!is.has(name)) changed.add(name);
  return changed;
}

function declaredByName(facts: TerraformFacts): Map<string, string> {
  const byName = new Map<string, unknown[]>();
  const add = (name: string, declared: unknown) => {
    const list = byName.get(name);
    if (list) list.push(declared);
    else byName.set(name, [declared]);
  };
  for (const v of facts.variables) add(`var.${v.name}`, [v.type, v.default, v.notNullable]);
  for (const a of facts.assignments) add(`var.${a.name}`, ['=', a.value]);
  for (const l of facts.locals) add(`local.${l.name}`, l.value);
  const keys = new Map<string, string>();
  for (const [name, list] of byName) keys.set(name, JSON.stringify(list));
  return keys;
}

/** One string per key: comparing keys, which blocks do for every resource on every edit, compares references. */
const keys = new Map<string, string>();
const MAX_KEYS = 256;

function interned(key: string): string {
  const known = keys.get(key);
  if (known !== undefined) return known;
  if (keys.size >= MAX_KEYS) keys.clear();
  keys.set(key, key);
  return key;
}

/** `terraform.tfvars(.json)` and `*.auto.tfvars(.json)` are read by Terraform without being named. */
export function isAutoLoaded(path: string): boolean {
  const name = baseName(path);
  return name === 'terraform.tfvars' || name === 'terraform.tfvars.json' || /\.auto\.tfvars(\.json)?$/.test(name);
}

/** Terraform reads terraform.tfvars, then terraform.tfvars.json, then the *.auto.tfvars files by name. */
function byLoadOrder(a: ModuleFile, b: ModuleFile): number {
  const rank = (p: string) => {
    const name = baseName(p);
    return name === 'terraform.tfvars' ? 0 : name === 'terraform.tfvars.json' ? 1 : 2;
  };
  const x = baseName(a.path);
  const y = baseName(b.path);
  return rank(a.path) - rank(b.path) || (x < y ? -1 : x > y ? 1 : 0);
}

export type { ValueSource };
