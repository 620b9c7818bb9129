#!/usr/bin/env node
'use strict';
// The CLI and language server share one bundle; fall back to the unbundled build during development.
const fs = require('node:fs');
const path = require('node:path');
const bundled = path.join(__dirname, '..', 'dist', 'server.js');
require(fs.existsSync(bundled) ? bundled : path.join(__dirname, '..', 'out', 'server', 'src', 'main.js'));
