import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { AppProviders } from '../../../../src/renderer/app/providers';
import { BannerView } from '../../../../src/renderer/features/banner/Banner';
import { createFakeBridge } from '../../support/fake-bridge';
import { CUSTOM, PRODUCTION, SANDBOX, SIGNED_IN, sessionState } from '../../support/session-fixtures';
import type { BannerViewProps } from '../../../../src/renderer/features/banner/Banner';

function renderBanner(props: BannerViewProps) {
  render(
    <AppProviders bridge={createFakeBridge({}).bridge}>
      <BannerView {...props} />
    </AppProviders>,
  );
  return screen.getByTestId('banner');
}

const online = { state: 'online' as const, since: 0, failedProbes: 0 };


// vitest runs without globals, so testing-library cannot register its own cleanup.
afterEach(cleanup);

describe('Banner', () => {
  it('marks production loudly', () => {
    const banner = renderBanner({ session: { ...SIGNED_IN, profile: PRODUCTION }, connectivity: online, dataFetchedAt: null });
    expect(banner.getAttribute('data-server-kind')).toBe('production');
    expect(screen.getByTestId('server-kind').textContent).toBe('PRODUCTION');
    expect(banner.textContent).toContain('Evo Voice production');
  });

  it('marks a hand-added profile for the production origin as production too', () => {
    const banner = renderBanner({ session: { ...SIGNED_IN, profile: { id: 'custom-9', label: 'My Evo', url: 'https://evovoice.io', kind: 'custom' } }, connectivity: online, dataFetchedAt: null });
    expect(banner.getAttribute('data-server-kind')).toBe('production');
    expect(screen.getByTestId('server-kind').textContent).toBe('PRODUCTION');
  });

  it.each([
    [SANDBOX, 'SANDBOX'],
    [CUSTOM, 'OTHER SERVER'],
  ])('labels %s.kind distinctly from production', (profile, text) => {
    renderBanner({ session: { ...SIGNED_IN, profile }, connectivity: online, dataFetchedAt: null });
    expect(screen.getByTestId('server-kind').textContent).toBe(text);
    expect(screen.queryByText('PRODUCTION')).toBeNull();
  });

  it('shows account and user, and is a landmark', () => {
    renderBanner({ session: SIGNED_IN, connectivity: online, dataFetchedAt: null });
    screen.getByRole('banner');
    expect(screen.getByTestId('banner-account').textContent).toBe('Acme Support');
    expect(screen.getByTestId('banner-user').textContent).toBe('Max Manager');
    expect(screen.getByTestId('banner-user').getAttribute('title')).toBe('max@evo.test');
    expect(screen.getByTestId('connectivity').getAttribute('data-state')).toBe('online');
  });

  it('when offline says since when and how old the data on screen is', () => {
    const now = Date.UTC(2026, 10, 27, 12, 0, 0);
    renderBanner({
      session: SIGNED_IN,
      connectivity: { state: 'offline', since: now - 60_000, failedProbes: 2 },
      dataFetchedAt: now - 3 * 3600_000,
      now,
    });
    const status = screen.getByRole('status');
    expect(status.getAttribute('data-state')).toBe('offline');
    expect(status.textContent).toContain('OFFLINE');
    expect(status.textContent).toMatch(/data from .*\(3 h ago\)/);
    // One line: the status never wraps.
    expect(screen.getByTestId('offline-age').style.whiteSpace || getComputedStyle(screen.getByTestId('offline-age')).whiteSpace).toBe('nowrap');
  });

  it('signed out: no user, no sign-out button', () => {
    renderBanner({ session: sessionState(), connectivity: online, dataFetchedAt: null, onSignOut: () => {} });
    expect(screen.getByTestId('banner-user').textContent).toBe('not signed in');
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
  });

  it('session ended: says so for the user it belonged to, without a second sign-out button', () => {
    renderBanner({ session: sessionState({ status: 'signInRequired', email: 'max@evo.test' }), connectivity: online, dataFetchedAt: null, onSignOut: () => {} });
    expect(screen.getByTestId('banner-user').textContent).toBe('max@evo.test — session ended');
    expect(screen.getByTestId('banner-account').textContent).toBe('—');
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
  });
});
