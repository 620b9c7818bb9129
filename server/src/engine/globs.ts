import picomatch from 'picomatch';

/**
 * A matcher for paths relative to a root (forward slashes). A pattern without a slash matches at any depth (`*.pyi`,
 * `legacy`) unless it starts with `./` or `/`, which anchor it at the root; a pattern that matches a folder matches
 * everything in it (`legacy`, `gen/**`).
 */
export function globMatcher(patterns: readonly string[]): (relativePath: string) => boolean {
  if (patterns.length === 0) return () => false;
  const globs = patterns
    .map((p) => p.replace(/\/+$/, ''))
    .filter(Boolean)
    .map((p) => {
      if (p.startsWith('./') || p.startsWith('/')) return p.replace(/^\.?\/+/, '');
      return p.includes('/') || p.startsWith('**') ? p : `**/${p}`;
    });
  const match = picomatch([...globs, ...globs.map((p) => `${p}/**`)], { dot: true });
  return (relativePath) => match(relativePath.replace(/\/+$/, ''));
}
