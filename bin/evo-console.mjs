#!/usr/bin/env node
// evo-console launcher. Runs the TypeScript sources directly through tsx (a dependency of
// the repo), so `npx evo-console` works right after `npm install` with no build step and
// never runs a stale bundle; `npm link` points the global command at this file.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv);

// Explicit exit, so timers of the services (connectivity probes) cannot keep a finished
// command alive — but only once stdout and stderr are flushed: writes to a pipe are
// asynchronous, and exiting earlier would cut a large JSON document short.
const flushed = (stream) => new Promise((resolve) => (stream.writableLength === 0 ? resolve() : stream.write('', resolve)));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
