// Paths as the engine receives them: file system paths (either separator) or URIs. A Terraform module is a folder.

export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** The folder of a path or a `file:` URI. */
export function folderOf(file: string): string {
  const end = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return end < 0 ? '.' : file.slice(0, end) || file.slice(0, 1);
}

export function joinPath(folder: string, name: string): string {
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(separator) ? folder + name : `${folder}${separator}${name}`;
}

/** `to` relative to the folder `from` (forward slashes): `examples/app/main.tf`, `../main.tf`. */
export function relativePath(from: string, to: string): string {
  const a = from.split(/[\\/]/).filter(Boolean);
  const b = to.split(/[\\/]/).filter(Boolean);
  let common = 0;
  while (common < a.length && common < b.length - 1 && a[common] === b[common]) common++;
  return [...a.slice(common).map(() => '..'), ...b.slice(common)].join('/');
}
