import { describe, expect, it, afterEach } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import { renderUi } from '../support/render';
import { AsOfLabel, ErrorCallout, RoutingPill, TagChip } from '../../../src/renderer/shared-ui';

afterEach(cleanup);

describe('shared UI', () => {
  it('colours a tag chip by its TagColors name and keeps a hostile name as text', () => {
    renderUi(<TagChip tag={{ id: 't1', name: '<img src=x onerror=alert(1)>', color: 'GeekBlue' }} />);
    const chip = screen.getByTestId('tag-chip');
    expect(chip.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(chip.querySelector('img')).toBeNull();
    expect(chip.getAttribute('data-color')).toBe('GeekBlue');
    // The colour is the border and the dot; the name is in the page's text colour (contrast).
    expect(chip.style.borderColor).toBe('rgb(47, 84, 235)');
    expect((chip.querySelector('[aria-hidden]') as HTMLElement).style.background).toBe('rgb(47, 84, 235)');
    expect(chip.style.color).toBe('');
  });

  it('shows staging, normal and unknown routing distinctly, never with the word "production"', () => {
    renderUi(
      <>
        <RoutingPill isStaging />
        <RoutingPill isStaging={false} />
        <RoutingPill isStaging={undefined} />
      </>,
    );
    const pills = screen.getAllByTestId('routing-pill');
    expect(pills.map((b) => b.textContent)).toEqual(['Staging', 'Normal', 'Unknown']);
    expect(pills.map((b) => b.getAttribute('data-routing'))).toEqual(['staging', 'normal', 'unknown']);
    // Staging stands out (filled, bold); normal routing is quiet (no fill).
    expect(pills[0]?.style.background).toContain('--evo-staging-bg');
    expect(pills[1]?.style.background).toBe('');
    for (const pill of pills) expect(`${pill.textContent} ${pill.title}`.toLowerCase()).not.toContain('production');
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
