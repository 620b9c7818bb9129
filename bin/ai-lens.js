#!/usr/bin/env node
'use strict';
// The CLI and language server share one bundle; fall back to the unbundled build during development.
const fs = require('node:fs');
// Node.js 22.1+ keeps the compiled bundle in its on-disk code cache, which shortens later starts; older versions lack it.
require('node:module').enableCompileCache?.();
const path = require('node:path');
// A scan keeps findings and what the cross-file rules read of every file while it allocates far more, briefly, per
// file; V8 would let the heap grow to about four times what is live between full collections. Twice is enough: the
// extra collections cost no measurable time, and the heap still grows as far as a large workspace needs.
if (process.argv[2] === 'scan' || process.argv[2] === 'report') {
  require('node:v8').setFlagsFromString('--heap-growing-percent=100');
  // A scan runs for seconds: under V8's default interrupt budget (67,584 in Node.js 20) it optimized, and after
  // deoptimizations optimized again, hundreds of the bundle's functions, most of which then ran too little to pay for
  // it; that compilation, on V8's background threads, was about a quarter of a scan's CPU. About fifteen times the
  // budget optimizes only what runs hottest (docs/performance.md, "Scan CPU: V8's optimizing budget, …").
  require('node:v8').setFlagsFromString('--interrupt-budget=1000000');
}
const bundled = path.join(__dirname, '..', 'dist', 'server.js');
require(fs.existsSync(bundled) ? bundled : path.join(__dirname, '..', 'out', 'server', 'src', 'main.js'));
