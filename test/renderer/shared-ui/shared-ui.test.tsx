import { describe, expect, it, afterEach } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import { renderUi } from '../support/render';
import { AsOfLabel, ErrorCallout, StagingBadge, TagChip } from '../../../src/renderer/shared-ui';

afterEach(cleanup);

describe('shared UI', () => {
  it('colours a tag chip by its TagColors name and keeps a hostile name as text', () => {
    renderUi(<TagChip tag={{ id: 't1', name: '<img src=x onerror=alert(1)>', color: 'GeekBlue' }} />);
    const chip = screen.getByTestId('tag-chip');
    expect(chip.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(chip.querySelector('img')).toBeNull();
    expect(chip.getAttribute('data-color')).toBe('GeekBlue');
    expect(chip.style.color).toBe('rgb(47, 84, 235)');
  });

  it('shows staging, production and unknown distinctly', () => {
    renderUi(
      <>
        <StagingBadge isStaging />
        <StagingBadge isStaging={false} />
        <StagingBadge isStaging={undefined} />
      </>,
    );
    expect(screen.getAllByTestId('staging-badge').map((b) => b.textContent)).toEqual(['staging', 'production', 'unknown']);
  });

  it('dates cached data and says it is the offline copy', () => {
    const now = Date.parse('2026-11-27T12:00:00Z');
    renderUi(<AsOfLabel fetchedAt="2026-11-27T09:00:00Z" source="cache" now={now} />);
    expect(screen.getByTestId('as-of').textContent).toMatch(/^from offline copy, as of 2026-11-2\d \d\d:\d\d \(3 h ago\)$/);
  });

  it('names the customer and the cause in an error', () => {
    renderUi(<ErrorCallout action="Loading children" customerName="Acme" error={{ kind: 'Forbidden', message: 'Access denied.', customerId: 'c9' }} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Loading children for Acme (c9)');
    expect(alert.textContent).toContain('Access denied.');
  });
});
