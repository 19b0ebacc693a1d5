/* --drift: a newer server than the API page. Each addition is present over HTTP, seeded (same seed ⇒
 * same bytes), and inside one 300-customer subtree of the manager's account (plus a few elsewhere). */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { evaluateSchedule } from '../../src/shared/schedule/evaluate';
import type { DriftFixtures, RawCustomer, Sandbox } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';
import type { AccountInfo, CustomerInfo, ListResponse, Schedule, SystemSettingsInfo, TestScheduleResponse, UserInfo } from '../../sandbox/wire';
import { DASHBOARD_PERMISSIONS, RULE_FREQUENCIES, SIMPLE_RULE_TYPES, TAG_COLORS } from '../../sandbox/wire';
import { ADMIN, FetchClient, MANAGER, PASSWORD, signedIn, valuesIn } from './helpers';

type Page = ListResponse<CustomerInfo> & { meta?: Record<string, string> };

let sandbox: Sandbox;
let drift: DriftFixtures;
let manager: FetchClient;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 4, drift: true });
  drift = sandbox.fixtures.drift as DriftFixtures;
  manager = await signedIn(sandbox, MANAGER);
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.admin.clearFaults();
  sandbox.admin.reset();
});

const customer = async (id: string) => (await manager.get<CustomerInfo & Record<string, unknown>>(`/customers/${id}`)).body;
const rulesOf = async (id: string) => (await customer(id)).schedule?.rules ?? [];
const testSchedule = async (id: string, body: object) => (await manager.post<TestScheduleResponse>(`/customers/${id}/test-schedule`, body)).body;

/** Every page of a query, following hasMorePages (never the requested page size). */
async function everyPage(path: string, countPerPage: number): Promise<{ ids: string[]; pages: Page[] }> {
  const pages: Page[] = [];
  for (let page = 0; ; page++) {
    const body = (await manager.get<Page>(`${path}&countPerPage=${countPerPage}&page=${page}`)).body;
    pages.push(body);
    if (!body.hasMorePages) break;
  }
  return { ids: pages.flatMap((p) => p.items.map((c) => c.id as string)), pages };
}

describe('the drift subtree', () => {
  it('is 300 customers of the manager’s account holding every odd record; three more odd ones live elsewhere', async () => {
    const all = sandbox.admin.customers();
    const inSubtree = (c: RawCustomer) => c.id === drift.subtreeRootId || c.breadcrumb.some((b) => b.id === drift.subtreeRootId);
    const subtree = all.filter(inSubtree);
    expect(subtree).toHaveLength(300);
    expect(drift.subtreeSize).toBe(300);
    expect(subtree.every((c) => c.accountId === sandbox.fixtures.managerAccountId)).toBe(true);
    const odd = [drift.pinkTagCustomerId, drift.unknownRuleCustomerId, drift.unknownFrequencyCustomerId, drift.numericDayOfWeekCustomerId, drift.deepDataCustomerId, drift.testScheduleDisagreesCustomerId];
    expect(new Set(odd).size).toBe(odd.length);
    for (const id of odd) expect(subtree.map((c) => c.id)).toContain(id);
    const elsewhere = drift.elsewhereIds.map((id) => all.find((c) => c.id === id) as RawCustomer);
    expect(elsewhere.filter(inSubtree)).toEqual([]);
    expect(elsewhere.map((c) => c.accountId)).toEqual([sandbox.fixtures.managerAccountId, sandbox.fixtures.managerAccountId, sandbox.fixtures.otherAccountId]);
  });

  it('caps pages at 50 without saying so: paging by hasMorePages gets all 299 descendants; counting on the asked size misses most', async () => {
    const path = `/customers?parentCustomerIds=${drift.subtreeRootId}`;
    const first = (await manager.get<Page>(`${path}&countPerPage=100`)).body;
    expect(first.items).toHaveLength(drift.maxCountPerPage);
    expect(first).toMatchObject({ totalCount: 299, totalPages: 6, hasMorePages: true });
    expect(Object.keys(first).sort()).toEqual(['hasMorePages', 'items', 'meta', 'totalCount', 'totalPages']); // nothing names the size used
    const { ids } = await everyPage(path, 100);
    expect(new Set(ids).size).toBe(299);
    // A client that believes its page size (100) stops after ceil(299/100) = 3 pages and has 150.
    const naive = new Set<string>();
    for (let page = 0; page < 3; page++) for (const c of (await manager.get<Page>(`${path}&countPerPage=100&page=${page}`)).body.items) naive.add(c.id as string);
    expect(naive.size).toBe(150);
  });

  it('the cap is part of the server: clearing faults keeps it; a fault set at start can lift it', async () => {
    sandbox.admin.clearFaults();
    expect(sandbox.admin.faults()).toMatchObject({ maxCountPerPage: 50, countPerPageOverMax: 'cap' });
    const uncapped = await startSandbox({ seed: 4, drift: true, faults: { maxCountPerPage: 0 } });
    try {
      const client = await signedIn(uncapped, MANAGER);
      const page = (await client.get<Page>(`/customers?parentCustomerIds=${drift.subtreeRootId}&countPerPage=100`)).body;
      expect(page.items).toHaveLength(100);
    } finally {
      await uncapped.close();
    }
  });
});

