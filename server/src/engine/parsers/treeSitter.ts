import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language as TSLanguage, Parser } from 'web-tree-sitter';
import { checkTreeMemory } from './syntax';

export type Grammar = 'python' | 'typescript' | 'tsx' | 'terraform';

const GRAMMAR_FILES: Record<Grammar, { pkg: string; file: string }> = {
  python: { pkg: 'tree-sitter-python', file: 'tree-sitter-python.wasm' },
  typescript: { pkg: 'tree-sitter-typescript', file: 'tree-sitter-typescript.wasm' },
  tsx: { pkg: 'tree-sitter-typescript', file: 'tree-sitter-tsx.wasm' },
  terraform: { pkg: '@tree-sitter-grammars/tree-sitter-hcl', file: 'tree-sitter-terraform.wasm' },
};

/**
 * The bundled server ships the .wasm files in `<bundle dir>/wasm/`; the unbundled build (tests, development)
 * finds them in their npm packages.
 */
function locate(pkg: string, file: string): string {
  const bundled = path.join(__dirname, 'wasm', file);
  if (fs.existsSync(bundled)) return bundled;
  return require.resolve(`${pkg}/${file}`);
}

export const GRAMMARS = Object.keys(GRAMMAR_FILES) as Grammar[];

export interface Parsers {
  /** The parser of a loaded grammar; throws for one not loaded. */
  parser(grammar: Grammar): Parser;
  has(grammar: Grammar): boolean;
  /** Loads grammars not loaded yet (each once per process). */
  load(grammars: readonly Grammar[]): Promise<void>;
}

let runtime: Promise<void> | undefined;
/**
 * The options web-tree-sitter's Emscripten module is made from, which become the module itself: once loaded it holds
 * the module's memory (`HEAPU8`), from which trees are read (treeMemory.ts).
 */
const runtimeModule: { locateFile(name: string): string; HEAPU8?: Uint8Array } = { locateFile: (name) => locate('web-tree-sitter', name) };
/** web-tree-sitter's memory, once its runtime is loaded. */
export const wasmHeap = (): Uint8Array | undefined => runtimeModule.HEAPU8;
const languages = new Map<Grammar, Promise<TSLanguage>>();
const parsers = new Map<Grammar, Parser>();

const PARSERS: Parsers = {
  parser(grammar: Grammar): Parser {
    const parser = parsers.get(grammar);
    if (!parser) throw new Error(`the ${grammar} grammar is not loaded`);
    return parser;
  },
  has: (grammar) => parsers.has(grammar),
  async load(grammars) {
    if (grammars.length === 0) return; // an engine that only runs cross-file rules needs no WebAssembly at all
    runtime ??= Parser.init(runtimeModule);
    await runtime;
    await Promise.all(
      grammars.map(async (grammar) => {
        if (!languages.has(grammar)) languages.set(grammar, TSLanguage.load(locate(GRAMMAR_FILES[grammar].pkg, GRAMMAR_FILES[grammar].file)));
        const language = await languages.get(grammar)!;
        if (parsers.has(grammar)) return;
        const parser = new Parser();
        parser.setLanguage(language);
        checkTreeMemory(parser, grammar, wasmHeap);
        parsers.set(grammar, parser);
      }),
    );
  },
};

/**
 * Loads the WebAssembly runtime and `grammars` (all by default) once per process. The TypeScript grammars are about
 * three megabytes of WebAssembly to compile: a language server starts faster loading them only when needed.
 */
export async function loadParsers(grammars: readonly Grammar[] = GRAMMARS): Promise<Parsers> {
  await PARSERS.load(grammars);
  return PARSERS;
}
