// Summarizes a V8 .cpuprofile (from `node --cpu-prof`): self time by function and by source file, biggest first.
//
//   node scripts/bench/profile-summary.mjs FILE.cpuprofile [--top N]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMainModule } from './generate.mjs';

/** { totalMs, functions: [{ name, location, selfMs, share }], files: [{ file, selfMs, share }] } */
export function summarizeProfile(file, top = 15) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
  }
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (id) => {
    const { callFrame } = byId.get(id);
    const url = callFrame.url ? shorten(callFrame.url) : '';
    return `${callFrame.functionName || '(anonymous)'} ${url ? `${url}:${callFrame.lineNumber + 1}` : ''}`.trim();
  };
  // Inclusive ("total") time: every distinct function on a sample's stack is charged for it once.
  const inclusive = new Map();
  for (const [id, ms] of self) {
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) seen.add(label(n));
    for (const l of seen) inclusive.set(l, (inclusive.get(l) ?? 0) + ms);
  }
  const functions = new Map();
  const files = new Map();
  let totalMs = 0;
  for (const [id, ms] of self) {
    const { callFrame } = byId.get(id);
    totalMs += ms;
    const url = callFrame.url ? shorten(callFrame.url) : '';
    const name = callFrame.functionName || (url ? '(anonymous)' : callFrame.functionName || '(program)');
    const location = url ? `${url}:${callFrame.lineNumber + 1}` : '';
    const key = `${name} ${location}`;
    const f = functions.get(key) ?? { name, location, selfMs: 0 };
    f.selfMs += ms;
    functions.set(key, f);
    const fileKey = url || name;
    files.set(fileKey, (files.get(fileKey) ?? 0) + ms);
  }
  const share = (ms) => Math.round((ms / totalMs) * 1000) / 10;
  return {
    totalMs: Math.round(totalMs),
    functions: [...functions.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, top).map((f) => ({ ...f, selfMs: Math.round(f.selfMs), share: share(f.selfMs) })),
    inclusive: [...inclusive.entries()].filter(([l]) => !/^\(|^(anonymous)/.test(l)).sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, ms]) => ({ name, totalMs: Math.round(ms), share: share(ms) })),
    files: [...files.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([file, ms]) => ({ file, selfMs: Math.round(ms), share: share(ms) })),
  };
}

function shorten(url) {
  const p = url.replace(/^file:\/\//, '');
  const nm = p.lastIndexOf('node_modules/');
  if (nm >= 0) return p.slice(nm + 'node_modules/'.length);
  const i = p.search(/\/(out|dist|server|scripts)\//);
  return i >= 0 ? p.slice(i + 1) : path.basename(p);
}

export function formatSummary(summary) {
  const lines = [`  total sampled: ${summary.totalMs} ms`, '  self time by function:'];
  for (const f of summary.functions) lines.push(`    ${String(f.share).padStart(5)}%  ${String(f.selfMs).padStart(6)} ms  ${f.name}  ${f.location}`);
  lines.push('  total (inclusive) time by function:');
  for (const f of summary.inclusive) lines.push(`    ${String(f.share).padStart(5)}%  ${String(f.totalMs).padStart(6)} ms  ${f.name}`);
  lines.push('  self time by file:');
  for (const f of summary.files) lines.push(`    ${String(f.share).padStart(5)}%  ${String(f.selfMs).padStart(6)} ms  ${f.file}`);
  return lines.join('\n');
}

if (isMainModule(import.meta.url)) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--top');
  const top = i >= 0 ? Number(args.splice(i, 2)[1]) : 25;
  for (const file of args) console.log(`${file}\n${formatSummary(summarizeProfile(file, top))}`);
}
