// Findings in templates `cdk synth` wrote (`cdk.out/*.template.json`) lead back to the constructs in the CDK source
// that made them: each resource's `aws:cdk:path` metadata (`AiStack/Chat/Resource`) names the construct IDs on its
// way, and the workspace's CDK facts have the constructs with their IDs and types.
import type { Located, Project } from './project';
import type { Finding, RelatedLocation, ResourceFact } from './types';

/** Path segments CDK gives a construct's default child, which name no construct of the source. */
const DEFAULT_CHILDREN = new Set(['Resource', 'Default']);
const MAX_RELATED = 3;

/**
 * Constructs in the CDK source (TypeScript or Python facts in `project`) of the template resource's type whose ID is
 * on its construct path, or ends its last segment as generated names do (`EndpointConfig-Chat` for `Chat`).
 */
export function sourceConstructs(project: Project, resource: ResourceFact): Located<ResourceFact>[] {
  if (!resource.cdkPath) return [];
  const segments = resource.cdkPath.split('/').slice(1).filter((s) => !DEFAULT_CHILDREN.has(s));
  const last = segments[segments.length - 1] ?? '';
  return project
    .resources(resource.resourceType)
    .filter(({ file, item }) => file.language !== 'cloudformation' && item.keyStyle !== undefined)
    .filter(({ item }) => segments.includes(item.name) || last.endsWith(`-${item.name}`));
}

/** Adds to each finding of a synthesized template the constructs of the source its resource comes from. */
export function relateToSource(project: Project, templatePath: string, findings: Finding[]): void {
  const template = project.get(templatePath);
  if (!template) return;
  const synthesized = template.facts.resources.filter((r) => r.cdkPath);
  if (synthesized.length === 0) return;
  for (const finding of findings) {
    const resource = synthesized.find((r) => r.span.start <= finding.span.start && finding.span.end <= r.span.end);
    if (!resource) continue;
    const related: RelatedLocation[] = sourceConstructs(project, resource)
      .slice(0, MAX_RELATED)
      .map(({ file, item }) => ({ path: file.path, range: file.lines.range(item.nameSpan), message: `construct \`${resource.cdkPath}\` in the CDK source` }));
    if (related.length) finding.related = [...(finding.related ?? []), ...related];
  }
}
