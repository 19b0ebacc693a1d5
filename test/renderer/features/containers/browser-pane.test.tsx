/* The browser over a contract-generated fake bridge: children by page, drill down by keyboard
 * and back by breadcrumb, selection kept across navigation, the offline copy labelled. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { AppProviders } from '../../../../src/renderer/app/providers';
import { useUiStore } from '../../../../src/renderer/app/ui-store';
import { BrowserPane } from '../../../../src/renderer/features/browser/BrowserPane';
import { useConsoleStore } from '../../../../src/renderer/app/console-store';
import { createFakeBridge } from '../../support/fake-bridge';
import { SIGNED_IN } from '../../support/session-fixtures';
import { fakeLayout } from '../render';
import { makeCustomer } from '../fixtures';

let restore: () => void;
beforeAll(() => {
  restore = fakeLayout(440);
});
afterAll(() => restore());
afterEach(cleanup);
beforeEach(() => {
  useUiStore.getState().reset();
  useConsoleStore.setState({ activeIndexByParent: {}, search: '', tagIds: [] });
});

const roots = [makeCustomer(1, { name: 'Alpha' }), makeCustomer(2, { name: 'Beta' })];
const kids = Array.from({ length: 3 }, (_, i) => makeCustomer(10 + i, { name: `Kid ${i}`, parentCustomerId: 'c1' }));

function setup(source: 'server' | 'cache' = 'server') {
  const fake = createFakeBridge({
    'session:getState': () => SIGNED_IN,
    'connectivity:getState': () => ({ state: source === 'cache' ? 'offline' : 'online', since: 0, failedProbes: 0 }),
    'customers:tags': () => ({ items: [{ id: 't1', name: 'VIP', color: 'Gold' }], source, fetchedAt: 1 }),
    'customers:children': ({ parentId, page = 0, pageSize = 100 }) => {
      const items = parentId === null ? roots : parentId === 'c1' ? kids : [];
      return { items: items.slice(page * pageSize, (page + 1) * pageSize), total: items.length, page, pageSize, source, fetchedAt: Date.now() - 7_200_000 };
    },
    'customers:childCounts': ({ ids }) => Object.fromEntries(ids.filter((id) => id === 'c1').map((id) => [id, 3])),
    'customers:get': ({ id }) => ({ customer: [...roots, ...kids].find((c) => c.id === id) ?? makeCustomer(99), source, fetchedAt: 1 }),
    'customers:breadcrumb': ({ id }) => ({ items: id === 'c1' ? [] : [{ id: 'c1', name: 'Alpha' }], source, fetchedAt: 1 }),
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

describe('BrowserPane', () => {
  it('drills down by keyboard, keeps the selection, and comes back by breadcrumb', async () => {
    const fake = setup();
    const list = await screen.findByRole('listbox', { name: 'Top-level customers' });
    await within(list).findByText('Alpha');
    await waitFor(() => expect(within(list).getAllByRole('option')[0]?.textContent).toContain('3 children'));
    list.focus();
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: ' ' }); // select Beta
    expect(screen.getByTestId('selection-count').textContent).toBe('1 customer selected');
    fireEvent.keyDown(list, { key: 'ArrowUp' });
    fireEvent.keyDown(list, { key: 'Enter' }); // open Alpha
    await screen.findByRole('listbox', { name: 'Children of Alpha' });
    await screen.findByText('Kid 0');
    expect(fake.calls.some((c) => c.channel === 'customers:children' && (c.request as { parentId: string }).parentId === 'c1')).toBe(true);
    expect(screen.getByTestId('selection-count').textContent).toBe('1 customer selected');
    fireEvent.click(within(screen.getByTestId('breadcrumb-bar')).getByRole('button', { name: 'All customers' }));
    await screen.findByRole('listbox', { name: 'Top-level customers' });
    expect(useUiStore.getState().currentCustomerId).toBeNull();
  });

  it('says the list is the offline copy, with its age, and filters there', async () => {
    const fake = setup('cache');
    await screen.findByText('Alpha');
    const asOf = within(screen.getByTestId('browser-pane')).getByTestId('as-of');
    expect(asOf.textContent).toMatch(/^from offline copy, as of .* \(2 h ago\)$/);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter children by name' }), { target: { value: 'alp' } });
    await waitFor(() => expect(fake.calls.some((c) => c.channel === 'customers:children' && (c.request as { search?: string }).search === 'alp')).toBe(true));
    await waitFor(() => expect(screen.getByRole('searchbox').getAttribute('placeholder')).toContain('offline copy'));
  });
});
