/* Browsing end to end: drill down three levels and back (keyboard and breadcrumb), name
 * filter and quick jump, hostile names shown as text. Real services, sandbox, Chromium. */
import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/e2e/use-harness';
import { expect as pw } from './page-expect';
import { crumbs, currentCrumb, list, nameOf, openSignedIn, row, waitForCurrent } from './console-support';

const h = useHarness();

describe('console: browse', () => {
  it('drills down three levels by keyboard and comes back by keyboard and by breadcrumb', async () => {
    const app = await openSignedIn(h);
    const { page } = app;
    const chain = h.sandbox.fixtures.chainIds;
    const names = chain.map((id) => nameOf(h, id));
    await app.screenshot('console-browser-root');

    // Find the chain's root among the top-level customers with the name filter, then go by keyboard.
    await page.getByRole('searchbox', { name: 'Filter children by name' }).fill(names[0] as string);
    await pw(row(page, chain[0] as string));
    await list(page).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await waitForCurrent(page, names[0] as string);
    for (const level of [1, 2]) {
      await pw(row(page, chain[level] as string));
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await waitForCurrent(page, names[level] as string);
    }
    // Root first, then the three levels.
    expect(await crumbs(page).getByRole('button').allTextContents()).toEqual(['All customers', names[0], names[1]]);
    expect(await currentCrumb(page)).toBe(names[2]);
    await app.screenshot('console-browser-level-3');

    // Back up by keyboard: Backspace, then Alt+↑.
    await page.keyboard.press('Backspace');
    await waitForCurrent(page, names[1] as string);
    await page.keyboard.press('Alt+ArrowUp');
    await waitForCurrent(page, names[0] as string);

    // Down again with Enter, then back by breadcrumb: a middle crumb, then the root.
    await pw(row(page, chain[1] as string));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await waitForCurrent(page, names[1] as string);
    await pw(row(page, chain[2] as string));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await waitForCurrent(page, names[2] as string);
    await crumbs(page).getByRole('button', { name: names[0] }).click();
    await waitForCurrent(page, names[0] as string);
    await crumbs(page).getByRole('button', { name: 'All customers' }).click();
    await pw(crumbs(page).locator('[aria-current="page"]', { hasText: 'All customers' }));
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('filters a 300-child parent by name and jumps to a customer with Ctrl+K', async () => {
    const app = await openSignedIn(h);
    const { page } = app;
    const { bigParentId, chainIds } = h.sandbox.fixtures;
    const bigName = nameOf(h, bigParentId);
    const leafName = nameOf(h, chainIds[4] as string);

    // Quick jump by part of the name.
    await page.keyboard.press('Control+k');
    const combo = page.getByRole('combobox', { name: 'Customer name' });
    await pw(combo);
    await combo.fill(bigName.slice(0, Math.min(bigName.length, 12)));
    await pw(page.getByTestId('quick-jump').getByRole('option', { name: new RegExp(escapeRegExp(bigName)) }));
    await app.screenshot('console-quick-jump');
    await page.getByTestId('quick-jump').getByRole('option', { name: new RegExp(escapeRegExp(bigName)) }).first().click();
    await waitForCurrent(page, bigName);
    await pw(page.getByTestId('children-count').filter({ hasText: '300 customers' }));

    // Name filter over the big parent's children (server side).
    const someChild = h.sandbox.admin.customers().find((c) => c.parentCustomerId === bigParentId);
    const word = (someChild?.name ?? '').split(' ')[0] as string;
    await page.getByRole('searchbox', { name: 'Filter children by name' }).fill(word);
    await pw(page.getByTestId('children-count').filter({ hasText: 'match' }));
    const shown = await list(page).getByTestId('row-name').allTextContents();
    expect(shown.length).toBeGreaterThan(0);
    for (const name of shown) expect(name.toLowerCase()).toContain(word.toLowerCase());
    await app.screenshot('console-filter');

    // Quick jump to the deepest chain member.
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Customer name' }).fill(leafName);
    await pw(page.getByTestId('quick-jump').getByRole('option').first());
    await page.keyboard.press('Enter');
    await waitForCurrent(page, leafName);
    expect((await crumbs(page).getByRole('button').allTextContents()).length).toBe(5); // root + 4 ancestors
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('renders hostile names as text', async () => {
    const app = await openSignedIn(h);
    const { page } = app;
    const { imgTagId, scriptTagId } = h.sandbox.fixtures.hostile;
    const imgName = nameOf(h, imgTagId);
    await page.getByRole('searchbox', { name: 'Filter children by name' }).fill('<');
    await pw(row(page, imgTagId));
    await pw(row(page, scriptTagId));
    expect(await row(page, imgTagId).getByTestId('row-name').textContent()).toBe(imgName);
    expect(await list(page).locator('img').count()).toBe(0);
    expect(await page.locator('body script:not([src])').count()).toBe(0);
    // Open it: the detail shows the name as text too.
    await row(page, imgTagId).dblclick();
    await waitForCurrent(page, imgName);
    await pw(page.getByTestId('section-identity'));
    expect(await page.getByTestId('section-identity').locator('img').count()).toBe(0);
    await app.screenshot('console-hostile-name');
    expect(app.errors).toEqual([]);
    await app.close();
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
