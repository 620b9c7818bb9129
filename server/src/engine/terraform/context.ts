import type { TerraformRead } from '../extract/terraform';
import type { Value } from '../types';
import type { Locate } from './explain';
import type { Caller } from './modules';
import type { ModuleFile } from './scope';
import type { DeclarationLookup } from './siblingDeclarations';

/**
 * What the engine needs besides a Terraform file's own text to know its values: the declarations of the other files
 * of its module (its folder, tfvars included), the variables files the user named, and where the declarations of
 * other files are (for related locations). Built by `TerraformWorkspace` for the scan and the language server.
 */
export interface TerraformContext {
  siblings: readonly ModuleFile[];
  /** The module's other `.tf` files, read by name instead of listed in `siblings` (a scan): for its instances too. */
  lookup?: DeclarationLookup;
  varFiles?: readonly ModuleFile[];
  locate?: Locate;
  /** The `.tf` files of a folder, for following a call to a local module (undefined when it cannot be read). */
  moduleFiles?(folder: string): { path: string; text: string }[] | undefined;
  /** The files (with their modules' scopes) that call the module in a folder, for what only its instances show. */
  callers?(folder: string): Caller[];
  /** What reading the file's declarations read of it (a scan's, `TerraformWorkspace`): its analysis starts from it if the text is the same. */
  read?: TerraformRead;
  /** Set when the file is analysed as part of a module call: the call's arguments, evaluated in the caller's module. */
  instance?: { inputs: ReadonlyMap<string, Value>; key: string };
}
