import type { Project, ProjectFile } from '../../project';
import type { ResourceFact, Value } from '../../types';
import { field, itemsOf, stringOf } from '../../values';

/**
 * What a set of resources points at through the values under the given keys (at any depth): the addresses and
 * literal names they name, and whether any of them is a value we cannot see (then it may point at anything).
 */
export interface Targets {
  addresses: Set<string>;
  names: Set<string>;
  anything: boolean;
}

export function targetsOf(resources: readonly ResourceFact[], keys: readonly string[], knownAddresses: ReadonlySet<string>): Targets {
  const targets: Targets = { addresses: new Set(), names: new Set(), anything: false };
  const visit = (value: Value | undefined) => {
    if (!value) return;
    if (value.kind === 'object') {
      for (const prop of value.props.values()) {
        if (keys.includes(prop.key)) record(prop.value);
        else visit(prop.value);
      }
      if (value.open) targets.anything = true;
    } else if (value.kind === 'array') {
      value.items.forEach(visit);
      if (value.open) targets.anything = true;
    }
  };
  const record = (value: Value) => {
    if (value.kind === 'string') targets.names.add(value.value);
    else if (value.kind === 'unknown') {
      const known = (value.refs ?? []).filter((r) => knownAddresses.has(r));
      if (known.length) known.forEach((r) => targets.addresses.add(r));
      else targets.anything = true;
    } else if (value.kind === 'array') value.items.forEach(record);
  };
  for (const r of resources) visit(r.props);
  return targets;
}

/** True when `targets` may include this resource: by address, by its literal name, or because a target is unknown. */
export function isTargeted(targets: Targets, resource: ResourceFact, nameKeys: readonly string[]): boolean {
  if (targets.anything) return true;
  if (resource.address && targets.addresses.has(resource.address)) return true;
  return nameKeys.some((k) => {
    const name = stringOf(field(resource.props, k));
    return name !== undefined && [...targets.names].some((n) => n === name || n.includes(`/${name}/`) || n.endsWith(`/${name}`));
  });
}

const ENDPOINT_CONFIG_KEYS = ['endpoint_config_name', 'EndpointConfigName'];
const ENDPOINTS = ['aws_sagemaker_endpoint', 'AWS::SageMaker::Endpoint'];
const ENDPOINT_CONFIGS = ['aws_sagemaker_endpoint_configuration', 'AWS::SageMaker::EndpointConfig'];
/** The resources whose properties `uncoveredEndpoints` reads (besides those of `covering`). */
export const ENDPOINT_RESOURCES = [...ENDPOINTS, ...ENDPOINT_CONFIGS];
const VARIANT_KEYS = ['production_variants', 'ProductionVariants'];
const SERVERLESS_KEYS = ['serverless_config', 'ServerlessConfig'];

/** True when the endpoint's configuration is in `configs` (by address) and every production variant in it is serverless. */
function isServerlessEndpoint(endpoint: ResourceFact, configs: ReadonlyMap<string, ResourceFact>): boolean {
  const configRef = ENDPOINT_CONFIG_KEYS.map((k) => field(endpoint.props, k)).find((v) => v?.kind === 'unknown');
  const address = configRef?.kind === 'unknown' ? configRef.refs?.[0] : undefined;
  if (!address) return false;
  const config = configs.get(address);
  if (!config) return false;
  const variants = itemsOf(VARIANT_KEYS.map((k) => field(config.props, k)).find((v) => v !== undefined));
  return variants.length > 0 && variants.every((v) => v.kind === 'object' && SERVERLESS_KEYS.some((k) => field(v, k) !== undefined));
}

/** Endpoint configurations by address, the first of each (looked up once, not once per endpoint). */
function endpointConfigs(project: Project): Map<string, ResourceFact> {
  const configs = new Map<string, ResourceFact>();
  for (const { item } of project.resources(...ENDPOINT_CONFIGS)) {
    if (item.address && !configs.has(item.address)) configs.set(item.address, item);
  }
  return configs;
}

/** Addresses of every resource in the project. */
export function addressesIn(project: Project): Set<string> {
  const out = new Set<string>();
  for (const file of project.files) for (const r of file.facts.resources) if (r.address) out.add(r.address);
  return out;
}

/** Up to `limit` related locations: the resources a cross-file check looked at. */
export function relatedResources(located: { file: ProjectFile; item: ResourceFact }[], message: (r: ResourceFact) => string, limit = 5) {
  return located.slice(0, limit).map(({ file, item }) => ({ file, span: item.nameSpan, message: message(item) }));
}

const ENDPOINT_NAME_KEYS = ['name', 'EndpointName'];

/**
 * Real-time endpoints in the project that none of `covering` (monitors, alarms, scaling targets) may point at through
 * the values under `keys`. Serverless endpoints are left out.
 */
export function uncoveredEndpoints(project: Project, covering: readonly ResourceFact[], keys: readonly string[]): { file: ProjectFile; item: ResourceFact }[] {
  const endpoints = project.resources(...ENDPOINTS);
  if (endpoints.length === 0) return [];
  const targets = targetsOf(covering, keys, addressesIn(project));
  const configs = endpointConfigs(project);
  return endpoints.filter(({ item }) => !isTargeted(targets, item, ENDPOINT_NAME_KEYS) && !isServerlessEndpoint(item, configs));
}
