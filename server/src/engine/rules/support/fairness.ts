import type { Project, ProjectFile } from '../../project';
import type { StringList } from '../../types';

/** Column names that describe a protected or sensitive characteristic of a person (or a close proxy, like a postcode). */
const SENSITIVE = new Set([
  'age', 'age_group', 'age_band', 'age_bucket', 'date_of_birth', 'dob', 'birth_date', 'birthdate', 'year_of_birth',
  'gender', 'sex', 'race', 'ethnicity', 'ethnic_group', 'religion', 'religious_affiliation', 'disability', 'disabled',
  'marital_status', 'nationality', 'national_origin', 'citizenship', 'sexual_orientation', 'pregnancy', 'pregnant',
  'postcode', 'post_code', 'zip', 'zipcode', 'zip_code', 'postal_code', 'veteran_status',
]);
const ML_LIBRARIES = ['sklearn', 'xgboost', 'lightgbm', 'catboost', 'torch', 'tensorflow', 'keras', 'sagemaker', 'autogluon', 'pandas'];

export interface SensitiveFeatures {
  file: ProjectFile;
  list: StringList;
  attributes: string[];
}

function normalize(name: string): string {
  return name
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** Feature or column lists (two or more names) in ML code that include sensitive attributes: the first per file. */
export function sensitiveFeatureLists(project: Project): SensitiveFeatures[] {
  const out: SensitiveFeatures[] = [];
  for (const file of project.files) {
    if (file.language !== 'python' || !ML_LIBRARIES.some((lib) => file.facts.imports.has(lib))) continue;
    for (const list of file.facts.stringLists ?? []) {
      if (list.items.length < 2) continue;
      const attributes = list.items.map((i) => i.value).filter((v) => SENSITIVE.has(normalize(v)));
      if (attributes.length > 0) {
        out.push({ file, list, attributes });
        break;
      }
    }
  }
  return out;
}

const BIAS_LIBRARIES = ['fairlearn', 'aif360'];
const BIAS_CALLS = new Set(['run_bias', 'run_pre_training_bias', 'run_post_training_bias']);
const BIAS_CLASSES = /^sagemaker\.(clarify\.(BiasConfig|SageMakerClarifyProcessor)|model_monitor\.(ModelBiasMonitor|clarify_model_monitoring\.ModelBiasMonitor))$/;
const BIAS_RESOURCES = ['AWS::SageMaker::ModelBiasJobDefinition'];
const EXPLAIN_LIBRARIES = ['shap', 'lime', 'captum'];
const EXPLAIN_CALLS = new Set(['run_explainability']);
const EXPLAIN_CLASSES = /^sagemaker\.(clarify\.SHAPConfig|model_monitor\.(ModelExplainabilityMonitor|clarify_model_monitoring\.ModelExplainabilityMonitor))$/;
const EXPLAIN_RESOURCES = ['AWS::SageMaker::ModelExplainabilityJobDefinition'];

/** Somewhere in the workspace, a bias evaluation or bias monitor (Clarify, fairlearn, AIF360, a bias job definition). */
export function hasBiasEvaluation(project: Project): boolean {
  return has(project, BIAS_LIBRARIES, BIAS_CALLS, BIAS_CLASSES, BIAS_RESOURCES);
}

/** Somewhere in the workspace, explainability analysis or monitoring (Clarify SHAP, an explainability monitor, shap). */
export function hasExplainability(project: Project): boolean {
  return has(project, EXPLAIN_LIBRARIES, EXPLAIN_CALLS, EXPLAIN_CLASSES, EXPLAIN_RESOURCES);
}

function has(project: Project, libraries: string[], calls: Set<string>, classes: RegExp, resources: string[]): boolean {
  if (project.resources(...resources).length > 0) return true;
  return project.files.some(
    (f) =>
      libraries.some((lib) => f.facts.imports.has(lib)) ||
      f.facts.calls.some((c) => calls.has(c.name) || (c.qualifiedName !== undefined && classes.test(c.qualifiedName))),
  );
}
