import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import { FilterBar } from '../../../../src/renderer/features/browser/FilterBar';
import { renderUi } from '../render';

afterEach(cleanup);

describe('FilterBar', () => {
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
