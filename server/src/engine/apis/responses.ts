// HTTP responses built in Python web handlers, and where what they send comes from.
import { field } from '../values';
import type { FileFacts, ObjectValue, Origin, Span, Value } from '../types';
import { calleeSpan } from '../values';
import { originsIn } from './models';

/** Calls that build an HTTP response from their arguments (Flask, FastAPI/Starlette, Django). */
const RESPONSE_BUILDERS = new Set([
  'flask.jsonify',
  'flask.Response',
  'flask.make_response',
  'flask.render_template',
  ...['JSONResponse', 'PlainTextResponse', 'HTMLResponse', 'ORJSONResponse', 'UJSONResponse'].flatMap((c) => [`fastapi.responses.${c}`, `starlette.responses.${c}`]),
  'fastapi.responses.Response',
  'starlette.responses.Response',
  'django.http.JsonResponse',
  'django.http.HttpResponse',
]);
/** Response arguments that are metadata, never the body. */
const METADATA_ARGUMENTS = new Set(['status', 'status_code', 'headers', 'mimetype', 'media_type', 'content_type', 'background', 'safe', 'json_dumps_params']);
/** Functions whose result is a serialisation of their first argument, as a Lambda response body usually is. */
const SERIALISERS = new Set(['json.dumps', 'builtins.str']);

export interface UserResponse {
  span: Span;
  label: string;
  /** Where the response body's data comes from. */
  origins: Origin[];
}

/** HTTP responses in the file and the origins of what they send. */
export function userResponses(facts: FileFacts): UserResponse[] {
  const responses: UserResponse[] = [];
  for (const call of facts.calls) {
    if (!call.qualifiedName || !RESPONSE_BUILDERS.has(call.qualifiedName)) continue;
    const body = [...call.positional, ...[...call.args.props.values()].filter((p) => !METADATA_ARGUMENTS.has(p.key)).map((p) => p.value)];
    responses.push({ span: calleeSpan(call), label: `\`${call.callee}\``, origins: body.flatMap(bodyOrigins) });
  }
  for (const literal of facts.literals ?? []) {
    if (!isLambdaProxyResponse(literal)) continue;
    const body = literal.props.get('body')!;
    responses.push({ span: body.keySpan, label: 'the Lambda response `body`', origins: bodyOrigins(body.value) });
  }
  return responses;
}

/** `{"statusCode": ..., "body": ...}`: the response shape of a Lambda function behind API Gateway or a function URL. */
function isLambdaProxyResponse(value: Value): value is ObjectValue {
  return value.kind === 'object' && value.props.has('statusCode') && value.props.has('body');
}

/** Origins of a body value, looking through serialisation (`json.dumps({...})`), which the data flow stops at. */
function bodyOrigins(value: Value): Origin[] {
  return originsIn(value).flatMap((o) =>
    o.kind === 'call' && o.call?.qualifiedName && SERIALISERS.has(o.call.qualifiedName) ? originsIn(o.call.positional[0] ?? field(o.call.args, 'obj')) : [o],
  );
}
