// A module's declarations read by name (a scan): the values of a file depend only on the variables and locals its
// expressions name, and those of the locals they name, so of the other `.tf` files of its folder only those that may
// declare such a name need to be read. Whether a file may declare a name is told from its text, soundly (a superset):
// a variable is declared by `variable` and its label (the name, quoted or not), a local by the name and `=`, with only
// blanks and line comments between. A file with a block comment (anything may hide there) or a `\u` escape (a label
// may spell its name with escapes) may declare any name. The language server reads whole folders (`TerraformWorkspace`).
import type { Expr } from './expr';
import type { TerraformFacts, VariableDeclaration } from './declarations';

/** What a module's scope reads of the module's other `.tf` files, one name at a time. */
export interface DeclarationLookup {
  /** The declarations of variable `name` in those files, in file order; two are enough (declared twice: unknown). */
  variables(name: string): { declaration: VariableDeclaration; path: string }[];
  /** The same for local `name`. */
  locals(name: string): { value: Expr; path: string }[];
  /** Equal keys give equal declarations (the folder, as read in this scan, and the file left out). */
  readonly key: string;
}

/** Which names a file's text may declare, as variables or as attributes (locals among them). */
interface MayDeclare {
  variables: ReadonlySet<string> | 'any';
  attributes: ReadonlySet<string> | 'any';
}

/**
 * Blanks and line comments (each to its line's end, so that there is one way to match them: a text of many `#` or a
 * long name not followed by `=` must not make the match backtrack without end).
 */
const GAP = String.raw`(?:\s|#[^\n]*\n|//[^\n]*\n)*`;
/** An identifier's characters (HCL allows dashes), and a few more: a superset is fine. */
const NAME_CHARS = String.raw`[\p{ID_Continue}\-]`;
const VARIABLE_LABEL = new RegExp(String.raw`variable${GAP}"?(${NAME_CHARS}+)`, 'gu');
/** A name tried only where one starts: a long word (a base64 string) is not tried from each of its characters. */
const ATTRIBUTE_NAME = new RegExp(String.raw`(?<!${NAME_CHARS})(${NAME_CHARS}+)${GAP}=(?![=>])`, 'gu');

export function mayDeclare(text: string): MayDeclare {
  if (text.includes('/*')) return { variables: 'any', attributes: 'any' };
  const escaped = text.includes('\\u') || text.includes('\\U');
  const variables = escaped ? 'any' : new Set([...text.matchAll(VARIABLE_LABEL)].map((m) => m[1]));
  const attributes = new Set([...text.matchAll(ATTRIBUTE_NAME)].map((m) => m[1]));
  return { variables, attributes };
}

/**
 * The `.tf` files of one folder, indexed by the names their texts may declare (read once, texts not kept), each read
 * for its declarations only when a scope asks for a name it may declare. Shared by the files of the folder in a scan.
 */
export class FolderDeclarations {
  private index?: { variables: Map<string, string[]>; attributes: Map<string, string[]>; anyVariable: string[]; anyAttribute: string[] };
  private readonly facts = new Map<string, TerraformFacts | undefined>();

  /**
   * `paths`: the folder's `.tf` files, in order; `text` reads one (undefined when it cannot be read); `declarations`
   * reads one's declarations (undefined when they cannot be read: then it declares nothing).
   */
  constructor(
    readonly key: string,
    private readonly paths: readonly string[],
    private readonly text: (path: string) => string | undefined,
    private readonly declarations: (path: string) => TerraformFacts | undefined,
  ) {}

  /** The lookup for the file `path` of this folder: the other files' declarations. */
  forFile(path: string): DeclarationLookup {
    return {
      key: `${this.key}\0${path}`,
      variables: (name) => this.declared(this.candidates('variables', name), path, (facts) => facts.variables.filter((v) => v.name === name).map((declaration) => ({ declaration }))),
      locals: (name) => this.declared(this.candidates('attributes', name), path, (facts) => facts.locals.filter((l) => l.name === name).map(({ value }) => ({ value }))),
    };
  }

  private declared<T>(candidates: readonly string[], except: string, of: (facts: TerraformFacts) => T[]): (T & { path: string })[] {
    const out: (T & { path: string })[] = [];
    for (const path of candidates) {
      if (path === except) continue;
      const facts = this.read(path);
      if (facts) for (const found of of(facts)) out.push({ ...found, path });
      if (out.length >= 2) break;
    }
    return out;
  }

  private read(path: string): TerraformFacts | undefined {
    if (!this.facts.has(path)) this.facts.set(path, this.declarations(path));
    return this.facts.get(path);
  }

  private candidates(kind: 'variables' | 'attributes', name: string): string[] {
    const index = this.built();
    const named = index[kind].get(name) ?? [];
    const any = kind === 'variables' ? index.anyVariable : index.anyAttribute;
    return any.length ? [...named, ...any] : named;
  }

  private built() {
    if (this.index) return this.index;
    const index = { variables: new Map<string, string[]>(), attributes: new Map<string, string[]>(), anyVariable: [] as string[], anyAttribute: [] as string[] };
    for (const path of this.paths) {
      const text = this.text(path);
      if (text === undefined) continue;
      const may = mayDeclare(text);
      addAll(may.variables, path, index.variables, index.anyVariable);
      addAll(may.attributes, path, index.attributes, index.anyAttribute);
    }
    this.index = index;
    return index;
  }
}

function addAll(names: ReadonlySet<string> | 'any', path: string, byName: Map<string, string[]>, any: string[]): void {
  if (names === 'any') {
    any.push(path);
    return;
  }
  for (const name of names) {
    const paths = byName.get(name);
    if (paths) paths.push(path);
    else byName.set(name, [path]);
  }
}
