// Fixes on the resources a higher-level CDK construct synthesizes, written as the construct's own properties:
// `kmsKey: kms.Key.fromKeyArn(this, "AgentKey", "<kms-key-arn>")` where the rule would add `CustomerEncryptionKeyArn`,
// `contentFilters: [{ type: bedrock.ContentFilterType.PROMPT_ATTACK, … }]` where it would add a content policy.
import { pascalToSnake } from '../apis/cdk';
import { PII_CATEGORIES, PYTHON_NAMESPACES, type ConstructFix, type ConstructModel } from '../apis/cdkConstructs';
import { addProperties, appendItem, writeThrough } from '../edits';
import { Code, type ArrayValue, type FileFacts, type FixValue, type ObjectValue, type Span, type TextEdit } from '../types';
import { PLACEHOLDER } from '../placeholders';

const KMS_KEY_PLACEHOLDER = PLACEHOLDER.kmsKeyArn;
const GUARDRAIL_PLACEHOLDER = PLACEHOLDER.guardrailArn;

/** A construct call as written: what its fixes need to write in the file's language and names. */
export interface ConstructSite {
  model: ConstructModel;
  /** How fixes write CloudFormation properties as the construct's, for the versions it may be of (none that differ). */
  fixes: Record<string, ConstructFix>;
  facts: FileFacts;
  text: string;
  python: boolean;
  id: string;
  /** The construct's scope argument as written (`this`, `self`, `scope`). */
  scope: string;
  /** How the code names the construct's namespace (`bedrock` in `new bedrock.Agent(…)`), when it does. */
  namespace?: string;
  /** The construct's props as written, where a fix adds one. */
  written?: ObjectValue;
}

/** Fixes that add CloudFormation properties to `synthesized` add the construct's properties to its call instead. */
export function writeConstructProperties(synthesized: ObjectValue, site: ConstructSite): void {
  writeThrough(synthesized, {
    properties: (entries) => {
      const props: { [key: string]: FixValue } = {};
      const also: TextEdit[] = [];
      for (const [key, value] of Object.entries(entries)) {
        const fix = site.fixes[key];
        const written = fix && fixValue(fix, value, site, also);
        if (!fix || written === undefined) return undefined;
        props[spell(fix.prop, site)] = written;
      }
      return withImports(site.written && addProperties(site.written, props), also);
    },
  });
}

/** Fixes that append an item to `synthesized` (a policy's filters) append the construct's struct to the list as written. */
export function writeConstructItems(synthesized: ArrayValue, prop: string, site: ConstructSite): void {
  const fix = Object.values(site.fixes).find((f) => f.prop === prop && f.item);
  const list = site.written?.props.get(spell(prop, site))?.value;
  const written = list?.kind === 'array' ? list : undefined;
  writeThrough(synthesized, {
    item: (value) => {
      if (!fix) return undefined;
      const item = structItem(fix, value, site);
      if (item === undefined) return undefined;
      if (written) return appendItem(written, new Code(item), site.python ? 'python-dict' : 'ts-object', site.text);
      return site.written && addProperties(site.written, { [spell(prop, site)]: new Code(`[${item}]`) });
    },
  });
}

/**
 * A value the construct sets by default, at `span` (the construct's name): a fix that replaces it sets the construct's
 * property `prop` in `container` (its props, or a struct of them), which must have an insert point.
 */
export function writeConstructDefault(span: Span, prop: string, container: ObjectValue, site: ConstructSite): void {
  const key = site.python && container.insert?.syntax === 'python-kwargs' ? pascalToSnake(prop) : prop;
  writeThrough(span, { replace: (value) => addProperties(container, { [key]: value }) });
}

/** A construct property as the file's language spells it: `kmsKey`, or `kms_key` in Python. */
function spell(prop: string, site: ConstructSite): string {
  return site.python ? pascalToSnake(prop) : prop;
}

function fixValue(fix: ConstructFix, value: FixValue, site: ConstructSite, also: TextEdit[]): FixValue | undefined {
  switch (fix.value) {
    case 'value':
      return value;
    case 'kms-key': {
      const key = kmsKeyClass(site, also);
      const from = site.python ? 'from_key_arn' : 'fromKeyArn';
      return new Code(`${key}.${from}(${site.scope}, ${JSON.stringify(`${site.id}Key`)}, ${JSON.stringify(KMS_KEY_PLACEHOLDER)})`);
    }
    case 'guardrail': {
      const guardrail = libraryName('Guardrail', site);
      if (!guardrail) return undefined;
      const args = site.python ? `guardrail_arn=${JSON.stringify(GUARDRAIL_PLACEHOLDER)}` : `{ guardrailArn: ${JSON.stringify(GUARDRAIL_PLACEHOLDER)} }`;
      const from = site.python ? 'from_guardrail_attributes' : 'fromGuardrailAttributes';
      return new Code(`${guardrail}.${from}(${site.scope}, ${JSON.stringify(`${site.id}Guardrail`)}, ${args})`);
    }
    case 'list': {
      const items = itemsIn(value).map((item) => structItem(fix, item, site));
      return items.length > 0 && items.every((i) => i !== undefined) ? new Code(`[${items.join(', ')}]`) : undefined;
    }
  }
}

