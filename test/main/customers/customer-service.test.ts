/* The offline-aware customer stack, built by the app's own composition root (createAppServices),
 * against the real sandbox over HTTP, with a real SQLite cache. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { EVO_ASSUMPTIONS } from '../../../src/shared/evo/assumptions';
import type { Connectivity, ConnectivityState } from '../../../src/main/connectivity/connectivity';
import { createAppServices, type AppServices } from '../../../src/main/app-services';
import type { Workspace } from '../../../src/main/console-workspaces';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { tempDir } from '../cache/helpers';

let sandbox: Sandbox;
let temp: ReturnType<typeof tempDir>;
interface Stack extends Workspace {
  app: AppServices;
  connectivity: Connectivity;
  close(): void;
}
let stack: Stack;

/** The app's customer stack, signed in as the manager. */
async function openStack(dataDir: string): Promise<Stack> {
  const app = createAppServices({
    dataDir,
    host: 'harness',
    appVersion: '0.0.0-test',
    checkSender: () => null,
    sandboxUrl: sandbox.url,
    // Fail fast on a down server (no retries), probe quickly: the tests wait on events, not time.
    client: { retry: { maxAttempts: 1 }, timeoutMs: 5_000 },
    connectivity: { initialProbeDelayMs: 20, maxProbeDelayMs: 200 },
  });
  await app.session.signIn({ profileId: 'sandbox', email: 'manager@sandbox.test', password: 'sandbox', rememberMe: false });
  return { ...app.workspaces.current(), app, connectivity: app.connectivity, close: () => app.close() };
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => {
  await sandbox.close();
});

beforeEach(async () => {
  temp = tempDir();
  await sandbox.admin.up();
  sandbox.admin.reset();
  stack = await openStack(temp.dir);
});
afterEach(() => {
  stack.close();
  temp.cleanup();
});

function waitForState(connectivity: Connectivity, state: ConnectivityState): Promise<void> {
  if (connectivity.state === state) return Promise.resolve();
  return new Promise((resolve) => {
    const off = connectivity.onChange((s) => {
      if (s.state === state) {
        off();
        resolve();
      }
    });
  });
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('CustomerService online', () => {
  it('lists children from the server, sorted and paged, and writes them through to the cache', async () => {
    const { bigParentId, bigParentChildCount } = sandbox.fixtures;
    await stack.customers.get(bigParentId); // the parent row, so its child count can be kept
    const page = await stack.customers.children(bigParentId, { page: 1, pageSize: 25 });
    expect(page.source).toBe('server');
    expect(page.total).toBe(bigParentChildCount);
    expect(page.items).toHaveLength(25);
    const names = page.items.map((c) => c.name ?? '');
    // The server's own order (ordinal, as MongoDB sorts) is kept: the client does not re-sort a sorted page.
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const c of page.items) expect(stack.cache.get(c.id)?.customer).toEqual(c);
    expect(stack.cache.childCount(bigParentId)).toBe(bigParentChildCount);
  });

  it('lists root customers (no root filter on the server) from one account download', async () => {
    const managerAccount = sandbox.fixtures.managerAccountId;
    const expected = sandbox.admin
      .customers()
      .filter((c) => c.accountId === managerAccount && !c.parentCustomerId)
      .map((c) => c.id)
      .sort();
    const roots = await stack.customers.children(null, { pageSize: 1000 });
    expect(roots.source).toBe('server');
    expect(roots.items.map((c) => c.id).sort()).toEqual(expected);
    expect(roots.total).toBe(expected.length);
    expect(stack.cache.subtreeSyncState(null)?.count).toBe(sandbox.admin.customers().filter((c) => c.accountId === managerAccount).length);
  });

  it('finds customers by exact id, by name, and by reference id in the offline copy, saying how complete that copy is', async () => {
    const { chainIds, managerAccountId } = sandbox.fixtures;
    // A customer of the account with a reference id (the seed leaves some without one, as the server may).
    const leaf = sandbox.admin.customers().find((c) => c.accountId === managerAccountId && c.parentCustomerId && c.referenceId && c.id !== chainIds[3]);
    if (!leaf?.referenceId) throw new Error('the seed has no customer with a reference id');
    const reference = leaf.referenceId;
    const none = await stack.customers.find(reference);
    expect(none.referenceIds).toEqual({ copy: 'none', syncedAt: null });
    expect(none.items).toEqual([]);

    await stack.customers.get(chainIds[3] as string); // one customer cached: a partial copy
    expect((await stack.customers.find(reference)).referenceIds.copy).toBe('partial');
    await stack.customers.children(null); // the roots come from one download of the account
    const byReference = await stack.customers.find(` ${reference.toLowerCase()} `);
    expect(byReference.referenceIds).toEqual({ copy: 'account', syncedAt: expect.any(Number) });
    expect(byReference.items.map((c) => c.id)).toEqual([leaf.id]);
    expect(byReference.source).toBe('server');

    const byId = await stack.customers.find(leaf.id);
    expect(byId.items[0]?.id).toBe(leaf.id);
    const byName = await stack.customers.find(leaf.name ?? '');
    expect(byName.items.map((c) => c.id)).toContain(leaf.id);
    expect(new Set(byName.items.map((c) => c.id)).size).toBe(byName.items.length);
  });

  it('reads tags and a breadcrumb from the server', async () => {
    const chain = sandbox.fixtures.chainIds;
    const crumb = await stack.customers.breadcrumb(chain[3]!);
    expect(crumb.source).toBe('server');
    expect(crumb.items.map((b) => b.id)).toEqual(chain.slice(0, 3));
    const tags = await stack.customers.tags();
    expect(tags.source).toBe('server');
    expect(tags.items.map((t) => t.id)).toEqual(expect.arrayContaining([...sandbox.fixtures.tagFilter.tagIds]));
  });
});

