/* Long operations can be stopped: preparing a plan, and "Make available offline". Stopping
 * changes nothing on the server and marks nothing as available offline. */
import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/e2e/use-harness';
import { expect as pw } from './page-expect';
import { goTo, nameOf, openSignedIn } from './console-support';

const h = useHarness();

describe('console: stopping long operations', () => {
  it('stops planning and an offline download on request', async () => {
    const app = await openSignedIn(h);
    const { page } = app;
    const rootId = h.sandbox.fixtures.subtree200Id;
    await goTo(page, nameOf(h, rootId));
    h.sandbox.admin.setFaults({ latencyMs: 1500 }); // slow enough to press Stop while it runs

    await page.getByRole('tab', { name: 'Bulk staging' }).click();
    await page.getByTestId('prepare-plan').click();
    await page.getByTestId('cancel-plan').click();
    await pw(page.getByText('Planning stopped; nothing was changed.'));
    expect(await page.getByTestId('plan-view').count()).toBe(0);
    await app.screenshot('console-plan-stopped');

    await page.getByRole('tab', { name: 'Customer' }).click();
    const offline = page.getByTestId('make-offline');
    await offline.getByRole('button', { name: 'Make available offline' }).click();
    await offline.getByRole('button', { name: 'Stop' }).click();
    await pw(offline.getByText('Download stopped; this customer is not marked as available offline.'));
    expect(app.services.workspaces.current().cache.subtreeSyncState(rootId)).toBeUndefined();

    expect(h.sandbox.admin.writes()).toEqual([]);
    expect(app.errors).toEqual([]);
    h.sandbox.admin.clearFaults();
  });
});
