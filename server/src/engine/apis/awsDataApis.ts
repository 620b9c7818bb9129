// AWS APIs that run a SQL or PartiQL statement sent as text: Athena, the Redshift Data API, the RDS Data API and
// DynamoDB PartiQL. Each also takes bound parameters, which are data, never code; only the statement text is read.
import { field } from '../values';
import type { CallFact, Value } from '../types';

interface StatementApi {
  /** boto3 service name and AWS SDK for JavaScript v3 package. */
  service: string;
  sdk: string;
  /** boto3 operation and SDK v3 command. */
  operation: string;
  command: string;
  /** The statement's key; for batch operations, the list and the key of each item (`undefined`: the items are statements). */
  key: string;
  list?: { key: string; itemKey?: string };
  /** A keyword no other library's method of that name takes, for receivers of unknown type. */
  signature: string;
}

const API: readonly StatementApi[] = [
  // botocore/data/athena/2017-05-18/service-2.json StartQueryExecution: QueryString (ExecutionParameters are bound)
  { service: 'athena', sdk: '@aws-sdk/client-athena', operation: 'start_query_execution', command: 'StartQueryExecutionCommand', key: 'QueryString', signature: 'QueryString' },
  // botocore/data/redshift-data/2019-12-20/service-2.json ExecuteStatement: Sql; BatchExecuteStatement: Sqls
  { service: 'redshift-data', sdk: '@aws-sdk/client-redshift-data', operation: 'execute_statement', command: 'ExecuteStatementCommand', key: 'Sql', signature: 'Sql' },
  { service: 'redshift-data', sdk: '@aws-sdk/client-redshift-data', operation: 'batch_execute_statement', command: 'BatchExecuteStatementCommand', key: 'Sqls', list: { key: 'Sqls' }, signature: 'Sqls' },
  // botocore/data/rds-data/2018-08-01/service-2.json ExecuteStatement, BatchExecuteStatement: sql (parameters are bound)
  { service: 'rds-data', sdk: '@aws-sdk/client-rds-data', operation: 'execute_statement', command: 'ExecuteStatementCommand', key: 'sql', signature: 'resourceArn' },
  { service: 'rds-data', sdk: '@aws-sdk/client-rds-data', operation: 'batch_execute_statement', command: 'BatchExecuteStatementCommand', key: 'sql', signature: 'resourceArn' },
  // botocore/data/dynamodb/2012-08-10/service-2.json ExecuteStatement: Statement; BatchExecuteStatement: Statements[].Statement;
  // ExecuteTransaction: TransactStatements[].Statement (Parameters are bound)
  { service: 'dynamodb', sdk: '@aws-sdk/client-dynamodb', operation: 'execute_statement', command: 'ExecuteStatementCommand', key: 'Statement', signature: 'Statement' },
  { service: 'dynamodb', sdk: '@aws-sdk/client-dynamodb', operation: 'batch_execute_statement', command: 'BatchExecuteStatementCommand', key: 'Statements', list: { key: 'Statements', itemKey: 'Statement' }, signature: 'Statements' },
  { service: 'dynamodb', sdk: '@aws-sdk/client-dynamodb', operation: 'execute_transaction', command: 'ExecuteTransactionCommand', key: 'TransactStatements', list: { key: 'TransactStatements', itemKey: 'Statement' }, signature: 'TransactStatements' },
];

/**
 * The statement texts an AWS data API call runs, when the call is one: boto3 (a client of the service, or a receiver
 * of unknown type called with the operation's own keyword) or an SDK v3 command (`new ExecuteStatementCommand({…})`).
 */
export function awsStatements(call: CallFact): Value[] | undefined {
  const api = API.find((a) => isOperation(call, a));
  if (!api) return undefined;
  if (!api.list) {
    const statement = field(call.args, api.key);
    return statement ? [statement] : [];
  }
  const list = field(call.args, api.list.key);
  if (list?.kind !== 'array') return list ? [list] : [];
  const itemKey = api.list.itemKey;
  return list.items.map((item) => (itemKey ? field(item, itemKey) : item)).filter((v): v is Value => v !== undefined);
}

function isOperation(call: CallFact, api: StatementApi): boolean {
  if (call.qualifiedName === `${api.sdk}.${api.command}`) return true;
  if (call.name !== api.operation) return false;
  if (call.receiverType === `boto3:${api.service}`) return true;
  return call.receiverType === undefined && call.args.props.has(api.signature) && call.args.props.has(api.key);
}
