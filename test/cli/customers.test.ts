/* evo-console customers ls/show/tree and sync as a real child process: server answers,
 * --json shapes, unknown and foreign ids, and the offline cache (--offline, server down). */
import { describe, expect, it } from 'vitest';
import type { Customer } from '../../src/shared/evo/schemas';
import type { Sandbox } from '../../sandbox/server';
import { cli, json, login, tempHome, useSignedInSandbox } from './helpers';

let sandbox: Sandbox;
let home: string;

useSignedInSandbox((started) => ({ sandbox, home } = started));

interface ListDoc {
  source: string;
  fetchedAt: string | null;
  total: number;
  items: Customer[];
}

interface TreeNode {
  id: string;
  name: string;
  isStaging: boolean | null;
  children?: TreeNode[];
}

describe('customers', { timeout: 120_000 }, () => {
  it('ls: children of --parent, first page by default and every page with --all', async () => {
    const { bigParentId, bigParentChildCount } = sandbox.fixtures;
    const first = await cli(['--json', 'customers', 'ls', '--parent', bigParentId], { home });
    expect(first.code, first.stderr).toBe(0);
    const page = json<ListDoc>(first);
    expect(page).toMatchObject({ source: 'server', total: bigParentChildCount });
    expect(page.items).toHaveLength(100);
    expect(first.stderr).toContain(`showing 100 of ${bigParentChildCount}; add --all`);

    const all = json<ListDoc>(await cli(['--json', '--quiet', 'customers', 'ls', '--parent', bigParentId, '--all'], { home }));
    expect(all.items).toHaveLength(bigParentChildCount);
    expect(new Set(all.items.map((c) => c.parentCustomerId))).toEqual(new Set([bigParentId]));
  });

  it('ls: --search across the account and --tag (all of them), as an aligned table', async () => {
    const { tagFilter } = sandbox.fixtures;
    const tagged = json<ListDoc>(await cli(['--json', 'customers', 'ls', '--search', '', '--all', '--tag', tagFilter.tagIds[0], '--tag', tagFilter.tagIds[1]], { home }));
    expect(tagged.items.length).toBeGreaterThan(0);
    for (const c of tagged.items) expect(c.tags?.map((t) => t.id)).toEqual(expect.arrayContaining([...tagFilter.tagIds]));

    const name = sandbox.admin.customer(sandbox.fixtures.chainIds[2] as string)?.name ?? '';
    const word = name.split(' ')[0] ?? '';
    const human = await cli(['customers', 'ls', '--search', word], { home });
    expect(human.code).toBe(0);
    const lines = human.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID +NAME +ROUTING +REFERENCE +PATH$/);
    expect(lines.some((l) => l.startsWith(sandbox.fixtures.chainIds[2] as string))).toBe(true);
    // Columns line up: ROUTING starts at the same offset on every row.
    const at = (lines[0] ?? '').indexOf('ROUTING');
    for (const line of lines.slice(1)) expect(line.slice(at)).toMatch(/^(normal|staging)/);
  });

  it('tags ls lists the catalogue; --tag takes a name in any case or an id; an unknown tag is exit 5 naming it', async () => {
    const { tagFilter } = sandbox.fixtures;
    const listed = await cli(['--json', 'tags', 'ls'], { home });
    expect(listed.code, listed.stderr).toBe(0);
    const tags = json<{ tags: { id: string; name: string }[] }>(listed).tags;
    const [first, second] = tagFilter.tagIds.map((id) => tags.find((t) => t.id === id));
    expect(first?.name && second?.name).toBeTruthy();
    const human = await cli(['tags', 'ls'], { home });
    expect(human.stdout).toMatch(new RegExp(`^${first?.id} +${first?.name} +\\w+$`, 'm'));

    const byIds = json<ListDoc>(await cli(['--json', 'customers', 'ls', '--search', '', '--all', '--tag', tagFilter.tagIds[0], '--tag', tagFilter.tagIds[1]], { home }));
    const byNames = json<ListDoc>(await cli(['--json', 'customers', 'ls', '--search', '', '--all', '--tag', (first?.name ?? '').toUpperCase(), '--tag', (second?.name ?? '').toLowerCase()], { home }));
    expect(byNames.items.map((c) => c.id).sort()).toEqual(byIds.items.map((c) => c.id).sort());
    expect(byNames.items.length).toBeGreaterThan(0);

    const unknown = await cli(['customers', 'ls', '--tag', 'No Such Tag'], { home });
    expect(unknown.code).toBe(5);
    expect(unknown.stderr).toMatch(/No tag named or with the id "No Such Tag".*evo-console tags ls/);
    const plan = await cli(['staging', 'plan', '--to', 'staging', '--subtree', sandbox.fixtures.chainIds[0] as string, '--tag', 'No Such Tag'], { home });
    expect(plan.code).toBe(5);
  });

  it('ls --routing keeps only the customers on that routing (every page read)', async () => {
    const { bigParentId } = sandbox.fixtures;
    const children = sandbox.admin.customers().filter((c) => c.parentCustomerId === bigParentId);
    for (const routing of ['staging', 'normal', 'production'] as const) {
      const result = json<ListDoc>(await cli(['--json', '--quiet', 'customers', 'ls', '--parent', bigParentId, '--routing', routing, '--all'], { home }));
      const expected = children.filter((c) => (c.isStaging === true) === (routing === 'staging')).map((c) => c.id);
      expect(result.items.map((c) => c.id).sort()).toEqual(expected.sort());
      expect(result.total).toBe(expected.length);
    }
    expect((await cli(['customers', 'ls', '--routing', 'sideways'], { home })).code).toBe(2);
  });

  it('--search finds by name, id or reference id, with a PATH column that tells same-named customers apart', async () => {
    const chain = sandbox.fixtures.chainIds; // chain[3] carries a reference id in the seed (chain[4] has none)
    const leaf = sandbox.admin.customer(chain[3] as string);
    const parentName = sandbox.admin.customer(chain[2] as string)?.name ?? '';
    const searchHome = tempHome();
    await login(searchHome, sandbox.url);

    // No offline copy yet: reference ids cannot be searched, and it says so.
    const noCopy = await cli(['customers', 'ls', '--search', leaf?.referenceId ?? ''], { home: searchHome });
    expect(noCopy.stderr).toMatch(/reference ids were not searched: there is no offline copy/);
    expect(noCopy.stdout).not.toContain(chain[3]);

    expect((await cli(['--quiet', 'customers', 'ls'], { home: searchHome })).code).toBe(0); // the roots: downloads the account
    for (const text of [leaf?.referenceId ?? '', (leaf?.referenceId ?? '').toLowerCase(), chain[3] as string]) {
      const found = await cli(['customers', 'ls', '--search', text], { home: searchHome });
      expect(found.code, found.stderr).toBe(0);
      expect(found.stderr).toMatch(/reference ids searched in the offline copy of the account as of \d{4}-\d\d-\d\d \d\d:\d\d/);
      const row = found.stdout.split('\n').find((l) => l.startsWith(chain[3] as string)) ?? '';
      expect(row).toContain(leaf?.referenceId);
      expect(row.endsWith(` › ${parentName}`) || row.endsWith(`  ${parentName}`), row).toBe(true);
    }
    const doc = json<ListDoc & { referenceIds: { copy: string } }>(await cli(['--json', 'customers', 'ls', '--search', leaf?.referenceId ?? ''], { home: searchHome }));
    expect(doc.referenceIds.copy).toBe('account');
    expect(doc.items.map((c) => c.id)).toEqual([chain[3]]);

    const [a, b] = sandbox.fixtures.hostile.duplicateIds.map((id) => sandbox.admin.customer(id));
    const same = await cli(['customers', 'ls', '--search', a?.name ?? ''], { home: searchHome });
    const rows = same.stdout.split('\n').filter((l) => l.startsWith(a?.id ?? '-') || l.startsWith(b?.id ?? '-'));
    expect(rows).toHaveLength(2);
    expect(rows.join('\n')).toContain(a?.referenceId);
    expect(rows.join('\n')).toContain(b?.referenceId);
    const duplicateParent = sandbox.admin.customer(a?.parentCustomerId ?? '')?.name ?? '';
    for (const row of rows) expect(row.endsWith(duplicateParent)).toBe(true);
  });

  it('show and tree: JSON shapes and the human tree with staging marks', async () => {
    const chain = sandbox.fixtures.chainIds;
    const shown = await cli(['--json', 'customers', 'show', chain[2] as string], { home });
    expect(shown.code).toBe(0);
    const doc = json<{ source: string; customer: Customer }>(shown);
    expect(doc.source).toBe('server');
    expect(doc.customer).toMatchObject({ id: chain[2], parentCustomerId: chain[1] });

    const tree = json<{ root: TreeNode; depth: number }>(await cli(['--json', 'customers', 'tree', chain[0] as string, '--depth', '4'], { home }));
    const path: string[] = [];
    for (let n: TreeNode | undefined = tree.root; n; n = n.children?.find((k) => chain.includes(k.id))) path.push(n.id);
    expect(path).toEqual(chain);

    const human = await cli(['customers', 'tree', chain[0] as string, '--depth', '1'], { home });
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^\[(N|S)\] /);
    expect(human.stdout).toContain(`└─ [`);
    expect(human.stdout).toContain(chain[1]);
    expect(human.stdout).not.toContain(chain[2]); // below --depth 1
  });

  it('unknown id → exit 5, a customer of another account → exit 4, bad --depth → exit 2', async () => {
    const unknown = await cli(['customers', 'show', 'no-such-customer'], { home });
    expect(unknown.code).toBe(5);
    expect(unknown.stderr).toMatch(/no-such-customer was not found/);
    const foreign = await cli(['customers', 'show', sandbox.fixtures.otherAccountCustomerId], { home });
    expect(foreign.code).toBe(4);
    expect(foreign.stderr).toMatch(/not in your account/);
    const depth = await cli(['customers', 'tree', sandbox.fixtures.chainIds[0] as string, '--depth', 'x'], { home });
    expect(depth.code).toBe(2);
  });
});

