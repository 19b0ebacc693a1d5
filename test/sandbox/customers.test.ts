import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccountInfo, CustomerInfo, ListResponse, Schedule, SystemSettingsInfo, TestScheduleResponse } from '../../sandbox/wire';
import { TAG_COLORS } from '../../sandbox/wire';
import { EVO_ASSUMPTIONS } from '../../src/shared/evo/assumptions';
import { evaluateSchedule } from '../../src/shared/schedule/evaluate';
import type { RawCustomer, Sandbox } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';
import type { FetchClient } from './helpers';
import { ADMIN, MANAGER, query, signedIn } from './helpers';

type List = ListResponse<CustomerInfo>;
type ErrorBody = { responseStatus: { errorCode: string; message: string; errors: { fieldName: string; errorCode: string }[] } };

let sandbox: Sandbox;
let admin: FetchClient;
let manager: FetchClient;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 11 });
  admin = await signedIn(sandbox, ADMIN);
  manager = await signedIn(sandbox, MANAGER);
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.admin.reset());

const ids = (list: List) => (list.items ?? []).map((c) => c.id);
const byNameThenId = (a: RawCustomer, b: RawCustomer) =>
  (a.name ?? '') < (b.name ?? '') ? -1 : (a.name ?? '') > (b.name ?? '') ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

