// CDK stacks as the CloudFormation resources they synthesize, added to the facts of a Python or TypeScript/JavaScript
// file after its extractor has run: Python L1 constructs (TypeScript's are read by its extractor), and the
// higher-level constructs of both languages. Constructs refer to each other by the names they are bound to.
import { AnalysisTimeout } from '../budget';
import type { ProjectContext } from '../manifests';
import type { FileFacts } from '../types';
import { addConstructReferences, addConstructRefs, type Receiver } from './cdkBindings';
import { addConstructResources } from './cdkConstructs';
import { addPythonCdkResources } from './cdkPython';

/**
 * `project`: the file's manifests, read only when a construct's model depends on its library's version. A failure
 * here leaves the extractor's facts as they were, with a problem that says so: the rest of the file is still checked.
 */
export function withCdkConstructs(facts: FileFacts, text: string, project: () => ProjectContext): FileFacts {
  const resources = [...facts.resources];
  const references = facts.references;
  try {
    return addCdkConstructs(facts, text, project);
  } catch (error) {
    if (error instanceof AnalysisTimeout) throw error;
    facts.resources = resources;
    facts.references = references;
    facts.problems.push({ message: `its CDK constructs could not be read (${(error as Error).message}); please report it`, span: { start: 0, end: 0 } });
    return facts;
  }
}

function addCdkConstructs(facts: FileFacts, text: string, project: () => ProjectContext): FileFacts {
  const python = facts.language === 'python';
  const receiver: Receiver = python ? 'self' : 'this';
  const added = [...(python ? addPythonCdkResources(facts, text) : []), ...addConstructResources(facts, text, project)];
  if (added.length === 0) return facts;
  const addressOf = new Map<string, string>();
  for (const r of facts.resources) if (r.binding && r.address && !addressOf.has(r.binding)) addressOf.set(r.binding, r.address);
  // A name bound to a construct read where a value belongs is the construct's own expression (its span).
  for (const r of facts.resources) if (r.binding && r.address) addressOf.set(`${r.span.start}:${r.span.end}`, r.address);
  for (const r of facts.resources) if (r.keyStyle) addConstructRefs(r.props, text, addressOf, receiver);
  addConstructReferences(facts, text, receiver, added);
  return facts;
}
