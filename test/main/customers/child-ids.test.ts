/* customers:childIds and customers:subtreeSizes through the real router and services against
 * the sandbox over HTTP: the ids agree with the list pages, also for a range in the middle and
 * with a filter; subtree sizes come from the offline copy. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { createAppServices, type AppServices } from '../../../src/main/app-services';
import type { IpcSender } from '../../../src/main/ipc/sender';
import { listChildIds } from '../../../src/main/customers/child-ids';

const sender: IpcSender = { contentsId: 1, frameUrl: 'app://console/index.html', isMainFrame: true };
let sandbox: Sandbox;
let services: AppServices;

async function call<T>(channel: string, request: unknown): Promise<T> {
  const result = await services.router.invoke(channel, request, sender);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, quiet: true });
  services = createAppServices({ dataDir: mkdtempSync(path.join(tmpdir(), 'evo-ids-')), host: 'harness', appVersion: '0.0.0-test', checkSender: () => null, sandboxUrl: sandbox.url });
  await call('session:signIn', { profileId: 'sandbox', email: 'manager@sandbox.test', password: 'sandbox', rememberMe: false });
});
afterAll(async () => {
  services?.close();
  await sandbox?.close();
});

const childrenOnServer = (parentId: string) =>
  sandbox.admin
    .customers()
    .filter((c) => c.parentCustomerId === parentId)
    .map((c) => c.id);

describe('customers:childIds', () => {
  it('lists every child of a parent, in the order of the list pages', async () => {
    const { bigParentId, bigParentChildCount } = sandbox.fixtures;
    const all = await call<{ ids: string[]; total: number }>('customers:childIds', { parentId: bigParentId });
    expect(all.total).toBe(bigParentChildCount);
    expect(new Set(all.ids)).toEqual(new Set(childrenOnServer(bigParentId)));
    const page1 = await call<{ items: { id: string }[] }>('customers:children', { parentId: bigParentId, page: 1, pageSize: 100 });
    expect(all.ids.slice(100, 200)).toEqual(page1.items.map((c) => c.id));
  });

  it('answers a range in the middle across page boundaries (a Shift range over rows never loaded)', async () => {
    const { bigParentId } = sandbox.fixtures;
    const all = await call<{ ids: string[] }>('customers:childIds', { parentId: bigParentId });
    const range = await call<{ ids: string[] }>('customers:childIds', { parentId: bigParentId, offset: 95, limit: 12 });
    expect(range.ids).toEqual(all.ids.slice(95, 107));
    // Small pages force several reads; the answer is the same.
    const customers = { children: (parentId: string | null, o: object) => call<never>('customers:children', { parentId, ...o }) };
    expect((await listChildIds(customers, bigParentId, { offset: 95, limit: 12 }, 7)).ids).toEqual(all.ids.slice(95, 107));
  });

  it('goes on past a page shortened by a record set aside (paging follows the total, not short pages)', async () => {
    // Seven children; the server's first page had one record the reader set aside.
    const pages: Record<number, string[]> = { 0: ['a', 'c'], 1: ['d', 'e', 'f'], 2: ['g'] };
    const customers = { children: async (_: string | null, o: { page?: number }) => ({ items: (pages[o.page ?? 0] ?? []).map((id) => ({ id })), total: 7, source: 'server' as const }) };
    expect((await listChildIds(customers as never, 'p', {}, 3)).ids).toEqual(['a', 'c', 'd', 'e', 'f', 'g']);
  });

  it('applies the tag filter like the list does', async () => {
    const { tagFilter } = sandbox.fixtures;
    const roots = await call<{ ids: string[]; total: number }>('customers:childIds', { parentId: null, tagIds: tagFilter.tagIds });
    const list = await call<{ items: { id: string }[]; total: number }>('customers:children', { parentId: null, tagIds: tagFilter.tagIds, pageSize: 500 });
    expect(roots.total).toBe(list.total);
    expect(roots.ids).toEqual(list.items.map((c) => c.id));
  });
});

describe('customers:subtreeSizes', () => {
  it('counts the descendants the offline copy holds, complete once the account was downloaded', async () => {
    const { bigParentId, bigParentDescendantCount, chainIds } = sandbox.fixtures;
    await call('customers:children', { parentId: null }); // lists the roots by downloading the account
    const sizes = await call<Record<string, { descendants: number; complete: boolean }>>('customers:subtreeSizes', { ids: [bigParentId, chainIds[0], 'no-such-id'] });
    expect(sizes[bigParentId]).toEqual({ descendants: bigParentDescendantCount, complete: true });
    // The chain is one path root → leaf: at least its other four members are below its root.
    expect(sizes[chainIds[0] as string]?.descendants).toBeGreaterThanOrEqual(chainIds.length - 1);
    expect(sizes['no-such-id']).toBeUndefined();
  });
});
