/* The tolerant reader over real HTTP: answers as a real ServiceStack deployment may send them
 * (hand-written with the sandbox's answerOverrides, or its page-size and sortField faults), read
 * by the real pipeline. Strict only about ids and isStaging; everything else is kept, defaulted,
 * or set aside and named — never a whole page lost for one record. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import type { AnswerOverride } from '../../../sandbox/types';
import { EvoClient } from '../../../src/main/api/evo-client';
import { RequestLimiter } from '../../../src/main/api/limiter';
import type { Customer } from '../../../src/shared/evo/schemas';
import { setAsideNotes, type SetAsideItem } from '../../../src/shared/evo/tolerant';
import { evaluateSchedule } from '../../../src/shared/schedule';
import { deepData, exactPath, jsonAnswer, pagedCustomers, structDepth } from './helpers';

const MANAGER = 'manager@sandbox.test';
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 11, quiet: true });
});
afterAll(async () => {
  await sandbox?.close();
});
beforeEach(() => {
  sandbox.admin.clearFaults();
  sandbox.admin.resetMetrics();
});

async function signedIn(reported: SetAsideItem[] = []): Promise<EvoClient> {
  const client = new EvoClient({
    baseUrl: sandbox.url,
    limiter: new RequestLimiter({ maxInFlight: 8, requestsPerSecond: 1000 }),
    retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 },
    onSetAside: (items) => reported.push(...items),
  });
  await client.signIn(MANAGER, 'sandbox', true);
  return client;
}

const override = (...answers: AnswerOverride[]) => sandbox.admin.setFaults({ answerOverrides: answers });
const childrenOf = (id: string) => sandbox.admin.customers().filter((c) => c.parentCustomerId === id);
const byName = (a: Customer, b: Customer) => (a.name ?? '').localeCompare(b.name ?? '', 'en', { sensitivity: 'base' });
const status = (code: string) => sandbox.admin.metrics().requestsByStatus[code] ?? 0;

async function allPages(client: EvoClient, parentId: string, countPerPage: number, onSetAside?: (items: SetAsideItem[]) => void): Promise<string[]> {
  const ids: string[] = [];
  for await (const items of client.customerPages({ parentCustomerIds: [parentId], countPerPage }, onSetAside ? { onSetAside } : {})) ids.push(...items.map((c) => c.id));
  return ids;
}

describe('values the console does not know are kept as sent', () => {
  it('a tag colour, a rule type, a frequency it does not know; .NET numbers for days; unknown members', async () => {
    override(
      jsonAnswer(exactPath('/customers/odd-1'), {
        id: 'odd-1',
        name: 'Odd One',
        isStaging: true,
        tags: [{ id: 't1', name: 'VIP', color: 'Pink' }],
        futureMember: { nested: [1, 2] },
        schedule: {
          timeZoneId: 'UTC',
          defaultState: 'Open',
          rules: [
            { id: 'r1', priority: 1, state: 'Holiday', simpleRuleType: 'PublicHoliday' },
            { id: 'r2', priority: 2, state: 'Closed', simpleRuleType: 'Time', frequency: 'Fortnightly' },
            { id: 'r3', priority: 3, state: 'Lunch', simpleRuleType: 'Time', frequency: 'Weekly', byDay: [{ offset: 0, dayOfWeek: 1 }, { offset: 0, dayOfWeek: 'Sunday' }], startTime: '12:00', endTime: '13:00' },
          ],
        },
      }),
    );
    const customer = await (await signedIn()).getCustomer('odd-1');
    expect(customer.tags).toEqual([{ id: 't1', name: 'VIP', color: 'Pink' }]);
    const rules = customer.schedule?.rules ?? [];
    expect(rules.map((r) => r.simpleRuleType)).toEqual(['PublicHoliday', 'Time', 'Time']);
    expect(rules[1]?.frequency).toBe('Fortnightly');
    expect(rules[2]?.byDay?.map((d) => d.dayOfWeek)).toEqual(['Monday', 'Sunday']);
    expect(customer['futureMember']).toEqual({ nested: [1, 2] });

    // Monday 2026-06-01 12:30 UTC: the Weekly rule (Monday = .NET 1) decides; the two rules before
    // it are never applied here and make the answer doubtful.
    const lunch = evaluateSchedule(customer.schedule ?? {}, new Date('2026-06-01T12:30:00Z'));
    expect(lunch.stateName).toBe('Lunch');
    expect(lunch.doubts).toEqual(['a rule of a type this console does not know (PublicHoliday)', 'a rule with a frequency this console does not know (Fortnightly)']);
  });

  it('every Value of data carries listValue: [] beside its scalar; kept exactly as sent', async () => {
    const data = { plan: { stringValue: 'Gold', listValue: [] }, seats: { numberValue: 12, listValue: [] }, vip: { boolValue: true, listValue: [] } };
    override(jsonAnswer(exactPath('/customers/data-1'), { id: 'data-1', data }));
    expect((await (await signedIn()).getCustomer('data-1')).data).toEqual(data);
  });
});

describe('absent values read as the API defaults', () => {
  it('no isStaging is false (the C# bool default); an answer without items is an empty page', async () => {
    override(jsonAnswer(exactPath('/customers/plain-1'), { id: 'plain-1', name: 'No flag' }), jsonAnswer('^/customers\\?', { totalCount: 0, hasMorePages: false }, { method: 'GET' }));
    const client = await signedIn();
    expect((await client.getCustomer('plain-1')).isStaging).toBe(false);
    const page = await client.listCustomers({ nameFilter: 'anything' });
    expect(page).toMatchObject({ items: [], setAside: [], hasMorePages: false });
  });

  it('an inherited schedule answered with null, or with 204 and no body, is "none"', async () => {
    const id = sandbox.fixtures.inheritCustomerId;
    const client = await signedIn();
    override(jsonAnswer(exactPath(`/customers/${id}/inherited-schedule`), 'null'));
    expect(await client.inheritedSchedule(id)).toBeNull();
    override({ path: exactPath(`/customers/${id}/inherited-schedule`), status: 204, body: '' });
    expect(await client.inheritedSchedule(id)).toBeNull();
  });
});

describe('lists are read item by item', () => {
  it('one unreadable customer among 301: the other 300 are listed, the bad one is set aside and named', async () => {
    const { bigParentId } = sandbox.fixtures;
    const children = childrenOf(bigParentId);
    expect(children).toHaveLength(300);
    const items: unknown[] = [...children];
    items.splice(150, 0, { id: 'bad-77', name: 'Broken Record', isStaging: 'yes', parentCustomerId: bigParentId });
    override(...pagedCustomers(`parentCustomerIds=${bigParentId}`, items, 100));
    const reported: SetAsideItem[] = [];
    const walked: SetAsideItem[] = [];
    const ids = await allPages(await signedIn(reported), bigParentId, 100, (found) => walked.push(...found));
    expect(ids.sort()).toEqual(children.map((c) => c.id).sort());
    const bad = { customerId: 'bad-77', part: '', field: 'isStaging', problem: 'expected boolean (got string)', during: 'listing customers' };
    expect(walked).toEqual([bad]);
    expect(reported).toEqual([bad]);
  });

  it('a bad tag or rule inside a customer leaves the customer readable, minus that part, and says so', async () => {
    override(
      jsonAnswer(exactPath('/customers/partly-1'), {
        id: 'partly-1',
        tags: [{ name: 'no id' }, { id: 't2', name: 'Kept', color: 'Blue' }],
        schedule: { defaultState: 'Open', rules: ['not a rule', { state: 'Closed', simpleRuleType: 'Always', priority: 5 }] },
      }),
    );
    const reported: SetAsideItem[] = [];
    const customer = await (await signedIn(reported)).getCustomer('partly-1');
    expect(customer.tags).toEqual([{ id: 't2', name: 'Kept', color: 'Blue' }]);
    expect(customer.schedule?.rules).toHaveLength(1);
    expect(setAsideNotes(customer.schedule)).toEqual([{ field: 'rules[0]', problem: 'expected object (got string)' }]);
    expect(reported.map((r) => [r.customerId, r.part, r.field])).toEqual(
      expect.arrayContaining([
        ['partly-1', 'tags[0]', 'tags[0].id'],
        ['partly-1', 'schedule.rules[0]', 'schedule.rules[0]'],
      ]),
    );
    // The rule that could not be read might have come first: the evaluation says so.
    expect(evaluateSchedule(customer.schedule ?? {}, new Date()).doubts).toContain('a rule that could not be read');
  });

  it('a ~700-level nested data on one customer of a page: the page loads, the data is kept as sent', async () => {
    const { bigParentId } = sandbox.fixtures;
    const children = childrenOf(bigParentId).slice(0, 3).map((c, i) => (i === 1 ? { ...c, data: deepData(700) } : c));
    expect(JSON.stringify(children[1]).length).toBeGreaterThan(15_000);
    override(...pagedCustomers(`parentCustomerIds=${bigParentId}`, children, 25));
    const page = await (await signedIn()).listCustomers({ parentCustomerIds: [bigParentId], countPerPage: 25 });
    expect(page.items.map((c) => c.id)).toEqual(children.map((c) => c.id));
    expect(structDepth(page.items[1]?.data)).toBe(700);
    expect(page.setAside).toEqual([]);
  });
});

describe('page sizes the server decides', () => {
  it('a 400 naming CountPerPage halves the page size until the server accepts it; nothing is lost', async () => {
    const { bigParentId, bigParentDescendantCount } = sandbox.fixtures;
    sandbox.admin.setFaults({ maxCountPerPage: 30, countPerPageOverMax: 'reject' });
    const client = await signedIn();
    const ids = await allPages(client, bigParentId, 100);
    expect(ids).toHaveLength(bigParentDescendantCount);
    expect(new Set(ids).size).toBe(bigParentDescendantCount);
    expect(status('400')).toBe(2); // 100 → 50 → 25
    // The size that worked is kept: no further refusals.
    sandbox.admin.resetMetrics();
    expect(await allPages(client, bigParentId, 100)).toHaveLength(bigParentDescendantCount);
    expect(status('400')).toBe(0);
  });

  it('a page size the server caps without saying so loses nothing, and a page is still exactly the page asked for', async () => {
    const { bigParentId, bigParentDescendantCount, managerAccountId } = sandbox.fixtures;
    const query = { accountIds: [managerAccountId], parentCustomerIds: [bigParentId], shallowParent: true, page: 1, countPerPage: 100, sortField: 'name', sortOrder: 'Ascend' as const };
    const expected = (await (await signedIn()).listCustomers(query)).items.map((c) => c.id);
    expect(expected).toHaveLength(100);

    sandbox.admin.setFaults({ maxCountPerPage: 30, countPerPageOverMax: 'cap' });
    const capped = await signedIn();
    const ids = await allPages(capped, bigParentId, 100);
    expect(new Set(ids).size).toBe(bigParentDescendantCount);
    const page = await capped.listCustomers(query);
    expect(page.items.map((c) => c.id)).toEqual(expected);
    expect(page).toMatchObject({ totalCount: 300, hasMorePages: true });
  });
});

describe('sortField', () => {
  const query = () => ({ parentCustomerIds: [sandbox.fixtures.bigParentId], shallowParent: true, countPerPage: 60, sortField: 'name', sortOrder: 'Ascend' as const });

  it('refused (400 naming SortField): asked again without it, and the page is sorted here', async () => {
    sandbox.admin.setFaults({ sortFieldSupport: 'rejected' });
    const client = await signedIn();
    const page = await client.listCustomers(query());
    expect(page.items).toHaveLength(60);
    expect(page.items).toEqual([...page.items].sort(byName));
    expect(status('400')).toBe(1);
    await client.listCustomers({ ...query(), page: 1 });
    expect(status('400')).toBe(1); // not sent again
  });

  it('ignored (answer in storage order): the page is sorted here', async () => {
    sandbox.admin.setFaults({ sortFieldSupport: 'ignored' });
    const raw = await (await signedIn()).listCustomers({ parentCustomerIds: [sandbox.fixtures.bigParentId], shallowParent: true, countPerPage: 60 });
    expect(raw.items).not.toEqual([...raw.items].sort(byName)); // the fault is real
    const page = await (await signedIn()).listCustomers(query());
    expect(page.items.map((c) => c.id).sort()).toEqual(raw.items.map((c) => c.id).sort());
    expect(page.items).toEqual([...page.items].sort(byName));
  });
});
