/* The customer table for a full working day, end to end: it fills the window without page
 * scroll (also three levels down), the name column shows 40 characters at 1280×800, the split
 * and the column widths survive a restart, selection works like a mail client up to a plan,
 * sorting by routing puts staging first, the cheat sheet opens on "?", and every control can be
 * reached with Tab. Real services, sandbox, Chromium. */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useHarness } from '../support/e2e/use-harness';
import { expect as pw } from './page-expect';
import { goTo, list, nameOf, openSignedIn, row, until } from './console-support';

const h = useHarness();

/** The page's own scroll: none on the console. */
const pageOverflow = (page: Page) => page.evaluate('document.scrollingElement.scrollHeight - window.innerHeight') as Promise<number>;
const gridBottom = (page: Page) => page.evaluate(`document.querySelector('[role="grid"]').getBoundingClientRect().bottom`) as Promise<number>;

describe('console: the customer table', () => {
  it('fills the window without page scroll, and the name column shows 40 characters at 1280×800', async () => {
    const app = await openSignedIn(h, { viewport: { width: 1280, height: 800 } });
    const { page } = app;
    await pw(list(page).locator('[role="row"][data-customer-id]'));
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    expect(await gridBottom(page)).toBeGreaterThan(800 - 40);

    // The name cell fits 40 characters of a real name in the table's own font, untruncated.
    const fits = (await page.evaluate(`(() => {
      const cell = document.querySelector('[data-testid="row-name"]');
      const probe = cell.cloneNode(false);
      probe.textContent = 'Schowalter, Schmeler and Kertzmann Group';
      Object.assign(probe.style, { position: 'absolute', width: 'auto', visibility: 'hidden', flex: 'none' });
      cell.parentElement.appendChild(probe);
      const need = probe.getBoundingClientRect().width;
      probe.remove();
      return { need, have: cell.getBoundingClientRect().width, chars: probe.textContent.length };
    })()`)) as { need: number; have: number; chars: number };
    expect(fits.chars).toBe(40);
    expect(fits.have).toBeGreaterThanOrEqual(fits.need);

    // Three levels down the page still does not scroll (it scrolled 1,839 px around one row).
    const chain = h.sandbox.fixtures.chainIds;
    await goTo(page, nameOf(h, chain[3] as string));
    await pw(page.getByTestId('table-empty').or(list(page).locator('[role="row"][data-customer-id]')));
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    expect(await gridBottom(page)).toBeGreaterThan(800 - 40);
    await app.close();
  });

  it('remembers the split and the column widths across a restart', async () => {
    const first = await openSignedIn(h);
    const divider = first.page.getByRole('separator', { name: /Divider between the customer list and the details/ });
    const before = Number(await divider.getAttribute('aria-valuenow'));
    await divider.focus();
    for (let i = 0; i < 5; i++) await first.page.keyboard.press('ArrowLeft');
    const moved = Number(await divider.getAttribute('aria-valuenow'));
    expect(moved).toBeLessThan(before);
    const handle = first.page.getByRole('separator', { name: /reference column/ });
    await handle.focus();
    await first.page.keyboard.press('ArrowRight');
    const width = /--col-referenceId:\s*(\d+px)/.exec((await list(first.page).getAttribute('style')) ?? '')?.[1];
    expect(width).toBe('112px');
    // Preferences are written once the movement pauses.
    await until(() => first.page.evaluate(`localStorage.getItem('evo.consoleSplit') === '${moved / 100}' && (localStorage.getItem('evo.columnSizes') || '').includes('referenceId')`) as Promise<boolean>, 'preferences saved');
    await first.close();

    const second = await openSignedIn(h);
    expect(Number(await second.page.getByRole('separator', { name: /Divider between/ }).getAttribute('aria-valuenow'))).toBe(moved);
    expect(/--col-referenceId:\s*(\d+px)/.exec((await list(second.page).getAttribute('style')) ?? '')?.[1]).toBe(width);
    // Back to the defaults for the scenarios after this one.
    await second.page.evaluate('localStorage.clear()');
    await second.close();
  });

  it('selects like a mail client and plans exactly the selection from the bulk bar', async () => {
    const app = await openSignedIn(h);
    const { page } = app;
    const { bigParentId, bigParentChildCount } = h.sandbox.fixtures;
    await goTo(page, nameOf(h, bigParentId));
    await pw(list(page).locator('[role="row"][data-customer-id]'));
    const rows = list(page).locator('[role="row"][data-customer-id]');
    // Click one, Shift+click the fifth: five selected.
    await rows.nth(0).getByTestId('row-check').click();
    await rows.nth(4).click({ modifiers: ['Shift'] });
    await pw(page.getByTestId('selection-count').filter({ hasText: '5 customers selected' }));
    // Shift+↓ twice more from the active row.
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await pw(page.getByTestId('selection-count').filter({ hasText: '7 customers selected' }));
    await app.screenshot('console-selection');

    // Ctrl+A: every child matching the filter, loaded or not.
    await page.keyboard.press('Control+a');
    await pw(page.getByTestId('selection-count').filter({ hasText: `${bigParentChildCount} customers selected` }));
    await page.getByTestId('bulk-bar-plan').click();
    const plan = page.getByTestId('plan-view');
    await pw(plan);
    const number = async (id: string) => Number(((await page.getByTestId(id).textContent()) ?? '').replace(/\D/g, ''));
    // Exactly the selection: its children, not the parent, not their descendants.
    expect((await number('count-toChange')) + (await number('count-alreadyInState'))).toBe(bigParentChildCount);
    await app.screenshot('console-selection-plan');
    await app.close();
  });

  it('sorts by routing over the whole list: staging first', async () => {
    const app = await openSignedIn(h);
    const { page } = app;
    const { bigParentId } = h.sandbox.fixtures;
    await goTo(page, nameOf(h, bigParentId));
    await pw(list(page).locator('[role="row"][data-customer-id]'));
    const staging = h.sandbox.admin.customers().filter((c) => c.parentCustomerId === bigParentId && c.isStaging === true).length;
    expect(staging).toBeGreaterThan(0);
    await list(page).getByRole('button', { name: /Routing/ }).click();
    await pw(page.getByTestId('sort-note').filter({ hasText: 'Sorted by routing' }));
    const firstIds = await list(page).locator('[role="row"][data-customer-id]').evaluateAll((rs) => rs.slice(0, 5).map((r) => r.getAttribute('data-customer-id')));
    for (const id of firstIds.slice(0, Math.min(5, staging))) expect(h.sandbox.admin.customer(id as string)?.isStaging).toBe(true);
    await pw(row(page, firstIds[0] as string).getByTestId('routing-pill').filter({ hasText: 'Staging' }));
    await app.screenshot('console-sorted-by-routing');
    await app.close();
  });

  it('opens the keyboard cheat sheet on "?" and reaches every control with Tab', async () => {
    const app = await openSignedIn(h);
    const { page } = app;
    await pw(list(page).locator('[role="row"][data-customer-id]'));
    await page.keyboard.press('?');
    await pw(page.getByTestId('shortcuts-dialog'));
    await app.screenshot('console-shortcuts');
    await page.keyboard.press('Escape');
    await until(async () => (await page.getByTestId('shortcuts-dialog').count()) === 0, 'cheat sheet closed');

    // Every visible control is a Tab stop (rows are reached with the arrows inside the grid;
    // tabs and radios with the arrows inside their group).
    const reached = new Set<string>();
    await page.evaluate(`document.querySelectorAll('button, input, select, [tabindex="0"], [role="separator"]').forEach((e, i) => e.setAttribute('data-tab-probe', String(i)))`);
    await page.locator('body').focus();
    for (let i = 0; i < 120; i++) {
      await page.keyboard.press('Tab');
      const probe = (await page.evaluate(`document.activeElement && document.activeElement.getAttribute('data-tab-probe')`)) as string | null;
      if (probe) reached.add(probe);
    }
    const controls = (await page.evaluate(`[...document.querySelectorAll('[data-tab-probe]')].filter((e) => {
      const r = e.getBoundingClientRect();
      const roving = ['tab', 'radio', 'menuitem', 'menuitemradio'].includes(e.getAttribute('role')) || (e.type === 'radio');
      return r.width > 0 && r.height > 0 && !e.disabled && !roving && !e.closest('[inert]') && e.getAttribute('aria-hidden') !== 'true' && e.type !== 'hidden';
    }).map((e) => ({ probe: e.getAttribute('data-tab-probe'), what: (e.getAttribute('aria-label') || e.textContent || e.tagName).trim().slice(0, 40) }))`)) as { probe: string; what: string }[];
    const missed = controls.filter((c) => !reached.has(c.probe)).map((c) => c.what);
    expect(missed).toEqual([]);
    await app.close();
  });
});
