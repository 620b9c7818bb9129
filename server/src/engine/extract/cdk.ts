// CDK stacks as the CloudFormation resources they synthesize, added to the facts of a Python or TypeScript/JavaScript
// file after its extractor has run: Python L1 constructs (TypeScript's are read by its extractor).
import type { FileFacts } from '../types';
import { addPythonCdkResources } from './cdkPython';

export function withCdkConstructs(facts: FileFacts, text: string): FileFacts {
  if (facts.language === 'python') addPythonCdkResources(facts, text);
  return facts;
}
