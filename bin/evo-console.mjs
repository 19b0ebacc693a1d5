#!/usr/bin/env node
// evo-console launcher. Runs the TypeScript sources directly through tsx (a dependency of
// the repo), so `npx evo-console` works right after `npm install` with no build step and
// never runs a stale bundle; `npm link` points the global command at this file.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv);
// Explicit exit: timers of the services (connectivity probes) must not keep a finished command alive.
process.exit(code);
