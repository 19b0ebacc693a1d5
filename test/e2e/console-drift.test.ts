/* The app against a newer server (the sandbox's --drift): sign-in although /auth/status grants a
 * permission the console has never heard of; every child listed although the server silently
 * serves 50 a page; each odd customer opened and its odd item visibly flagged (neutral tag chip
 * naming the colour, members the console does not know, the rule of an unknown type and the week
 * picture marked possibly incomplete, .NET weekday numbers read, deep data cut with "…", the
 * server's state now trusted over the local picture, the set-aside tag named); then the
 * 300-customer subtree planned and made available offline with nothing missed. */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DriftFixtures } from '../../sandbox/server';
import { EVO_ASSUMPTIONS } from '../../src/shared/evo/assumptions';
import { useHarness } from '../support/e2e/use-harness';
import { expect as pw } from './page-expect';
import { goTo, list, nameOf, openSignedIn, stagingOnServer, subtreeIds, until } from './console-support';

const h = useHarness({ sandbox: { drift: true } });
const fixtures = () => h.sandbox.fixtures.drift as DriftFixtures;

/** Opens a customer (quick jump) on the given tab. */
async function open(page: Page, id: string, tab: 'Customer' | 'Schedule'): Promise<void> {
  await goTo(page, nameOf(h, id));
  await page.getByRole('tab', { name: tab }).click();
  await pw(page.getByTestId(tab === 'Customer' ? 'section-identity' : 'schedule-view'));
}

/** Every row id of the open customer's children, read by paging through the list with the
 * keyboard (PageDown moves the active row one screen down; each screen is read once its rows have
 * loaded, so none is skipped). */
async function everyRowId(page: Page, expected: number): Promise<Set<string>> {
  const seen = new Set<string>();
  const activeIndex = async () => {
    const active = list(page).locator('[role="row"][data-active="true"][data-customer-id]');
    return (await active.count()) === 1 ? Number(await active.getAttribute('data-index')) : -1;
  };
  await list(page).focus();
  await page.keyboard.press('Home');
  let previous = -1;
  for (let step = 0; step < expected; step++) {
    let index = -1;
    await until(async () => {
      index = await activeIndex();
      return index > previous && (await list(page).locator('[role="row"][aria-busy]').count()) === 0;
    }, 'the next screen of rows to load');
    for (const id of await list(page).locator('[role="row"][data-customer-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-customer-id')))) {
      if (id) seen.add(id);
    }
    if (index >= expected - 1) break;
    previous = index;
    await page.keyboard.press('PageDown');
  }
  return seen;
}

