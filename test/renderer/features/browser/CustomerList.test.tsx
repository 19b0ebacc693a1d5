import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { CustomerList } from '../../../../src/renderer/features/browser/CustomerList';
import type { Customer } from '../../../../src/shared/evo/schemas';
import { fakeLayout, renderUi } from '../../support/render';
import { HOSTILE_NAME, makeCustomer } from '../../support/fixtures';

let restore: () => void;
beforeAll(() => {
  restore = fakeLayout(440);
});
afterAll(() => restore());
afterEach(cleanup);

function Harness({ rows, onOpen = () => {}, onUp = () => {}, onQuickJump = () => {} }: { rows: (Customer | undefined)[]; onOpen?: (c: Customer) => void; onUp?: () => void; onQuickJump?: () => void }) {
  const [active, setActive] = useState(-1);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  return (
    <CustomerList
      label="Children of Root"
      count={rows.length}
      rowAt={(i) => rows[i]}
      activeIndex={active}
      selectedIds={selected}
      childCountOf={(id) => (id === 'c1' ? 12 : undefined)}
      onActiveChange={setActive}
      onOpen={onOpen}
      onToggleSelect={(c) =>
        setSelected((s) => {
          const next = new Set(s);
          if (next.has(c.id)) next.delete(c.id);
          else next.add(c.id);
          return next;
        })
      }
      onUp={onUp}
      onQuickJump={onQuickJump}
      height={440}
    />
  );
}

const rows = (n: number) => Array.from({ length: n }, (_, i) => makeCustomer(i));

describe('CustomerList', () => {
  it('renders only a window of a 10,000-row list as options', () => {
    renderUi(<Harness rows={rows(10_000)} />);
    const options = screen.getAllByRole('option');
    expect(options.length).toBeGreaterThan(5);
    expect(options.length).toBeLessThanOrEqual(60);
    expect(options[0]?.getAttribute('aria-setsize')).toBe('10000');
  });

  it('shows name, reference id, routing badge, coloured tags and known child counts', () => {
    renderUi(<Harness rows={rows(3)} />);
    const [first, second, third] = screen.getAllByRole('option');
    expect(first?.textContent).toContain('Customer 0');
    expect(first?.textContent).toContain('REF-0');
    expect(first?.querySelector('[data-testid=staging-badge]')?.textContent).toBe('staging');
    expect(first?.querySelector('[data-testid=tag-chip]')?.getAttribute('data-color')).toBe('Gold');
    expect(second?.textContent).toContain('12 children');
    expect(third?.querySelector('[data-testid=staging-badge]')?.textContent).toBe('production');
  });

  it('shows at most two tag chips in a row and names the others in "+N"', () => {
    const many: Customer = {
      ...makeCustomer(0),
      tags: ['VIP', 'Legal', 'Retail', 'Pilot'].map((name, i) => ({ id: `t${i}`, name, color: 'Blue' as const })),
    };
    renderUi(<Harness rows={[many]} />);
    const [row] = screen.getAllByRole('option');
    expect([...(row?.querySelectorAll('[data-testid=tag-chip]') ?? [])].map((c) => c.textContent)).toEqual(['VIP', 'Legal']);
    const more = row?.querySelector('[data-testid=row-more-tags]');
    expect(more?.textContent).toBe('+2');
    expect(more?.getAttribute('aria-label')).toBe('and 2 more: Retail, Pilot');
  });

  it('moves with the arrows, selects with Space, opens with Enter, goes up with Backspace and Alt+Up', () => {
    const onOpen = vi.fn();
    const onUp = vi.fn();
    const onQuickJump = vi.fn();
    renderUi(<Harness rows={rows(20)} onOpen={onOpen} onUp={onUp} onQuickJump={onQuickJump} />);
    const list = screen.getByRole('listbox', { name: 'Children of Root' });
    expect(list.getAttribute('aria-multiselectable')).toBe('true');
    list.focus();
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    const activeId = list.getAttribute('aria-activedescendant');
    expect(activeId).toBeTruthy();
    expect(document.getElementById(activeId as string)?.textContent).toContain('Customer 1');
    fireEvent.keyDown(list, { key: ' ' });
    expect(screen.getAllByRole('option', { selected: true }).map((o) => o.getAttribute('data-customer-id'))).toEqual(['c1']);
    fireEvent.keyDown(list, { key: 'ArrowUp' });
    fireEvent.keyDown(list, { key: ' ' });
    expect(screen.getAllByRole('option', { selected: true })).toHaveLength(2);
    fireEvent.keyDown(list, { key: 'Enter' });
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ id: 'c0' }));
    fireEvent.keyDown(list, { key: 'Backspace' });
    fireEvent.keyDown(list, { key: 'ArrowUp', altKey: true });
    expect(onUp).toHaveBeenCalledTimes(2);
    fireEvent.keyDown(list, { key: 'k', ctrlKey: true });
    expect(onQuickJump).toHaveBeenCalledTimes(1);
  });

  it('End jumps to the last row and renders it', async () => {
    renderUi(<Harness rows={rows(5000)} />);
    const list = screen.getByRole('listbox');
    list.focus();
    act(() => {
      fireEvent.keyDown(list, { key: 'End' });
    });
    await waitFor(() => {
      const id = list.getAttribute('aria-activedescendant');
      expect(id && document.getElementById(id)?.textContent).toContain('Customer 4999');
    });
  });

  it('double-click opens; the check box toggles selection', () => {
    const onOpen = vi.fn();
    renderUi(<Harness rows={rows(3)} onOpen={onOpen} />);
    const option = screen.getAllByRole('option')[2] as HTMLElement;
    fireEvent.click(option.querySelector('[data-testid=row-check]') as Element);
    expect(option.getAttribute('aria-selected')).toBe('true');
    fireEvent.doubleClick(option);
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ id: 'c2' }));
  });

  it('shows loading rows for pages not yet fetched', () => {
    renderUi(<Harness rows={[makeCustomer(0), undefined, undefined]} />);
    expect(screen.getAllByText('Loading…')).toHaveLength(2);
  });

  it('renders a hostile name as text', () => {
    renderUi(<Harness rows={[makeCustomer(0, { name: HOSTILE_NAME })]} />);
    const option = screen.getByRole('option');
    expect(option.querySelector('[data-testid=row-name]')?.textContent).toBe(HOSTILE_NAME);
    expect(option.querySelector('script, img')).toBeNull();
  });
});
