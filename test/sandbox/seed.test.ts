import { describe, expect, it } from 'vitest';
import { TAG_COLORS } from '../../sandbox/wire';
import type { Struct } from '../../sandbox/wire';
import { EVO_ASSUMPTIONS } from '../../src/shared/evo/assumptions';
import { buildSeed } from '../../sandbox/seed/index';
import { startSandbox } from '../../sandbox/server';
import type { RawCustomer } from '../../sandbox/types';
import { ADMIN, signedIn } from './helpers';

function subtreeSize(customers: RawCustomer[], rootId: string): number {
  const children = new Map<string, string[]>();
  for (const c of customers) if (c.parentCustomerId) children.set(c.parentCustomerId, [...(children.get(c.parentCustomerId) ?? []), c.id]);
  let count = 0;
  const stack = [rootId];
  while (stack.length > 0) {
    count++;
    stack.push(...(children.get(stack.pop() as string) ?? []));
  }
  return count;
}

describe('seed', () => {
  it('is deterministic: same seed ⇒ byte-identical data, another seed ⇒ different data', () => {
    const a = buildSeed(42, 'small');
    const b = buildSeed(42, 'small');
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(buildSeed(43, 'small').customers)).not.toBe(JSON.stringify(a.customers));
  });

  it('serves byte-identical responses from two servers with the same seed', async () => {
    const bodies = [];
    for (let i = 0; i < 2; i++) {
      const sandbox = await startSandbox({ seed: 9 });
      try {
        const client = await signedIn(sandbox, ADMIN);
        const res = await fetch(`${sandbox.url}/customers?all=true`, { headers: { cookie: client.cookieHeader } });
        bodies.push(await res.text());
      } finally {
        await sandbox.close();
      }
    }
    expect(bodies[0]?.length).toBeGreaterThan(100_000);
    expect(bodies[1]).toBe(bodies[0]);
  });

  it('small: ~1,200 customers over 3 accounts, depth ≤ 5, exact fixtures', () => {
    const { customers, fixtures, accounts } = buildSeed(1, 'small');
    expect(customers).toHaveLength(1200);
    expect(new Set(customers.map((c) => c.accountId)).size).toBe(3);
    expect(accounts).toHaveLength(3);
    expect(new Set(customers.map((c) => c.id)).size).toBe(customers.length);
    expect(Math.max(...customers.map((c) => c.breadcrumb?.length ?? 0))).toBe(4); // 5 levels
    expect(customers.filter((c) => c.parentCustomerId === fixtures.bigParentId)).toHaveLength(300);
    expect(subtreeSize(customers, fixtures.subtree200Id)).toBe(200);
    expect(customers.find((c) => c.id === fixtures.subtree200Id)?.accountId).toBe(fixtures.managerAccountId);
    const byId = new Map(customers.map((c) => [c.id, c]));
    fixtures.chainIds.forEach((id, level) => expect(byId.get(id)?.parentCustomerId ?? null).toBe(level === 0 ? EVO_ASSUMPTIONS.rootParentCustomerId : fixtures.chainIds[level - 1]));
    expect(byId.get(fixtures.inheritCustomerId)?.schedule?.inherit).toBe(true);
    expect(byId.get(fixtures.forceClosedCustomerId)?.schedule?.forceClosed).toBe(true);
    expect(byId.get(fixtures.otherAccountCustomerId)?.accountId).toBe(fixtures.otherAccountId);
    expect(fixtures.otherAccountId).not.toBe(fixtures.managerAccountId);
    // Roots never inherit (there is nothing to inherit from).
    expect(customers.filter((c) => !c.parentCustomerId && c.schedule?.inherit)).toEqual([]);
  });

  it('populates every field realistically, with all 11 tag colours, mixed staging and hostile names', () => {
    const { customers, fixtures } = buildSeed(1, 'small');
    expect(new Set(customers.flatMap((c) => (c.tags ?? []).map((t) => t.color)))).toEqual(new Set(TAG_COLORS));
    const staging = customers.filter((c) => c.isStaging).length;
    expect(staging).toBeGreaterThan(50);
    expect(staging).toBeLessThan(customers.length - 50);
    expect(customers.some((c) => c.schedule?.inherit)).toBe(true);
    expect(customers.some((c) => c.overrideBillingSettings) && customers.some((c) => !c.overrideBillingSettings)).toBe(true);
    expect(customers.some((c) => Object.keys(c.integrationData ?? {}).length > 0)).toBe(true);
    const kinds = new Set<string>();
    const walk = (s: Struct) => {
      for (const v of Object.values(s)) {
        for (const k of Object.keys(v)) kinds.add(k);
        v.listValue?.forEach(walk);
        if (v.structValue) walk(v.structValue);
      }
    };
    customers.forEach((c) => walk(c.data ?? {}));
    expect([...kinds].sort()).toEqual(['boolValue', 'listValue', 'numberValue', 'stringValue', 'structValue']);
    for (const c of customers) {
      expect(Date.parse(c.dateLastModified as string)).toBeGreaterThanOrEqual(Date.parse(c.dateCreated as string));
      expect(c.name?.length).toBeGreaterThan(0);
      expect(c.referenceId).toMatch(/^CRM-\d{6}$/);
    }
    const names = new Map(customers.map((c) => [c.id, c.name]));
    const h = fixtures.hostile;
    expect(names.get(h.longNameId)).toHaveLength(200);
    expect(names.get(h.duplicateIds[0])).toBe(names.get(h.duplicateIds[1]));
  });

  it('large: 50,000 customers, one parent with exactly 10,000 children', () => {
    const { customers, fixtures } = buildSeed(1, 'large');
    expect(customers).toHaveLength(50_000);
    expect(customers.filter((c) => c.parentCustomerId === fixtures.bigParentId)).toHaveLength(10_000);
    expect(subtreeSize(customers, fixtures.subtree200Id)).toBe(200);
    expect(Math.max(...customers.map((c) => c.breadcrumb?.length ?? 0))).toBe(4);
  });
});
