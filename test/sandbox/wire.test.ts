/* The sandbox writes JSON the way ServiceStack.Text writes the API page's C# DTOs (REFERENCE §1.3b):
 * null members omitted, value types always written, constructor-initialised lists always present
 * (listValue in every Value, every by* list, breadcrumb, tags, rules), enums as their names, errors as
 * ResponseStatus. Checked over real HTTP on every endpoint the console uses. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';
import type { CustomerInfo, ListResponse, Schedule, SchedulingRule } from '../../sandbox/wire';
import { DASHBOARD_PERMISSIONS, DAYS_OF_WEEK, RULE_FREQUENCIES, SIMPLE_RULE_TYPES, TAG_COLORS } from '../../sandbox/wire';
import type { ApiResult } from './helpers';
import { ADMIN, FetchClient, MANAGER, nullPaths, signedIn, valuesIn } from './helpers';

const BY_LISTS = ['bySetPosition', 'byMonth', 'byWeekNo', 'byYearDay', 'byMonthDay', 'byDay', 'byHour', 'byMinute'] as const;

let plain: Sandbox;
let drifted: Sandbox;
beforeAll(async () => {
  [plain, drifted] = await Promise.all([startSandbox({ seed: 21 }), startSandbox({ seed: 21, drift: true })]);
});
afterAll(() => Promise.all([plain.close(), drifted.close()]));

/** One answer from every route the console uses, errors included, as [label, answer]. */
async function everyAnswer(sandbox: Sandbox): Promise<[string, ApiResult][]> {
  const f = sandbox.fixtures;
  const admin = await signedIn(sandbox, ADMIN);
  const manager = await signedIn(sandbox, MANAGER);
  const signedOut = new FetchClient(sandbox.url);
  const calls: [string, FetchClient, string, string, unknown?][] = [
    ['sign-in', new FetchClient(sandbox.url), 'POST', '/auth/credentials', { userName: ADMIN, password: 'sandbox', rememberMe: true }],
    ['GET /auth', admin, 'GET', '/auth'],
    ['auth status', manager, 'GET', '/auth/status'],
    ['all customers', admin, 'GET', '/customers?all=true'],
    ['a page', manager, 'GET', `/customers?parentCustomerIds=${f.bigParentId}&countPerPage=40&page=1`],
    ['simplified paging', manager, 'GET', '/customers?simplifiedPaging=true&countPerPage=5'],
    ['one customer', manager, 'GET', `/customers/${f.chainIds[4]}`],
    ['a root', manager, 'GET', `/customers/${f.chainIds[0]}`],
    ['staging write', manager, 'POST', `/customers/${f.chainIds[3]}/staging`, { isStaging: true }],
    ['inherited schedule', manager, 'GET', `/customers/${f.inheritCustomerId}/inherited-schedule`],
    ['test schedule', manager, 'POST', `/customers/${f.chainIds[0]}/test-schedule`, { dateTime: '2026-03-09T14:30:00Z' }],
    ['settings', manager, 'GET', `/system/settings?accountId=${f.managerAccountId}`],
    ['accounts', admin, 'GET', '/accounts'],
    ['an account', manager, 'GET', `/accounts/${f.managerAccountId}`],
    ['401', signedOut, 'GET', '/customers'],
    ['401 status', signedOut, 'GET', '/auth/status'],
    ['403', manager, 'GET', `/customers/${f.otherAccountCustomerId}`],
    ['404', manager, 'GET', '/customers/000000000000000000000000'],
    ['400', manager, 'GET', '/customers?page=-1'],
    ['wrong password', signedOut, 'POST', '/auth/credentials', { userName: ADMIN, password: 'nope' }],
  ];
  if (f.drift) calls.push(['deep data', manager, 'GET', `/customers/${f.drift.deepDataCustomerId}`], ['drift subtree', manager, 'GET', `/customers?parentCustomerIds=${f.drift.subtreeRootId}&all=true`]);
  const answers: [string, ApiResult][] = [];
  for (const [label, client, method, path, body] of calls) answers.push([label, await client.request(method, path, body)]);
  return answers;
}

const allCustomers = async (sandbox: Sandbox): Promise<CustomerInfo[]> =>
  (await (await signedIn(sandbox, ADMIN)).get<ListResponse<CustomerInfo>>('/customers?all=true')).body.items;