describe('console against a newer server (--drift)', () => {
  it('signs in, names the set-aside item under the banner, and lists every child despite the silent page cap', async () => {
    const app = await openSignedIn(h);
    const { page } = app;
    const drift = fixtures();
    const notice = page.getByTestId('notice').filter({ hasText: drift.malformedTagCustomerId });
    await pw(notice);
    expect(await notice.textContent()).toMatch(/one item could not be read and was set aside \(the rest was read as usual\): tags\[\d\] of customer \w+ \(expected object \(got string\)\)/);
    await app.screenshot('drift-notice');

    // 300 children, served 50 a page by the server: the list has them all.
    const { bigParentId } = h.sandbox.fixtures;
    const children = h.sandbox.admin.customers().filter((c) => c.parentCustomerId === bigParentId).map((c) => c.id);
    await goTo(page, nameOf(h, bigParentId));
    await pw(page.getByTestId('children-count').filter({ hasText: `${children.length} customers` }));
    expect([...(await everyRowId(page, children.length))].sort()).toEqual(children.sort());

    // The drift subtree's root: its children, and no error anywhere.
    await goTo(page, nameOf(h, drift.subtreeRootId));
    const rootChildren = h.sandbox.admin.customers().filter((c) => c.parentCustomerId === drift.subtreeRootId);
    await pw(page.getByTestId('children-count').filter({ hasText: `${rootChildren.length} customers` }));
    expect([...(await everyRowId(page, rootChildren.length))].sort()).toEqual(rootChildren.map((c) => c.id).sort());
    await app.screenshot('drift-browse');
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('flags each odd item of each odd customer', async () => {
    const app = await openSignedIn(h);
    const { page } = app;
    const drift = fixtures();

    // The Pink tag: a neutral chip that names the server's colour; the members CustomerInfo lacks, as sent.
    await open(page, drift.pinkTagCustomerId, 'Customer');
    const pink = page.getByTestId('section-identity').locator(`[data-testid="tag-chip"][data-color="${drift.unknownTagColor}"]`);
    await pw(pink);
    expect(await pink.getAttribute('data-neutral')).toBe('true');
    expect(await pink.textContent()).toBe(`Partner· ${drift.unknownTagColor}`);
    const raw = h.sandbox.admin.customer(drift.pinkTagCustomerId) as unknown as Record<string, unknown>;
    const others = page.getByTestId('section-other-fields');
    expect(await others.getByTestId('other-fields-badge').textContent()).toContain('not known to this console');
    expect(await others.getByTestId('tree-leaf').allTextContents()).toEqual(drift.unknownCustomerMembers.map((m) => `${m}: ${JSON.stringify(raw[m])}`));
    await app.screenshot('drift-pink-tag');

    // A rule of an unknown type; a rule of an unknown frequency: named, the week picture possibly incomplete.
    for (const [id, words, shot] of [
      [drift.unknownRuleCustomerId, `A rule of a type this console does not know: ${drift.unknownRuleType}`, 'drift-unknown-rule-type'],
      [drift.unknownFrequencyCustomerId, `Repeats "${drift.unknownFrequency}" (a frequency this console does not know)`, 'drift-unknown-frequency'],
    ] as const) {
      await open(page, id, 'Schedule');
      await pw(page.getByTestId('rule-line').filter({ hasText: words }));
      const picture = page.getByTestId('week-picture');
      await pw(picture.getByTestId('week-incomplete'));
      expect(await picture.getAttribute('data-incomplete')).toBe('true');
      expect(await picture.locator('caption').textContent()).toContain('(possibly incomplete)');
      await pw(page.getByTestId('state-now-name'));
      await app.screenshot(shot);
    }

    // .NET numbers for dayOfWeek read as the weekdays they are: Monday to Friday open at 10:00.
    await open(page, drift.numericDayOfWeekCustomerId, 'Schedule');
    await pw(page.getByTestId('rule-line').filter({ hasText: 'Weekdays 09:00–17:00: Open' }));
    const at10 = await page.locator('[data-testid="week-cell"][data-start="10:00"]').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-state')));
    expect(at10).toEqual(['Open', 'Open', 'Open', 'Open', 'Open', 'Closed', 'Closed']);
    expect(await page.getByTestId('week-picture').getAttribute('data-incomplete')).toBe('false');

    // The 700-level data: opened level by level, it stops at the display depth with "…".
    await open(page, drift.deepDataCustomerId, 'Customer');
    const tree = page.getByTestId('section-data').getByTestId('struct-tree');
    const history = tree.locator('li').filter({ has: page.locator('summary', { hasText: /^history / }) }).first();
    for (let level = 0; level <= EVO_ASSUMPTIONS.dataDisplayDepth; level++) {
      const closed = history.locator('details:not([open]) > summary:visible');
      if ((await closed.count()) === 0) break;
      await closed.first().click();
    }
    const cut = tree.getByTestId('tree-too-deep');
    await pw(cut);
    expect(await cut.textContent()).toBe(`entry: … (nested more than ${EVO_ASSUMPTIONS.dataDisplayDepth} levels deep: not shown here)`);
    await app.screenshot('drift-deep-data');

    // TestSchedule knows better: the server's state now is shown, and the local picture is said to be an approximation.
    await open(page, drift.testScheduleDisagreesCustomerId, 'Schedule');
    await pw(page.getByTestId('state-now-name').filter({ hasText: drift.serverCustomerState }));
    const note = page.getByTestId('approximation-note');
    await pw(note);
    expect(await note.textContent()).toMatch(new RegExp(`says “(Open|Closed)” for now, while the server says “${drift.serverCustomerState}”\\. Trust the server’s state\\.`));
    expect(await page.getByTestId('week-picture').getAttribute('data-approximate')).toBe('true');
    const states = await page.getByTestId('week-cell').evaluateAll((cells) => [...new Set(cells.map((c) => c.getAttribute('data-state')))]);
    expect(states).not.toContain(drift.serverCustomerState); // the local picture cannot know the customer's state
    await app.screenshot('drift-test-schedule-disagrees');

    // The malformed tag: the readable tags as chips, the other one named beside them.
    await open(page, drift.malformedTagCustomerId, 'Customer');
    const readable = (h.sandbox.admin.customer(drift.malformedTagCustomerId)?.tags as unknown[]).filter((t): t is { name: string } => typeof t === 'object');
    const index = (h.sandbox.admin.customer(drift.malformedTagCustomerId)?.tags as unknown[]).findIndex((t) => typeof t !== 'object');
    expect(await page.getByTestId('section-identity').getByTestId('tag-chip').allTextContents()).toEqual(readable.map((t) => t.name));
    expect(await page.getByTestId('tags-set-aside').textContent()).toBe(`One tag could not be read and is not listed: tags[${index}] (expected object (got string)).`);
    await app.screenshot('drift-malformed-tag');
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('plans the 300-customer subtree with nothing missed and makes it available offline', async () => {
    const app = await openSignedIn(h);
    const { page } = app;
    const drift = fixtures();
    const ids = subtreeIds(h, drift.subtreeRootId);
    expect(ids).toHaveLength(drift.subtreeSize);
    const already = [...stagingOnServer(h, ids).values()].filter(Boolean).length;

    await goTo(page, nameOf(h, drift.subtreeRootId));
    await page.getByRole('tab', { name: 'Bulk staging' }).click();
    await page.getByTestId('prepare-plan').click();
    await pw(page.getByTestId('plan-view'), 60_000);
    // Each figure is its label followed by its value.
    expect(await page.getByTestId('count-toChange').textContent()).toBe(`Will change${ids.length - already}`);
    expect(await page.getByTestId('count-alreadyInState').textContent()).toBe(`Already staging${already}`);
    expect(await page.getByTestId('count-notAccessible').textContent()).toBe('Not accessible0');
    expect(await page.getByTestId('plan-view').textContent()).toContain(`Total${drift.subtreeSize}`);
    expect(await page.getByTestId('count-unreadable').count()).toBe(0);
    await app.screenshot('drift-plan');

    await page.getByRole('tab', { name: 'Customer' }).click();
    await page.getByRole('button', { name: 'Make available offline' }).click();
    await pw(page.getByTestId('make-offline').getByText(`${drift.subtreeSize} customers saved for offline use.`), 60_000);
    const { cache } = app.services.workspaces.current();
    const cached = [drift.subtreeRootId, ...cache.descendants(drift.subtreeRootId).map((c) => c.customer.id)];
    expect(cached.sort()).toEqual([...ids].sort());
    await app.screenshot('drift-offline');
    expect(app.errors).toEqual([]);
    await app.close();
  });
});
