import { stringOf } from '../values';
import type { CallFact, Span, Value } from '../types';
import { calleeSpan, type Rule, type RuleContext } from './rule';
import { IMAGE_FIRST, sdkConstructions } from '../apis/sagemakerSdk';
import { PLACEHOLDER } from '../placeholders';

const IMAGE_URIS_RETRIEVE = 'sagemaker.image_uris.retrieve';
const VERSION_PLACEHOLDER = PLACEHOLDER.imageVersion;

export const rule: Rule = {
  meta: {
    id: 'sagemaker-image-unpinned',
    title: 'SageMaker container image without a fixed version',
    practices: ['MLREL05-BP02', 'MLOPS03-BP02', 'RAIER01-BP03'],
    severity: 'note',
    languages: ['python'],
    docs: {
      description:
        'An estimator or model whose `image_uri` ends in `:latest`, or has no tag at all, runs whatever image was pushed ' +
        'last: two runs of the same code can train or serve with different code, and a bad push cannot be rolled back by ' +
        'redeploying. Tag images with an immutable version (or pin a digest, `@sha256:...`) and make the ECR repository ' +
        'tags immutable. `image_uris.retrieve(..., version="latest")` is reported too.',
      bad: 'model = Model(image_uri="123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:latest", model_data=artifact, role=role)',
      good: 'model = Model(image_uri="123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1.4.2", model_data=artifact, role=role)',
    },
    fix: { title: 'Pin the image tag (fill in the version)', safety: 'unsafe', placeholders: [PLACEHOLDER.imageVersion] },
  },
  check(context: RuleContext) {
    const images: { image: Value; at: Span }[] = [];
    for (const kind of ['estimator', 'model'] as const) {
      for (const { call } of sdkConstructions(context.facts, kind)) {
        const keyword = call.args.props.get('image_uri');
        const image = keyword?.value ?? (IMAGE_FIRST.has(call.qualifiedName!) ? call.positional[0] : undefined);
        // Report in the call even when the URI is a constant defined elsewhere in the file.
        const inCall = image && image.span.start >= call.span.start && image.span.end <= call.span.end;
        if (image) images.push({ image, at: keyword?.span ?? (inCall ? image.span : calleeSpan(call)) });
      }
    }
    for (const { image, at } of images) {
      const literal = imageLiteral(image, context.text);
      if (!literal) continue;
      const problem = unpinned(literal.tail);
      if (!problem) continue;
      const edit = problem === 'latest'
        ? { span: { start: literal.tailEnd - 'latest'.length, end: literal.tailEnd }, newText: VERSION_PLACEHOLDER }
        : { span: { start: literal.tailEnd, end: literal.tailEnd }, newText: `:${VERSION_PLACEHOLDER}` };
      context.report({
        span: at,
        message:
          problem === 'latest'
            ? 'the container image uses the `latest` tag: each run may pull a different image'
            : 'the container image has no tag, so it means `latest`: each run may pull a different image',
        fixes: [{ title: rule.meta.fix!.title, safety: 'unsafe', edits: [edit] }],
      });
    }
    for (const call of context.facts.calls) if (call.qualifiedName === IMAGE_URIS_RETRIEVE) checkRetrieve(call, context);
  },
};

function checkRetrieve(call: CallFact, context: RuleContext): void {
  const keyword = call.args.props.get('version');
  const version = keyword?.value ?? call.positional[2];
  if (stringOf(version) !== 'latest') return;
  context.report({
    span: keyword?.span ?? version!.span,
    message: '`image_uris.retrieve` asks for the `latest` image version: each run may get a different image',
    fixes: [{ title: rule.meta.fix!.title, safety: 'unsafe', edits: [{ span: version!.span, newText: JSON.stringify(VERSION_PLACEHOLDER) }] }],
  });
}

/**
 * The end of an image URI string as written: a plain string, or an f-string whose text after the last placeholder
 * is known (`f"{account}.dkr.ecr.{region}.amazonaws.com/churn:latest"`). `tailEnd` is the offset of the closing quote.
 */
function imageLiteral(value: Value, text: string): { tail: string; tailEnd: number } | undefined {
  const source = text.slice(value.span.start, value.span.end);
  const match = /^([rRbBfFuU]*)("""|'''|"|')([\s\S]*)\2$/.exec(source);
  if (!match || /[bB]/.test(match[1])) return undefined;
  const body = match[3];
  const tailEnd = value.span.end - match[2].length;
  if (value.kind === 'string') return { tail: body, tailEnd };
  if (!/[fF]/.test(match[1]) || value.kind !== 'unknown') return undefined;
  const lastField = body.lastIndexOf('}');
  const tail = body.slice(lastField + 1);
  // The tail must hold the whole last path segment, or a placeholder could be the tag.
  return tail.includes('/') && !tail.includes('{') ? { tail: tail.slice(tail.lastIndexOf('/')), tailEnd } : undefined;
}

/** `latest` for an explicit latest tag, `untagged` when the last path segment has no tag and there is no digest. */
function unpinned(uri: string): 'latest' | 'untagged' | undefined {
  if (uri.includes('@')) return undefined;
  const segment = uri.slice(uri.lastIndexOf('/') + 1);
  if (!segment || /\s/.test(segment)) return undefined;
  if (!segment.includes(':')) return /^[a-z0-9][a-z0-9._-]*$/.test(segment) ? 'untagged' : undefined;
  return segment.endsWith(':latest') ? 'latest' : undefined;
}
