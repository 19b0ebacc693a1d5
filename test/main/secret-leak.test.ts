/* The session secret never leaves the session service: after a whole session driven through
 * the real IPC router (sign in, browse, make available offline, a bulk toggle, an audit
 * export, sign out), no cookie value appears in any file under the app-data folder (settings,
 * cache and journal SQLite files with their WAL, exports), in any log line, in any answer or
 * event the renderer would receive. Real sandbox, real keychain (test keyring), real SQLite. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { createAppServices, type AppServices } from '../../src/main/app-services';
import type { IpcSender } from '../../src/main/ipc/sender';

const sender: IpcSender = { contentsId: 1, frameUrl: 'app://console/index.html', isMainFrame: true };

let sandbox: Sandbox;
let dataDir: string;
let services: AppServices;
const seen: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, quiet: true });
  dataDir = mkdtempSync(path.join(tmpdir(), 'evo-leak-'));
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      seen.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    });
  }
  services = createAppServices({ dataDir, host: 'harness', appVersion: '0.0.0-test', checkSender: () => null, sandboxUrl: sandbox.url });
  services.router.addSink((event, payload) => seen.push(`${event} ${JSON.stringify(payload)}`));
});
afterAll(async () => {
  services?.close();
  vi.restoreAllMocks();
  await sandbox?.close();
});

async function call(channel: string, request: unknown): Promise<unknown> {
  const result = await services.router.invoke(channel, request, sender);
  seen.push(`${channel} ${JSON.stringify(result)}`);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + 30_000;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('the session secret', () => {
  it('appears in no file, log line, answer or event after a whole session', async () => {
    await call('session:signIn', { profileId: 'sandbox', email: 'manager@sandbox.test', password: 'sandbox', rememberMe: true });
    const secrets = Object.values(services.session.client().sessionCookies()).filter((v) => v.length >= 8);
    expect(secrets.length).toBeGreaterThanOrEqual(2); // ss-id and ss-pid

    const [root, a, b] = sandbox.fixtures.chainIds as [string, string, string];
    await call('customers:children', { parentId: null });
    await call('customers:get', { id: a });
    await call('customers:sync', { id: root });
    const plan = (await call('bulk:plan', { customerIds: [a, b], target: sandbox.admin.customer(a)?.isStaging ? 'production' : 'staging' })) as { id: string };
    const { runId } = (await call('bulk:start', { planId: plan.id })) as { runId: string };
    await until(async () => ((await call('runs:get', { runId })) as { status: string }).status === 'completed', 'the run to complete');
    for (const format of ['json', 'csv']) {
      // An earlier export of the same run, world-readable: replaced whole, and owner-only after.
      mkdirSync(path.join(dataDir, 'exports'), { recursive: true });
      writeFileSync(path.join(dataDir, 'exports', `bulk-run-${runId}.${format}`), 'older', { mode: 0o644 });
      const exported = (await call('runs:export', { runId, format })) as { path: string };
      expect(statSync(exported.path).mode & 0o777, 'exports hold customer data: owner-only').toBe(0o600);
      expect(readFileSync(exported.path, 'utf8')).toContain(runId);
    }
    await call('session:signOut', { keepCache: true });
    services.close();

    const files = filesUnder(dataDir);
    // Settings, the offline copy and the journal (the SQLite files the session wrote to), and the exports.
    expect(files.some((f) => f.endsWith('settings.json'))).toBe(true);
    expect(files.some((f) => f.includes(`${path.sep}cache${path.sep}`))).toBe(true);
    expect(files.some((f) => path.basename(f).startsWith('journal.sqlite'))).toBe(true);
    expect(files.some((f) => f.includes(`${path.sep}exports${path.sep}`))).toBe(true);
    expect(seen.length).toBeGreaterThan(10);

    for (const secret of secrets) {
      for (const file of files) expect(readFileSync(file).toString('latin1').includes(secret), file).toBe(false);
      for (const line of seen) expect(line.includes(secret), line.slice(0, 120)).toBe(false);
    }
  });
});
