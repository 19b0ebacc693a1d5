#!/usr/bin/env node
// evo-console launcher. The CLI runs in this very process — no child process between the shell
// and the CLI — so Ctrl-C and SIGTERM reach it directly and it can cancel cleanly, print its
// result and exit with its own code. It runs the bundle in out/cli (built by `npm install` and
// `npm run build`; starts in a fraction of a second) while that bundle is at least as new as
// every source file in it, and otherwise the TypeScript sources through tsx, so an edited
// checkout never runs stale code. `npm link` points the global command at this file.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** out/cli's entry when every source it was built from is older than the build, else null. */
function freshBundle() {
  try {
    const manifest = JSON.parse(readFileSync(path.join(root, 'out', 'cli', 'manifest.json'), 'utf8'));
    for (const input of manifest.inputs) if (statSync(path.join(root, input)).mtimeMs > manifest.builtAt) return null;
    return path.join(root, 'out', 'cli', manifest.entry);
  } catch {
    return null; // no bundle, or a source file moved: run the sources
  }
}

const bundle = freshBundle();
if (process.env.EVO_CONSOLE_DEBUG) {
  process.setSourceMapsEnabled(true);
  process.stderr.write(`evo-console: running ${bundle ? path.relative(root, bundle) : 'the TypeScript sources through tsx (no fresh bundle in out/cli)'}\n`);
}
let main;
if (bundle) {
  ({ main } = await import(pathToFileURL(bundle).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
const code = await main(process.argv);

// Explicit exit, so timers of the services (connectivity probes) cannot keep a finished
// command alive — but only once stdout and stderr are flushed: writes to a pipe are
// asynchronous, and exiting earlier would cut a large JSON document short.
const flushed = (stream) => new Promise((resolve) => (stream.writableLength === 0 ? resolve() : stream.write('', resolve)));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