describe('unknown members', () => {
  it('on every CustomerInfo of the subtree, its IntegrationData and BillingSettings; on rules; in list answers', async () => {
    const { pages } = await everyPage(`/customers?parentCustomerIds=${drift.subtreeRootId}`, 50);
    const customers = pages.flatMap((p) => p.items) as (CustomerInfo & Record<string, unknown>)[];
    for (const c of customers) {
      for (const member of drift.unknownCustomerMembers) expect(c, c.id).toHaveProperty(member);
      expect(Object.keys(c.billingSettings ?? {})).toEqual(expect.arrayContaining(['aiInsights', 'aiLiveMinutes', 'aiMessages']));
      for (const data of Object.values(c.integrationData ?? {})) expect(data).toHaveProperty('lastSyncDate');
    }
    const ownRules = customers.filter((c) => c.schedule && !c.schedule.inherit && c.id !== drift.testScheduleDisagreesCustomerId).flatMap((c) => c.schedule?.rules ?? []);
    expect(ownRules.length).toBeGreaterThan(50);
    expect(ownRules.filter((r) => 'isEnabled' in r).length).toBeGreaterThan(ownRules.length / 2);
    expect(pages.every((p) => p.meta?.apiVersion === '2026.1')).toBe(true);
  });

  it('on UserInfo, AuthenticateResponse, AccountInfo, SystemSettingsInfo and the new tags', async () => {
    const client = new FetchClient(sandbox.url);
    const auth = await client.post<Record<string, unknown>>('/auth/credentials', { userName: ADMIN, password: PASSWORD, rememberMe: true });
    expect(auth.body).toMatchObject({ mfaRequired: false, sessionExpiresInSeconds: 28_800 });
    const status = (await client.get<UserInfo & Record<string, unknown>>('/auth/status')).body;
    expect(status).toMatchObject({ timeZoneId: 'America/New_York', mfaEnabled: false });
    const account = (await client.get<AccountInfo & Record<string, unknown>>(`/accounts/${sandbox.fixtures.managerAccountId}`)).body;
    expect(account.dataRegion).toBe('us1');
    const settings = (await client.get<SystemSettingsInfo & Record<string, unknown>>(`/system/settings?accountId=${sandbox.fixtures.managerAccountId}`)).body;
    expect(settings.callRecordingConsentRequired).toBe(true);
    const pink = settings.tags?.find((t) => t.id === drift.pinkTagId);
    expect(pink).toMatchObject({ color: 'Pink', description: expect.any(String) });
  });
});

