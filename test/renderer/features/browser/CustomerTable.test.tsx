import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { CustomerTable, type CustomerTableProps } from '../../../../src/renderer/features/browser/CustomerTable';
import { NAME_MIN_WIDTH } from '../../../../src/renderer/features/browser/customer-columns';
import type { CustomerSort } from '../../../../src/renderer/features/browser/customer-sort';
import { PREFERENCE_KEYS } from '../../../../src/renderer/app/preferences';
import type { Customer } from '../../../../src/shared/evo/schemas';
import { fakeLayout, renderUi } from '../../support/render';
import { HOSTILE_NAME, makeCustomer } from '../../support/fixtures';

let restore: () => void;
beforeAll(() => {
  restore = fakeLayout(440);
});
afterAll(() => restore());
afterEach(cleanup);
beforeEach(() => localStorage.clear());

const noop = () => {};

function Harness({ rows, ...rest }: { rows: (Customer | undefined)[] } & Partial<CustomerTableProps>) {
  const [active, setActive] = useState(-1);
  const [sort, setSort] = useState<CustomerSort>({ field: 'name', direction: 'asc' });
  return (
    <div style={{ height: 440 }}>
      <CustomerTable
        label="Children of Root"
        count={rows.length}
        rowAt={(i) => rows[i]}
        activeIndex={active}
        selectedIds={new Set()}
        childCountOf={(id) => (id === 'c1' ? 12 : undefined)}
        sort={sort}
        onSortChange={setSort}
        headerSelection="none"
        onHeaderSelect={noop}
        onActiveChange={setActive}
        onOpen={noop}
        onToggle={noop}
        onExtend={noop}
        onSelectAll={noop}
        onClearSelection={noop}
        onUp={noop}
        onQuickJump={noop}
        {...rest}
      />
    </div>
  );
}

const rows = (n: number) => Array.from({ length: n }, (_, i) => makeCustomer(i));
const dataRows = () => screen.getAllByRole('row').filter((r) => r.hasAttribute('data-index'));