describe('sync and the offline cache', { timeout: 90_000 }, () => {
  it('sync makes a subtree readable with --offline and while the server is down; writes are refused', async () => {
    const offlineHome = tempHome();
    await login(offlineHome, sandbox.url);
    const { subtree200Id, bigParentId } = sandbox.fixtures;
    const synced = await cli(['--json', 'sync', subtree200Id], { home: offlineHome });
    expect(synced.code, synced.stderr).toBe(0);
    expect(json(synced)).toMatchObject({ rootId: subtree200Id, count: 200 });
    expect(synced.stderr).toMatch(/syncing: \d+/);

    const child = sandbox.admin.customers().find((c) => c.parentCustomerId === subtree200Id)?.id as string;
    const offline = await cli(['--offline', '--json', 'customers', 'show', child], { home: offlineHome });
    expect(offline.code, offline.stderr).toBe(0);
    expect(json(offline)).toMatchObject({ source: 'cache', customer: { id: child } });
    expect(offline.stderr).toMatch(/offline: answers from the cache/);
    expect(offline.stderr).toMatch(/warning: from the offline cache, as of/);

    const notCached = await cli(['--offline', 'customers', 'show', bigParentId], { home: offlineHome });
    expect(notCached.code).toBe(8);
    expect(notCached.stderr).toMatch(/not in the offline cache/);

    const plan = json<{ source: string; counts: { total: number } }>(await cli(['--offline', '--json', 'staging', 'plan', '--to', 'staging', '--subtree', subtree200Id], { home: offlineHome }));
    expect(plan).toMatchObject({ source: 'cache', counts: { total: 200 } });
    const write = await cli(['--offline', 'staging', 'apply', '--to', 'staging', child, '--yes'], { home: offlineHome });
    expect(write.code).toBe(8);

    await sandbox.admin.down();
    try {
      const down = await cli(['--json', 'customers', 'show', child], { home: offlineHome });
      expect(down.code, down.stderr).toBe(0);
      expect(json(down)).toMatchObject({ source: 'cache' });
      expect(down.stderr).toMatch(/server did not answer/);
      const apply = await cli(['staging', 'apply', '--to', 'staging', child, '--yes'], { home: offlineHome });
      expect(apply.code).toBe(8);
      expect(apply.stderr).toMatch(/127\.0\.0\.1/);
      expect(sandbox.admin.writes()).toEqual([]);
    } finally {
      await sandbox.admin.up();
    }
  });
});
