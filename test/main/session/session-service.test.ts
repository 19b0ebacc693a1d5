/* SessionService against the real sandbox over HTTP, the real (private) OS keychain and
 * real settings files in a temp app-data folder. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import keytar from 'keytar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { EvoClient } from '../../../src/main/api/evo-client';
import { KEYCHAIN_SERVICE, Keychain, keychainAccount } from '../../../src/main/session/keychain';
import { SessionService, type ClientFactory } from '../../../src/main/session/session-service';
import { SettingsStore } from '../../../src/main/settings/settings-store';
import { AppError } from '../../../src/shared/errors';
import type { SessionState } from '../../../src/shared/session';
import { BROKEN_ENVS, childProcessKeytar } from '../../support/keyring-broken';

const PASSWORD = 'sandbox';
const ADMIN = 'admin@sandbox.test';
const MANAGER = 'manager@sandbox.test';
const NOROLE = 'norole@sandbox.test';

let sandbox: Sandbox;
let appDir: string;
let logLines: string[];
let clients: EvoClient[];

const logger = {
  info: (message: string, fields?: Record<string, unknown>) => logLines.push(JSON.stringify({ level: 'info', message, fields })),
  warn: (message: string, fields?: Record<string, unknown>) => logLines.push(JSON.stringify({ level: 'warn', message, fields })),
};

const createClient: ClientFactory = ({ baseUrl, onAuthRequired }) => {
  // Few, short retries: the offline test should not wait out the production backoff.
  const client = new EvoClient({ baseUrl, onAuthRequired, timeoutMs: 10_000, retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20 } });
  clients.push(client);
  return client;
};

function newService(keychain: Keychain = new Keychain({ logger })): SessionService {
  return new SessionService({ settings: new SettingsStore({ dir: appDir, logger }), keychain, createClient, logger });
}

const storedEntry = (email: string) => keytar.getPassword(KEYCHAIN_SERVICE, keychainAccount(email, sandbox.url));

/** Resolves when the state satisfies `predicate` (now or on a later change). */
function stateWhere(service: SessionService, predicate: (s: SessionState) => boolean): Promise<SessionState> {
  return new Promise((resolve) => {
    if (predicate(service.getState())) return resolve(service.getState());
    const off = service.onStateChange((s) => {
      if (predicate(s)) {
        off();
        resolve(s);
      }
    });
  });
}

/** A promise's outcome as a value, handled at once (a rejection is never "unhandled"). */
function settled<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

/** Every file under a folder, with its content. */
function filesUnder(dir: string): Array<{ file: string; content: string }> {
  const out: Array<{ file: string; content: string }> = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) out.push(...filesUnder(file));
    else out.push({ file, content: readFileSync(file, 'latin1') });
  }
  return out;
}

beforeEach(async () => {
  sandbox = await startSandbox({ port: 0 });
  appDir = mkdtempSync(path.join(tmpdir(), 'evo-session-'));
  new SettingsStore({ dir: appDir }).setSandboxUrl(sandbox.url);
  logLines = [];
  clients = [];
});

afterEach(async () => {
  for (const email of [ADMIN, MANAGER, NOROLE, 'max.manager@corp.test']) await keytar.deletePassword(KEYCHAIN_SERVICE, keychainAccount(email, sandbox.url));
  await sandbox.close();
  rmSync(appDir, { recursive: true, force: true });
});

