// Loaded with `node --require` into a measured process: on exit it writes the process's own CPU time and peak RSS
// to the file named by AI_LENS_BENCH_PROBE, so the figures cover that process alone.
'use strict';
const fs = require('node:fs');

const out = process.env.AI_LENS_BENCH_PROBE;
if (out) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    fs.writeFileSync(out, JSON.stringify({ userMs: usage.userCPUTime / 1000, systemMs: usage.systemCPUTime / 1000, maxRssKB: usage.maxRSS }));
  });
}