/** The CloudFormation items a rule's value holds: the list itself, or the list in its policy object (`FiltersConfig`). */
function itemsIn(value: FixValue): FixValue[] {
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object' && !(value instanceof Code)) {
    const list = Object.values(value).find(Array.isArray);
    if (list) return list as FixValue[];
  }
  return [];
}

/** One CloudFormation item (`{Type: "PROMPT_ATTACK", InputStrength: "HIGH"}`) as the construct's struct. */
function structItem(fix: ConstructFix, item: FixValue, site: ConstructSite): string | undefined {
  if (!fix.item || !item || typeof item !== 'object' || Array.isArray(item) || item instanceof Code) return undefined;
  const fields: string[] = [];
  for (const [key, raw] of Object.entries(item)) {
    const field = key.charAt(0).toLowerCase() + key.slice(1);
    const enumName = fix.item.enums[field];
    let written: string | undefined;
    if (enumName && typeof raw === 'string') written = enumMember(enumName, raw, site);
    else if (typeof raw === 'boolean') written = site.python ? (raw ? 'True' : 'False') : String(raw);
    else if (typeof raw === 'number' || typeof raw === 'string') written = JSON.stringify(raw);
    if (written === undefined) return undefined;
    fields.push(site.python ? `${pascalToSnake(field)}=${written}` : `${field}: ${written}`);
  }
  if (!site.python) return `{ ${fields.join(', ')} }`;
  const struct = libraryName(fix.item.struct, site);
  return struct ? `${struct}(${fields.join(', ')})` : undefined;
}

/** `bedrock.ContentFilterType.PROMPT_ATTACK`, `bedrock.PIIType.General.EMAIL`: an enum member as the code can name it. */
function enumMember(enumName: string, member: string, site: ConstructSite): string | undefined {
  const owner = libraryName(enumName, site);
  if (!owner) return undefined;
  if (enumName !== 'PIIType') return `${owner}.${member}`;
  const category = PII_CATEGORIES[member];
  return category ? `${owner}.${category}.${member}` : undefined;
}

/**
 * How the file can name something of the construct's library: through the namespace it names the construct with
 * (`bedrock.Guardrail`), or by its own import (`Guardrail`). Undefined when it cannot without a new import.
 */
function libraryName(given: string, site: ConstructSite): string | undefined {
  const name = site.python ? (PYTHON_NAMESPACES[given] ?? given) : given;
  if (site.namespace) return `${site.namespace}.${name}`;
  const library = site.python ? site.model.library.python : site.model.library.typescript;
  for (const [local, qualified] of site.facts.importedNames ?? []) {
    if (qualified.startsWith(library + '.') && qualified.endsWith(`.${name}`)) return local;
  }
  return undefined;
}

/** The KMS `Key` class as the file names it, importing the module when it does not. */
function kmsKeyClass(site: ConstructSite, also: TextEdit[]): string {
  const modules = site.python ? { module: 'aws_cdk.aws_kms', root: 'aws_cdk' } : { module: 'aws-cdk-lib/aws-kms', root: 'aws-cdk-lib' };
  const imported = site.facts.importedNames ?? new Map<string, string>();
  for (const [local, qualified] of imported) {
    if (qualified === `${modules.module}.Key`) return local;
    if (qualified === modules.module || qualified === 'aws-cdk-lib.aws_kms') return `${local}.Key`;
  }
  for (const [local, qualified] of imported) if (qualified === modules.root) return `${local}.aws_kms.Key`;
  const alias = imported.has('kms') ? 'aws_kms' : 'kms';
  also.push(importEdit(site, site.python ? `from aws_cdk import aws_kms as ${alias}` : `import * as ${alias} from 'aws-cdk-lib/aws-kms';`));
  return `${alias}.Key`;
}

/** A new import after the file's last one (Python: the extractor's anchor; TypeScript: the last `import … from` line). */
function importEdit(site: ConstructSite, statement: string): TextEdit {
  let at = site.python ? (site.facts.importAnchor ?? 0) : 0;
  if (!site.python) for (const m of site.text.matchAll(/^import\b[^;]*?from\s*['"][^'"]+['"];?[ \t]*$/gm)) at = m.index + m[0].length;
  return { span: { start: at, end: at }, newText: at === 0 ? `${statement}\n` : `\n${statement}` };
}

function withImports(edit: TextEdit | undefined, also: TextEdit[]): TextEdit | undefined {
  return edit && also.length ? { ...edit, also } : edit;
}
