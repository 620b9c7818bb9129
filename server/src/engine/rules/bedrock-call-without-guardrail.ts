import { addProperties, addProperty, replaceWith } from '../edits';
import { field, path, stringOf } from '../values';
import type { CallFact, FileFacts, Fix, ObjectValue, Value } from '../types';
import { BEDROCK_TRIGGERS, bedrockOperation, isNonTextModel, NON_TEXT_MODEL_KEYS, LANGCHAIN_AWS_ONLY, LANGCHAIN_BEDROCK, type BedrockOperation } from '../apis/bedrock';
import { isLangChainRunnable, langchainCall, writtenName } from '../apis/langchain';
import { holdsParameter, pathHoldsParameter } from '../flow/instances';
import { callerReads, flowProjectOf, instanceFiltered, localFate, localFlow, outputFate, reportThroughCallers, type Verdict } from './support/callers';
import { FlowProject } from '../flow/project';
import { AGENT_FRAMEWORK_TRIGGERS } from '../apis/models';
import type { CallRead, KeepInputs, Rule, RuleContext } from './rule';
import { checkFrameworkGuardrails } from './support/frameworkSettings';
import { callUse, type CallUse } from './support/callUse';
import { PLACEHOLDER } from '../placeholders';

const GUARDRAIL_ID = PLACEHOLDER.guardrailId;
const ID = 'bedrock-call-without-guardrail';
const FIX_SAFETY = 'unsafe'; // the guardrail ID is a placeholder to fill in

