/* The browser over a contract-generated fake bridge: children by page, drill down by keyboard
 * and back by breadcrumb, selection like a mail client (Shift ranges, Ctrl+A, the header check
 * box and "all N matching"), the bulk bar's plan, sorting over the whole list, empty states. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AppProviders } from '../../../../src/renderer/app/providers';
import { useUiStore } from '../../../../src/renderer/app/ui-store';
import { BrowserPane } from '../../../../src/renderer/features/browser/BrowserPane';
import { useConsoleStore } from '../../../../src/renderer/app/console-store';
import type { Customer } from '../../../../src/shared/evo/schemas';
import { createFakeBridge, type FakeHandlers } from '../../support/fake-bridge';
import { SIGNED_IN } from '../../support/session-fixtures';
import { fakeLayout } from '../../support/render';
import { makeCustomer } from '../../support/fixtures';

let restore: () => void;
beforeAll(() => {
  restore = fakeLayout(440);
});
afterAll(() => restore());
afterEach(cleanup);
beforeEach(() => {
  useUiStore.getState().reset();
  useConsoleStore.getState().reset();
});

const roots = [makeCustomer(1, { name: 'Alpha' }), makeCustomer(2, { name: 'Beta' })];
const kids = Array.from({ length: 3 }, (_, i) => makeCustomer(10 + i, { name: `Kid ${i}`, parentCustomerId: 'c1' }));
/** A big parent (c5) with 250 children: three pages of 100, so most are not loaded at first. */
const many = Array.from({ length: 250 }, (_, i) =>
  makeCustomer(1000 + i, { name: `Child ${String(i).padStart(3, '0')}`, parentCustomerId: 'c5', isStaging: i === 200, dateLastModified: `2026-01-${String((i % 28) + 1).padStart(2, '0')}T10:00:00Z` }),
);

function childrenOf(parentId: string | null): Customer[] {
  return parentId === null ? roots : parentId === 'c1' ? kids : parentId === 'c5' ? many : [];
}

function setup(source: 'server' | 'cache' = 'server', extra: FakeHandlers = {}) {
  const fake = createFakeBridge({
    'session:getState': () => SIGNED_IN,
    'connectivity:getState': () => ({ state: source === 'cache' ? 'offline' : 'online', since: 0, failedProbes: 0 }),
    'customers:tags': () => ({ items: [{ id: 't1', name: 'VIP', color: 'Gold' }], source, fetchedAt: 1 }),
    'customers:children': ({ parentId, page = 0, pageSize = 100, search }) => {
      const items = childrenOf(parentId).filter((c) => !search || (c.name ?? '').toLowerCase().includes(search.toLowerCase()));
      return { items: items.slice(page * pageSize, (page + 1) * pageSize), total: items.length, page, pageSize, source, fetchedAt: Date.now() - 7_200_000 };
    },
    'customers:childIds': ({ parentId, offset = 0, limit }) => {
      const all = childrenOf(parentId);
      const ids = all.slice(offset, limit === undefined ? undefined : offset + limit).map((c) => c.id);
      return { ids, total: all.length, source };
    },
    'customers:childCounts': ({ ids }) => Object.fromEntries(ids.filter((id) => id === 'c1' || id === 'c5').map((id) => [id, id === 'c1' ? 3 : 250])),
    'customers:subtreeSizes': ({ ids }) => Object.fromEntries(ids.map((id) => [id, { descendants: id === 'c1' ? 3 : 0, complete: id !== 'c2' }])),
    'customers:get': ({ id }) => ({ customer: [...roots, ...kids].find((c) => c.id === id) ?? makeCustomer(5, { name: 'Big' }), source, fetchedAt: 1 }),
    'customers:breadcrumb': ({ id }) => ({ items: id === 'c1' || id === 'c5' ? [] : [{ id: 'c1', name: 'Alpha' }], source, fetchedAt: 1 }),
    'bulk:plan': (request) => ({ id: 'plan-1', target: request.target }) as never,
    ...extra,
  });
  render(
    <AppProviders bridge={fake.bridge}>
      <div style={{ height: 600 }}>
        <BrowserPane />
      </div>
    </AppProviders>,
  );
  return fake;
}

