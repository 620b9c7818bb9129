import type { Locate } from './explain';
import type { ModuleFile } from './scope';

/**
 * What the engine needs besides a Terraform file's own text to know its values: the declarations of the other files
 * of its module (its folder, tfvars included), the variables files the user named, and where the declarations of
 * other files are (for related locations). Built by `TerraformWorkspace` for the scan and the language server.
 */
export interface TerraformContext {
  siblings: readonly ModuleFile[];
  varFiles?: readonly ModuleFile[];
  locate?: Locate;
}
