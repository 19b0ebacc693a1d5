/* evo-console against a newer server (the sandbox's --drift): it signs in although /auth/status
 * grants a permission it has never heard of, lists every child although pages are silently capped
 * at 50, shows every odd customer with the odd values as the server sent them, and plans and syncs
 * the 300-customer drift subtree with nothing missed. The one truly malformed item (a tag that is
 * a bare name) is set aside and named on stderr (customer id + field), never fatal. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriftFixtures, Sandbox } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';
import type { Customer } from '../../src/shared/evo/schemas';
import { cli, json, login, tempHome } from './helpers';

let sandbox: Sandbox;
let drift: DriftFixtures;
let home: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, quiet: true, drift: true });
  drift = sandbox.fixtures.drift as DriftFixtures;
  home = tempHome();
  await login(home, sandbox.url);
});
afterAll(async () => {
  await sandbox?.close();
});

/** The drift subtree's ids (root included), from the sandbox's own data. */
function subtreeIds(): string[] {
  return sandbox.admin
    .customers()
    .filter((c) => c.id === drift.subtreeRootId || c.breadcrumb.some((b) => b.id === drift.subtreeRootId))
    .map((c) => c.id);
}

const childIds = (parentId: string) => sandbox.admin.customers().filter((c) => c.parentCustomerId === parentId).map((c) => c.id);

/** The warning evo-console prints for the malformed tag: the customer's id and the field. */
function malformedTagWarning(during: string): string {
  const raw = sandbox.admin.customer(drift.malformedTagCustomerId);
  const index = (raw?.tags as unknown[]).findIndex((t) => typeof t !== 'object');
  return `warning: While ${during}, one item could not be read and was set aside (the rest was read as usual): tags[${index}] of customer ${drift.malformedTagCustomerId} (expected object (got string)).`;
}

/** Levels of Values under `value` (through listValue / structValue), counted without recursion. */
function nesting(value: unknown): number {
  let depth = 0;
  for (let v = value as Record<string, unknown> | undefined; v; depth++) {
    const list = v['listValue'] as Record<string, unknown>[] | undefined;
    const inner = list?.[0] ?? (v['structValue'] as Record<string, unknown> | undefined);
    v = inner ? (inner['entry'] as Record<string, unknown> | undefined) : undefined;
  }
  return depth;
}

