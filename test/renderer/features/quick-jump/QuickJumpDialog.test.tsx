import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { QuickJumpDialog } from '../../../../src/renderer/features/quick-jump/QuickJumpDialog';
import { renderUi } from '../../support/render';
import { makeCustomer } from '../../support/fixtures';

afterEach(cleanup);

describe('QuickJumpDialog', () => {
  it('picks a match with the keyboard', async () => {
    const onPick = vi.fn();
    const results = [makeCustomer(1, { breadcrumb: [{ id: 'r', name: 'Root' }] }), makeCustomer(2)];
    renderUi(<QuickJumpDialog open query="cust" onQueryChange={() => {}} results={results} loading={false} onPick={onPick} onClose={() => {}} />);
    const input = await screen.findByRole('combobox');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(screen.getAllByRole('option')[1]?.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onPick).toHaveBeenCalledWith(expect.objectContaining({ id: 'c2' }));
    expect(screen.getAllByRole('option')[0]?.textContent).toContain('Root');
  });
});