describe('cache contents', () => {
  it('never holds the session secret: only customer and tag data reach the cache files', async () => {
    await stack.customers.syncSubtree(sandbox.fixtures.subtree200Id);
    await stack.customers.tags();
    await stack.customers.search('a');
    const secrets = Object.values(stack.client.sessionCookies()).filter((v) => v.length >= 8);
    expect(secrets.length).toBeGreaterThan(0);
    stack.cache.flushPending();
    const cacheDir = path.join(temp.dir, 'cache');
    const files = fs.readdirSync(cacheDir).map((f) => path.join(cacheDir, f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = fs.readFileSync(file).toString('latin1');
      for (const secret of secrets) expect(bytes.includes(secret), `${path.basename(file)} contains a session value`).toBe(false);
    }
  });

  it('clears the profile’s cached data on request', async () => {
    await stack.customers.syncSubtree(sandbox.fixtures.subtree200Id);
    await stack.customers.clearCache();
    expect(stack.cache.get(sandbox.fixtures.subtree200Id)).toBeUndefined();
    expect(stack.cache.subtreeSyncState(sandbox.fixtures.subtree200Id)).toBeUndefined();
  });
});

describe('Make available offline', () => {
  it('downloads the whole subtree with progress and records it as synced', async () => {
    const rootId = sandbox.fixtures.subtree200Id;
    const progress: { fetched: number; total?: number; pages: number }[] = [];
    const result = await stack.customers.syncSubtree(rootId, { onProgress: (p) => progress.push(p) });
    expect(result.count).toBe(200);
    // The root, then its 199 descendants in pages of EVO_ASSUMPTIONS.pageSize.
    expect(progress.at(-1)).toEqual({ fetched: 200, total: 200, pages: Math.ceil(199 / EVO_ASSUMPTIONS.pageSize) });
    expect(progress.map((p) => p.fetched)).toEqual([...progress.map((p) => p.fetched)].sort((a, b) => a - b));
    expect(stack.cache.descendants(rootId)).toHaveLength(199);
    expect(stack.cache.subtreeSyncState(rootId)).toEqual({ rootId, syncedAt: result.syncedAt, count: 200 });
    const counts = await stack.customers.stagingCounts(rootId);
    expect(counts).toMatchObject({ total: 200, complete: true, syncedAt: result.syncedAt, source: 'cache' });
    expect(counts.staging + counts.production).toBe(200);
    const serverStaging = sandbox.admin.customers().filter((c) => c.isStaging && (c.id === rootId || c.breadcrumb?.some((b) => b.id === rootId))).length;
    expect(counts.staging).toBe(serverStaging);
  });

  it('stops after the current page when cancelled and records nothing as synced', async () => {
    const { SubtreeSync } = await import('../../../src/main/cache/subtree-sync');
    const rootId = sandbox.fixtures.bigParentId;
    const sync = new SubtreeSync({ client: stack.client, cache: stack.cache, accountId: sandbox.fixtures.managerAccountId, pageSize: 50 });
    const abort = new AbortController();
    const pagesSeen: number[] = [];
    sandbox.admin.resetMetrics();
    const error = await rejection(
      sync.run(rootId, {
        signal: abort.signal,
        onProgress: (p) => {
          pagesSeen.push(p.pages);
          if (p.pages === 2) abort.abort();
        },
      }),
    );
    expect(error.kind).toBe('Cancelled');
    expect(pagesSeen.at(-1)).toBe(2);
    // getCustomer + two list pages, nothing after the cancel.
    const requests = Object.values(sandbox.admin.metrics().requestsByStatus).reduce((a, b) => a + b, 0);
    expect(requests).toBe(3);
    expect(stack.cache.subtreeSyncState(rootId)).toBeUndefined();
    expect((await stack.customers.stagingCounts(rootId)).complete).toBe(false);
  });
});

describe('CustomerService offline', () => {
  it('answers reads from the cache with their dates once the server is down, refuses writes, and recovers', async () => {
    const rootId = sandbox.fixtures.subtree200Id;
    const sync = await stack.customers.syncSubtree(rootId);
    const child = stack.cache.children(rootId).items[0]!.customer;
    await stack.customers.tags();

    await sandbox.admin.down();
    // The first read hits the dead server, falls back to the cache and flips connectivity.
    const got = await stack.customers.get(child.id);
    expect(got).toMatchObject({ source: 'cache', customer: { id: child.id } });
    expect(got.fetchedAt).toBeGreaterThanOrEqual(sync.syncedAt);
    await waitForState(stack.connectivity, 'offline');
    expect(stack.connectivity.snapshot().since).toBeGreaterThanOrEqual(sync.syncedAt);

    const kids = await stack.customers.children(rootId, { pageSize: 500 });
    expect(kids.source).toBe('cache');
    expect(kids.total).toBe(stack.cache.childCount(rootId));
    expect(kids.fetchedAt).toBe(Math.min(...stack.cache.children(rootId, { limit: 500 }).items.map((i) => i.fetchedAt)));

    const crumb = await stack.customers.breadcrumb(child.id);
    expect(crumb.source).toBe('cache');
    expect(crumb.items.at(-1)?.id).toBe(rootId);

    const found = await stack.customers.search((child.name ?? '').slice(0, 4).toUpperCase());
    expect(found.source).toBe('cache');
    expect(found.items.map((c) => c.id)).toContain(child.id);
    expect((await stack.customers.tags()).source).toBe('cache');

    const refused = await rejection(stack.customers.setStaging(child.id, !child.isStaging));
    expect(refused.kind).toBe('Offline');
    expect(refused.message).toBe(`Offline: changes need a connection to ${stack.client.baseUrl}.`);
    expect((await rejection(stack.customers.syncSubtree(rootId))).kind).toBe('Offline');
    expect(sandbox.admin.writes()).toEqual([]);

    const missing = await rejection(stack.customers.get(sandbox.fixtures.otherAccountCustomerId));
    expect(missing.kind).toBe('Offline');

    // Back up: the probe notices on its own.
    await sandbox.admin.up();
    await waitForState(stack.connectivity, 'online');
    expect((await stack.customers.get(child.id)).source).toBe('server');
    const written = await stack.customers.setStaging(child.id, !child.isStaging);
    expect(written.customer.isStaging).toBe(!child.isStaging);
    expect(stack.cache.get(child.id)?.customer.isStaging).toBe(!child.isStaging);
  });

  it('refuses a search containing a NUL with the reason, online and offline, and searches normally after', async () => {
    const rootId = sandbox.fixtures.subtree200Id;
    await stack.customers.syncSubtree(rootId);
    const name = stack.cache.children(rootId).items[0]!.customer.name ?? '';
    const pasted = `${name.slice(0, 3)}\u0000${name.slice(3, 6)}`;
    const online = await rejection(stack.customers.search(pasted));
    expect(online).toMatchObject({ kind: 'InvalidInput', message: expect.stringMatching(/NUL character/) });

    await sandbox.admin.down();
    await stack.customers.get(rootId); // the dead server flips connectivity to offline
    await waitForState(stack.connectivity, 'offline');
    for (const attempt of [stack.customers.search(pasted), stack.customers.children(rootId, { search: pasted })]) {
      expect(await rejection(attempt)).toMatchObject({ kind: 'InvalidInput', message: online.message });
    }
    const found = await stack.customers.search(name.slice(0, 6));
    expect(found).toMatchObject({ source: 'cache' });
    expect(found.items.length).toBeGreaterThan(0);
  });

  it('answers an inherited schedule offline from the cached ancestors, as the server would', async () => {
    const { chainIds, inheritCustomerId } = sandbox.fixtures;
    const online = await stack.customers.inheritedSchedule(inheritCustomerId);
    expect(online.source).toBe('server');
    await stack.customers.syncSubtree(chainIds[0] as string);

    await sandbox.admin.down();
    const offline = await stack.customers.inheritedSchedule(inheritCustomerId);
    expect(offline.source).toBe('cache');
    expect(offline.schedule).toEqual(online.schedule);
    expect(offline.schedule).toEqual(sandbox.admin.customer(chainIds[0] as string)?.schedule);
    await sandbox.admin.up();
  });
});
