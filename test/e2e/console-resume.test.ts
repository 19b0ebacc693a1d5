/* A bulk run interrupted by a crash is offered to continue when the app starts, and continuing
 * finishes it with every customer written at most once. The run is started by the evo-console
 * CLI over the same data folder and keychain (so this also shows app and CLI share session and
 * journal) and killed with SIGKILL mid-run. */
import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/e2e/use-harness';
import { CliProcess, login } from '../cli/helpers';
import { expect as pw } from './page-expect';
import { signIn } from './console-support';

const h = useHarness();

const subtree = (rootId: string): string[] => {
  const all = h.sandbox.admin.customers();
  const ids = [rootId];
  for (let i = 0; i < ids.length; i++) for (const c of all) if (c.parentCustomerId === ids[i]) ids.push(c.id);
  return ids;
};

describe('console: interrupted run', () => {
  it('is offered at start and continued to completion; journal and server agree', async () => {
    const root = h.sandbox.fixtures.subtree200Id;
    await login(h.dataDir, h.sandbox.url);
    h.sandbox.admin.setFaults({ latencyMs: 150 }); // a wide window to kill in
    const apply = new CliProcess(['staging', 'apply', '--to', 'staging', '--subtree', root, '--yes', '--concurrency', '4'], { home: h.dataDir });
    await apply.waitForStderr(/applying: ([2-9]\d)\/\d+ /); // counts the customers to change
    apply.child.kill('SIGKILL');
    expect((await apply.exited).signal).toBe('SIGKILL');
    h.sandbox.admin.clearFaults();

    const app = await h.openApp();
    await signIn(app.page); // restored from the keychain the CLI wrote
    const offer = app.page.getByTestId('interrupted-run');
    await pw(offer.filter({ hasText: 'was interrupted' }));
    await app.screenshot('console-interrupted-run');
    await offer.getByRole('button', { name: 'Check and continue' }).click();
    await pw(app.page.getByTestId('results-view').filter({ hasText: 'Run completed' }), 60_000);
    await app.screenshot('console-interrupted-run-continued');

    const ids = subtree(root);
    expect(ids.filter((id) => h.sandbox.admin.customer(id)?.isStaging !== true)).toEqual([]);
    const writes = h.sandbox.admin.writes().map((w) => w.customerId);
    expect(writes.length).toBe(new Set(writes).size); // nothing written twice across the kill
    const runs = app.services.workspaces.bulk.listRuns();
    expect(runs[0]).toMatchObject({ status: 'completed', continueCount: 1, counts: { total: 200, failed: 0, cancelled: 0 } });
    expect((runs[0]?.counts.changed ?? 0) + (runs[0]?.counts.alreadyInState ?? 0)).toBe(200);
    expect(app.errors).toEqual([]);
  });
});
