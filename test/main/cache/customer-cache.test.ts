import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CustomerCache } from '../../../src/main/cache/customer-cache';
import { cacheFilePath } from '../../../src/main/cache/database';
import { customer, PROFILE, tempDir } from './helpers';

let temp: ReturnType<typeof tempDir>;
let cache: CustomerCache;
beforeEach(() => {
  temp = tempDir();
  cache = CustomerCache.open({ appDataDir: temp.dir, profile: PROFILE }).cache;
});
afterEach(() => {
  cache.close();
  temp.cleanup();
});

const root = { id: 'root', name: 'Root Holdings' };
const mid = { id: 'mid', name: 'Mid Group' };
const ids = (items: { customer: { id: string } }[]) => items.map((i) => i.customer.id);

function seedTree() {
  cache.upsertCustomers(
    [
      customer(root.id, root.name),
      customer('other-root', 'Another Root'),
      customer(mid.id, mid.name, [root]),
      customer('b', 'bravo', [root], { isStaging: true }),
      customer('a', 'Alpha', [root]),
      customer('leaf1', 'Café Olé', [root, mid], { isStaging: true }),
      customer('leaf2', 'CAFETERIA', [root, mid]),
      customer('leaf3', 'Zeta', [root, mid]),
    ],
    1_000,
  );
}