const grid = (name: string) => screen.findByRole('grid', { name });
const rowsOf = (g: HTMLElement) => within(g).getAllByRole('row').filter((r) => r.hasAttribute('data-customer-id'));
const selected = () => [...useUiStore.getState().selectedIds].sort();

describe('BrowserPane', () => {
  it('drills down by keyboard, keeps the selection, and comes back by breadcrumb', async () => {
    const fake = setup();
    const list = await grid('Top-level customers');
    await within(list).findByText('Alpha');
    await waitFor(() => expect(rowsOf(list)[0]?.textContent).toContain('3'));
    list.focus();
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: ' ' }); // select Beta
    expect(screen.getByTestId('selection-count').textContent).toBe('1 customer selected');
    fireEvent.keyDown(list, { key: 'ArrowUp' });
    fireEvent.keyDown(list, { key: 'Enter' }); // open Alpha
    await grid('Children of Alpha');
    await screen.findByText('Kid 0');
    expect(fake.calls.some((c) => c.channel === 'customers:children' && (c.request as { parentId: string }).parentId === 'c1')).toBe(true);
    expect(screen.getByTestId('selection-count').textContent).toBe('1 customer selected');
    fireEvent.click(within(screen.getByTestId('breadcrumb-bar')).getByRole('button', { name: 'All customers' }));
    await grid('Top-level customers');
    expect(useUiStore.getState().currentCustomerId).toBeNull();
  });

  it('offline: says the list is the offline copy and filters there; the age is left to the banner', async () => {
    const fake = setup('cache');
    await screen.findByText('Alpha');
    expect(within(screen.getByTestId('browser-pane')).queryByTestId('as-of')).toBeNull();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter children by name' }), { target: { value: 'alp' } });
    await waitFor(() => expect(fake.calls.some((c) => c.channel === 'customers:children' && (c.request as { search?: string }).search === 'alp')).toBe(true));
    await waitFor(() => expect(screen.getByRole('searchbox').getAttribute('placeholder')).toContain('offline copy'));
  });
});

describe('selection like a mail client', () => {
  async function openBig() {
    useUiStore.getState().setCurrentCustomer('c5');
    const fake = setup();
    const list = await grid('Children of Big');
    await within(list).findByText('Child 000');
    list.focus();
    return { fake, list };
  }

  it('Shift+↓ and Shift+click select ranges from the anchor; Escape clears', async () => {
    const { list } = await openBig();
    fireEvent.keyDown(list, { key: 'ArrowDown' }); // row 0 active
    fireEvent.keyDown(list, { key: ' ' }); // select row 0: the anchor
    fireEvent.keyDown(list, { key: 'ArrowDown', shiftKey: true });
    fireEvent.keyDown(list, { key: 'ArrowDown', shiftKey: true });
    expect(selected()).toEqual(['c1000', 'c1001', 'c1002']);
    const sixth = rowsOf(list).find((r) => r.getAttribute('data-customer-id') === 'c1005') as HTMLElement;
    fireEvent.mouseDown(sixth, { shiftKey: true });
    expect(selected()).toEqual(['c1000', 'c1001', 'c1002', 'c1003', 'c1004', 'c1005']);
    expect(screen.getByTestId('selection-count').textContent).toBe('6 customers selected');
    fireEvent.keyDown(list, { key: 'Escape' });
    expect(selected()).toEqual([]);
    expect(screen.queryByTestId('bulk-bar')).toBeNull();
  });

  it('a Shift range over rows never loaded asks main for exactly those ids', async () => {
    const { fake, list } = await openBig();
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: ' ' }); // anchor: row 0
    fireEvent.keyDown(list, { key: 'End', shiftKey: true }); // to row 249: pages 1 and 2 are not loaded
    await waitFor(() => expect(selected()).toHaveLength(250));
    expect(fake.calls.find((c) => c.channel === 'customers:childIds')?.request).toEqual({ parentId: 'c5', offset: 0, limit: 250 });
  });

  it('the header check box selects the rows shown, then offers all N matching; Ctrl+A selects them all', async () => {
    const { fake, list } = await openBig();
    fireEvent.click(screen.getByTestId('select-all'));
    expect(selected()).toHaveLength(100); // the first page, loaded
    expect((screen.getByTestId('select-all') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByTestId('select-all-matching'));
    await waitFor(() => expect(selected()).toHaveLength(250));
    expect(screen.getByTestId('selection-count').textContent).toBe('250 customers selected');
    fireEvent.keyDown(list, { key: 'Escape' });
    fireEvent.keyDown(list, { key: 'a', ctrlKey: true });
    await waitFor(() => expect(selected()).toHaveLength(250));
    expect(fake.calls.filter((c) => c.channel === 'customers:childIds')).toHaveLength(2);
  });

  it('the bulk bar says what the plan would cover and plans exactly the selection (with descendants when asked)', async () => {
    const fake = setup();
    const list = await grid('Top-level customers');
    await within(list).findByText('Alpha');
    list.focus();
    fireEvent.keyDown(list, { key: 'a', ctrlKey: true }); // both loaded: no call to main
    const bar = await screen.findByTestId('bulk-bar');
    // c2's subtree is not completely in the offline copy: "at least".
    await waitFor(() => expect(bar.textContent).toContain('at least 3 descendants'));
    fireEvent.change(within(bar).getByRole('combobox', { name: 'Route their calls to' }), { target: { value: 'production' } });
    await userEvent.click(within(bar).getByLabelText(/with their descendants/));
    fireEvent.click(within(bar).getByRole('button', { name: 'Plan…' }));
    await waitFor(() => expect(fake.calls.find((c) => c.channel === 'bulk:plan')?.request).toEqual({ subtreeRootIds: ['c1', 'c2'], target: 'production' }));
    await waitFor(() => expect(useUiStore.getState().pendingPlanId).toBe('plan-1'));
    expect(useConsoleStore.getState().detailTab).toBe('bulk');
    expect(fake.calls.some((c) => c.channel === 'customers:childIds')).toBe(false);
  });
});