describe('SessionService sign-in', () => {
  it('signs a single-account user straight in and keeps the session in the keychain', async () => {
    const service = newService();
    await service.restoreSession();
    await service.selectProfile('sandbox');
    const state = await service.signIn({ email: MANAGER, password: PASSWORD, rememberMe: true });

    expect(state).toMatchObject({
      status: 'signedIn',
      profile: { id: 'sandbox', label: 'Local sandbox', url: sandbox.url, kind: 'sandbox' },
      user: { email: MANAGER, name: 'Max Manager', roles: ['Manager'] },
      accounts: [{ id: sandbox.fixtures.managerAccountId }],
      activeAccountId: sandbox.fixtures.managerAccountId,
      rememberMe: true,
      keychain: { available: true },
    });
    expect(service.activeAccountId()).toBe(sandbox.fixtures.managerAccountId);

    const stored = JSON.parse((await storedEntry(MANAGER))!) as { cookies: Record<string, string> };
    expect(stored.cookies['ss-id']).toBe(service.client().sessionCookies()['ss-id']);
    expect(Object.keys(stored.cookies)).toEqual(expect.arrayContaining(['ss-id', 'ss-pid', 'ss-opt']));
    expect(JSON.stringify(stored)).not.toContain(PASSWORD);

    const page = await service.client().listCustomers({ accountIds: [service.activeAccountId()], countPerPage: 5 });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((c) => c.accountId === sandbox.fixtures.managerAccountId)).toBe(true);
  });

  it('lets a multi-account user choose the active account', async () => {
    const service = newService();
    await service.selectProfile('sandbox');
    const state = await service.signIn({ email: ADMIN, password: PASSWORD, rememberMe: true });
    expect(state.status).toBe('chooseAccount');
    expect(state.accounts.map((a) => a.id).sort()).toEqual(sandbox.fixtures.accounts.map((a) => a.id).sort());
    expect(state.accounts.every((a) => a.name !== '')).toBe(true);
    expect(state.activeAccountId).toBeNull();
    expect(() => service.activeAccountId()).toThrow(/Choose the account/);
    expect(() => service.selectAccount('no-such-account')).toThrow(AppError);

    const chosen = sandbox.fixtures.otherAccountId;
    expect(service.selectAccount(chosen)).toMatchObject({ status: 'signedIn', activeAccountId: chosen });
    expect(new SettingsStore({ dir: appDir }).lastAccountId('sandbox', ADMIN)).toBe(chosen);
  });

  it('refuses a user with none of the console roles, clearly, and keeps nothing', async () => {
    const service = newService();
    await service.selectProfile('sandbox');
    const error = await service.signIn({ email: NOROLE, password: PASSWORD, rememberMe: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('Forbidden');
    expect((error as AppError).message).toBe(
      'norole@sandbox.test has none of the roles the console needs (SystemAdministrator, Manager, Customer, or Admin). Ask an Evo Voice administrator to grant one.',
    );
    expect(service.getState()).toMatchObject({ status: 'signedOut', user: null, email: NOROLE });
    expect(await storedEntry(NOROLE)).toBeNull();
  });

  it('will not sign in to another server while signed in (sign out first)', async () => {
    const service = newService();
    await service.selectProfile('sandbox');
    await service.signIn({ email: MANAGER, password: PASSWORD, rememberMe: false });
    const custom = new SettingsStore({ dir: appDir }).addCustomProfile('Other', 'https://other.invalid');
    await expect(service.signIn({ profileId: custom.id, email: MANAGER, password: PASSWORD, rememberMe: false })).rejects.toMatchObject({ kind: 'Conflict' });
    await expect(service.selectProfile(custom.id)).rejects.toMatchObject({ kind: 'Conflict' });
    expect(service.getState()).toMatchObject({ status: 'signedIn', profile: { id: 'sandbox' } });
  });

  it('wrong password: a clear AuthRequired error, still signed out', async () => {
    const service = newService();
    await service.selectProfile('sandbox');
    await expect(service.signIn({ email: MANAGER, password: 'wrong', rememberMe: true })).rejects.toMatchObject({ kind: 'AuthRequired' });
    expect(service.getState().status).toBe('signedOut');
    expect(await storedEntry(MANAGER)).toBeNull();
  });

  it('remember me off: the session lives in memory only (and an older remembered one is forgotten)', async () => {
    const first = newService();
    await first.selectProfile('sandbox');
    await first.signIn({ email: MANAGER, password: PASSWORD, rememberMe: true });
    expect(await storedEntry(MANAGER)).not.toBeNull();
    await first.signOut();

    const service = newService();
    await service.restoreSession();
    const state = await service.signIn({ email: MANAGER, password: PASSWORD, rememberMe: false });
    expect(state).toMatchObject({ status: 'signedIn', rememberMe: false });
    expect(await storedEntry(MANAGER)).toBeNull();
    await expect(service.client().getCustomer(sandbox.fixtures.chainIds[0]!)).resolves.toMatchObject({ id: sandbox.fixtures.chainIds[0] });

    // A restart finds nothing to resume.
    const restarted = await newService().restoreSession();
    expect(restarted).toMatchObject({ status: 'signedOut', email: MANAGER, profile: { id: 'sandbox' } });
  });
});

describe('SessionService across restarts', () => {
  it('resumes the saved session and the active account after a restart', async () => {
    const first = newService();
    await first.selectProfile('sandbox');
    await first.signIn({ email: ADMIN, password: PASSWORD, rememberMe: true });
    first.selectAccount(sandbox.fixtures.otherAccountId);

    // "Restart": new settings store, keychain and service on the same folder and keyring.
    const service = newService();
    const state = await service.restoreSession();
    expect(state).toMatchObject({
      status: 'signedIn',
      verified: true,
      profile: { id: 'sandbox' },
      user: { email: ADMIN, roles: ['SystemAdministrator'] },
      activeAccountId: sandbox.fixtures.otherAccountId,
    });
    const customer = await service.client().getCustomer(sandbox.fixtures.otherAccountCustomerId);
    expect(customer.accountId).toBe(sandbox.fixtures.otherAccountId);
  });

  it('an expired saved session asks for sign-in with profile and email prefilled, and is dropped', async () => {
    const first = newService();
    await first.selectProfile('sandbox');
    await first.signIn({ email: MANAGER, password: PASSWORD, rememberMe: true });
    expect(sandbox.admin.expireSessions()).toBeGreaterThan(0);

    const state = await newService().restoreSession();
    expect(state).toMatchObject({ status: 'signInRequired', email: MANAGER, profile: { id: 'sandbox', url: sandbox.url }, user: null });
    expect(state.message).toMatch(/expired/);
    expect(await storedEntry(MANAGER)).toBeNull();
  });
});

describe('SessionService starting while the server is unreachable', () => {
  it('resumes the saved session unverified with the last known user and account', async () => {
    const first = newService();
    await first.selectProfile('sandbox');
    await first.signIn({ email: ADMIN, password: PASSWORD, rememberMe: true });
    first.selectAccount(sandbox.fixtures.managerAccountId);
    await sandbox.admin.down();

    const service = newService();
    const state = await service.restoreSession();
    expect(state).toMatchObject({
      status: 'signedIn',
      verified: false,
      user: { email: ADMIN, name: 'Ada Admin', roles: ['SystemAdministrator'] },
      activeAccountId: sandbox.fixtures.managerAccountId,
    });
    expect(state.accounts).toHaveLength(sandbox.fixtures.accounts.length);
    expect(state.message).toMatch(/did not answer/);
    expect(await storedEntry(ADMIN)).not.toBeNull();

    // Back online, the resumed session just works.
    await sandbox.admin.up();
    await expect(service.client().getCustomer(sandbox.fixtures.chainIds[0]!)).resolves.toMatchObject({ id: sandbox.fixtures.chainIds[0] });
  });
});

describe('SessionService when the session ends mid-work', () => {
  async function signedInAdmin(accountId: string) {
    const service = newService();
    await service.selectProfile('sandbox');
    await service.signIn({ email: ADMIN, password: PASSWORD, rememberMe: true });
    service.selectAccount(accountId);
    return service;
  }

  it('waits for the same user to sign in again, then completes the interrupted call on the same account', async () => {
    const account = sandbox.fixtures.otherAccountId;
    const service = await signedInAdmin(account);
    const customerId = sandbox.fixtures.otherAccountCustomerId;
    sandbox.admin.expireSessions();

    const interrupted = service.client().getCustomer(customerId);
    const waiting = await stateWhere(service, (s) => s.status === 'signInRequired');
    expect(waiting).toMatchObject({ interruptedWork: true, email: ADMIN, profile: { id: 'sandbox' }, activeAccountId: account });
    expect(waiting.message).toMatch(/Sign in again as admin@sandbox.test/);

    const state = await service.signIn({ email: ADMIN, password: PASSWORD, rememberMe: true });
    expect(state).toMatchObject({ status: 'signedIn', activeAccountId: account, interruptedWork: false });
    const customer = await interrupted;
    expect(customer).toMatchObject({ id: customerId, accountId: account, name: sandbox.admin.customer(customerId)!.name });
    // The fresh session is the one remembered.
    const stored = JSON.parse((await storedEntry(ADMIN))!) as { cookies: Record<string, string> };
    expect(stored.cookies['ss-id']).toBe(service.client().sessionCookies()['ss-id']);
  });

  it('interrupted calls give up on sign-out', async () => {
    const service = await signedInAdmin(sandbox.fixtures.managerAccountId);
    sandbox.admin.expireSessions();
    const interrupted = settled(service.client().getCustomer(sandbox.fixtures.chainIds[0]!));
    await stateWhere(service, (s) => s.status === 'signInRequired');
    await service.signOut();
    expect(await interrupted).toMatchObject({ error: { kind: 'AuthRequired' } });
    expect(service.getState()).toMatchObject({ status: 'signedOut', interruptedWork: false, email: ADMIN });
  });

  it('interrupted calls give up on cancel', async () => {
    const service = await signedInAdmin(sandbox.fixtures.managerAccountId);
    sandbox.admin.expireSessions();
    const interrupted = settled(service.client().getCustomer(sandbox.fixtures.chainIds[0]!));
    await stateWhere(service, (s) => s.status === 'signInRequired');
    await service.cancelSignIn();
    expect(await interrupted).toMatchObject({ error: { kind: 'AuthRequired' } });
    expect(service.getState().status).toBe('signedOut');
    expect(await storedEntry(ADMIN)).toBeNull();
  });

  it('interrupted calls give up when a different user signs in', async () => {
    const service = await signedInAdmin(sandbox.fixtures.managerAccountId);
    sandbox.admin.expireSessions();
    const interrupted = settled(service.client().getCustomer(sandbox.fixtures.chainIds[0]!));
    await stateWhere(service, (s) => s.status === 'signInRequired');
    const state = await service.signIn({ email: MANAGER, password: PASSWORD, rememberMe: true });
    // The client gives up with the original 401 error.
    expect(await interrupted).toMatchObject({ error: { kind: 'AuthRequired', status: 401 } });
    expect(state).toMatchObject({ status: 'signedIn', user: { email: MANAGER } });
  });
});

describe('SessionService sign-out', () => {
  it('logs out on the server and deletes the keychain entry', async () => {
    const service = newService();
    await service.selectProfile('sandbox');
    await service.signIn({ email: MANAGER, password: PASSWORD, rememberMe: true });
    const oldCookies = service.client().sessionCookies();
    expect(await storedEntry(MANAGER)).not.toBeNull();

    const state = await service.signOut();
    expect(state).toMatchObject({ status: 'signedOut', user: null, accounts: [], activeAccountId: null, email: MANAGER });
    expect(await storedEntry(MANAGER)).toBeNull();
    expect(() => service.client()).toThrow(/Not signed in/);

    // The server forgot the session too: the old cookies no longer work.
    const probe = new EvoClient({ baseUrl: sandbox.url });
    probe.restoreSession(oldCookies);
    await expect(probe.authStatus()).rejects.toMatchObject({ kind: 'AuthRequired' });
  });
});

describe('SessionService keychain key', () => {
  /** Every entry of this test run's server in the keychain. */
  const entries = async () => (await keytar.findCredentials(KEYCHAIN_SERVICE)).map((c) => c.account).filter((a) => a.endsWith(`@${sandbox.url}`));

  it('what was typed (other case, spaces) and the server’s email are one key: saved, restored and removed alike', async () => {
    const service = newService();
    await service.selectProfile('sandbox');
    await service.signIn({ email: ' Manager@Sandbox.TEST ', password: PASSWORD, rememberMe: true });
    expect(await entries()).toEqual([keychainAccount(MANAGER, sandbox.url)]);
    expect(await newService().restoreSession()).toMatchObject({ status: 'signedIn', user: { email: MANAGER } });
    await service.signOut();
    expect(await entries()).toEqual([]);
  });

  it('when the server reports another email than the one typed, the entry is under the server’s and sign-out removes it', async () => {
    // The sandbox answers with the email as typed; a server that knows the user by another
    // address (an alias, a user name) is the fault this test needs, so the reply is rewritten.
    const canonical = 'max.manager@corp.test';
    const factory: ClientFactory = (options) => {
      const client = createClient(options);
      const authStatus = client.authStatus.bind(client);
      client.authStatus = async (...args) => ({ ...(await authStatus(...args)), emailAddress: canonical });
      return client;
    };
    const newCanonicalService = () => new SessionService({ settings: new SettingsStore({ dir: appDir, logger }), keychain: new Keychain({ logger }), createClient: factory, logger });
    const service = newCanonicalService();
    await service.selectProfile('sandbox');
    await service.signIn({ email: MANAGER, password: PASSWORD, rememberMe: true });
    expect(await entries()).toEqual([keychainAccount(canonical, sandbox.url)]);

    const restarted = newCanonicalService();
    expect(await restarted.restoreSession()).toMatchObject({ status: 'signedIn', user: { email: canonical } });
    await restarted.signOut();
    expect(await entries()).toEqual([]);
  });
});

describe('SessionService without an OS keychain', () => {
  it('signs in with the session in memory only, says why, and writes nothing', async () => {
    const broken = childProcessKeytar(BROKEN_ENVS.busPointsNowhere);
    const service = newService(new Keychain({ keytar: broken, logger }));
    const started = await service.restoreSession();
    expect(started.keychain).toEqual({
      available: false,
      message: 'No OS keychain is available (the D-Bus session cannot be reached), so you will need to sign in again after restarting.',
    });
    await service.selectProfile('sandbox');
    const state = await service.signIn({ email: MANAGER, password: PASSWORD, rememberMe: true });
    expect(state).toMatchObject({ status: 'signedIn', keychain: { available: false } });
    expect(state.keychain.message).toMatch(/^No OS keychain is available/);
    const sid = service.client().sessionCookies()['ss-id']!;
    await expect(service.client().getCustomer(sandbox.fixtures.chainIds[0]!)).resolves.toMatchObject({ id: sandbox.fixtures.chainIds[0] });

    // The keychain was really asked (and failed) …
    expect(broken.calls.some((c) => c.op === 'setPassword')).toBe(true);
    // … and there is no fallback: not in the working keyring, not in any file.
    expect(await storedEntry(MANAGER)).toBeNull();
    for (const { file, content } of filesUnder(appDir)) expect(content, file).not.toContain(sid);
  });
});

describe('secrets never leak', () => {
  it('the session cookie is in no file, log line or state after a full session', async () => {
    const states: string[] = [];
    const service = newService();
    service.onStateChange((s) => states.push(JSON.stringify(s)));
    await service.restoreSession();
    await service.selectProfile('sandbox');
    await service.signIn({ email: ADMIN, password: PASSWORD, rememberMe: true });
    const secrets = Object.values(service.client().sessionCookies()).filter((v) => v.length >= 8);
    expect(secrets.length).toBeGreaterThanOrEqual(2); // ss-id and ss-pid

    service.selectAccount(sandbox.fixtures.managerAccountId);
    const page = await service.client().listCustomers({ accountIds: [service.activeAccountId()], countPerPage: 10 });
    const target = page.items[0]!;
    await service.client().setStaging(target.id, !target.isStaging);
    await service.client().setStaging(target.id, target.isStaging ?? false);
    await service.client().getCustomer(sandbox.fixtures.chainIds[1]!);
    // A failing call too (errors are where secrets like to hide).
    await service.client().getCustomer(sandbox.fixtures.otherAccountCustomerId).catch(() => undefined);
    states.push(JSON.stringify(service.getState()));
    await service.signOut();
    states.push(JSON.stringify(service.getState()));

    const files = filesUnder(appDir);
    expect(files.map((f) => path.basename(f.file))).toContain('settings.json');
    for (const secret of secrets) {
      for (const { file, content } of files) expect(content, file).not.toContain(secret);
      for (const line of logLines) expect(line).not.toContain(secret);
      for (const state of states) expect(state).not.toContain(secret);
    }
    expect(logLines.length).toBeGreaterThan(0);
  });
});
