/* The composition root over real services (sandbox over HTTP, test keychain, SQLite files):
 * sign-out keeps or deletes the signed-out user's offline copy, as the user chose. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { createAppServices, type AppServicesOptions } from '../../src/main/app-services';
import type { IpcSender } from '../../src/main/ipc/sender';
import { holdSqliteFile } from '../support/sqlite-holder';

const sender: IpcSender = { contentsId: 1, frameUrl: 'app://console/index.html', isMainFrame: true };
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, quiet: true });
});
afterAll(async () => {
  await sandbox?.close();
});

const newDataDir = () => mkdtempSync(path.join(tmpdir(), 'evo-services-'));
/** The app's services over a data folder (a new one unless given), with the sandbox as a profile. */
const newServices = (extra: Partial<AppServicesOptions> = {}) =>
  createAppServices({ dataDir: newDataDir(), host: 'harness', appVersion: '0.0.0-test', checkSender: () => null, sandboxUrl: sandbox.url, ...extra });

const cacheFiles = (dataDir: string) => {
  const dir = path.join(dataDir, 'cache');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.sqlite')) : [];
};

async function signedInWithCache(): Promise<{ dataDir: string; call: (channel: string, request: unknown) => Promise<unknown>; close: () => void }> {
  const dataDir = newDataDir();
  const services = newServices({ dataDir });
  const call = async (channel: string, request: unknown) => {
    const result = await services.router.invoke(channel, request, sender);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value;
  };
  await call('session:signIn', { profileId: 'sandbox', email: 'manager@sandbox.test', password: 'sandbox', rememberMe: false });
  await call('customers:children', { parentId: null });
  expect(cacheFiles(dataDir)).toHaveLength(1);
  return { dataDir, call, close: () => services.close() };
}

describe('sign-out and the offline copy', () => {
  it('keeps the offline copy when asked to', async () => {
    const { dataDir, call, close } = await signedInWithCache();
    await call('session:signOut', { keepCache: true });
    expect(cacheFiles(dataDir)).toHaveLength(1);
    close();
  });

  it('deletes the offline copy (and its WAL files) when asked to', async () => {
    const { dataDir, call, close } = await signedInWithCache();
    await call('session:signOut', { keepCache: false });
    expect(readdirSync(path.join(dataDir, 'cache'))).toEqual([]);
    close();
  });

  it('empties, but does not delete, an offline copy another process (the desktop app) still has open', async () => {
    const { dataDir, call, close } = await signedInWithCache();
    const file = path.join(dataDir, 'cache', cacheFiles(dataDir)[0]!);
    const app = await holdSqliteFile(file);
    try {
      expect(await app.select('count(*) FROM customers')).not.toBe(0);
      await call('session:signOut', { keepCache: false });
      // Its connection still works, on an empty cache; its -wal/-shm were not pulled from under it.
      expect(await app.select('count(*) FROM customers')).toBe(0);
      expect(readdirSync(path.dirname(file)).sort()).toEqual([path.basename(file), `${path.basename(file)}-shm`, `${path.basename(file)}-wal`]);
    } finally {
      await app.close();
      close();
    }
  });
});

describe('a damaged settings file', () => {
  it('is set aside and kept, defaults are used, and the user is told in a notice', async () => {
    const dataDir = newDataDir();
    const damaged = '{"version":1,"customProfiles":[';
    writeFileSync(path.join(dataDir, 'settings.json'), damaged);
    const services = newServices({ dataDir, sandboxUrl: undefined });
    try {
      await services.restoreSession();
      const notices = await services.router.invoke('app:notices', undefined, sender);
      expect(notices).toMatchObject({ ok: true, value: [{ message: expect.stringMatching(/settings file was unreadable/) }] });
      const kept = readdirSync(dataDir).filter((f) => f.startsWith('settings.json.corrupt-'));
      expect(kept).toHaveLength(1);
      expect(readFileSync(path.join(dataDir, kept[0]!), 'utf8')).toBe(damaged);
      expect(notices.ok && notices.value[0]?.message).toContain(kept[0]);
    } finally {
      services.close();
    }
  });
});

describe('the active account', () => {
  it("scopes reads by id: another account's customer is refused (naming it) and never cached", async () => {
    const dataDir = newDataDir();
    const services = newServices({ dataDir });
    const { managerAccountId, otherAccountCustomerId, chainIds } = sandbox.fixtures;
    // The administrator sees every account, so only the console's own scoping can refuse.
    const state = await services.router.invoke('session:signIn', { profileId: 'sandbox', email: 'admin@sandbox.test', password: 'sandbox', rememberMe: false }, sender);
    expect(state).toMatchObject({ ok: true, value: { status: 'chooseAccount' } });
    expect(await services.router.invoke('session:selectAccount', { accountId: managerAccountId }, sender)).toMatchObject({ ok: true, value: { status: 'signedIn' } });

    expect(await services.router.invoke('customers:get', { id: chainIds[0] as string }, sender)).toMatchObject({ ok: true });
    const other = await services.router.invoke('customers:get', { id: otherAccountCustomerId }, sender);
    expect(other).toMatchObject({ ok: false, error: { kind: 'Forbidden', customerId: otherAccountCustomerId } });
    if (!other.ok) expect(other.error.message).toContain('not the account you are working on');
    services.close();
    const cached = cacheFiles(dataDir).map((f) => readFileSync(path.join(dataDir, 'cache', f)).toString('latin1')).join('');
    expect(cached).toContain(chainIds[0] as string);
    expect(cached).not.toContain(otherAccountCustomerId);
  });
});

describe('session restore at start', () => {
  it('session:getState answers once the start-up restore is done, with its outcome', async () => {
    const dataDir = newDataDir();
    const first = newServices({ dataDir });
    await first.router.invoke('session:signIn', { profileId: 'sandbox', email: 'manager@sandbox.test', password: 'sandbox', rememberMe: true }, sender);
    first.close();

    const restarted = newServices({ dataDir });
    const restoring = restarted.restoreSession();
    // Asked at once (the window opens while main restores): the answer is the restored session.
    expect(await restarted.router.invoke('session:getState', undefined, sender)).toMatchObject({
      ok: true,
      value: { status: 'signedIn', user: { email: 'manager@sandbox.test' } },
    });
    expect(restarted.restoreSession()).toBe(restoring);
    await restarted.signOut(true);
    restarted.close();
  });

  it('npm run demo: signs in to the sandbox as the demo user when there is no saved session; without it, the user signs in', async () => {
    const demo = newServices({ demoSignIn: { email: 'manager@sandbox.test', password: 'sandbox' } });
    void demo.restoreSession();
    expect(await demo.router.invoke('session:getState', undefined, sender)).toMatchObject({
      ok: true,
      value: { status: 'signedIn', profile: { kind: 'sandbox' }, user: { email: 'manager@sandbox.test' } },
    });
    demo.close();

    const plain = newServices();
    expect(await plain.restoreSession()).toMatchObject({ status: 'signedOut' });
    plain.close();
  });

  it('a failed demo sign-in is told in a notice and leaves the sign-in form', async () => {
    const demo = newServices({ demoSignIn: { email: 'manager@sandbox.test', password: 'wrong' } });
    expect(await demo.restoreSession()).toMatchObject({ status: 'signedOut' });
    expect(demo.notices.list()).toEqual([expect.objectContaining({ message: expect.stringMatching(/^The demo sign-in to the local sandbox failed \(/) })]);
    demo.close();
  });
});
