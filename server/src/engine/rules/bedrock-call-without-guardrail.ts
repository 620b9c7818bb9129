import { addProperties, addProperty, replaceWith } from '../edits';
import { field, path, stringOf } from '../values';
import type { CallFact, FileFacts, Fix, ObjectValue, Value } from '../types';
import { bedrockOperation, isNonTextModel, LANGCHAIN_AWS_ONLY, LANGCHAIN_BEDROCK, type BedrockOperation } from '../apis/bedrock';
import { isLangChainRunnable, langchainCall, writtenName } from '../apis/langchain';
import { holdsParameter, pathHoldsParameter } from '../flow/instances';
import { callerReads, flowProjectOf, instanceFiltered, localFate, localFlow, outputFate, reportThroughCallers, type Verdict } from './support/callers';
import { FlowProject } from '../flow/project';
import type { Rule, RuleContext } from './rule';

const GUARDRAIL_ID = '<guardrail-id>';
const FIX_SAFETY = 'unsafe'; // the guardrail ID is a placeholder to fill in

export const rule: Rule = {
  meta: {
    id: 'bedrock-call-without-guardrail',
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
        'LangChain `ChatBedrock`/`BedrockLLM`, `guardrail_config` for `ChatBedrockConverse`). ' +
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
    },
    fix: { title: 'Add a guardrail with a placeholder ID', safety: FIX_SAFETY },
  },
  check(context: RuleContext) {
    const { facts } = context;
    const langChainFiltered = langChainOutputFiltered(facts);
    for (const call of facts.calls) {
      if (!langChainFiltered) checkLangChain(call, context);
      const operation = bedrockOperation(call);
      // Decided by the workspace check: a request its callers write, an output that leaves the file.
      if (!operation || judgedByCallers(call, operation) || isNonTextModel(call, facts) || localFate(facts, call) !== 'unfiltered') continue;
      const verdict = judge(call, operation, `\`${call.name}\``);
      if (verdict) context.report(verdict);
    }
  },
  checkWorkspace({ project, report }) {
    const flow = flowProjectOf(project);
    for (const file of flow.files) {
      const here = project.get(file.path);
      for (const call of file.facts.calls) {
        const operation = bedrockOperation(call);
        if (!operation || !here) continue;
        if (!judgedByCallers(call, operation)) {
          if (isNonTextModel(call, file.facts) || localFate(file.facts, call) !== 'beyond' || outputFate(flow, file, call) === 'filtered') continue;
          const verdict = judge(call, operation, `\`${call.name}\``);
          if (verdict) report({ ...verdict, file: here });
          continue;
        }
        reportThroughCallers({ project, flow, report }, file, call, {
          depends: (c) => judgedByCallers(c, operation),
          judge: (c, subject) => judge(c, operation, subject),
          skip: (instance) => isNonTextModel(instance.call, file.facts) || instanceFiltered(flow, file, call, instance),
        });
      }
    }
  },
  // A call whose callers write its request is read whole; so is one only left to the output's fate (it has no
  // guardrail), but for a Converse call one level deep is enough: it is for text, and its guardrail goes at the top.
  workspaceReads: callerReads(
    (call, facts) => readInWorkspace(call, facts) === 'whole',
    (call, facts) => readInWorkspace(call, facts) === 'outline',
  ),
};

/** How much of a call the workspace check reads, if it reads it. */
function readInWorkspace(call: CallFact, facts: FileFacts): 'whole' | 'outline' | undefined {
  const operation = bedrockOperation(call);
  if (!operation) return undefined;
  if (judgedByCallers(call, operation)) return 'whole';
  if (!unguardedBeyond(call, operation, facts)) return undefined;
  return operation === 'converse' || operation === 'converse_stream' ? 'outline' : 'whole';
}

/** A text-generation call with no guardrail whose output leaves the file: the workspace check follows it. */
function unguardedBeyond(call: CallFact, operation: BedrockOperation, facts: FileFacts): boolean {
  return !isNonTextModel(call, facts) && judge(call, operation, '') !== undefined && localFate(facts, call) === 'beyond';
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

function judge(call: CallFact, operation: BedrockOperation, subject: string): Verdict | undefined {
  if (operation === 'converse' || operation === 'converse_stream') {
    if (field(call.args, 'guardrailConfig') !== undefined) return undefined;
    return {
      span: call.nameSpan,
      message: `${subject} has no \`guardrailConfig\`: model output reaches users unfiltered`,
      fixes: () => fix(call.args, 'guardrailConfig', { guardrailIdentifier: GUARDRAIL_ID, guardrailVersion: 'DRAFT' }),
      target: call.args,
    };
  }
  if (operation === 'retrieve_and_generate' || operation === 'retrieve_and_generate_stream') return judgeRetrieveAndGenerate(call, subject);
  if (field(call.args, 'guardrailIdentifier') !== undefined) return undefined;
  return {
    span: call.nameSpan,
    message: `${subject} has no \`guardrailIdentifier\`: model output reaches users unfiltered`,
    fixes: () => {
      const edit = addProperties(call.args, { guardrailIdentifier: GUARDRAIL_ID, guardrailVersion: 'DRAFT' });
      return edit ? [{ title: 'Add `guardrailIdentifier` and `guardrailVersion` with a placeholder ID', safety: FIX_SAFETY, edits: [edit] }] : [];
    },
    target: call.args,
  };
}

function judgeRetrieveAndGenerate(call: CallFact, subject: string): Verdict | undefined {
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
    message: `${subject} has no \`${kind}.generationConfiguration.guardrailConfiguration\`: generated answers reach users unfiltered`,
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

function checkLangChain(call: CallFact, context: RuleContext): void {
  const lc = langchainCall(call);
  const model = lc && !lc.factory ? LANGCHAIN_BEDROCK[lc.name] : undefined;
  if (!lc || !model || (LANGCHAIN_AWS_ONLY.has(lc.name) && lc.pkg !== 'langchain_aws') || isNonTextModel(call, context.facts)) return;
  const [idKey, versionKey] = model.keys;
  const placeholder = { [idKey]: GUARDRAIL_ID, [versionKey]: 'DRAFT' };
  const given = model.args.map((a) => call.args.props.get(a)).find((p) => p !== undefined);
  const name = writtenName(lc);
  if (!given) {
    if (field(call.args, model.args[0]) !== undefined) return; // **kwargs may hold it
    context.report({
      span: call.nameSpan,
      message: `${name} has no \`${model.args[0]}\`: model output reaches users unfiltered`,
      fixes: fix(call.args, model.args[0], placeholder),
    });
  } else if (given.value.kind === 'null' || isDisabled(given.value, idKey)) {
    context.report({
      span: given.span,
      message: `${name} is given no guardrail identifier: model output reaches users unfiltered`,
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
