import type { Tree } from 'web-tree-sitter';
import { syntaxErrors, walk } from '../parsers/walk';
import type { FileFacts, Language } from '../types';

/**
 * TypeScript/JavaScript source → facts. For now: imported modules, comments (for suppressions) and syntax problems;
 * calls and CDK constructs come with the rules that need them.
 */
export function extractTypeScript(tree: Tree, language: Language): FileFacts {
  const facts: FileFacts = { language, calls: [], resources: [], imports: new Set(), comments: [], problems: [] };
  walk(tree, (node) => {
    if (node.type === 'comment') facts.comments.push({ text: node.text, span: { start: node.startIndex, end: node.endIndex } });
    if (node.type === 'import_statement') {
      const source = node.childForFieldName('source');
      if (source) facts.imports.add(source.text.slice(1, -1));
      return false;
    }
    return true;
  });
  for (const error of syntaxErrors(tree)) {
    facts.problems.push({ message: error.missing ? 'syntax error: something is missing here' : 'syntax error', span: error });
  }
  return facts;
}