export const rule: Rule = {
  meta: {
    id: ID,
    title: 'Bedrock model call without a guardrail',
    practices: ['GENSEC02-BP01', 'RAISP03-BP03', 'RAISP03-BP02', 'RAISP02-BP10'],
    severity: 'warning',
    languages: ['python', 'typescript', 'javascript'],
    docs: {
      description:
        'A Bedrock Converse, InvokeModel or RetrieveAndGenerate call with no guardrail sends model output to users with no ' +
        'content, prompt-attack, PII or grounding filter in between. Attach an Amazon Bedrock guardrail to every call ' +
        'that serves end users (`guardrailConfig` for Converse, `guardrailIdentifier` for InvokeModel, ' +
        '`generationConfiguration.guardrailConfiguration` for RetrieveAndGenerate and its streaming form, `guardrails` for ' +
        'LangChain `ChatBedrock`/`BedrockLLM`, `guardrail_config` for `ChatBedrockConverse`). Framework models that call Bedrock are ' +
        'checked too: Strands `BedrockModel` (`guardrail_id` and `guardrail_version`: it sends no guardrail without both) ' +
        'and `Agent()` on its default `BedrockModel` or a model ID string, LlamaIndex `BedrockConverse`/`Bedrock` ' +
        '(`guardrail_identifier` and `guardrail_version`), CrewAI `LLM("bedrock/…")` and `Agent(llm="bedrock/…")` ' +
        '(`guardrail_config`), LangChain JS `ChatBedrockConverse` (`guardrailConfig`) and `@langchain/community` ' +
        '`BedrockChat`/`Bedrock` (`guardrailIdentifier` and `guardrailVersion`), and the AI SDK\'s `generateText`/`streamText` ' +
        'on a `@ai-sdk/amazon-bedrock` model (`providerOptions.bedrock.guardrailConfig`). ' +
'What the check follows: the request as it is built (keys added in steps, `**kwargs`, spreads, `update`, ' +
        '`Object.assign`); the model from everything known (its ID through constants, defaults, `self`/`this` ' +
        'attributes, dict lookups and environment-variable defaults, then the request body\'s shape, the keys read from ' +
        'the response and the names the code gives the model), so embedding, rerank, image and video models are not ' +
        'checked; wrappers (a request written in one function, or file, and sent by another, through any number of ' +
        'functions that pass their parameters on): the finding lands where the request is written, with the wrapper ' +
        'as a related place; and the output: a call whose output reaches Bedrock\'s ApplyGuardrail API on the output ' +
        '(`source="OUTPUT"`), a moderation call or a guardrail library, anywhere in the project along the data flow, is ' +
        'not reported. An ApplyGuardrail call on other text (the input, test prompts) guards nothing.',
      bad: 'bedrock.converse(modelId=MODEL, messages=messages)',
      good: 'bedrock.converse(modelId=MODEL, messages=messages, guardrailConfig={"guardrailIdentifier": GUARDRAIL_ID, "guardrailVersion": "1"})',
      severity:
        'A warning where the call\'s output reaches people (a web response, a UI, a chat bot, a tool\'s result, code that ' +
        'runs it) and where the code does not show where it goes. A note that says only that the call has no guardrail ' +
        'where the code shows its output stays away from people: it is only parsed into a score or data (an ' +
        'LLM-as-judge grader, a reward function), only fed to another model call or only written to files; the prompt ' +
        'is all constants; or the call runs in a batch script (run as a script, writing files, with no web, UI or chat ' +
        'framework and no interactive input). A use that reaches people keeps the warning whatever else the output is ' +
        'used for. A call whose output leaves its file (returned to a caller in another file) and reaches no output ' +
        'filter there is a warning that says only that no guardrail filters its prompt or its output; so is a request ' +
        'written by a wrapper\'s caller, reported where it is written.',
    },
    fix: { title: 'Add a guardrail with a placeholder ID', safety: FIX_SAFETY, placeholders: [PLACEHOLDER.guardrailId] },
  },
  triggers: [...BEDROCK_TRIGGERS, ...AGENT_FRAMEWORK_TRIGGERS],
  // Requests written by a wrapper's callers and output filtered in another module are followed across the project
  // (docs/flow.md): files the flow reaches from one with a trigger are read too.
  triggersReach: 'output',
  check(context: RuleContext) {
    const { facts, text } = context;
    checkFrameworkGuardrails(context);
    let filtered: boolean | undefined;
    const langChainFiltered = () => (filtered ??= langChainOutputFiltered(facts));
    for (const call of facts.calls) {
      checkLangChain(call, context, langChainFiltered);
      const operation = bedrockOperation(call);
      // What is missing is known before what the output is used for, which only words the finding.
      if (!operation || judgedByCallers(call, operation) || !judge(call, operation, '', UNKNOWN_USE) || isNonTextModel(call, facts)) continue;
      const fate = localFate(facts, call);
      if (fate === 'filtered') continue;
      const use = callUse(call, facts, text);
      // Output that leaves the file may reach an output filter elsewhere: the workspace check follows it, unless the
      // code here shows it stays away from people (a note).
      if (fate === 'beyond' && use.severity !== 'note') continue;
      const verdict = judge(call, operation, `\`${call.name}\``, use);
      if (verdict) context.report(verdict);
    }
  },
  checkWorkspace({ project, report }) {
    const flow = flowProjectOf(project);
    for (const file of flow.files) {
      const here = file.source;
      for (const call of file.facts.calls) {
        const operation = bedrockOperation(call);
        if (!operation || !here) continue;
        if (!judgedByCallers(call, operation)) {
          if (isNonTextModel(call, file.facts) || localFate(file.facts, call) !== 'beyond' || outputFate(flow, file, call) === 'filtered') continue;
          // Read from the whole file (kept facts lose what `localFate` reads): none when the file's check judged the
          // call, a note when it reported it.
          const use = file.facts.trimmed ? (call.remembered?.[ID] as CallUse | undefined) : useBeyond(call, file.facts, here.text ?? '');
          if (!use || use.severity === 'note') continue;
          const verdict = judge(call, operation, `\`${call.name}\``, use);
          if (verdict) report({ ...verdict, file: here });
          continue;
        }
        reportThroughCallers({ project, flow, report }, file, call, {
          depends: (c) => judgedByCallers(c, operation),
          judge: (c, subject) => judge(c, operation, subject, UNKNOWN_USE),
          skip: (instance) => isNonTextModel(instance.call, file.facts) || instanceFiltered(flow, file, call, instance),
        });
      }
    }
  },
  // A call whose callers write its request is read whole; so is one only left to the output's fate (it has no
  // guardrail), but for a Converse call one level deep is enough: it is for text, and its guardrail goes at the top.
  workspaceReads: {
    ...callerReads(readInWorkspace, useBeyond),
    // Of a call it does not read whole: its operation and model, whether its callers decide it, its guardrail.
    callKeys: [...NON_TEXT_MODEL_KEYS, 'guardrailConfig', 'guardrailIdentifier'],
  },
};

