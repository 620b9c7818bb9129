// One entry point for the bundled server: `server --stdio|--node-ipc|--socket=N` starts the language server,
// anything else is a CLI command.
async function main(argv: string[]): Promise<void> {
  // Without a transport (or with --help), `server` is left to the CLI, which explains its usage.
  if (argv[0] === 'server' && argv.some((a) => /^--(stdio|node-ipc|socket|pipe)/.test(a)) && !argv.some((a) => a === '--help' || a === '-h')) {
    // V8's optimising compiler inlines callees into the engine's large functions; each compile then takes tens of
    // milliseconds on a background thread, and is redone whenever a new object shape deoptimises it. Without
    // inlining, an editing session's first few hundred edits cost less CPU (docs/performance.md, "V8's inlining").
    // Flags are process-wide, so this covers the analysis worker, started next. Scans tune V8 in `bin/ai-lens.js`.
    require('node:v8').setFlagsFromString('--no-turbo-inlining');
    // The analysis worker loads its code and first grammar while this thread loads the LSP library and the server.
    (require('./lsp/workerStart') as typeof import('./lsp/workerStart')).startAnalysisWorkerEarly();
    // Loaded only for the server: the LSP library brings its transports (including sockets), which the CLI never
    // needs, so a scan loads no networking module at all.
    const { createConnection, ProposedFeatures } = require('vscode-languageserver/node') as typeof import('vscode-languageserver/node');
    const { startServer } = require('./lsp/server') as typeof import('./lsp/server');
    // createConnection reads --stdio / --node-ipc / --socket from process.argv.
    const connection = createConnection(ProposedFeatures.all);
    process.on('uncaughtException', (error) => connection.console.error(`uncaught: ${error.stack ?? error}`));
    process.on('unhandledRejection', (error) => connection.console.error(`unhandled rejection: ${(error as Error)?.stack ?? error}`));
    startServer(connection);
    return;
  }
  // Loaded only for the CLI: the language server starts without its commands and report formats.
  const { runCli } = require('./cli/main') as typeof import('./cli/main');
  const code = await runCli(argv, {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    isTTY: process.stdout.isTTY,
    progress: process.stderr.isTTY ? (message) => process.stderr.write(`\r\x1b[K${message}`) : undefined,
  });
  process.exitCode = code;
}

// The language server's analysis worker loads this same bundle; there it starts itself, and nothing else runs.
if (require('node:worker_threads').isMainThread) void main(process.argv.slice(2));
else require('./lsp/analysisWorker');