describe('sorting', () => {
  it('sorts by another column over the whole list (every page loaded), and back by name', async () => {
    useUiStore.getState().setCurrentCustomer('c5');
    const fake = setup();
    const list = await grid('Children of Big');
    await within(list).findByText('Child 000');
    fireEvent.click(within(list).getByRole('button', { name: /Routing/ }));
    // The one customer on staging (row 200, on page 3 of the server's) comes first.
    await waitFor(() => expect(rowsOf(list)[0]?.getAttribute('data-customer-id')).toBe('c1200'));
    expect(screen.getByTestId('sort-note').textContent).toBe('Sorted by routing');
    expect(within(list).getByRole('columnheader', { name: /Routing/ }).getAttribute('aria-sort')).toBe('ascending');
    const wholePages = fake.calls.filter((c) => c.channel === 'customers:children' && (c.request as { pageSize: number }).pageSize === 500);
    expect(wholePages.map((c) => (c.request as { page: number }).page)).toEqual([0]);
    fireEvent.click(within(list).getByRole('button', { name: /Name/ }));
    fireEvent.click(within(list).getByRole('button', { name: /Name/ })); // name, descending
    await waitFor(() => expect(rowsOf(list)[0]?.textContent).toContain('Child 249'));
    expect(within(list).getByRole('columnheader', { name: /Name/ }).getAttribute('aria-sort')).toBe('descending');
  });
});

describe('empty states', () => {
  it('says what is empty and offers what to do', async () => {
    useUiStore.getState().setCurrentCustomer('c5');
    setup();
    await screen.findByText('Child 000');
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter children by name' }), { target: { value: 'zzz' } });
    const empty = await screen.findByTestId('table-empty');
    await waitFor(() => expect(empty.textContent).toContain('No child of Big matches “zzz”.'));
    fireEvent.click(within(empty).getByRole('button', { name: 'Clear the filter' }));
    await screen.findByText('Child 000');
  });

  it('a customer without children says so and offers the way up', async () => {
    useUiStore.getState().setCurrentCustomer('c2');
    setup();
    const empty = await screen.findByTestId('table-empty');
    await waitFor(() => expect(empty.textContent).toContain('has no child customers'));
    fireEvent.click(within(empty).getByRole('button', { name: /Up one level/ }));
    await waitFor(() => expect(useUiStore.getState().currentCustomerId).toBe('c1'));
  });
});
