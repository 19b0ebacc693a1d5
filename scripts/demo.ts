/* npm run demo [-- --port N --size small|large --drift --no-app]
 *
 * --drift makes the sandbox answer as a newer Evo Voice (values the console has never seen; see
 * sandbox/README.md), to check the app flags them rather than failing.
 *
 * Starts the sandbox in-process, then the desktop app pointed at it: `electron-vite preview`
 * (build + launch) with EVO_SANDBOX_URL set, which makes the app register the sandbox as the
 * "Local sandbox" server profile and preselect it on a first start.
 *
 * Launching Electron needs a desktop session and Electron's binary (downloaded on first
 * launch, which fails on machines without internet). When the app cannot start, the sandbox
 * keeps running so it can still be used from the CLI (`npx evo-console --server <url> …`) or
 * by pointing an already installed app at it; Ctrl-C stops everything. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD, DEMO_USERS, startSandbox } from '../sandbox/server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, size: { type: 'string' }, drift: { type: 'boolean' }, 'no-app': { type: 'boolean' } },
  });
  const size = values.size === 'large' ? 'large' : 'small';
  const drift = values.drift ?? false;
  const sandbox = await startSandbox({ port: values.port ? Number(values.port) : 0, size, drift, quiet: true });
  console.log(`Sandbox running at ${sandbox.url} (${size} data set${drift ? ', --drift: a newer server' : ''})`);
  const driftFixtures = sandbox.fixtures.drift;
  if (driftFixtures) {
    const root = sandbox.admin.customer(driftFixtures.subtreeRootId)?.name;
    console.log(`The odd records are under "${root}" (${driftFixtures.subtreeSize} customers; pages silently capped at ${driftFixtures.maxCountPerPage}); ids: ${sandbox.url}/__sandbox/fixtures`);
    // Names to type into the app's quick jump (Ctrl+K), each with what it shows flagged.
    const odd: [string, string][] = [
      [driftFixtures.pinkTagCustomerId, `a ${driftFixtures.unknownTagColor} tag (grey chip naming the colour)`],
      [driftFixtures.unknownRuleCustomerId, `rule type ${driftFixtures.unknownRuleType} (Schedule tab; week picture possibly incomplete)`],
      [driftFixtures.unknownFrequencyCustomerId, `frequency ${driftFixtures.unknownFrequency} (Schedule tab; week picture possibly incomplete)`],
      [driftFixtures.deepDataCustomerId, `a ${driftFixtures.deepDataDepth}-level data (Data: history, cut with "…")`],
      [driftFixtures.testScheduleDisagreesCustomerId, `state now ${driftFixtures.serverCustomerState} from the server (Schedule tab; the week picture is an approximation)`],
      [driftFixtures.malformedTagCustomerId, 'a tag that could not be read (named under the banner and in Tags)'],
    ];
    for (const [id, what] of odd) console.log(`  ${sandbox.admin.customer(id)?.name ?? id}: ${what}`);
  }
  console.log(`Sign in as ${DEMO_USERS.map((u) => u.userName).join(', ')} — password "${DEMO_PASSWORD}"`);

  const running: { app?: ChildProcess } = {};
  const stop = async (code: number) => {
    const { app } = running;
    if (app && app.exitCode === null && app.pid) app.kill('SIGTERM');
    await sandbox.close();
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  if (values['no-app']) {
    console.log('Not starting the app (--no-app). Ctrl-C stops the sandbox.');
    return;
  }
  console.log('Starting the app (electron-vite preview)…');
  const app = spawn(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'preview'], {
    cwd: root,
    stdio: 'inherit',
    // The app signs in to the sandbox as the manager (only when it has no saved session).
    env: { ...process.env, EVO_SANDBOX_URL: sandbox.url, EVO_DEMO_USER: 'manager@sandbox.test', EVO_DEMO_PASSWORD: DEMO_PASSWORD },
  });
  running.app = app;
  app.on('error', (e) => console.error(`Could not start the app: ${e.message}`));
  app.on('exit', (code, signal) => {
    if (code === 0 || signal === 'SIGTERM') {
      void stop(0);
      return;
    }
    console.error(
      `The app exited (${signal ?? `code ${code}`}). Launching Electron needs a desktop session and Electron's binary ` +
        '(downloaded on first launch). The sandbox keeps running at ' +
        `${sandbox.url}; Ctrl-C stops it.`,
    );
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
