import * as fs from 'node:fs';
import type { AnalysisOptions } from '../config';
import type { Engine } from '../engine';
import { terraformDeclarations, type TerraformRead } from '../extract/terraform';
import { LineIndex } from '../text';
import { readSource } from '../workspace';
import type { Range, ValueSource } from '../types';
import type { TerraformContext } from './context';
import type { ModuleCall, TerraformFacts } from './declarations';
import { declarationSpan } from './explain';
import { folderOf, joinPath } from './paths';
import { localFolder, type Caller } from './modules';
import { isAutoLoaded, ModuleScope, type ModuleFile } from './scope';
import { FolderDeclarations, type DeclarationLookup } from './siblingDeclarations';
import { tfvarsJsonFacts } from './tfvarsJson';

/** How the workspace reads files: the editor's copy of an open file, else the disk's. */
export interface TerraformHost {
  /** The text of a file, or undefined when it cannot be read. */
  read(path: string): string | undefined;
  /** The names of the files in a folder (none when it cannot be read). */
  list(folder: string): string[];
}

/** Files read from disk (files larger than `maxBytes(file)` are not read), or first from `open` (an editor's copies). */
export function diskHost(maxBytes: (file: string) => number, open: (file: string) => string | undefined = () => undefined): TerraformHost {
  return {
    read: (file) => {
      const text = open(file);
      if (text !== undefined) return text;
      const read = readSource(file, maxBytes(file));
      return 'text' in read ? read.text : undefined;
    },
    list: (folder) => {
      try {
        return fs.readdirSync(folder, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
      } catch {
        return [];
      }
    },
  };
}

interface KnownFile {
  facts: TerraformFacts;
  text: string;
  /** Made when a related location in the file is first asked for. */
  lines?: LineIndex;
  /** Read with its folder, not yet analysed: the modules it calls may have been analysed without knowing of it. */
  unconfirmed?: boolean;
  /** The declarations with their positions, to tell whether an analysis changed them (made when first compared). */
  signature?: string;
  /** What reading the declarations read of the file, kept until the file's analysis takes it (`handOverReads`). */
  read?: TerraformRead;
}

/** How a scan, which analyses each file once and whose files do not change while it runs, reads Terraform (see the constructor). */
export interface ScanReading {
  handOverReads?: boolean;
  analysed?: (path: string, text: string) => boolean;
  byName?: boolean;
}

/**
 * The Terraform modules of a workspace: what each file declares (variables, locals, tfvars entries), by folder, so
 * that a file is analysed with the rest of its module (`contextFor`), and an edit that changes a declaration says
 * which files to analyse again (`update`). A folder is read the first time one of its files is analysed; after that,
 * each analysis of one of its files brings its declarations up to date.
 */
export class TerraformWorkspace {
  private readonly files = new Map<string, KnownFile>();
  /** The files that call each local module folder (directly). */
  private readonly callIndex = new Map<string, Set<string>>();
  private readonly folders = new Map<string, Set<string>>();
  private varFiles: ModuleFile[] = [];
  /** The size of the texts whose reads are held for their analyses (`handOverReads`). */
  private heldReadChars = 0;
  private readonly varFileLines = new Map<string, LineIndex>();

  /**
   * `handOverReads` (a scan, which analyses each file once): what reading a file's declarations read of it is kept
   * until `contextFor` hands it to the file's analysis, which then does not parse the file again. The language server
   * does not keep them: a file it reads with its folder may never be opened. `analysed` (a scan) says which files will
   * be analysed with their module: of the others only the declarations are read (`Engine.terraformDeclarationsAlone`).
   * `byName` (a scan): a module's other `.tf` files are read only for the names a file's scope asks for
   * (`siblingDeclarations.ts`).
   */
  constructor(
    private readonly engine: Engine,
    private readonly host: TerraformHost,
    private readonly options?: AnalysisOptions,
    { handOverReads = false, analysed = () => true, byName = false }: ScanReading = {},
  ) {
    this.handOverReads = handOverReads;
    this.analysed = analysed;
    this.byName = byName;
  }

  private readonly handOverReads: boolean;
  private readonly analysed: (path: string, text: string) => boolean;
  private readonly byName: boolean;

  /** `byName` (a scan, whose files do not change while it runs): each folder's `.tf` files, read by name. */
  private readonly byNameFolders = new Map<string, { byName: FolderDeclarations; autoLoaded: string[] }>();
  /** Files whose analysis has been given its context (a read of them is then not held for it). */
  private readonly contextGiven = new Set<string>();

  /** The variables files the user named (`--var-file`, the editor setting), in order: a later one wins. */
  setVarFiles(paths: readonly string[]): void {
    this.varFiles = [];
    this.varFileLines.clear();
    for (const path of paths) {
      const text = this.host.read(path);
      const facts = text === undefined ? undefined : this.read(path, text)?.facts;
      if (!facts || text === undefined) continue;
      this.varFiles.push({ path, facts });
      this.varFileLines.set(path, new LineIndex(text));
    }
  }

  get varFilePaths(): string[] {
    return this.varFiles.map((f) => f.path);
  }

  /** What the engine needs to analyse `path` with the rest of its module. */
  contextFor(path: string): TerraformContext {
    const { siblings, lookup } = this.moduleOf(path);
    if (this.byName) this.contextGiven.add(path);
    const known = this.files.get(path);
    const read = known?.read;
    if (read) {
      known.read = undefined;
      this.heldReadChars -= read.text.length;
    }
    return {
      read,
      siblings,
      lookup,
      varFiles: this.varFiles,
      locate: (source) => this.locate(source),
      moduleFiles: (called) => this.moduleFiles(called),
      callers: (called) => this.callersOf(called),
    };
  }

  /**
   * Reads the folders of the files among `paths` that call a local module, so that a module's files know their callers
   * before they are analysed (the scan analyses files in path order, and a module is often listed before its callers).
   */
  discoverCallers(paths: readonly string[]): void {
    for (const path of paths) {
      if (!path.endsWith('.tf') || this.folders.has(folderOf(path))) continue;
      const text = this.host.read(path);
      if (!text || !LOCAL_SOURCE.test(text)) continue;
      // Read by name, a folder's files are read when a scope asks for what they declare; a caller is read now.
      if (this.byName) this.known(path, text);
      else this.load(folderOf(path));
    }
  }

  /**
   * The other files of the module of `path`: all of them (`siblings`), or, read by name, its variables files alone
   * (which give values to any variable) and a lookup for the `.tf` files.
   */
  private moduleOf(path: string): { siblings: ModuleFile[]; lookup?: DeclarationLookup } {
    const folder = folderOf(path);
    if (!this.byName) {
      const siblings: ModuleFile[] = [];
      for (const other of this.load(folder)) if (other !== path) siblings.push({ path: other, facts: this.files.get(other)!.facts });
      return { siblings };
    }
    const declarations = this.folderDeclarations(folder);
    const siblings: ModuleFile[] = [];
    for (const other of declarations.autoLoaded) {
      const facts = other === path ? undefined : this.known(other)?.facts;
      if (facts) siblings.push({ path: other, facts });
    }
    return { siblings, lookup: declarations.byName.forFile(path) };
  }

  /** A folder's files read by name: its `.tf` files' lookup, and its variables files. */
  private folderDeclarations(folder: string): { byName: FolderDeclarations; autoLoaded: string[] } {
    const known = this.byNameFolders.get(folder);
    if (known) return known;
    const paths = this.host.list(folder).filter(isModuleFile).sort().map((n) => joinPath(folder, n));
    const tf = paths.filter((p) => p.endsWith('.tf'));
    const byName = new FolderDeclarations(`${folder}#${++folderReads}`, tf, (p) => this.files.get(p)?.text ?? this.host.read(p), (p) => this.known(p)?.facts);
    const declarations = { byName, autoLoaded: paths.filter((p) => !p.endsWith('.tf')) };
    this.byNameFolders.set(folder, declarations);
    return declarations;
  }

  /** What is known of a file, read now (and kept) if it was not. */
  private known(path: string, given?: string): KnownFile | undefined {
    const known = this.files.get(path);
    if (known) return known;
    const text = given ?? this.host.read(path);
    if (text === undefined) return undefined;
    const read = this.read(path, text);
    if (!read) return undefined;
    const kept: KnownFile = { facts: read.facts, read: this.contextGiven.has(path) ? undefined : this.held(read.read), text, unconfirmed: true };
    this.setFile(path, kept);
    return kept;
  }

  /**
   * Forgets what was read of `folder` once a scan has analysed its files, unless its files call a local module or a
   * module call reads it: nothing else reads it then (and `load` would read it again from disk if something did).
   */
  forget(folder: string): void {
    if (this.byName) return this.forgetByName(folder);
    const files = this.folders.get(folder);
    if (!files || this.callIndex.get(folder)?.size) return;
    for (const path of files) if (calledFolders(path, this.files.get(path)?.facts).length) return;
    for (const path of files) {
      const read = this.files.get(path)?.read;
      if (read) this.heldReadChars -= read.text.length;
      this.files.delete(path);
    }
    this.folders.delete(folder);
  }

  /** The scope of the module of `path`, a file that calls a module. */
  private callerScope(path: string, known: KnownFile): ModuleScope {
    if (!this.byName) {
      const own = [...(this.folders.get(folderOf(path)) ?? [])].map((p) => ({ path: p, facts: this.files.get(p)!.facts }));
      return new ModuleScope(own, { varFiles: this.varFiles });
    }
    const { siblings, lookup } = this.moduleOf(path);
    return new ModuleScope([{ path, facts: known.facts }, ...siblings], { varFiles: this.varFiles, lookup });
  }

  /** `forget` for folders read by name: their files read so far, unless they call a local module or one calls them. */
  private forgetByName(folder: string): void {
    if (!this.byNameFolders.has(folder) || this.callIndex.get(folder)?.size) return;
    for (const callers of this.callIndex.values()) for (const caller of callers) if (folderOf(caller) === folder) return;
    for (const path of [...this.files.keys()].filter((p) => folderOf(p) === folder)) {
      const held = this.files.get(path)?.read;
      if (held) this.heldReadChars -= held.text.length;
      this.files.delete(path);
    }
    this.byNameFolders.delete(folder);
    this.folders.delete(folder);
  }

  /** The files that call the module in `folder`, each with its own module's scope. */
  private callersOf(folder: string): Caller[] {
    const out: Caller[] = [];
    for (const path of this.callIndex.get(folder) ?? []) {
      const known = this.files.get(path)!;
      out.push({ path, facts: known.facts, lines: linesOf(known), scope: this.callerScope(path, known) });
    }
    return out;
  }

  /** The `.tf` files of a module's folder with their texts, for following a call to it. */
  private moduleFiles(folder: string): { path: string; text: string }[] {
    return [...this.load(folder)].filter((p) => p.endsWith('.tf')).map((p) => ({ path: p, text: this.files.get(p)!.text }));
  }

  /**
   * Records the declarations an analysis of `path` found; returns the files whose findings may have changed with it:
   * the other files of its module when its declarations (positions included) changed, and the files that call its
   * module when its text changed.
   */
  update(path: string, facts: TerraformFacts | undefined, text: string): string[] {
    const folder = this.load(folderOf(path));
    const before = this.files.get(path);
    if (!facts) return this.remove(path);
    const sameText = before?.text === text;
    const known: KnownFile = { facts, text, lines: sameText ? before!.lines : undefined };
    this.setFile(path, known);
    folder.add(path);
    const stale = new Set<string>();
    // Declarations matter to the other files of the module and the modules it calls: compared only when there are any.
    const dependents = this.dependents(path);
    if (dependents.length && signatureOf(known) !== (before && signatureOf(before))) for (const p of dependents) stale.add(p);
    if (!sameText) for (const caller of this.callers(folderOf(path))) stale.add(caller);
    // What a call passes to a module decides which of its resources exist (what only its instances show).
    const called = this.calledFiles([...(before?.facts.modules ?? []), ...facts.modules], path);
    if (called.length && (before?.unconfirmed || JSON.stringify(before?.facts.modules) !== JSON.stringify(facts.modules))) for (const p of called) stale.add(p);
    stale.delete(path);
    return [...stale];
  }

  /** Forgets a deleted file; returns the files of its module to analyse again. */
  remove(path: string): string[] {
    if (!this.files.has(path)) return [];
    this.setFile(path, undefined);
    this.folders.get(folderOf(path))?.delete(path);
    return this.dependents(path);
  }

  /** A file changed on disk that no analysis reads (a `.tfvars.json`): read it again; the files to analyse again. */
  reload(path: string): string[] {
    if (!this.folders.has(folderOf(path)) || !isModuleFile(path) || path.endsWith('.tf') || path.endsWith('.tfvars')) return [];
    const text = this.host.read(path);
    const facts = text === undefined ? undefined : this.read(path, text)?.facts;
    return facts && text !== undefined ? this.update(path, facts, text) : this.remove(path);
  }

  /** The other `.tf` files of the module of `path`, the files that call that module, and those of the modules it calls. */
  private dependents(path: string): string[] {
    const ownModule = [...(this.folders.get(folderOf(path)) ?? [])].filter((p) => p.endsWith('.tf'));
    const calls = ownModule.flatMap((p) => this.files.get(p)?.facts.modules ?? []);
    return [...ownModule.filter((p) => p !== path), ...this.callers(folderOf(path)), ...this.calledFiles(calls, path)];
  }

  /** Records (or forgets) what is known of a file, and which modules it calls. */
  private setFile(path: string, known: KnownFile | undefined): void {
    for (const folder of calledFolders(path, this.files.get(path)?.facts)) this.callIndex.get(folder)?.delete(path);
    if (!known) {
      this.files.delete(path);
      return;
    }
    this.files.set(path, known);
    for (const folder of calledFolders(path, known.facts)) {
      const callers = this.callIndex.get(folder) ?? new Set();
      callers.add(path);
      this.callIndex.set(folder, callers);
    }
  }

  /** The `.tf` files of the local modules `calls` (written in the folder of `path`) call. */
  private calledFiles(calls: readonly ModuleCall[], path: string): string[] {
    const folders = new Set(calls.map((m) => localFolder(path, m.source)).filter((f): f is string => !!f));
    return [...folders].flatMap((folder) => [...this.load(folder)].filter((p) => p.endsWith('.tf')));
  }

  /** Files that call the module in `folder` (through other local modules too), among the folders read so far. */
  private callers(folder: string): string[] {
    const out = new Set<string>();
    const visit = (called: string, depth: number) => {
      if (depth > 8) return;
      for (const path of this.callIndex.get(called) ?? []) {
        if (out.has(path)) continue;
        out.add(path);
        visit(folderOf(path), depth + 1);
      }
    };
    visit(folder, 0);
    return [...out];
  }

  /** The files of `folder`, read the first time it is asked for. */
  private load(folder: string): Set<string> {
    let files = this.folders.get(folder);
    if (files) return files;
    files = new Set();
    this.folders.set(folder, files);
    for (const name of this.host.list(folder).filter(isModuleFile).sort()) {
      const path = joinPath(folder, name);
      if (this.known(path)) files.add(path);
    }
    return files;
  }

  /** `read`, counted as held, while the reads held stay within `MAX_HELD_READ_CHARS`; else undefined. */
  private held(read: TerraformRead | undefined): TerraformRead | undefined {
    if (!read || this.heldReadChars + read.text.length > MAX_HELD_READ_CHARS) return undefined;
    this.heldReadChars += read.text.length;
    return read;
  }

  /** A file's declarations, and what was read of it for its analysis when reads are handed over. */
  private read(path: string, text: string): { facts: TerraformFacts; read?: TerraformRead } | undefined {
    if (path.endsWith('.json')) {
      const facts = tfvarsJsonFacts(text);
      return facts && { facts };
    }
    if (!this.analysed(path, text)) {
      const facts = this.engine.terraformDeclarationsAlone({ path, text }, this.options);
      return facts && { facts };
    }
    if (!this.handOverReads) {
      const facts = this.engine.terraformDeclarations({ path, text }, this.options);
      return facts && { facts };
    }
    const read = this.engine.readTerraform({ path, text }, this.options);
    return read && { facts: terraformDeclarations(read, path), read };
  }

  private locate(source: ValueSource): { path: string; range: Range } | undefined {
    const known = this.files.get(source.path);
    const facts = known?.facts ?? this.varFiles.find((f) => f.path === source.path)?.facts;
    const lines = known ? linesOf(known) : this.varFileLines.get(source.path);
    const span = facts && declarationSpan(facts, source);
    return span && lines ? { path: source.path, range: lines.range(span) } : undefined;
  }
}

/** Folders read by name so far (in this process): each read's declarations are told apart by its number. */
let folderReads = 0;

function calledFolders(path: string, facts: TerraformFacts | undefined): string[] {
  return (facts?.modules ?? []).map((m) => localFolder(path, m.source)).filter((f): f is string => f !== undefined);
}

function linesOf(known: KnownFile): LineIndex {
  known.lines ??= new LineIndex(known.text);
  return known.lines;
}

/**
 * How much Terraform source the reads held for analyses may cover (a read held over a scan adds about 20 bytes to its
 * peak memory per character of its text): a scan reads the folders of module callers before the first analysis, and
 * their files are analysed over the whole scan. A file read beyond it is parsed again when it is analysed.
 */
const MAX_HELD_READ_CHARS = 1024 * 1024;

/** A module block with a local source, found in a file's text before the file is parsed (a superset is fine). */
const LOCAL_SOURCE = /\bsource\s*=\s*"\.\.?[\/\\"]/;

/** What a file declares that other files' values depend on, positions included (related locations point at them). */
function signatureOf(known: KnownFile): string {
  known.signature ??= JSON.stringify([known.facts.variables, known.facts.locals, known.facts.assignments]);
  return known.signature;
}

/** Files that make up a module: its `.tf` files and the variables files Terraform reads without being told. */
export function isModuleFile(path: string): boolean {
  return path.endsWith('.tf') || isAutoLoaded(path);
}
