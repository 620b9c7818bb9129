// AWS API calls from code: boto3 client methods (`sagemaker.create_flow_definition(...)`) and the AWS SDK for
// JavaScript v3 (`new CreateFlowDefinitionCommand({...})`, or an aggregated client's `createFlowDefinition({...})`).
// Both pass the API's request shape: boto3 as keyword arguments, the SDK as the first object argument.
import type { CallFact, FileFacts } from '../types';

/**
 * A boto3 call of `operation` on a `service` client, or on a receiver of unknown type when it passes the operation's
 * own keyword (`signature`), which no other library uses.
 */
export function isBoto3Call(call: CallFact, service: string, operation: string, signature?: string): boolean {
  if (call.name !== operation) return false;
  if (call.receiverType === `boto3:${service}`) return true;
  return call.receiverType === undefined && signature !== undefined && call.args.props.has(signature);
}

/** An API operation as boto3 and the JavaScript SDK v3 name it. */
export interface AwsOperation {
  /** boto3 client name: `sagemaker`, `bedrock`, `bedrock-agentcore-control`. */
  service: string;
  /** boto3 method: `create_flow_definition`. */
  operation: string;
  /** A request keyword only this operation takes, which identifies it on an untyped receiver. */
  signature: string;
  /** JavaScript SDK v3 package: `@aws-sdk/client-sagemaker`. */
  jsPackage: string;
}

/** The calls in a file that make `op`, in either SDK. */
export function operationCalls(facts: FileFacts, op: AwsOperation): CallFact[] {
  const pascal = op.operation.replace(/(?:^|_)([a-z])/g, (_, c: string) => c.toUpperCase());
  const method = pascal.charAt(0).toLowerCase() + pascal.slice(1);
  const command = `${op.jsPackage}.${pascal}Command`;
  return facts.calls.filter(
    (c) =>
      isBoto3Call(c, op.service, op.operation, op.signature) ||
      c.qualifiedName === command ||
      (c.name === method && c.receiverType?.startsWith(`${op.jsPackage}.`) === true),
  );
}