describe('unknown enum values', () => {
  it('a tag colour that is not a TagColors name, on a subtree customer and on a root elsewhere', async () => {
    for (const id of [drift.pinkTagCustomerId, drift.elsewhereIds[0] as string]) {
      const tag = (await customer(id)).tags.find((t) => t.id === drift.pinkTagId);
      expect(tag?.color).toBe(drift.unknownTagColor);
      expect(TAG_COLORS as readonly string[]).not.toContain(tag?.color);
    }
  });

  it('an unknown simpleRuleType, an unknown frequency and .NET numbers for dayOfWeek', async () => {
    const ruleTypes = (await rulesOf(drift.unknownRuleCustomerId)).map((r) => r.simpleRuleType as string);
    expect(ruleTypes).toContain(drift.unknownRuleType);
    expect(SIMPLE_RULE_TYPES as readonly string[]).not.toContain(drift.unknownRuleType);
    const frequencies = (await rulesOf(drift.unknownFrequencyCustomerId)).map((r) => r.frequency as string);
    expect(frequencies).toContain(drift.unknownFrequency);
    expect(RULE_FREQUENCIES as readonly string[]).not.toContain(drift.unknownFrequency);
    const days = (await rulesOf(drift.numericDayOfWeekCustomerId)).flatMap((r) => r.byDay.map((d) => d.dayOfWeek as unknown));
    expect(days).toEqual([1, 2, 3, 4, 5]);
    const elsewhere = (await rulesOf(drift.elsewhereIds[1] as string)).flatMap((r) => r.byDay.map((d) => typeof d.dayOfWeek));
    expect(elsewhere.every((t) => t === 'number')).toBe(true);
    const admin = await signedIn(sandbox, ADMIN);
    const foreign = (await admin.get<CustomerInfo>(`/customers/${drift.elsewhereIds[2]}`)).body;
    expect(foreign.schedule?.rules.map((r) => r.simpleRuleType as string)).toContain(drift.unknownRuleType);
  });

  it('a dashboardPermissions value that is not a DashboardPermissions name', async () => {
    const status = (await manager.get<UserInfo>('/auth/status')).body;
    expect(status.dashboardPermissions).toContain(drift.unknownPermission);
    expect(DASHBOARD_PERMISSIONS as readonly string[]).not.toContain(drift.unknownPermission);
  });
});

describe('one malformed list item', () => {
  it('a subtree customer whose tags hold a bare name where a Tag object belongs; its other tags are objects', async () => {
    const { malformedTagCustomerId, malformedTag } = drift;
    const odd = [drift.pinkTagCustomerId, drift.unknownRuleCustomerId, drift.unknownFrequencyCustomerId, drift.numericDayOfWeekCustomerId, drift.deepDataCustomerId, drift.testScheduleDisagreesCustomerId];
    expect(odd).not.toContain(malformedTagCustomerId);
    const tags = (await customer(malformedTagCustomerId)).tags as unknown[];
    expect(tags.filter((t) => typeof t !== 'object')).toEqual([malformedTag]);
    const listed = await everyPage(`/customers?parentCustomerIds=${drift.subtreeRootId}`, 50);
    expect(listed.ids).toContain(malformedTagCustomerId);
    const all = sandbox.admin.customers().filter((c) => c.tags.some((t) => typeof t !== 'object'));
    expect(all.map((c) => c.id)).toEqual([malformedTagCustomerId]);
  });
});

