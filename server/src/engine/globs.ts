import picomatch from 'picomatch';

/**
 * A matcher for paths relative to a root (forward slashes). A pattern without a slash matches at any depth
 * (`*.pyi`, `legacy`), and a pattern that matches a folder matches everything under it (`legacy`, `gen/**`).
 */
export function globMatcher(patterns: readonly string[]): (relativePath: string) => boolean {
  if (patterns.length === 0) return () => false;
  const anchored = patterns
    .map((p) => p.replace(/^\.\//, '').replace(/\/+$/, ''))
    .filter(Boolean)
    .map((p) => (p.includes('/') || p.startsWith('**') ? p : `**/${p}`));
  const match = picomatch([...anchored, ...anchored.map((p) => `${p}/**`)], { dot: true });
  return (relativePath) => match(relativePath.replace(/\/+$/, ''));
}