describe('CustomerTable', () => {
  it('renders only a window of a 10,000-row list', () => {
    renderUi(<Harness rows={rows(10_000)} />);
    const rendered = dataRows();
    expect(rendered.length).toBeGreaterThan(5);
    expect(rendered.length).toBeLessThanOrEqual(60);
    expect(screen.getByRole('grid').getAttribute('aria-rowcount')).toBe('10001');
  });

  it('has a header row of column headers above the rows, in a sticky row group', () => {
    renderUi(<Harness rows={rows(3)} />);
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent?.replace(/[▲▼↕]/g, '').trim());
    expect(headers).toEqual(['', 'Name', 'Routing', 'Reference', 'Tags', 'Children', 'Changed']);
    const headerGroup = screen.getAllByRole('rowgroup')[0] as HTMLElement;
    expect(headerGroup.style.position).toBe('sticky');
    expect(within(headerGroup).getByRole('columnheader', { name: /Name/ }).getAttribute('aria-sort')).toBe('ascending');
  });

  it('shows name (full name on hover), routing, reference, tags (+N), children and last change', () => {
    const long = 'Schowalter, Schmeler and Kertzmann Group of Companies International';
    renderUi(
      <Harness
        rows={[
          makeCustomer(1, { name: long, isStaging: true, dateLastModified: '2026-01-05T10:00:00Z', lastModifiedBy: 'jane@evo.test', tags: [{ id: 'a', name: 'A', color: 'Red' }, { id: 'b', name: 'B', color: 'Blue' }, { id: 'c', name: 'C', color: 'Lime' }] }),
          makeCustomer(2, { isStaging: false }),
        ]}
      />,
    );
    const [first, second] = dataRows();
    const name = within(first!).getByTestId('row-name');
    expect(name.textContent).toBe(long);
    expect(name.getAttribute('title')).toBe(long);
    expect(within(first!).getByTestId('routing-pill').textContent).toBe('Staging');
    expect(within(second!).getByTestId('routing-pill').textContent).toBe('Normal');
    expect(first!.textContent).toContain('REF-1');
    expect(within(first!).getAllByTestId('tag-chip')).toHaveLength(1);
    expect(within(first!).getByTestId('row-more-tags').getAttribute('aria-label')).toBe('and 2 more: B, C');
    expect(first!.textContent).toContain('2026-01-05');
    expect(within(first!).getByText('2026-01-05').getAttribute('title')).toMatch(/^Last changed 2026-01-05 \d\d:\d\d by jane@evo.test$/);
  });

  it('keeps the name column at least as wide as 40 characters need, and never narrower', () => {
    renderUi(<Harness rows={rows(2)} />);
    const grid = screen.getByRole('grid');
    expect(grid.style.getPropertyValue('--col-name')).toBe(`${NAME_MIN_WIDTH}px`);
    const handle = screen.getByRole('separator', { name: /name column/ });
    fireEvent.keyDown(handle, { key: 'ArrowLeft' });
    expect(grid.style.getPropertyValue('--col-name')).toBe(`${NAME_MIN_WIDTH}px`);
    fireEvent.keyDown(handle, { key: 'ArrowRight' });
    expect(grid.style.getPropertyValue('--col-name')).toBe(`${NAME_MIN_WIDTH + 16}px`);
  });

  it('remembers column widths across restarts', async () => {
    renderUi(<Harness rows={rows(2)} />);
    fireEvent.keyDown(screen.getByRole('separator', { name: /reference column/ }), { key: 'ArrowRight' });
    // Widths are saved after a short debounce: wait for the saved value, not for a time.
    await waitFor(() => expect(JSON.parse(localStorage.getItem(PREFERENCE_KEYS.columnSizes) ?? '{}')).toMatchObject({ referenceId: 112 }));
    cleanup();
    renderUi(<Harness rows={rows(2)} />);
    expect(screen.getByRole('grid').style.getPropertyValue('--col-referenceId')).toBe('112px');
  });

  it('sorts from the column headers: asc, then desc; newest first for the date', () => {
    renderUi(<Harness rows={rows(2)} />);
    fireEvent.click(screen.getByRole('button', { name: /Routing/ }));
    expect(screen.getByRole('columnheader', { name: /Routing/ }).getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(screen.getByRole('button', { name: /Routing/ }));
    expect(screen.getByRole('columnheader', { name: /Routing/ }).getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(screen.getByRole('button', { name: /Changed/ }));
    expect(screen.getByRole('columnheader', { name: /Changed/ }).getAttribute('aria-sort')).toBe('descending');
    expect(screen.queryByRole('button', { name: /Tags/ })).toBeNull(); // not sortable
  });

  it('keeps a hostile name as text and shows an empty state outside the grid', () => {
    renderUi(<Harness rows={[makeCustomer(1, { name: HOSTILE_NAME })]} />);
    expect(within(dataRows()[0]!).getByTestId('row-name').textContent).toBe(HOSTILE_NAME);
    expect(document.querySelector('script, img')).toBeNull();
    cleanup();
    renderUi(<Harness rows={[]} empty={<p>Nothing here.</p>} />);
    const empty = screen.getByTestId('table-empty');
    expect(empty.textContent).toBe('Nothing here.');
    expect(screen.getByRole('grid').contains(empty)).toBe(false);
  });
});

describe('focus', () => {
  it('takes the focus when shown with autoFocus and nothing else has it, so the arrows work at once', () => {
    renderUi(<Harness rows={rows(3)} autoFocus />);
    expect(document.activeElement).toBe(screen.getByRole('grid'));
    fireEvent.keyDown(screen.getByRole('grid'), { key: 'ArrowDown' });
    expect(dataRows()[0]?.getAttribute('data-active')).toBe('true');
  });

  it('leaves the focus where the user put it', () => {
    renderUi(
      <>
        <input aria-label="Search" autoFocus />
        <Harness rows={rows(3)} autoFocus />
      </>,
    );
    expect(document.activeElement).toBe(screen.getByLabelText('Search'));
  });
});