describe('GET /customers', () => {
  it('defaults: page 0, 25 per page, totals, restricted to the user’s accounts', async () => {
    const res = await manager.get<List>('/customers');
    expect(res.status).toBe(200);
    const mine = sandbox.admin.customers().filter((c) => c.accountId === sandbox.fixtures.managerAccountId);
    expect(res.body.items).toHaveLength(EVO_ASSUMPTIONS.defaultCountPerPage);
    expect(res.body.totalCount).toBe(mine.length);
    expect(res.body.totalPages).toBe(Math.ceil(mine.length / 25));
    expect(res.body.hasMorePages).toBe(true);
    expect(ids(res.body)).toEqual(mine.sort(byNameThenId).slice(0, 25).map((c) => c.id));
  });

  it('accountIds outside the user’s accounts match nothing; admin sees every account', async () => {
    const other = await manager.get<List>(`/customers${query({ accountIds: sandbox.fixtures.otherAccountId })}`);
    expect(other.body.totalCount).toBe(0);
    const all = await admin.get<List>('/customers?countPerPage=1');
    expect(all.body.totalCount).toBe(sandbox.fixtures.customerCount);
  });

  it('accountIds comma-separated and as repeated keys give the same result', async () => {
    const [a, b] = sandbox.fixtures.accounts;
    const comma = await admin.get<List>(`/customers?accountIds=${a?.id},${b?.id}&all=true`);
    const repeated = await admin.get<List>(`/customers${query({ accountIds: [a?.id as string, b?.id as string], all: true })}`);
    const expected = sandbox.admin.customers().filter((c) => c.accountId === a?.id || c.accountId === b?.id).length;
    expect(comma.body.totalCount).toBe(expected);
    expect(ids(repeated.body)).toEqual(ids(comma.body));
  });

  it('parentCustomerIds is deep by default and direct children with shallowParent', async () => {
    const f = sandbox.fixtures;
    const shallow = await admin.get<List>(`/customers${query({ parentCustomerIds: f.bigParentId, shallowParent: true, countPerPage: 100 })}`);
    expect(shallow.body.totalCount).toBe(f.bigParentChildCount);
    expect(shallow.body.totalPages).toBe(3);
    expect(shallow.body.items?.every((c) => c.parentCustomerId === f.bigParentId)).toBe(true);
    const deep = await admin.get<List>(`/customers${query({ parentCustomerIds: f.bigParentId, all: true })}`);
    expect(deep.body.totalCount).toBe(f.bigParentDescendantCount);
    expect(deep.body.totalCount).toBeGreaterThan(f.bigParentChildCount);
    expect(ids(deep.body)).not.toContain(f.bigParentId);
    const subtree = await admin.get<List>(`/customers${query({ parentCustomerIds: f.subtree200Id, all: true })}`);
    expect(subtree.body.totalCount).toBe(199); // + the root itself = 200
  });

  it('several parents (comma and repeated) union their children', async () => {
    const [root, second] = sandbox.fixtures.chainIds;
    const res = await admin.get<List>(`/customers?parentCustomerIds=${root},${second}&all=true`);
    const repeated = await admin.get<List>(`/customers?parentCustomerIds=${root}&parentCustomerIds=${second}&all=true`);
    expect(res.body.totalCount).toBe(4); // chain levels 1..4, no duplicates
    expect(ids(repeated.body).sort()).toEqual(ids(res.body).sort());
  });

  it('tagIds is all-of', async () => {
    const { tagIds, accountId } = sandbox.fixtures.tagFilter;
    const [one, two] = tagIds;
    const has = (c: RawCustomer, tag: string) => (c.tags ?? []).some((t) => t.id === tag);
    const mine = sandbox.admin.customers().filter((c) => c.accountId === accountId);
    const both = await admin.get<List>(`/customers?tagIds=${one},${two}&all=true`);
    const onlyOne = await admin.get<List>(`/customers?tagIds=${one}&all=true`);
    expect(both.body.totalCount).toBe(mine.filter((c) => has(c, one) && has(c, two)).length);
    expect(both.body.totalCount).toBeGreaterThanOrEqual(5);
    expect(onlyOne.body.totalCount).toBeGreaterThan(both.body.totalCount ?? 0);
    expect(ids(both.body)).toEqual(expect.arrayContaining(sandbox.fixtures.chainIds));
    const none = await admin.get<List>(`/customers?tagIds=${sandbox.fixtures.unusedTagId}`);
    expect(none.body).toEqual({ items: [], totalCount: 0, totalPages: 0, hasMorePages: false });
  });

  it('specificIds restricts to those ids (and still to the user’s accounts)', async () => {
    const f = sandbox.fixtures;
    const wanted = [f.chainIds[4] as string, f.subtree200Id, f.otherAccountCustomerId];
    const res = await manager.get<List>(`/customers?specificIds=${wanted.join(',')}`);
    expect(ids(res.body).sort()).toEqual([f.chainIds[4], f.subtree200Id].sort());
  });

  it('nameFilter is a case-insensitive contains', async () => {
    const res = await admin.get<List>('/customers?nameFilter=bIG pArEnt');
    expect(ids(res.body)).toContain(sandbox.fixtures.bigParentId);
    expect(res.body.items?.every((c) => c.name?.toLowerCase().includes('big parent'))).toBe(true);
  });

  it('sorts by a field in both directions', async () => {
    const path = (order: string) => `/customers${query({ parentCustomerIds: sandbox.fixtures.subtree200Id, sortField: 'dateCreated', sortOrder: order, all: true })}`;
    const up = (await admin.get<List>(path('Ascend'))).body.items ?? [];
    const down = (await admin.get<List>(path('Descend'))).body.items ?? [];
    const dates = up.map((c) => c.dateCreated as string);
    expect(dates).toEqual([...dates].sort());
    expect(down.map((c) => c.id)).toEqual(up.map((c) => c.id).reverse());
    const badOrder = await admin.get<ErrorBody>('/customers?sortOrder=Sideways');
    expect(badOrder.status).toBe(400);
  });

  it('pages with simplifiedPaging until items come back empty, covering every match once', async () => {
    const seen: string[] = [];
    let page = 0;
    for (;;) {
      const res = await admin.get<List>(`/customers${query({ parentCustomerIds: sandbox.fixtures.bigParentId, shallowParent: true, simplifiedPaging: true, countPerPage: 64, page })}`);
      expect(res.body.totalCount).toBe(EVO_ASSUMPTIONS.simplifiedPagingTotals);
      expect(res.body.totalPages).toBe(EVO_ASSUMPTIONS.simplifiedPagingTotals);
      if ((res.body.items ?? []).length === 0) {
        expect(res.body.hasMorePages).toBe(false);
        break;
      }
      seen.push(...ids(res.body).map(String));
      expect(res.body.hasMorePages).toBe(seen.length < sandbox.fixtures.bigParentChildCount);
      page++;
    }
    expect(new Set(seen).size).toBe(sandbox.fixtures.bigParentChildCount);
    expect(page).toBe(Math.ceil(sandbox.fixtures.bigParentChildCount / 64));
  });

  it('all=true returns every match in one response', async () => {
    const res = await admin.get<List>(`/customers?parentCustomerIds=${sandbox.fixtures.bigParentId}&shallowParent=true&all=true&countPerPage=5`);
    expect(res.body.items).toHaveLength(sandbox.fixtures.bigParentChildCount);
    expect(res.body).toMatchObject({ totalCount: sandbox.fixtures.bigParentChildCount, totalPages: 1, hasMorePages: false });
  });

  it('query keys bind case-insensitively; bad numbers and booleans → 400 with the field', async () => {
    const res = await admin.get<List>('/customers?CountPerPage=3&PAGE=1');
    expect(res.body.items).toHaveLength(3);
    const bad = await admin.get<ErrorBody>('/customers?page=-1');
    expect(bad.status).toBe(400);
    expect(bad.body.responseStatus.errors[0]?.fieldName).toBe('Page');
    expect((await admin.get('/customers?all=maybe')).status).toBe(400);
  });

  it('every CustomerInfo field is populated, breadcrumb root first without self, root parent as assumed', async () => {
    const f = sandbox.fixtures;
    const leaf = (await admin.get<CustomerInfo>(`/customers/${f.chainIds[4]}`)).body;
    for (const field of ['id', 'dateCreated', 'dateLastModified', 'createdBy', 'lastModifiedBy', 'accountId', 'parentCustomerId', 'breadcrumb', 'accountName', 'isStaging', 'name', 'referenceId', 'data', 'tags', 'schedule', 'integrationData', 'overrideBillingSettings', 'billingSettings', 'overrideAppSettings', 'appSettings']) {
      expect(leaf, field).toHaveProperty(field);
    }
    expect(leaf.breadcrumb?.map((b) => b.id)).toEqual(f.chainIds.slice(0, 4));
    const root = (await admin.get<CustomerInfo>(`/customers/${f.chainIds[0]}`)).body;
    expect(root.parentCustomerId).toBe(EVO_ASSUMPTIONS.rootParentCustomerId);
    expect(root.breadcrumb).toEqual([]);
  });
});