/** A warning that says only what is known: the output leaves the file, or a caller writes the request. */
const UNKNOWN_USE: CallUse = { context: 'unknown', severity: 'warning', consequence: 'no guardrail filters its prompt or its output' };

/**
 * What the file shows of the use of an unguarded call whose output leaves it: a note is reported by the file's check
 * (where else the output goes changes nothing); otherwise the workspace check reports it with this use unless the
 * output reaches an output filter in another file.
 */
function useBeyond(call: CallFact, facts: FileFacts, text: string): CallUse | undefined {
  const operation = bedrockOperation(call);
  if (!operation || judgedByCallers(call, operation) || isNonTextModel(call, facts) || localFate(facts, call) !== 'beyond') return undefined;
  return judge(call, operation, '', UNKNOWN_USE) === undefined ? undefined : callUse(call, facts, text);
}

/** How much of a call the workspace check reads, if it reads it. */
function readInWorkspace(call: CallFact, file: KeepInputs): CallRead | undefined {
  const operation = bedrockOperation(call);
  if (!operation) return undefined;
  if (judgedByCallers(call, operation)) return 'whole';
  // A text-generation call with no guardrail whose output leaves the file: the workspace check follows it.
  if (judge(call, operation, '', UNKNOWN_USE) === undefined || file.isNonTextModel(call) || file.localFate(call) !== 'beyond') return undefined;
  return operation === 'converse' || operation === 'converse_stream' ? 'outline' : 'whole';
}

/**
 * The request's guardrail (or, for InvokeModel, the model) depends on the parameters of the function the call is in:
 * `client.converse(**kwargs)`, `invoke_model(modelId=model_id, body=body)`. Its callers decide.
 */
function judgedByCallers(call: CallFact, operation: BedrockOperation): boolean {
  if (holdsParameter(call.args)) return true;
  if (operation === 'invoke_model' || operation === 'invoke_model_with_response_stream') {
    return pathHoldsParameter(call.args, ['modelId']) || (stringOf(field(call.args, 'modelId')) === undefined && pathHoldsParameter(call.args, ['body']));
  }
  return false;
}

function judge(call: CallFact, operation: BedrockOperation, subject: string, use: CallUse): Verdict | undefined {
  if (operation === 'converse' || operation === 'converse_stream') {
    if (field(call.args, 'guardrailConfig') !== undefined) return undefined;
    return {
      span: call.nameSpan,
      message: `${subject} has no \`guardrailConfig\`: ${use.consequence}`,
      severity: use.severity,
      fixes: () => fix(call.args, 'guardrailConfig', { guardrailIdentifier: GUARDRAIL_ID, guardrailVersion: 'DRAFT' }),
      target: call.args,
    };
  }
  if (operation === 'retrieve_and_generate' || operation === 'retrieve_and_generate_stream') return judgeRetrieveAndGenerate(call, subject, use);
  if (field(call.args, 'guardrailIdentifier') !== undefined) return undefined;
  return {
    span: call.nameSpan,
    message: `${subject} has no \`guardrailIdentifier\`: ${use.consequence}`,
    severity: use.severity,
    fixes: () => {
      const edit = addProperties(call.args, { guardrailIdentifier: GUARDRAIL_ID, guardrailVersion: 'DRAFT' });
      return edit ? [{ title: 'Add `guardrailIdentifier` and `guardrailVersion` with a placeholder ID', safety: FIX_SAFETY, edits: [edit] }] : [];
    },
    target: call.args,
  };
}

