/* evo-console staging now / due and apply --return-by, as a real child process against the
 * sandbox: the list equals the server's staging customers of the account; a run's return-by is
 * journalled and its customers are due until they are back on normal routing. */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/server';
import { cli, json, useSignedInSandbox } from './helpers';

let sandbox: Sandbox;
let home: string;

useSignedInSandbox((started) => ({ sandbox, home } = started), { resetEachTest: true });

interface NowDoc {
  source: string;
  listedAt: string | null;
  subtreeId: string | null;
  rows: { id: string; name: string; lastModified: string | null; lastModifiedBy: string | null; run: { runId: string; returnBy: string | null } | null }[];
}
interface DueDoc {
  source: string;
  items: { customerId: string; runId: string; returnBy: string; urgency: string }[];
}

const managerStagingIds = () =>
  sandbox.admin
    .customers()
    .filter((c) => c.accountId === sandbox.fixtures.managerAccountId && c.isStaging)
    .map((c) => c.id)
    .sort();

async function run(args: string[]) {
  const result = await cli(args, { home });
  expect(result.code, result.stderr).toBe(0);
  return result;
}

describe('staging now, staging due, apply --return-by', { timeout: 120_000 }, () => {
  it('now lists exactly the account customers on staging, says how it was built, and names the run that put one there', async () => {
    const leaf = sandbox.fixtures.chainIds.at(-1) as string;
    const applied = json<{ runId: string }>(await run(['--json', 'staging', 'apply', '--to', 'staging', leaf, '--yes', '--return-by', '3h']));
    expect(sandbox.admin.customer(leaf)?.isStaging).toBe(true);

    const result = await run(['--json', 'staging', 'now']);
    const doc = json<NowDoc>(result);
    expect(doc.source).toBe('server');
    expect(doc.listedAt).not.toBeNull();
    expect(doc.rows.map((r) => r.id).sort()).toEqual(managerStagingIds());
    const row = doc.rows.find((r) => r.id === leaf);
    expect(row?.run?.runId).toBe(applied.runId);
    expect(Date.parse(row?.run?.returnBy ?? '')).toBeGreaterThan(Date.now() + 2.9 * 3_600_000);
    expect(row?.lastModifiedBy).toBeTruthy();
    expect(result.stderr).toContain("From the account's offline copy, refreshed from the server; account listed");

    // --subtree keeps only that subtree; the leaf is in its chain root's subtree.
    const sub = json<NowDoc>(await run(['--json', 'staging', 'now', '--subtree', sandbox.fixtures.chainIds[0] as string]));
    expect(sub.subtreeId).toBe(sandbox.fixtures.chainIds[0]);
    expect(sub.rows.map((r) => r.id)).toContain(leaf);
    expect(sub.rows.length).toBeLessThan(doc.rows.length);

    // --offline: the same list from the offline copy, dated by the listing it came from.
    const offline = await run(['--json', '--offline', 'staging', 'now']);
    const cached = json<NowDoc>(offline);
    expect(cached.source).toBe('cache');
    expect(cached.listedAt).toBe(doc.listedAt);
    expect(cached.rows.map((r) => r.id).sort()).toEqual(managerStagingIds());
    expect(cached.rows.find((r) => r.id === leaf)?.run?.runId).toBe(applied.runId);
    expect(offline.stderr).toContain('offline copy only');

    // A human table names the customer and the run.
    const human = await run(['staging', 'now']);
    expect(human.stdout).toContain(applied.runId.slice(0, 8));
  });

  it('due lists customers still on staging near their return-by, until they are back on normal routing', async () => {
    const [, second, third] = sandbox.fixtures.chainIds as [string, string, string];
    const soon = json<{ runId: string }>(await run(['--json', 'staging', 'apply', '--to', 'staging', second, '--yes', '--return-by', '10m']));
    await run(['--json', 'staging', 'apply', '--to', 'staging', third, '--yes', '--return-by', '1d']);

    const due = json<DueDoc>(await run(['--json', 'staging', 'due']));
    expect(due.source).toBe('server');
    expect(due.items.map((i) => [i.customerId, i.runId, i.urgency])).toEqual([[second, soon.runId, 'due']]);

    // Returned (a confirmed run of its own): no longer due.
    await run(['--json', 'staging', 'apply', '--to', 'production', second, '--yes']);
    expect(sandbox.admin.customer(second)?.isStaging).toBe(false);
    expect(json<DueDoc>(await run(['--json', 'staging', 'due'])).items).toEqual([]);
  });

  it('refuses a return-by that is not a future time, or on a move back, before anything is sent', async () => {
    const leaf = sandbox.fixtures.chainIds.at(-1) as string;
    const writes = sandbox.admin.writes().length;
    const past = await cli(['staging', 'apply', '--to', 'staging', leaf, '--yes', '--return-by', '2020-01-01T00:00Z'], { home });
    expect(past.code).toBe(2);
    expect(past.stderr).toContain('is not in the future');
    const words = await cli(['staging', 'apply', '--to', 'staging', leaf, '--yes', '--return-by', 'tomorrow'], { home });
    expect(words.code).toBe(2);
    expect(words.stderr).toContain('"tomorrow" is not a return-by time');
    const back = await cli(['staging', 'apply', '--to', 'production', leaf, '--yes', '--return-by', '2h'], { home });
    expect(back.code).toBe(2);
    expect(back.stderr).toContain('--return-by goes with --to staging');
    expect(sandbox.admin.writes().length).toBe(writes);
    expect(sandbox.admin.customer(leaf)?.isStaging).toBe(false);
  });
});
