import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language as TSLanguage, Parser } from 'web-tree-sitter';

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

export interface Parsers {
  parser(grammar: Grammar): Parser;
}

let loading: Promise<Parsers> | undefined;

/** Loads the WebAssembly runtime and all grammars once per process. */
export function loadParsers(): Promise<Parsers> {
  loading ??= (async () => {
    await Parser.init({ locateFile: (name: string) => locate('web-tree-sitter', name) });
    const parsers = new Map<Grammar, Parser>();
    for (const [grammar, { pkg, file }] of Object.entries(GRAMMAR_FILES) as [Grammar, { pkg: string; file: string }][]) {
      const language = await TSLanguage.load(locate(pkg, file));
      const parser = new Parser();
      parser.setLanguage(language);
      parsers.set(grammar, parser);
    }
    return {
      parser(grammar: Grammar): Parser {
        return parsers.get(grammar)!;
      },
    };
  })();
  return loading;
}