describe('GET /customers/{id}', () => {
  it('404 for an unknown id, 403 for another account’s customer', async () => {
    const unknown = await admin.get<ErrorBody>('/customers/000000000000000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.responseStatus.errorCode).toBe('NotFound');
    const foreign = await manager.get<ErrorBody>(`/customers/${sandbox.fixtures.otherAccountCustomerId}`);
    expect(foreign.status).toBe(EVO_ASSUMPTIONS.otherAccountStatus);
    expect((await admin.get(`/customers/${sandbox.fixtures.otherAccountCustomerId}`)).status).toBe(200);
  });

  it('serves hostile names unchanged', async () => {
    const h = sandbox.fixtures.hostile;
    const names = await Promise.all([h.imgTagId, h.scriptTagId, h.arabicId, h.hebrewId, h.emojiId, h.longNameId, ...h.duplicateIds].map(async (id) => (await manager.get<CustomerInfo>(`/customers/${encodeURIComponent(id)}`)).body.name));
    expect(names.slice(0, 2)).toEqual(['<img src=x onerror=alert(1)>', '<script>alert("x")</script>']);
    expect(names[2]).toMatch(/[\u0600-\u06FF]/);
    expect(names[3]).toMatch(/[\u0590-\u05FF]/);
    expect(names[4]).toMatch(/\p{Extended_Pictographic}/u);
    expect(names[5]).toHaveLength(200);
    expect(names[6]).toBe(names[7]);
  });
});

describe('POST /customers/{id}/staging', () => {
  it('updates isStaging, dateLastModified and lastModifiedBy, and logs the write', async () => {
    const id = sandbox.fixtures.chainIds[3] as string;
    const before = sandbox.admin.customer(id) as RawCustomer;
    const res = await manager.post<CustomerInfo>(`/customers/${id}/staging`, { isStaging: !before.isStaging });
    expect(res.status).toBe(200);
    expect(res.body.isStaging).toBe(!before.isStaging);
    expect(res.body.lastModifiedBy).toBe(MANAGER);
    expect(Date.parse(res.body.dateLastModified as string)).toBeGreaterThan(Date.parse(before.dateLastModified as string));
    expect((await manager.get<CustomerInfo>(`/customers/${id}`)).body.isStaging).toBe(!before.isStaging);
    const [write] = sandbox.admin.writes();
    expect(sandbox.admin.writes()).toHaveLength(1);
    expect(write).toMatchObject({ customerId: id, from: before.isStaging, to: !before.isStaging, user: MANAGER });
    expect(write?.sessionNo).toBeGreaterThan(0);
    expect(JSON.stringify(write)).not.toContain(manager.cookies.get('ss-id') as string);
  });

  it('does not cascade to children', async () => {
    const [parent, child] = sandbox.fixtures.chainIds as [string, string];
    const childBefore = sandbox.admin.customer(child)?.isStaging;
    await admin.post(`/customers/${parent}/staging`, { isStaging: true });
    expect(sandbox.admin.customer(child)?.isStaging).toBe(childBefore);
  });

  it('bad body → 400 with the field; nothing written', async () => {
    const id = sandbox.fixtures.chainIds[0] as string;
    for (const body of [{}, { isStaging: 'yes' }, { isStaging: 3 }]) {
      const res = await admin.post<ErrorBody>(`/customers/${id}/staging`, body);
      expect(res.status).toBe(400);
      expect(res.body.responseStatus.errors[0]?.fieldName).toBe('IsStaging');
    }
    const raw = await fetch(`${sandbox.url}/customers/${id}/staging`, { method: 'POST', headers: { cookie: admin.cookieHeader, 'content-type': 'application/json' }, body: '{not json' });
    expect(raw.status).toBe(400);
    expect(((await raw.json()) as ErrorBody).responseStatus.errorCode).toBe('SerializationException');
    expect(sandbox.admin.writes()).toEqual([]);
  });

  it('403 for another account, 404 for unknown', async () => {
    expect((await manager.post(`/customers/${sandbox.fixtures.otherAccountCustomerId}/staging`, { isStaging: true })).status).toBe(403);
    expect((await manager.post('/customers/nope/staging', { isStaging: true })).status).toBe(404);
    expect(sandbox.admin.writes()).toEqual([]);
  });

  it('admin reset returns to the seeded state and clears the write log', async () => {
    const id = sandbox.fixtures.chainIds[2] as string;
    const seeded = sandbox.admin.customer(id);
    await admin.post(`/customers/${id}/staging`, { isStaging: !seeded?.isStaging });
    const res = await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(sandbox.admin.customer(id)).toEqual(seeded);
    expect(sandbox.admin.writes()).toEqual([]);
  });
});

describe('schedules', () => {
  it('inherited-schedule is the nearest ancestor schedule that does not inherit', async () => {
    const f = sandbox.fixtures;
    expect(sandbox.admin.customer(f.inheritCustomerId)?.schedule?.inherit).toBe(true);
    const res = await manager.get<Schedule>(`/customers/${f.inheritCustomerId}/inherited-schedule`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(sandbox.admin.customer(f.chainIds[0] as string)?.schedule);
    expect(res.body.inherit).toBe(false);
  });

  it('test-schedule evaluates the saved schedule, the inherited one, and a schedule in the body', async () => {
    const f = sandbox.fixtures;
    const at = '2026-03-09T14:30:00Z';
    const own = sandbox.admin.customer(f.chainIds[0] as string)?.schedule as Schedule;
    const res = await manager.post<TestScheduleResponse>(`/customers/${f.chainIds[0]}/test-schedule`, { dateTime: at });
    const expected = evaluateSchedule(own, new Date(at));
    expect(res.body).toEqual({ stateName: expected.stateName, timeZoneId: expected.timeZoneId });

    const inherited = await manager.post<TestScheduleResponse>(`/customers/${f.inheritCustomerId}/test-schedule`, { dateTime: at });
    expect(inherited.body.stateName).toBe(expected.stateName);

    const closed = await manager.post<TestScheduleResponse>(`/customers/${f.forceClosedCustomerId}/test-schedule`, { dateTime: at });
    expect(closed.body.stateName).toBe(EVO_ASSUMPTIONS.forceClosedStateName);

    const custom: Schedule = { timeZoneId: 'Europe/London', inherit: false, forceClosed: false, defaultState: 'Custom Default', rules: [] };
    const body = await manager.post<TestScheduleResponse>(`/customers/${f.chainIds[0]}/test-schedule`, { dateTime: at, schedule: custom });
    expect(body.body).toEqual({ stateName: 'Custom Default', timeZoneId: 'Europe/London' });
    expect(sandbox.admin.writes()).toEqual([]);
  });

  it('test-schedule reads a dateTime without an offset as wall time in the schedule zone', async () => {
    const f = sandbox.fixtures;
    // The same clock reading means different instants with and without an offset.
    const london: Schedule = {
      timeZoneId: 'Europe/London',
      defaultState: 'Closed',
      rules: [{ id: 'day', state: 'Open', simpleRuleType: 'Time', frequency: 'Daily', startTime: '09:00', endTime: '17:00' }],
    };
    const wall = await manager.post<TestScheduleResponse>(`/customers/${f.chainIds[0]}/test-schedule`, { dateTime: '2026-07-01T10:00:00', schedule: london });
    expect(wall.body.stateName).toBe('Open');
    // 10:00 in UTC is 11:00 in London (BST): still open; 16:30Z is 17:30 BST: closed.
    const utc = await manager.post<TestScheduleResponse>(`/customers/${f.chainIds[0]}/test-schedule`, { dateTime: '2026-07-01T16:30:00Z', schedule: london });
    expect(utc.body.stateName).toBe('Closed');
    const wallLate = await manager.post<TestScheduleResponse>(`/customers/${f.chainIds[0]}/test-schedule`, { dateTime: '2026-07-01T16:30:00', schedule: london });
    expect(wallLate.body.stateName).toBe('Open');
  });

  it('test-schedule rejects an unreadable dateTime with 400', async () => {
    const res = await manager.post<ErrorBody>(`/customers/${sandbox.fixtures.chainIds[0]}/test-schedule`, { dateTime: 'next tuesday' });
    expect(res.status).toBe(400);
    expect(res.body.responseStatus.errors[0]?.fieldName).toBe('DateTime');
  });
});

describe('system settings and accounts', () => {
  it('GET /system/settings gives the account’s tag catalogue using all 11 colours; 403 outside your accounts', async () => {
    const res = await manager.get<SystemSettingsInfo>(`/system/settings?accountId=${sandbox.fixtures.managerAccountId}`);
    expect(res.status).toBe(200);
    expect(new Set(res.body.tags?.map((t) => t.color))).toEqual(new Set(TAG_COLORS));
    expect(res.body.tags?.map((t) => t.id)).toEqual(expect.arrayContaining(sandbox.fixtures.tagFilter.tagIds));
    expect((await manager.get(`/system/settings?accountId=${sandbox.fixtures.otherAccountId}`)).status).toBe(403);
    expect((await manager.get('/system/settings')).status).toBe(400);
  });

  it('GET /accounts lists only your accounts; GET /accounts/{id} 200/403/404', async () => {
    const mine = await manager.get<ListResponse<AccountInfo>>('/accounts');
    expect(mine.body.items?.map((a) => a.id)).toEqual([sandbox.fixtures.managerAccountId]);
    expect(mine.body.totalCount).toBe(1);
    const all = await admin.get<ListResponse<AccountInfo>>('/accounts?nameFilter=voice');
    expect(all.body.items?.map((a) => a.name)).toEqual(['Contoso Voice']);
    const one = await manager.get<AccountInfo>(`/accounts/${sandbox.fixtures.managerAccountId}`);
    expect(one.body).toMatchObject({ id: sandbox.fixtures.managerAccountId, name: 'Northwind Telecom' });
    expect((await manager.get(`/accounts/${sandbox.fixtures.otherAccountId}`)).status).toBe(403);
    expect((await admin.get('/accounts/unknown')).status).toBe(404);
  });

  it('unknown routes answer 404 in ResponseStatus form', async () => {
    const res = await admin.get<ErrorBody>('/nope');
    expect(res.status).toBe(404);
    expect(res.body.responseStatus.errorCode).toBe('NotFound');
  });
});
