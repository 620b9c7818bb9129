// A strict well-formedness check for the HTML report: every element closed and nested properly, attributes quoted,
// text escaped, ids unique, in-page links resolvable, and nothing loaded from anywhere else.
import { createHash } from 'node:crypto';

const VOID = new Set(['meta', 'link', 'br', 'hr', 'img', 'input', 'wbr', 'col', 'source']);
const ENTITY = /^&(#\d+|#x[0-9a-f]+|[a-z]+);/i;

export function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const ids = new Set<string>();
  const anchors: string[] = [];
  const styles: string[] = [];
  let csp = '';
  let i = 0;
  const line = (at: number) => html.slice(0, at).split('\n').length;
  const text = (from: number, to: number) => {
    const chunk = html.slice(from, to);
    for (let j = chunk.indexOf('&'); j !== -1; j = chunk.indexOf('&', j + 1)) {
      if (!ENTITY.test(chunk.slice(j))) problems.push(`line ${line(from + j)}: bare & in text`);
    }
    if (chunk.includes('>')) problems.push(`line ${line(from)}: bare > in text`);
  };
  if (!html.startsWith('<!DOCTYPE html>\n')) problems.push('does not start with <!DOCTYPE html>');
  i = '<!DOCTYPE html>'.length;
  while (i < html.length) {
    const open = html.indexOf('<', i);
    if (open === -1) {
      text(i, html.length);
      break;
    }
    text(i, open);
    const close = html.indexOf('>', open);
    if (close === -1) {
      problems.push(`line ${line(open)}: unterminated tag`);
      break;
    }
    const tag = html.slice(open + 1, close);
    i = close + 1;
    if (tag.startsWith('/')) {
      const name = tag.slice(1);
      const top = stack.pop();
      if (top !== name) problems.push(`line ${line(open)}: </${name}> closes <${top}>`);
      continue;
    }
    const match = /^([a-z][a-z0-9]*)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*$/.exec(tag);
    if (!match) {
      problems.push(`line ${line(open)}: malformed tag <${tag.slice(0, 40)}>`);
      continue;
    }
    const [, name, attributes] = match;
    const attrs = new Map([...attributes.matchAll(/([a-z-]+)(?:="([^"]*)")?/g)].map((m) => [m[1], m[2] ?? '']));
    for (const value of attrs.values()) for (let j = value.indexOf('&'); j !== -1; j = value.indexOf('&', j + 1)) if (!ENTITY.test(value.slice(j))) problems.push(`line ${line(open)}: bare & in attribute`);
    if (attrs.has('id')) {
      if (ids.has(attrs.get('id')!)) problems.push(`line ${line(open)}: duplicate id ${attrs.get('id')}`);
      ids.add(attrs.get('id')!);
    }
    if (attrs.get('href')?.startsWith('#')) anchors.push(attrs.get('href')!.slice(1));
    if (attrs.has('src') || name === 'link' || name === 'img' || name === 'iframe' || name === 'object') problems.push(`line ${line(open)}: loads an external resource (<${name}>)`);
    if (name === 'script') problems.push(`line ${line(open)}: has a script`);
    if (name === 'meta' && attrs.get('http-equiv') === 'Content-Security-Policy') csp = attrs.get('content') ?? '';
    if (name === 'style') {
      const end = html.indexOf('</style>', i);
      styles.push(html.slice(i, end));
      i = end + '</style>'.length;
      continue;
    }
    if (!VOID.has(name)) stack.push(name);
  }
  if (stack.length) problems.push(`unclosed: ${stack.join(' > ')}`);
  for (const anchor of anchors) if (!ids.has(anchor)) problems.push(`link to missing #${anchor}`);
  for (const css of styles) {
    if (/url\(|@import/.test(css)) problems.push('the stylesheet loads something');
    const hash = `'sha256-${createHash('sha256').update(css).digest('base64')}'`;
    if (!csp.includes(hash)) problems.push('the Content-Security-Policy does not allow the stylesheet by hash');
  }
  if (!/default-src 'none'/.test(csp)) problems.push(`no restrictive Content-Security-Policy: "${csp}"`);
  return problems;
}
