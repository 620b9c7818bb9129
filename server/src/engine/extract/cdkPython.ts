// Python CDK L1 constructs (`aws_sagemaker.CfnEndpointConfig(self, "Id", production_variants=[…])`) as the
// CloudFormation resources they synthesize, read from the Python extractor's facts: every call with its keyword
// arguments is already there, so nothing here reads the syntax tree.
//
// Keyword arguments are snake_case (`kms_key_id`), nested property types are calls of their own
// (`CfnEndpointConfig.ProductionVariantProperty(variant_name=…)`, whose values reach the arguments as unknown values at
// the call's place) or plain dicts with the camelCase keys jsii passes on (`{"variantName": …}`). All of them become
// CloudFormation's PascalCase keys, as the TypeScript extractor makes of `new CfnEndpointConfig(this, 'Id', {…})`, so
// every rule keyed on CloudFormation types reads Python CDK too; fixes write the keys back in the file's spelling.
import { cdkAddress, cfnResourceType, PYTHON_L1, PYTHON_L1_PROPERTY, snakeToPascal } from '../apis/cdk';
import type { CallFact, FileFacts, ObjectValue, Property, ResourceFact, Value } from '../types';
import { bindingBefore } from './cdkBindings';

/** Nested property types deeper than this are left unknown (no real stack nests this deep; recursion needs a bound). */
const MAX_DEPTH = 16;
/** Keyword arguments of every construct that are not CloudFormation properties. */
const CONSTRUCT_ARGUMENTS = new Set(['scope', 'id']);

/** Adds the file's L1 constructs to `facts.resources`; returns the resources added. */
export function addPythonCdkResources(facts: FileFacts, text: string): ResourceFact[] {
  if (!facts.imports.has('aws_cdk')) return [];
  const structs = new Map<string, CallFact>();
  const constructs: { call: CallFact; module: string; resource: string }[] = [];
  for (const call of facts.calls) {
    const qualified = call.qualifiedName;
    if (!qualified?.startsWith('aws_cdk.')) continue;
    const l1 = PYTHON_L1.exec(qualified);
    if (l1) constructs.push({ call, module: l1[1], resource: l1[2] });
    else if (PYTHON_L1_PROPERTY.test(qualified)) structs.set(spanKey(call.span), call);
  }
  if (constructs.length === 0) return [];
  const reader = new CdkValueReader(structs);
  const added = constructs.map(({ call, module, resource }) => l1Resource(call, cfnResourceType(module, resource), text, reader));
  facts.resources.push(...added);
  return added;
}

function l1Resource(call: CallFact, resourceType: string, text: string, reader: CdkValueReader): ResourceFact {
  const id = call.positional[1] ?? call.args.props.get('id')?.value;
  const name = id?.kind === 'string' ? id.value : id ? text.slice(id.span.start, id.span.end) : resourceType.split('::')[2];
  const binding = bindingBefore(text, call.span.start, 'self');
  const props = reader.keywords(call.args, 0);
  for (const key of CONSTRUCT_ARGUMENTS) props.props.delete(snakeToPascal(key));
  return {
    kind: 'resource',
    resourceType,
    name,
    props,
    span: call.span,
    nameSpan: id?.span ?? call.nameSpan,
    address: cdkAddress(resourceType, name, binding),
    binding,
    keyStyle: 'snake',
  };
}

/** Python CDK values with CloudFormation's keys: keyword arguments and property types converted, dicts capitalized. */
export class CdkValueReader {
  constructor(private readonly structs: ReadonlyMap<string, CallFact>) {}

  /** Keyword arguments (of a construct or a property type): `kms_key_id` → `KmsKeyId`. */
  keywords(args: ObjectValue, depth: number): ObjectValue {
    const props = new Map<string, Property>();
    for (const p of args.props.values()) {
      const key = snakeToPascal(p.key);
      props.set(key, { ...p, key, value: this.value(p.value, depth + 1) });
    }
    return { ...args, props, insert: args.insert && { ...args.insert, keyCase: 'snake' } };
  }

  value(value: Value, depth: number): Value {
    if (depth > MAX_DEPTH) return { kind: 'unknown', span: value.span };
    switch (value.kind) {
      case 'unknown': {
        const struct = this.structs.get(spanKey(value.span));
        return struct ? this.keywords(struct.args, depth) : value;
      }
      case 'array':
        return { ...value, items: value.items.map((v) => this.value(v, depth + 1)) };
      case 'object':
        return this.dictionary(value, depth);
      default:
        return value;
    }
  }

  /** A dict passed where a property type belongs: jsii hands its keys on as they are, camelCase. */
  private dictionary(dict: ObjectValue, depth: number): ObjectValue {
    const props = new Map<string, Property>();
    for (const p of dict.props.values()) {
      const key = p.key.charAt(0).toUpperCase() + p.key.slice(1);
      props.set(key, { ...p, key, value: this.value(p.value, depth + 1) });
    }
    return { ...dict, props, insert: dict.insert && { ...dict.insert, keyCase: 'camel' } };
  }
}

function spanKey(span: { start: number; end: number }): string {
  return `${span.start}:${span.end}`;
}