function judgeRetrieveAndGenerate(call: CallFact, subject: string, use: CallUse): Verdict | undefined {
  const config = field(call.args, 'retrieveAndGenerateConfiguration');
  if (config?.kind !== 'object') return undefined; // absent is an API error, not ours; unknown cannot be judged
  const kind = field(config, 'externalSourcesConfiguration') !== undefined ? 'externalSourcesConfiguration' : 'knowledgeBaseConfiguration';
  const source = field(config, kind);
  if (source?.kind !== 'object') return undefined;
  const generation = field(source, 'generationConfiguration');
  if (generation !== undefined && path(generation, 'guardrailConfiguration') !== undefined) return undefined;
  const guardrail = { guardrailId: GUARDRAIL_ID, guardrailVersion: 'DRAFT' };
  return {
    span: call.args.props.get('retrieveAndGenerateConfiguration')!.keySpan,
    message: `${subject} has no \`${kind}.generationConfiguration.guardrailConfiguration\`: ${use.consequence}`,
    severity: use.severity,
    fixes: () =>
      generation?.kind === 'object'
        ? fix(generation, 'guardrailConfiguration', guardrail)
        : generation === undefined
          ? fix(source, 'generationConfiguration', { guardrailConfiguration: guardrail })
          : [],
    target: generation?.kind === 'object' ? generation : source,
  };
}

/**
 * Some LangChain model invocation in the file has its output filtered (ApplyGuardrail on the output, moderation, a
 * guardrail library): the file filters its LangChain models' output itself, and their constructors need no guardrail.
 */
function langChainOutputFiltered(facts: FileFacts): boolean {
  const flow: FlowProject = localFlow(facts);
  const file = flow.files[0];
  return file.flow.nodes.some((node, i) => {
    if (node.role !== 'model') return false;
    const call = flow.callOf({ file, node: i });
    return call !== undefined && isLangChainRunnable(call.receiverType) && flow.outputFate({ file, node: i }) === 'filtered';
  });
}

/** `outputFiltered`: whether the file filters its LangChain models' output (worked out when first asked). */
function checkLangChain(call: CallFact, context: RuleContext, outputFiltered: () => boolean): void {
  const lc = langchainCall(call);
  const model = lc && !lc.factory ? LANGCHAIN_BEDROCK[lc.name] : undefined;
  if (!lc || !model || (LANGCHAIN_AWS_ONLY.has(lc.name) && lc.pkg !== 'langchain_aws') || outputFiltered() || isNonTextModel(call, context.facts)) return;
  const [idKey, versionKey] = model.keys;
  const placeholder = { [idKey]: GUARDRAIL_ID, [versionKey]: 'DRAFT' };
  const given = model.args.map((a) => call.args.props.get(a)).find((p) => p !== undefined);
  const name = writtenName(lc);
  if (!given) {
    if (field(call.args, model.args[0]) !== undefined) return; // **kwargs may hold it
    const use = callUse(call, context.facts, context.text);
    context.report({
      span: call.nameSpan,
      message: `${name} has no \`${model.args[0]}\`: ${use.consequence}`,
      severity: use.severity,
      fixes: fix(call.args, model.args[0], placeholder),
    });
  } else if (given.value.kind === 'null' || isDisabled(given.value, idKey)) {
    const use = callUse(call, context.facts, context.text);
    context.report({
      span: given.span,
      message: `${name} is given no guardrail identifier: ${use.consequence}`,
      severity: use.severity,
      fixes:
        given.value.kind === 'null'
          ? [{ title: `Set \`${given.key}\` with a placeholder guardrail ID`, safety: FIX_SAFETY, edits: [replaceWith(given.value.span, placeholder, 'python-kwargs')] }]
          : [],
    });
  }
}

/** A guardrail mapping whose identifier is written as `None` or `""`: LangChain then sends no guardrail. */
function isDisabled(value: Value, idKey: string): boolean {
  if (value.kind !== 'object') return false;
  const id = field(value, idKey);
  return id?.kind === 'null' || stringOf(id) === '';
}

function fix(target: ObjectValue, key: string, value: { [key: string]: string | { [key: string]: string } }): Fix[] {
  const edit = addProperty(target, key, value);
  return edit ? [{ title: `Add \`${key}\` with a placeholder guardrail ID`, safety: FIX_SAFETY, edits: [edit] }] : [];
}
