/* How evo-console is started and stopped, as a user's shell does it: the launcher runs the
 * bundle only while it is fresh; SIGTERM to the launcher and to `npx evo-console` ends a run as
 * cleanly as Ctrl-C on the CLI itself (the run document on stdout, exit 7); a reader that stops
 * early (`| head`) ends any command quietly. */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/server';
import { BIN, cli, CliProcess, json, REPO_ROOT, tempHome, useSignedInSandbox } from './helpers';

let sandbox: Sandbox;
let home: string;

useSignedInSandbox((started) => ({ sandbox, home } = started), { resetEachTest: true });

/** Which code the launcher ran (it says so under EVO_CONSOLE_DEBUG). */
const entryOf = (stderr: string) => /evo-console: running (.*)/.exec(stderr)?.[1];

describe('the launcher', { timeout: 120_000 }, () => {
  it('runs the bundle in out/cli while every source in it is older, and the sources through tsx once one is newer', async () => {
    let entry = entryOf((await cli(['--version'], { home, env: { EVO_CONSOLE_DEBUG: '1' } })).stderr);
    if (entry !== 'out/cli/main.mjs') {
      // What `npm install` and `npm run build` do; this run of the tests had none fresh.
      execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts/build-cli.mjs')], { cwd: REPO_ROOT, stdio: 'ignore', timeout: 60_000 });
      entry = entryOf((await cli(['--version'], { home, env: { EVO_CONSOLE_DEBUG: '1' } })).stderr);
    }
    expect(entry).toBe('out/cli/main.mjs');

    // A copy of the checkout whose one "source" this test can make newer than the bundle.
    const copy = tempHome('evo-launcher-');
    fs.cpSync(path.join(REPO_ROOT, 'out', 'cli'), path.join(copy, 'out', 'cli'), { recursive: true });
    fs.cpSync(BIN, path.join(copy, 'bin', 'evo-console.mjs'));
    fs.symlinkSync(path.join(REPO_ROOT, 'src'), path.join(copy, 'src'));
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(copy, 'node_modules'));
    fs.writeFileSync(path.join(copy, 'source.ts'), '');
    // Clearly older than the build below (a file written in the same millisecond can carry a later mtime).
    const earlier = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(copy, 'source.ts'), earlier, earlier);
    const manifest = JSON.parse(fs.readFileSync(path.join(copy, 'out', 'cli', 'manifest.json'), 'utf8')) as { builtAt: number; inputs: string[] };
    fs.writeFileSync(path.join(copy, 'out', 'cli', 'manifest.json'), JSON.stringify({ ...manifest, builtAt: Date.now(), inputs: ['source.ts'] }));
    const version = async () => {
      const child = spawn(process.execPath, [path.join(copy, 'bin', 'evo-console.mjs'), '--version'], { env: { ...process.env, EVO_CONSOLE_DEBUG: '1' } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      await new Promise((resolve) => child.on('close', resolve));
      return { version: stdout.trim(), entry: entryOf(stderr) };
    };
    expect(await version()).toEqual({ version: '0.1.0', entry: 'out/cli/main.mjs' });
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(copy, 'source.ts'), later, later);
    expect(await version()).toEqual({ version: '0.1.0', entry: expect.stringMatching(/sources through tsx/) });
  });
});

describe('signals reach the CLI however it was started', { timeout: 180_000 }, () => {
  it.each([
    ['the bin launcher', false],
    ['npx evo-console', true],
  ])('SIGTERM to %s during apply --json: the run document on stdout, exit 7, journal and server agree', async (_how, npx) => {
    sandbox.admin.setFaults({ latencyMs: 80 });
    const apply = new CliProcess(['--json', 'staging', 'apply', '--to', 'staging', '--subtree', sandbox.fixtures.subtree200Id, '--yes', '--concurrency', '2'], {
      home,
      npx,
      env: { npm_config_update_notifier: 'false', npm_config_fund: 'false' },
    });
    await apply.waitForStderr(/applying: [1-9]\d*\/\d+ /, 90_000);
    apply.child.kill('SIGTERM');
    const result = await apply.exited;
    expect(result.code, result.stderr).toBe(7);
    const doc = json<{ runId: string; status: string; counts: { changed: number; cancelled: number }; items: { id: string; outcome: string }[] }>(result);
    expect(doc).toMatchObject({ status: 'cancelled' });
    expect(doc.counts.cancelled).toBeGreaterThan(0);
    const written = new Set(sandbox.admin.writes().map((w) => w.customerId));
    expect(written).toEqual(new Set(doc.items.filter((i) => i.outcome === 'changed').map((i) => i.id)));
  });
});

describe('a reader that stops early', { timeout: 120_000 }, () => {
  it('ends any command quietly: exit 0, no EPIPE, no stack trace', async () => {
    const run = await cli(['--json', 'staging', 'apply', '--to', 'staging', '--subtree', sandbox.fixtures.chainIds[0] as string, '--yes'], { home });
    const runId = json<{ runId: string }>(run).runId;
    for (const args of [['--help'], ['runs', 'export', runId, '--format', 'csv'], ['customers', 'ls', '--parent', sandbox.fixtures.bigParentId, '--all'], ['--json', 'runs', 'show', runId]]) {
      const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, EVO_CONSOLE_HOME: home, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy(); // like `| head` that has read enough before the command writes
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
      expect({ args, code, stderr: stderr.replace(/^evo-console .*\n/, '') }).toEqual({ args, code: 0, stderr: '' });
    }
  });
});