describe('deep data', () => {
  it('nests 700 Values (through listValue and structValue), about 15–20 KB, every one with listValue', async () => {
    const res = await fetch(`${sandbox.url}/customers/${drift.deepDataCustomerId}`, { headers: { cookie: manager.cookieHeader } });
    const body = (await res.json()) as CustomerInfo;
    const history = { history: body.data?.history } as never;
    const values = valuesIn(history);
    expect(values).toHaveLength(drift.deepDataDepth);
    expect(values.every(({ value }) => Array.isArray(value.listValue))).toBe(true);
    expect(values.some(({ path }) => path.endsWith('structValue.entry'))).toBe(true);
    const bytes = JSON.stringify(body.data?.history).length;
    expect(bytes).toBeGreaterThan(14_000);
    expect(bytes).toBeLessThan(22_000);
    // The deep customer is listed with its siblings like any other.
    const parentId = body.parentCustomerId as string;
    const siblings = await everyPage(`/customers?parentCustomerIds=${parentId}&shallowParent=true`, 50);
    expect(siblings.ids).toContain(drift.deepDataCustomerId);
  });
});

describe('TestSchedule, where the server knows better', () => {
  const at = '2026-03-09T14:30:00Z'; // a Monday afternoon in London

  it('answers from the customer’s state on the server, which a local evaluation cannot know', async () => {
    const id = drift.testScheduleDisagreesCustomerId;
    const schedule = (await customer(id)).schedule as Schedule;
    const local = evaluateSchedule(schedule, new Date(at)).stateName;
    const saved = await testSchedule(id, { dateTime: at });
    const explicit = await testSchedule(id, { dateTime: at, schedule }); // the client sends the schedule it shows
    expect(saved.stateName).toBe(drift.serverCustomerState);
    expect(explicit.stateName).toBe(drift.serverCustomerState);
    expect(local).not.toBe(drift.serverCustomerState);
    // The same schedule on another customer (no such state there) agrees with the local evaluation.
    expect((await testSchedule(sandbox.fixtures.chainIds[0] as string, { dateTime: at, schedule })).stateName).toBe(local);
  });

  it('knows what its new enum members mean: Quarterly, HolidayCalendar and numeric weekdays', async () => {
    const quarterly = drift.unknownFrequencyCustomerId; // the 5th of every third month from 2026-01-05, all day
    expect((await testSchedule(quarterly, { dateTime: '2026-04-05T10:00:00' })).stateName).toBe('Closed for review');
    expect((await testSchedule(quarterly, { dateTime: '2026-05-05T10:00:00' })).stateName).toBe('Open');
    const numeric = drift.numericDayOfWeekCustomerId;
    expect((await testSchedule(numeric, { dateTime: '2026-03-09T10:00:00' })).stateName).toBe('Open'); // Monday
    expect((await testSchedule(numeric, { dateTime: '2026-03-14T10:00:00' })).stateName).toBe('Closed'); // Saturday
    const calendar = drift.unknownRuleCustomerId; // the sandbox's holiday calendar is empty
    expect((await testSchedule(calendar, { dateTime: '2026-12-25T10:00:00' })).stateName).toBe('Open');
  });
});

describe('seeded', () => {
  it('the same seed gives the same bytes and ids; another seed does not', async () => {
    const [again, other] = await Promise.all([startSandbox({ seed: 4, drift: true }), startSandbox({ seed: 5, drift: true })]);
    try {
      expect(again.fixtures).toEqual(sandbox.fixtures);
      expect(other.fixtures.drift?.subtreeRootId).not.toBe(drift.subtreeRootId);
      const bodies: string[] = [];
      for (const sb of [sandbox, again]) {
        const client = await signedIn(sb, MANAGER);
        for (const path of [`/customers?parentCustomerIds=${drift.subtreeRootId}&all=true`, `/customers/${drift.deepDataCustomerId}`, `/system/settings?accountId=${sb.fixtures.managerAccountId}`]) {
          bodies.push(await (await fetch(sb.url + path, { headers: { cookie: client.cookieHeader } })).text());
        }
      }
      expect(bodies.slice(3)).toEqual(bodies.slice(0, 3));
      expect(bodies[0]?.length).toBeGreaterThan(500_000);
    } finally {
      await Promise.all([again.close(), other.close()]);
    }
  });
});