describe('evo-console against --drift', { timeout: 120_000 }, () => {
  it('signs in and whoami answers, although /auth/status grants a permission it does not know', async () => {
    const fresh = tempHome();
    const signedIn = await login(fresh, sandbox.url);
    expect(signedIn.stdout).toMatch(/^Signed in: .*manager@sandbox\.test/m);
    const who = await cli(['whoami'], { home: fresh });
    expect(who.code, who.stderr).toBe(0);
    expect(who.stdout).toContain('Manager');
  });

  it('customers ls --all lists every child although the server silently serves 50 a page', async () => {
    for (const parent of [drift.subtreeRootId, sandbox.fixtures.bigParentId]) {
      const result = await cli(['--json', '--quiet', 'customers', 'ls', '--parent', parent, '--all'], { home });
      expect(result.code, result.stderr).toBe(0);
      const listed = json<{ total: number; items: Customer[] }>(result);
      expect(listed.items.map((c) => c.id).sort()).toEqual(childIds(parent).sort());
      expect(listed.total).toBe(childIds(parent).length);
    }
    expect(childIds(sandbox.fixtures.bigParentId).length).toBeGreaterThan(drift.maxCountPerPage * 5);
  });

  it('customers show of every odd customer: exit 0, each odd value shown as the server sent it, unknown kinds named', async () => {
    const show = async (id: string) => {
      const result = await cli(['customers', 'show', id], { home });
      expect(result.code, result.stderr).toBe(0);
      return result;
    };
    expect((await show(drift.pinkTagCustomerId)).stdout).toMatch(/^Tags +.*Partner · Pink \(not a colour this console knows\)/m);
    expect((await show(drift.unknownRuleCustomerId)).stdout).toContain('. A rule of a type this console does not know: HolidayCalendar (Holiday;');
    expect((await show(drift.unknownFrequencyCustomerId)).stdout).toContain('. Repeats "Quarterly" (a frequency this console does not know)');
    // .NET ordinals 1..5 are Monday..Friday.
    expect((await show(drift.numericDayOfWeekCustomerId)).stdout).toContain('1. Weekdays 09:00–17:00: Open');
    const disagrees = await show(drift.testScheduleDisagreesCustomerId);
    expect(disagrees.stdout).toContain('When customer state is Emergency: Emergency');

    // Members CustomerInfo does not have, with the server's values.
    const raw = sandbox.admin.customer(drift.deepDataCustomerId) as unknown as Record<string, unknown>;
    const deep = await show(drift.deepDataCustomerId);
    expect(deep.stdout).toMatch(new RegExp(`^Other +region: "${String(raw['region'])}"$`, 'm'));
    expect(deep.stdout).toMatch(new RegExp(`^ +phoneNumberCount: ${String(raw['phoneNumberCount'])}$`, 'm'));
    expect(deep.stdout).toContain('(fields this console does not know, as the server sent them)');
    // The 700-level data is kept as sent (the JSON document has all of it).
    const asJson = json<{ customer: { data: { history: unknown } } }>(await cli(['--json', 'customers', 'show', drift.deepDataCustomerId], { home }));
    expect(nesting(asJson.customer.data.history)).toBe(drift.deepDataDepth);

    const malformed = await show(drift.malformedTagCustomerId);
    expect(malformed.stdout).toMatch(/^ +One tag could not be read and is not listed: tags\[\d\] \(expected object \(got string\)\)\.$/m);
    expect(malformed.stderr).toContain(malformedTagWarning(`reading customer ${drift.malformedTagCustomerId}`));
    const readable = (sandbox.admin.customer(drift.malformedTagCustomerId)?.tags as unknown[]).filter((t): t is { name: string } => typeof t === 'object');
    expect(malformed.stdout).toMatch(new RegExp(`^Tags +${readable.map((t) => t.name).join(', ')}$`, 'm'));

    // The odd roots elsewhere in the account read as well.
    for (const id of drift.elsewhereIds.slice(0, 2)) await show(id);
  });

  it('staging plan --subtree: all 300, none unreadable, and the set-aside tag named on stderr', async () => {
    const result = await cli(['--json', 'staging', 'plan', '--to', 'staging', '--subtree', drift.subtreeRootId], { home });
    expect(result.code, result.stderr).toBe(0);
    const plan = json<{ counts: Record<string, number>; toChange: { id: string }[]; alreadyInState: { id: string }[]; unreadable: unknown[] }>(result);
    expect(plan.counts).toMatchObject({ total: drift.subtreeSize, unreadable: 0, notAccessible: 0 });
    expect([...plan.toChange, ...plan.alreadyInState].map((i) => i.id).sort()).toEqual(subtreeIds().sort());
    const staging = subtreeIds().filter((id) => sandbox.admin.customer(id)?.isStaging === true);
    expect(plan.alreadyInState.map((i) => i.id).sort()).toEqual(staging.sort());
    expect(result.stderr).toContain(malformedTagWarning('listing customers'));

    const human = await cli(['staging', 'plan', '--to', 'staging', '--subtree', drift.subtreeRootId], { home });
    expect(human.stdout).toMatch(new RegExp(`^Plan: \\d+ to change to staging, ${staging.length} already on staging, 0 not accessible \\(300 customers\\)\\.$`, 'm'));
  });

  it('sync puts all 300 in the offline copy, and --offline reads them from it', async () => {
    const syncHome = tempHome();
    await login(syncHome, sandbox.url);
    const synced = await cli(['--json', 'sync', drift.subtreeRootId], { home: syncHome });
    expect(synced.code, synced.stderr).toBe(0);
    expect(json(synced)).toMatchObject({ rootId: drift.subtreeRootId, count: drift.subtreeSize, unreadable: 0 });
    expect(synced.stderr).toContain(malformedTagWarning('listing customers'));

    const offlinePlan = await cli(['--offline', '--json', 'staging', 'plan', '--to', 'staging', '--subtree', drift.subtreeRootId], { home: syncHome });
    expect(offlinePlan.code, offlinePlan.stderr).toBe(0);
    const plan = json<{ source: string; counts: { total: number }; toChange: { id: string }[]; alreadyInState: { id: string }[] }>(offlinePlan);
    expect(plan).toMatchObject({ source: 'cache', counts: { total: drift.subtreeSize } });
    expect([...plan.toChange, ...plan.alreadyInState].map((i) => i.id).sort()).toEqual(subtreeIds().sort());

    const children = json<{ source: string; items: Customer[] }>(await cli(['--offline', '--json', 'customers', 'ls', '--parent', drift.subtreeRootId, '--all'], { home: syncHome }));
    expect(children.source).toBe('cache');
    expect(children.items.map((c) => c.id).sort()).toEqual(childIds(drift.subtreeRootId).sort());
    const deep = json<{ source: string; customer: { data: { history: unknown } } }>(await cli(['--offline', '--json', 'customers', 'show', drift.deepDataCustomerId], { home: syncHome }));
    expect(deep.source).toBe('cache');
    expect(nesting(deep.customer.data.history)).toBe(drift.deepDataDepth);
    const pink = await cli(['--offline', 'customers', 'show', drift.pinkTagCustomerId], { home: syncHome });
    expect(pink.stdout).toContain('Partner · Pink (not a colour this console knows)');
  });
});
