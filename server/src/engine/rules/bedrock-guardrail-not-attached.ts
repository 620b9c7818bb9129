import type { CallFact, Reference } from '../types';
import { field } from '../values';
import { BEDROCK_OPERATION_KEYS, BEDROCK_TRIGGERS, bedrockOperation } from '../apis/bedrock';
import { callsWhere, type Rule, type WorkspaceRuleContext } from './rule';

const GUARDRAILS = ['aws_bedrock_guardrail', 'AWS::Bedrock::Guardrail'];
const VERSIONS = new Set(['aws_bedrock_guardrail_version', 'AWS::Bedrock::GuardrailVersion']);
/** Where calls name their guardrail; an identifier we cannot read may be any guardrail in the workspace. */
const CALL_GUARDRAIL_KEYS = ['guardrailConfig', 'guardrailIdentifier'];

export const rule: Rule = {
  meta: {
    id: 'bedrock-guardrail-not-attached',
    title: 'Bedrock guardrail defined but never attached',
    practices: ['GENSEC02-BP01', 'RAISP03-BP03'],
    severity: 'warning',
    languages: ['terraform', 'cloudformation', 'typescript', 'javascript', 'python'],
    docs: {
      description:
        'A guardrail protects nothing until an agent, a knowledge-base query or a model call uses it. The check looks across ' +
        'the workspace for a guardrail that nothing refers to: no agent or other resource, no output (which application code ' +
        'may read), and no guardrail version that is itself used. When a Bedrock call in the workspace passes a guardrail ' +
        'identifier that cannot be read statically (an environment variable, a parameter), the guardrail may be attached at ' +
        'run time and is not reported.',
      bad: 'resource "aws_bedrock_guardrail" "support" { ... }   # no agent or output refers to it',
      good: 'resource "aws_bedrockagent_agent" "support" {\n  guardrail_configuration {\n    guardrail_identifier = aws_bedrock_guardrail.support.guardrail_id\n    guardrail_version    = aws_bedrock_guardrail_version.support.version\n  }\n}',
    },
  },
  triggers: BEDROCK_TRIGGERS,
  workspaceReads: { calls: callsWhere(passesGuardrail), callKeys: [...BEDROCK_OPERATION_KEYS, ...CALL_GUARDRAIL_KEYS], resourceProperties: [] },
  checkWorkspace(context: WorkspaceRuleContext) {
    const { project } = context;
    const guardrails = project.resources(...GUARDRAILS);
    if (guardrails.length === 0) return;
    const callsWithGuardrail = project.calls(passesGuardrail);
    if (callsWithGuardrail.length > 0) return;

    const referrers = new Map<string, Reference[]>();
    const typeOf = new Map<string, string>();
    for (const file of project.files) {
      for (const r of file.facts.resources) if (r.address) typeOf.set(r.address, r.resourceType);
      for (const ref of file.facts.references ?? []) referrers.set(ref.to, [...(referrers.get(ref.to) ?? []), ref]);
    }
    const used = (address: string, depth = 0): boolean =>
      (referrers.get(address) ?? []).some((ref) => {
        if (ref.from === address) return false;
        if (ref.from === undefined) return true; // an output, local or module argument hands it on
        return VERSIONS.has(typeOf.get(ref.from) ?? '') ? depth < 2 && used(ref.from, depth + 1) : true;
      });
    for (const { file, item } of guardrails) {
      if (!item.address || used(item.address)) continue;
      context.report({
        file,
        span: item.nameSpan,
        message: `guardrail \`${item.name}\` is not attached to any agent, call or output in the workspace: it filters nothing`,
      });
    }
  },
};

/** A Bedrock call that names a guardrail (one read at run time may be any guardrail in the workspace). */
function passesGuardrail(call: CallFact): boolean {
  return bedrockOperation(call) !== undefined && CALL_GUARDRAIL_KEYS.some((k) => field(call.args, k) !== undefined);
}
