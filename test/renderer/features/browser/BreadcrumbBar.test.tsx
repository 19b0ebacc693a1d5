import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { BreadcrumbBar } from '../../../../src/renderer/features/browser/BreadcrumbBar';
import { renderUi } from '../../support/render';
import { HOSTILE_NAME } from '../../support/fixtures';

afterEach(cleanup);

describe('BreadcrumbBar', () => {
  it('puts the root first and navigates from every crumb but the current one', () => {
    const onNavigate = vi.fn();
    renderUi(<BreadcrumbBar path={[{ id: 'a', name: 'A' }, { id: 'b', name: HOSTILE_NAME }, { id: 'c', name: 'C' }]} onNavigate={onNavigate} />);
    const buttons = within(screen.getByTestId('breadcrumb-bar')).getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['All customers', 'A', HOSTILE_NAME]);
    fireEvent.click(buttons[0] as HTMLElement);
    fireEvent.click(buttons[2] as HTMLElement);
    expect(onNavigate.mock.calls).toEqual([[null], ['b']]);
    expect(screen.getByText('C').getAttribute('aria-current')).toBe('page');
    expect(screen.getByTestId('breadcrumb-bar').querySelector('script, img')).toBeNull();
  });
});
