#!/usr/bin/env node
'use strict';
// The CLI and language server share one bundle; fall back to the unbundled build during development.
const fs = require('node:fs');
// Node.js 22.1+ keeps the compiled bundle in its on-disk code cache, which shortens later starts; older versions lack it.
require('node:module').enableCompileCache?.();
const path = require('node:path');
const bundled = path.join(__dirname, '..', 'dist', 'server.js');
require(fs.existsSync(bundled) ? bundled : path.join(__dirname, '..', 'out', 'server', 'src', 'main.js'));