describe('CustomerCache', () => {
  it('lists children sorted by name (case-insensitively), paged, with the total', () => {
    seedTree();
    const page1 = cache.children('root', { offset: 0, limit: 2 });
    expect(page1.total).toBe(3);
    expect(ids(page1.items)).toEqual(['a', 'b']);
    expect(ids(cache.children('root', { offset: 2, limit: 2 }).items)).toEqual(['mid']);
    expect(ids(cache.children(null).items)).toEqual(['other-root', 'root']);
    expect(cache.children('root').items[0]!.fetchedAt).toBe(1_000);
  });

  it('filters children by folded name', () => {
    seedTree();
    const found = cache.children('mid', { search: 'CAFE' });
    expect(ids(found.items)).toEqual(['leaf1', 'leaf2']);
    expect(found.total).toBe(2);
  });

  it('gives the breadcrumb root first, and every descendant', () => {
    seedTree();
    expect(cache.ancestors('leaf1')).toEqual([
      { id: 'root', name: 'Root Holdings', fetchedAt: 1_000 },
      { id: 'mid', name: 'Mid Group', fetchedAt: 1_000 },
    ]);
    expect(cache.ancestors('root')).toEqual([]);
    expect(ids(cache.descendants('root'))).toEqual(['a', 'b', 'mid', 'leaf1', 'leaf2', 'leaf3']);
    expect(ids(cache.descendants('mid'))).toEqual(['leaf1', 'leaf2', 'leaf3']);
    expect(cache.descendants('leaf3')).toEqual([]);
  });

  it('names uncached ancestors from the breadcrumb', () => {
    cache.upsertCustomers([customer('deep', 'Deep', [root, mid])], 5);
    expect(cache.ancestors('deep')).toEqual([
      { id: 'root', name: 'Root Holdings' },
      { id: 'mid', name: 'Mid Group' },
    ]);
    // Descendants of a customer that is not cached itself are still found.
    expect(ids(cache.descendants('mid'))).toEqual(['deep']);
  });

  it('searches case- and accent-insensitively ("cafe" finds "Café")', () => {
    seedTree();
    expect(ids(cache.search('cafe').items)).toEqual(['leaf1', 'leaf2']);
    expect(ids(cache.search('ÇAFÉ').items)).toEqual(['leaf1', 'leaf2']);
    expect(ids(cache.search('olé').items)).toEqual(['leaf1']);
    expect(ids(cache.search('ole', { limit: 1 }).items)).toEqual(['leaf1']);
    expect(cache.search('nothing like this').total).toBe(0);
    // Shorter than a trigram: answered by scanning, same rules.
    expect(ids(cache.search('OL').items)).toEqual(['leaf1', 'root']);
    expect(ids(cache.search('é').items)).toEqual(['other-root', 'leaf1', 'leaf2', 'leaf3']);
  });

  it('searches the same way when a fragment matches more names than the sort-the-matches plan handles', () => {
    const many = Array.from({ length: 400 }, (_, i) => customer(`m${String(i).padStart(4, '0')}`, `Ålpha ${String(i).padStart(4, '0')}`));
    cache.upsertCustomers([...many, customer('z', 'Zulu')]);
    const found = cache.search('ALPH', { limit: 3 });
    expect(found.total).toBe(400);
    expect(ids(found.items)).toEqual(['m0000', 'm0001', 'm0002']);
    expect(ids(cache.search('pha 0399').items)).toEqual(['m0399']);
    expect(cache.search('zulu').total).toBe(1);
  });

  it('filters by tags: a customer must carry every requested tag', () => {
    const red = { id: 't-red', name: 'Red', color: 'Red' };
    const vip = { id: 't-vip', name: 'VIP', color: 'Gold' };
    cache.upsertCustomers([
      customer(root.id, root.name),
      customer('x', 'X', [root], { tags: [red, vip] }),
      customer('y', 'Y', [root], { tags: [red] }),
      customer('z', 'Z', [root], { tags: [] }),
    ]);
    expect(ids(cache.children('root', { tagIds: ['t-red'] }).items)).toEqual(['x', 'y']);
    expect(ids(cache.children('root', { tagIds: ['t-red', 't-vip'] }).items)).toEqual(['x']);
    expect(ids(cache.search('', { tagIds: ['t-vip'] }).items)).toEqual(['x']);
    // A later copy without the tag replaces the links.
    cache.upsertCustomers([customer('x', 'X', [root], { tags: [red] })]);
    expect(ids(cache.children('root', { tagIds: ['t-vip'] }).items)).toEqual([]);
    // Tags seen on customers are known offline even before the catalogue was fetched.
    expect(cache.tags('acc-1').map((t) => t.id)).toEqual(['t-red', 't-vip']);
  });

  it('keeps the account tag catalogue', () => {
    cache.upsertTags('acc-1', [{ id: 't1', name: 'Beta', color: 'Blue' }, { id: 't2', name: 'Alpha' }], 42);
    expect(cache.tags('acc-1')).toEqual([
      { accountId: 'acc-1', id: 't2', name: 'Alpha', fetchedAt: 42 },
      { accountId: 'acc-1', id: 't1', name: 'Beta', color: 'Blue', fetchedAt: 42 },
    ]);
    cache.upsertTags('acc-1', [{ id: 't1', name: 'Beta' }], 43);
    expect(cache.tags('acc-1').map((t) => t.id)).toEqual(['t1']);
    expect(cache.tags('acc-2')).toEqual([]);
  });

  it('counts staging and production in a subtree', () => {
    seedTree();
    expect(cache.stagingCounts('root')).toEqual({ staging: 2, production: 5, total: 7 });
    expect(cache.stagingCounts('mid')).toEqual({ staging: 1, production: 3, total: 4 });
    expect(cache.stagingCounts('unknown')).toEqual({ staging: 0, production: 0, total: 0 });
    expect(cache.stagingCounts(null)).toEqual({ staging: 2, production: 6, total: 8 });
  });

  it('round-trips the CustomerInfo exactly, unknown fields included', () => {
    const original = customer('c1', 'Future Co', [], {
      someNewField: { nested: [1, 'two', { three: true }] },
      data: { plan: { stringValue: 'gold' } },
    });
    cache.upsertCustomers([original], 7);
    const got = cache.get('c1');
    expect(got?.fetchedAt).toBe(7);
    expect(got?.customer).toEqual(JSON.parse(JSON.stringify(original)));
    expect(got?.customer['someNewField']).toEqual({ nested: [1, 'two', { three: true }] });
    expect(cache.get('missing')).toBeUndefined();
  });

  it('moves cached descendants along when a customer is re-parented', () => {
    seedTree();
    // mid moves from under root to under other-root.
    cache.upsertCustomers([customer('mid', 'Mid Group', [{ id: 'other-root', name: 'Another Root' }])]);
    expect(ids(cache.descendants('other-root'))).toEqual(['mid', 'leaf1', 'leaf2', 'leaf3']);
    expect(ids(cache.descendants('root'))).toEqual(['a', 'b']);
    expect(cache.ancestors('leaf1').map((a) => a.id)).toEqual(['other-root', 'mid']);
  });

  it('handles ids that contain path separators', () => {
    const odd = { id: 'a/b%2F', name: 'Odd' };
    cache.upsertCustomers([customer(odd.id, odd.name), customer('kid', 'Kid', [odd]), customer('a', 'Not a child')]);
    expect(ids(cache.descendants(odd.id))).toEqual(['kid']);
    expect(cache.ancestors('kid')).toEqual([{ id: odd.id, name: 'Odd', fetchedAt: expect.any(Number) }]);
  });

  it('derives the path from the cached parent when the breadcrumb is missing', () => {
    seedTree();
    cache.upsertCustomers([customer('nocrumb', 'No crumb', [], { parentCustomerId: 'mid', breadcrumb: undefined })]);
    expect(cache.ancestors('nocrumb').map((a) => a.id)).toEqual(['root', 'mid']);
  });

  it('records subtree sync state, prunes vanished customers, recounts children', () => {
    seedTree();
    expect(cache.subtreeSyncState('root')).toBeUndefined();
    const removed = cache.pruneSubtree('root', ['a', 'b', 'mid', 'leaf1', 'leaf2']);
    expect(removed).toBe(1);
    cache.recountChildren('root');
    expect(cache.childCount('mid')).toBe(2);
    expect(cache.childCount('root')).toBe(3);
    cache.markSubtreeSynced('root', 6, 1234);
    expect(cache.subtreeSyncState('root')).toEqual({ rootId: 'root', syncedAt: 1234, count: 6 });
    // A whole-account prune never touches another account's rows.
    cache.upsertCustomers([customer('foreign', 'Foreign', [], { accountId: 'acc-2' })]);
    expect(cache.pruneSubtree(null, ['root', 'other-root', 'a', 'b', 'mid', 'leaf1', 'leaf2'], 'acc-1')).toBe(0);
    expect(cache.get('foreign')).toBeDefined();
    expect(cache.pruneSubtree(null, ['root'], 'acc-1')).toBe(6);
    cache.markSubtreeSynced(null, 8, 99);
    expect(cache.subtreeSyncState(null)).toEqual({ rootId: null, syncedAt: 99, count: 8 });
  });

  it('write-through batches are written on the next turn, and any read sees them at once', async () => {
    cache.upsertCustomersSoon([customer('soon', 'Soon Ltd')], 77);
    expect(cache.get('soon')).toMatchObject({ fetchedAt: 77, customer: { id: 'soon' } });

    cache.upsertCustomersSoon([customer('later', 'Later Ltd')], 78);
    await new Promise((resolve) => setImmediate(resolve));
    const other = new Database(cacheFilePath(temp.dir, PROFILE), { readonly: true });
    try {
      expect(other.prepare(`SELECT fetched_at FROM customers WHERE id = 'later'`).pluck().get()).toBe(78);
    } finally {
      other.close();
    }
  });

  it('reports a failed background write instead of throwing it at the event loop', async () => {
    const errors: unknown[] = [];
    const second = CustomerCache.open({ appDataDir: temp.dir, profile: { ...PROFILE, accountId: 'acc-x' }, onWriteError: (e) => errors.push(e) });
    second.cache.upsertCustomersSoon([customer('x', 'X')]);
    // Break the write: another connection drops the tables before the batch is written.
    const other = new Database(second.file);
    other.exec('DROP TABLE customer_tags; DROP TABLE customers');
    other.close();
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toHaveLength(1);
    second.cache.close();
  });

  it('clears everything', () => {
    seedTree();
    cache.upsertTags('acc-1', [{ id: 't1' }]);
    cache.markSubtreeSynced('root', 7, 1);
    cache.clear();
    expect(cache.children(null).total).toBe(0);
    expect(cache.tags('acc-1')).toEqual([]);
    expect(cache.subtreeSyncState('root')).toBeUndefined();
  });
});
