// awscc resources read as the CloudFormation resources they are (see `apis/awscc.ts`), so that every check keyed by a
// CloudFormation type runs on them: keys become PascalCase like CDK L1 props do, and edits write them back in
// snake_case (`keyStyle`/`keyCase` 'awscc').
import { awsccCloudFormationType, cloudFormationName } from '../apis/awscc';
import type { ObjectValue, Property, ResourceFact, Value } from '../types';

/** Terraform's own arguments of every resource, which keep their names (`count`, not `Count`). */
const META_ARGUMENTS = new Set(['count', 'for_each', 'depends_on', 'lifecycle', 'provider', 'provisioner', 'connection']);

/** The resource as its CloudFormation type, when it is an awscc resource of a known service; otherwise itself. */
export function awsccAsCloudFormation(resource: ResourceFact): ResourceFact {
  const type = awsccCloudFormationType(resource.resourceType);
  if (!type) return resource;
  return { ...resource, resourceType: type, props: pascalObject(resource.props, META_ARGUMENTS), keyStyle: 'awscc' };
}

function pascalValue(value: Value): Value {
  if (value.kind === 'object') return pascalObject(value);
  if (value.kind === 'array') return { ...value, items: value.items.map(pascalValue) };
  return value;
}

function pascalObject(value: ObjectValue, keep: ReadonlySet<string> = new Set()): ObjectValue {
  const props = new Map<string, Property>();
  for (const prop of value.props.values()) {
    const key = keep.has(prop.key) ? prop.key : cloudFormationName(prop.key);
    props.set(key, { ...prop, key, value: pascalValue(prop.value) });
  }
  const converted: ObjectValue = { ...value, props };
  if (value.insert) converted.insert = { ...value.insert, keyCase: 'awscc' };
  return converted;
}
