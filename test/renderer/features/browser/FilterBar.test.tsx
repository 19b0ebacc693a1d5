import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { FilterBar } from '../../../../src/renderer/features/browser/FilterBar';
import { renderUi } from '../../support/render';

afterEach(cleanup);

describe('FilterBar', () => {
  it('filters by name and toggles tags', () => {
    const onSearch = vi.fn();
    const onTags = vi.fn();
    renderUi(
      <FilterBar search="" onSearchChange={onSearch} tags={[{ id: 't1', name: 'VIP', color: 'Gold' }, { id: 't2', name: 'Trial', color: 'Cyan' }]} tagIds={['t2']} onTagIdsChange={onTags} sourceLabel="server" />,
    );
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter children by name' }), { target: { value: 'acme' } });
    expect(onSearch).toHaveBeenCalledWith('acme');
    expect(screen.getByRole('button', { name: 'Trial' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'VIP' }));
    expect(onTags).toHaveBeenCalledWith(['t2', 't1']);
  });

  it('lists the tags in one order whatever order the server or the offline copy gives', () => {
    const tags = [
      { id: 't1', name: 'VIP', color: 'Gold' as const },
      { id: 't2', name: 'trial', color: 'Cyan' as const },
      { id: 't3', name: 'Alpha', color: 'Red' as const },
    ];
    const names = () => within(screen.getByRole('group', { name: 'Filter by tag' })).getAllByRole('button').map((b) => b.textContent);
    renderUi(<FilterBar search="" onSearchChange={() => {}} tags={tags} tagIds={[]} onTagIdsChange={() => {}} sourceLabel="server" />);
    expect(names()).toEqual(['Alpha', 'trial', 'VIP']);
    cleanup();
    renderUi(<FilterBar search="" onSearchChange={() => {}} tags={[...tags].reverse()} tagIds={['t1']} onTagIdsChange={() => {}} sourceLabel="offline copy" />);
    expect(names()).toEqual(['Alpha', 'trial', '✓ VIP']);
    expect(screen.getByRole('button', { name: 'VIP' }).getAttribute('aria-pressed')).toBe('true');
  });
});
