/* A bulk run with the real SessionService (real keychain, real settings files): a session
 * that expires mid-run holds the run at "waiting for sign-in" until the user signs in
 * again; a different user signing in does not carry the run on. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { EvoClient } from '../../../src/main/api/evo-client';
import { RequestLimiter } from '../../../src/main/api/limiter';
import { BulkStagingService } from '../../../src/main/bulk/bulk-staging-service';
import { KEYCHAIN_SERVICE, Keychain, keychainAccount } from '../../../src/main/session/keychain';
import { SessionService } from '../../../src/main/session/session-service';
import { SettingsStore } from '../../../src/main/settings/settings-store';
import { expireSessionsAfter, managerCustomers, MANAGER, PASSWORD, until } from './helpers';

const ADMIN = 'admin@sandbox.test';
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ size: 'small', faults: { latencyMs: 15 } });
});
afterAll(async () => {
  for (const email of [ADMIN, MANAGER]) await keytar.deletePassword(KEYCHAIN_SERVICE, keychainAccount(email, sandbox.url));
  await sandbox.close();
});
beforeEach(() => sandbox.admin.reset());

async function signedInSession() {
  const dir = mkdtempSync(path.join(tmpdir(), 'bulk-session-'));
  new SettingsStore({ dir }).setSandboxUrl(sandbox.url);
  const limiter = new RequestLimiter({ maxInFlight: 16, requestsPerSecond: 1000 });
  const session = new SessionService({
    settings: new SettingsStore({ dir }),
    keychain: new Keychain({}),
    createClient: ({ baseUrl, onAuthRequired }) => new EvoClient({ baseUrl, onAuthRequired, limiter, retry: { baseDelayMs: 10, maxDelayMs: 50 } }),
  });
  await session.restoreSession();
  await session.selectProfile('sandbox');
  await session.signIn({ email: MANAGER, password: PASSWORD, rememberMe: false });
  expect(session.getState()).toMatchObject({ status: 'signedIn', activeAccountId: sandbox.fixtures.managerAccountId });
  const service = BulkStagingService.open({ appDataDir: dir, client: session.client(), session });
  return { session, service };
}

const production = (n: number) =>
  managerCustomers(sandbox)
    .filter((c) => !c.isStaging)
    .slice(0, n)
    .map((c) => c.id);

it('waits for sign-in when the real session expires mid-run, then finishes', async () => {
  const { session, service } = await signedInSession();
  const handle = await service.start(await service.plan({ customerIds: production(60), target: 'staging' }), { concurrency: 4 });
  const states = expireSessionsAfter(sandbox, handle, 10);
  await until(() => session.getState().status === 'signInRequired' && handle.progress().state === 'waitingForSignIn', 'the run to wait for sign-in');
  await session.signIn({ email: MANAGER, password: PASSWORD, rememberMe: false });
  const summary = await handle.done;
  expect(summary.counts).toMatchObject({ changed: 60, failed: 0 });
  expect(states).toContain('waitingForSignIn');
  expect(new Set(sandbox.admin.writes().map((w) => w.sessionNo)).size).toBe(2);
  expect(sandbox.admin.writes().every((w) => w.user === MANAGER)).toBe(true);
});

it('does not carry a run on under a different user who signs in meanwhile', async () => {
  const { session, service } = await signedInSession();
  const ids = production(60);
  const handle = await service.start(await service.plan({ customerIds: ids, target: 'staging' }), { concurrency: 4 });
  let expired = false;
  handle.onProgress((p) => {
    if (!expired && p.counts.changed >= 10) {
      expired = true;
      sandbox.admin.expireSessions();
    }
  });
  await until(() => session.getState().status === 'signInRequired', 'the session to need sign-in');
  const state = await session.signIn({ email: ADMIN, password: PASSWORD, rememberMe: false });
  if (state.status === 'chooseAccount') session.selectAccount(sandbox.fixtures.managerAccountId);
  await until(() => handle.progress().state === 'waitingForSignIn' && handle.progress().counts.inFlight === 0, 'the run to hold');
  handle.cancel();
  const summary = await handle.done;
  expect(summary.status).toBe('cancelled');
  expect(sandbox.admin.writes().filter((w) => w.user === ADMIN)).toEqual([]);
  // The journal still matches the server for every item.
  for (const item of service.getRun(handle.runId)!.items) {
    expect(sandbox.admin.customer(item.customerId)!.isStaging === true, item.customerId).toBe(item.outcome === 'changed');
  }
});