describe('ServiceStack serialisation', () => {
  it('no answer holds a null anywhere (null members are omitted), with and without --drift', async () => {
    for (const sandbox of [plain, drifted]) {
      const answers = await everyAnswer(sandbox);
      expect(answers.length).toBeGreaterThan(18);
      for (const [label, answer] of answers) expect(nullPaths(answer.body), `${label} (drift: ${!!sandbox.fixtures.drift})`).toEqual([]);
    }
  });

  it('the no-null check fails on a null (it can fail)', () => {
    expect(nullPaths({ items: [{ a: 1 }, { b: { c: null } }] })).toEqual(['$.items[1].b.c']);
  });

  it('every Value carries listValue: [] (or its list), nested Values included', async () => {
    const customers = await allCustomers(plain);
    let nested = 0;
    for (const c of customers) {
      const values = valuesIn((c.data ?? {}) as never);
      expect(values.length).toBeGreaterThan(0);
      for (const { path, value } of values) {
        expect(Array.isArray(value.listValue), `${c.id} ${path}`).toBe(true);
        if (path.includes('Value')) nested++;
      }
    }
    expect(nested).toBeGreaterThan(customers.length); // contacts (in listValue) and address (in structValue)
    const scalar = customers[0]?.data?.industry;
    expect(scalar).toEqual({ stringValue: expect.any(String), listValue: [] });
  });

  it('every CustomerInfo writes its value types and constructor lists, and leaves out what is null', async () => {
    const customers = await allCustomers(plain);
    for (const c of customers) {
      expect(typeof c.isStaging, c.id).toBe('boolean');
      expect(typeof c.overrideBillingSettings).toBe('boolean');
      expect(typeof c.overrideAppSettings).toBe('boolean');
      expect(Array.isArray(c.breadcrumb) && Array.isArray(c.tags)).toBe(true);
      for (const item of Object.values(c.billingSettings ?? {})) {
        expect(Object.keys(item).sort()).toEqual(['allowance', 'baseCost', 'rawUnitMultiplier', 'unitCost']);
      }
      for (const key of ['enablePhoneNumberManagement', 'enableDeviceManagement', 'enableDialer', 'enableCallHistory', 'showFileNameInMessageCenter'] as const) {
        expect(typeof c.appSettings?.[key]).toBe('boolean');
      }
      for (const data of Object.values(c.integrationData ?? {})) expect(Object.keys(data)).toEqual(['thirdPartyId']);
    }
    expect(customers.filter((c) => !('parentCustomerId' in c)).length).toBeGreaterThan(10); // the roots
    expect(customers.some((c) => c.breadcrumb.length === 0) && customers.some((c) => c.tags.length === 0)).toBe(true);
    // The API page's BillingSettings has nine members; the AI ones of newer deployments come only with --drift.
    expect(Object.keys(customers[0]?.billingSettings ?? {})).toHaveLength(9);
  });

  it('every schedule and rule writes inherit/forceClosed/rules, every by* list and its value types; enums as names', async () => {
    const customers = await allCustomers(plain);
    const schedules = customers.map((c) => c.schedule).filter((s): s is Schedule => s !== undefined);
    const inherited = await (await signedIn(plain, MANAGER)).get<Schedule>(`/customers/${plain.fixtures.inheritCustomerId}/inherited-schedule`);
    schedules.push(inherited.body);
    expect(schedules.length).toBe(customers.length + 1);
    const rules: SchedulingRule[] = [];
    for (const s of schedules) {
      expect(typeof s.inherit).toBe('boolean');
      expect(typeof s.forceClosed).toBe('boolean');
      expect(Array.isArray(s.rules)).toBe(true);
      rules.push(...s.rules);
    }
    expect(rules.length).toBeGreaterThan(100);
    for (const r of rules) {
      for (const list of BY_LISTS) expect(Array.isArray(r[list]), `${r.id}.${list}`).toBe(true);
      for (const n of ['priority', 'interval', 'count'] as const) expect(typeof r[n], `${r.id}.${n}`).toBe('number');
      expect(typeof r.isAllDay).toBe('boolean');
      expect(SIMPLE_RULE_TYPES).toContain(r.simpleRuleType);
      expect(RULE_FREQUENCIES).toContain(r.frequency);
      for (const day of r.byDay) {
        expect(DAYS_OF_WEEK).toContain(day.dayOfWeek);
        expect(typeof day.offset).toBe('number');
      }
    }
    // An Always rule still writes the enum's default frequency, "None".
    expect(rules.find((r) => r.simpleRuleType === 'Always')?.frequency).toBe('None');
    const colours = new Set(customers.flatMap((c) => c.tags.map((t) => t.color)));
    expect([...colours].every((c) => (TAG_COLORS as readonly string[]).includes(c))).toBe(true);
  });

  it('auth answers: enums as names, nothing unset written; errors in ResponseStatus form with an errors list', async () => {
    const answers = new Map(await everyAnswer(plain));
    const status = answers.get('auth status')?.body as { dashboardPermissions: string[]; isAuthenticated: boolean };
    expect(status.isAuthenticated).toBe(true);
    expect(status.dashboardPermissions.length).toBeGreaterThan(0);
    expect(status.dashboardPermissions.every((p) => (DASHBOARD_PERMISSIONS as readonly string[]).includes(p))).toBe(true);
    expect(status).not.toHaveProperty('avatarUrl');
    for (const label of ['401', '401 status', '403', '404', '400', 'wrong password']) {
      const body = answers.get(label)?.body as { responseStatus: { errorCode: unknown; message: unknown; errors: unknown } };
      expect(typeof body.responseStatus.errorCode, label).toBe('string');
      expect(typeof body.responseStatus.message, label).toBe('string');
      expect(Array.isArray(body.responseStatus.errors), label).toBe(true);
    }
    expect(answers.get('401 status')?.status).toBe(401);
  });
});
