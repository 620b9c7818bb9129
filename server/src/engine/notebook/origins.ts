// Where the cross-file rules' findings about a notebook's modules, and their related places in them, were before they
// were placed in the notebook (`Engine.analyzeProject`): an edit of the notebook that changes nothing the cross-file
// rules read moves them in their module and places them again (`lsp/notebookCrossFileMoves.ts`), instead of the rules
// running again. Kept by identity: a placed finding or related place that is copied keeps its origin only when the
// copy is made with `withRelated`.
import type { Finding, RelatedLocation, Span } from '../types';

export interface ModuleOrigin {
  /** The module's path (`ProjectFile.path`: the notebook's for its cells, the written file's for a `%%writefile` module). */
  module: string;
  /** The place in the module's text. */
  span: Span;
  /** For a finding: as the rule reported it in the module (span, range, fixes and suppression in the module). */
  finding?: Finding;
}

const origins = new WeakMap<Finding | RelatedLocation, ModuleOrigin>();

/** `placed`, a finding or related place in a notebook, came from `origin`. */
export function rememberOrigin<T extends Finding | RelatedLocation>(placed: T, origin: ModuleOrigin): T {
  origins.set(placed, origin);
  return placed;
}

export function originOf(placed: Finding | RelatedLocation): ModuleOrigin | undefined {
  return origins.get(placed);
}

/** A copy of a placed finding with other related places; its module finding has them too. */
export function withRelated(finding: Finding, related: RelatedLocation[]): Finding {
  const copy = { ...finding, related };
  const origin = origins.get(finding);
  if (origin) origins.set(copy, { ...origin, finding: origin.finding && { ...origin.finding, related } });
  return copy;
}
