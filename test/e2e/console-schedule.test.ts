/* A customer's schedule end to end: rules in words, the week picture (7 × 24 cells) and the
 * server's state now (TestSchedule), own, inherited and force-closed schedules. */
import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/e2e/use-harness';
import { expect as pw } from './page-expect';
import { goTo, nameOf, openSignedIn } from './console-support';

const h = useHarness();

describe('console: schedule', () => {
  it('shows the week picture and the state now for own, inherited and force-closed schedules', async () => {
    const app = await openSignedIn(h);
    const { page } = app;
    const { chainIds, inheritCustomerId, forceClosedCustomerId } = h.sandbox.fixtures;

    // Own schedule.
    await goTo(page, nameOf(h, chainIds[0] as string));
    await page.getByRole('tab', { name: 'Schedule' }).click();
    const picture = page.getByTestId('week-picture');
    await pw(picture);
    expect(await picture.getByTestId('week-cell').count()).toBe(7 * 24);
    expect(await picture.locator('tbody th[scope="row"]').count()).toBe(7);
    expect(await page.getByTestId('week-legend').getByRole('listitem').count()).toBeGreaterThan(0);
    await pw(page.getByTestId('state-now-name'));
    const stateNow = (await page.getByTestId('state-now-name').textContent()) ?? '';
    expect(stateNow.length).toBeGreaterThan(0);
    // The sandbox evaluates with the same shared evaluator: the picture is not an approximation.
    expect(await picture.getAttribute('data-approximate')).toBe('false');
    expect(await page.getByTestId('approximation-note').count()).toBe(0);
    expect(await page.getByTestId('rule-list').first().textContent()).toContain('Time zone:');
    await app.screenshot('console-schedule');

    // Inherited: labelled, pictured from the parent's schedule.
    await goTo(page, nameOf(h, inheritCustomerId));
    await page.getByRole('tab', { name: 'Schedule' }).click();
    await pw(page.getByTestId('inherited-schedule').getByTestId('rule-list'));
    // Names the ancestor it inherits from: the nearest one with a schedule of its own (from the sandbox's data).
    let ancestorId = h.sandbox.admin.customer(inheritCustomerId)?.parentCustomerId;
    while (ancestorId) {
      const schedule = h.sandbox.admin.customer(ancestorId)?.schedule;
      if (schedule && !schedule.inherit) break;
      ancestorId = h.sandbox.admin.customer(ancestorId)?.parentCustomerId;
    }
    await pw(page.getByTestId('inherited-schedule').getByRole('heading', { name: `Inherited from ${nameOf(h, ancestorId as string)} — this is what applies` }));
    await pw(page.getByRole('heading', { name: `Own schedule of ${nameOf(h, inheritCustomerId)} (set to inherit)` }));
    await pw(page.getByTestId('week-picture').locator('caption', { hasText: 'inherited schedule' }));
    await pw(page.getByTestId('state-now-name'));
    await app.screenshot('console-schedule-inherited');

    // Force closed.
    await goTo(page, nameOf(h, forceClosedCustomerId));
    await page.getByRole('tab', { name: 'Schedule' }).click();
    await pw(page.getByText(/Force closed: yes/));
    await pw(page.getByTestId('state-now-name'));
    const cells = await page.getByTestId('week-cell').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-state')))]);
    expect(cells).toEqual([await page.getByTestId('state-now-name').textContent()]);
    expect(app.errors).toEqual([]);
    await app.close();
  });
});
