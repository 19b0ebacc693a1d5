/* The whole customer stack as the app, the CLI, the harness and the bench build it
 * (createAppServices), against a sandbox answering as a real ServiceStack deployment may:
 * sign-in with values the console does not know, an /auth/status that confirms nothing, one
 * unreadable customer in a 301-customer subtree (listed, planned, synced: named, never blocking),
 * a record without isStaging, and TestSchedule sent the schedule that applies. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import type { AnswerOverride } from '../../../sandbox/types';
import { createAppServices, type AppServices, type AppServicesOptions } from '../../../src/main/app-services';
import { evaluateSchedule } from '../../../src/shared/schedule';
import { exactPath, jsonAnswer, pagedCustomers } from '../api/helpers';

const MANAGER = 'manager@sandbox.test';
let sandbox: Sandbox;
let open: AppServices[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 13, quiet: true });
});
afterAll(async () => {
  await sandbox?.close();
});
beforeEach(() => {
  sandbox.admin.clearFaults();
  sandbox.admin.reset();
});
afterEach(() => {
  for (const app of open) app.close();
  open = [];
});

const newDataDir = () => mkdtempSync(path.join(tmpdir(), 'evo-real-server-'));
const override = (...answers: AnswerOverride[]) => sandbox.admin.setFaults({ answerOverrides: answers });

function app(dataDir: string, extra: Partial<AppServicesOptions> = {}): AppServices {
  const services = createAppServices({ dataDir, host: 'harness', appVersion: '0.0.0-test', checkSender: () => null, sandboxUrl: sandbox.url, client: { retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 } }, ...extra });
  open.push(services);
  return services;
}

async function signedIn(dataDir = newDataDir(), rememberMe = false): Promise<AppServices> {
  const services = app(dataDir);
  const state = await services.session.signIn({ profileId: 'sandbox', email: MANAGER, password: 'sandbox', rememberMe });
  expect(state.status).toBe('signedIn');
  return services;
}

const userInfo = (extra: Record<string, unknown>) => ({
  id: 'u-manager',
  isAuthenticated: true,
  emailAddress: MANAGER,
  name: 'Max Manager',
  accountIds: [sandbox.fixtures.managerAccountId],
  accountNames: ['Northwind Telecom'],
  ...extra,
});

describe('sign-in', () => {
  it('works when /auth/status lists a permission the console does not know, and ServiceStack’s Admin role is enough', async () => {
    override(jsonAnswer(exactPath('/auth/status'), userInfo({ roles: ['Admin'], dashboardPermissions: ['ViewFiles', 'ViewTheFuture'] }), { method: 'GET' }));
    const services = app(newDataDir());
    const state = await services.session.signIn({ profileId: 'sandbox', email: MANAGER, password: 'sandbox', rememberMe: false });
    expect(state).toMatchObject({ status: 'signedIn', user: { roles: ['Admin'] }, activeAccountId: sandbox.fixtures.managerAccountId });
  });

  it('a saved session is kept when /auth/status answers with an HTML page (not "signed out"), and used again once it answers properly', async () => {
    const dataDir = newDataDir();
    (await signedIn(dataDir, true)).close();

    override({ method: 'GET', path: exactPath('/auth/status'), body: '<html><body>Please wait while we check your browser</body></html>' });
    const unconfirmed = await app(dataDir).session.restoreSession();
    expect(unconfirmed).toMatchObject({ status: 'signedIn', verified: false });
    expect(unconfirmed.message).toMatch(/did not confirm the saved session \(.*HTML page instead of JSON.*\), so the saved session was resumed without checking it/);

    // The keychain entry survived: with a proper answer the saved session is confirmed.
    sandbox.admin.clearFaults();
    const confirmed = await app(dataDir).session.restoreSession();
    expect(confirmed).toMatchObject({ status: 'signedIn', verified: true });
  });

  it('a JSON answer without isAuthenticated: true confirms nothing either; a JSON null is "signed out" and ends the saved session', async () => {
    const dataDir = newDataDir();
    (await signedIn(dataDir, true)).close();
    override(jsonAnswer(exactPath('/auth/status'), { responseStatus: {} }, { method: 'GET' }));
    expect(await app(dataDir).session.restoreSession()).toMatchObject({ status: 'signedIn', verified: false });

    override(jsonAnswer(exactPath('/auth/status'), 'null', { method: 'GET' }));
    const ended = await app(dataDir).session.restoreSession();
    expect(ended).toMatchObject({ status: 'signInRequired' });
    expect(ended.message).toMatch(/has expired/);
    sandbox.admin.clearFaults();
    expect((await app(dataDir).session.restoreSession()).status).toBe('signedOut'); // the entry is gone
  });
});

describe('closing the app', () => {
  it('ends the requests still running, so a 401 they meet afterwards cannot remove the saved session', async () => {
    const dataDir = newDataDir();
    const first = await signedIn(dataDir, true);
    sandbox.admin.setFaults({ latencyMs: 300 });
    const download = first.workspaces.current().customers.syncSubtree(null);
    first.close();
    sandbox.admin.expireSessions(MANAGER);
    await expect(download).rejects.toMatchObject({ kind: 'Cancelled' });
    sandbox.admin.clearFaults();
    // The entry is still in the keychain: the next start finds it and learns it has expired.
    const next = await app(dataDir).session.restoreSession();
    expect(next).toMatchObject({ status: 'signInRequired', email: MANAGER });
    expect(next.message).toMatch(/has expired/);
  });
});

describe('one unreadable customer among 301', () => {
  const BAD = 'bad-0301';
  function serveSubtreeWithOneBadCustomer(): string[] {
    const { bigParentId } = sandbox.fixtures;
    const children = sandbox.admin.customers().filter((c) => c.parentCustomerId === bigParentId);
    const items: unknown[] = [...children];
    items.splice(120, 0, { id: BAD, name: 'Broken Record', isStaging: 'yes', parentCustomerId: bigParentId, accountId: sandbox.fixtures.managerAccountId });
    override(...pagedCustomers(`parentCustomerIds=${bigParentId}`, items, 100), jsonAnswer(exactPath(`/customers/${BAD}`), items[120], { method: 'GET' }));
    return children.map((c) => c.id);
  }

  it('the list shows the other 300, and a notice names the bad one', async () => {
    const good = serveSubtreeWithOneBadCustomer();
    const services = await signedIn();
    const { customers } = services.workspaces.current();
    const shown: string[] = [];
    // 301 sent, so four pages of 100; the one that cannot be read is simply not among them.
    for (let page = 0, total = 1; page * 100 < total; page++) {
      const result = await customers.children(sandbox.fixtures.bigParentId, { page, pageSize: 100 });
      total = result.total;
      shown.push(...result.items.map((c) => c.id));
    }
    expect(shown.sort()).toEqual([...good].sort());
    const notices = services.notices.list().map((n) => n.message);
    expect(notices).toEqual([
      `While listing customers, one item could not be read and was set aside (the rest was read as usual): customer ${BAD} (isStaging: expected boolean (got string)).`,
    ]);
  });

  it('a plan of the subtree counts it as unreadable and leaves it out of the change; the 300 others are planned', async () => {
    const good = serveSubtreeWithOneBadCustomer();
    const services = await signedIn();
    const plan = await services.workspaces.bulk.plan({ subtreeRootIds: [sandbox.fixtures.bigParentId], target: 'staging' });
    const planned = [...plan.toChange, ...plan.alreadyInState].map((i) => i.customerId);
    expect(planned.sort()).toEqual([sandbox.fixtures.bigParentId, ...good].sort());
    expect(plan.unreadable).toEqual([{ customerId: BAD, reason: { kind: 'InvalidResponse', message: expect.stringContaining('isStaging') } }]);
    expect(plan.counts).toMatchObject({ unreadable: 1, total: 302, notAccessible: 0 });
    expect(plan.toChange.map((i) => i.customerId)).not.toContain(BAD);
    expect(services.notices.list().map((n) => n.message).join(' ')).toContain(BAD);
  });

  it('"make available offline" of the subtree finishes, stores the 300, and counts the one it could not read', async () => {
    const good = serveSubtreeWithOneBadCustomer();
    const services = await signedIn();
    const { customers, cache } = services.workspaces.current();
    const result = await customers.syncSubtree(sandbox.fixtures.bigParentId);
    expect(result).toMatchObject({ count: 301, unreadable: 1 });
    expect(cache.children(sandbox.fixtures.bigParentId, { limit: 1000 }).items.map((i) => i.customer.id).sort()).toEqual([...good].sort());
  });
});

describe('a record without isStaging', () => {
  it('reads as production in the customer view and in a plan', async () => {
    const id = sandbox.fixtures.chainIds[3] as string;
    const raw = { ...sandbox.admin.customer(id) } as Record<string, unknown>;
    delete raw['isStaging'];
    override(jsonAnswer(exactPath(`/customers/${id}`), raw, { method: 'GET' }), jsonAnswer(`^/customers\\?(?=.*specificIds=${id})`, { items: [raw], totalCount: 1, hasMorePages: false }, { method: 'GET' }));
    const services = await signedIn();
    expect((await services.workspaces.current().customers.get(id)).customer.isStaging).toBe(false);
    const plan = await services.workspaces.bulk.plan({ customerIds: [id], target: 'production' });
    expect(plan.alreadyInState.map((i) => [i.customerId, i.isStaging])).toEqual([[id, false]]);
  });
});

describe('state now (TestSchedule)', () => {
  it('asks the server about the schedule the console shows: its own, or the inherited one when it inherits', async () => {
    const services = await signedIn();
    const { customers } = services.workspaces.current();
    const at = '2026-06-01T12:00:00.000Z';

    const own = sandbox.fixtures.chainIds[0] as string;
    const shown = { ...sandbox.admin.customer(own), schedule: { timeZoneId: 'UTC', defaultState: 'As Shown', rules: [] } };
    override(jsonAnswer(exactPath(`/customers/${own}`), shown, { method: 'GET' }));
    await customers.get(own);
    expect((await customers.testSchedule(own, at)).stateName).toBe('As Shown');

    sandbox.admin.clearFaults();
    const heir = sandbox.fixtures.inheritCustomerId;
    await customers.get(heir);
    const inherited = (await customers.inheritedSchedule(heir)).schedule;
    expect(inherited).not.toBeNull();
    expect((await customers.testSchedule(heir, at)).stateName).toBe(evaluateSchedule(inherited ?? {}, new Date(at)).stateName);
  });
});
