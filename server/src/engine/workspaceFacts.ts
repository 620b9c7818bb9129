import type { Rule } from './rules/rule';
import type { FileFacts } from './types';

/**
 * What the cross-file rules among `rules` read of an analysed file, for a project model that holds every file of a
 * workspace: the calls they declare (`Rule.workspaceCalls`) and everything else but the file's literals, which only
 * its own rules read. Most calls of a large workspace concern no cross-file rule, and they are most of its facts.
 */
export function keepForWorkspace(rules: readonly Rule[]): (facts: FileFacts) => FileFacts {
  const readers = rules.filter((r) => r.checkWorkspace);
  const keepsEveryCall = readers.some((r) => !r.workspaceCalls);
  return (facts) => {
    const { literals: _literals, ...kept } = facts;
    if (keepsEveryCall) return kept;
    return { ...kept, calls: facts.calls.filter((call) => readers.some((r) => r.workspaceCalls!(call))) };
  };
}
