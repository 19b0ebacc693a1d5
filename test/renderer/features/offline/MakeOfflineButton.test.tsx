import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import { MakeOfflineButton } from '../../../../src/renderer/features/offline/MakeOfflineButton';
import { writeBlockedReason } from '../../../../src/renderer/features/offline/write-guard';
import { renderUi } from '../../support/render';

afterEach(cleanup);

describe('offline', () => {
  it('shows download progress and the age of the last download', () => {
    const { rerender } = renderUi(
      <MakeOfflineButton customerName="Acme" running progress={{ fetched: 50, total: 200 }} syncedAt={null} doneMessage={null} errorMessage={null} disabledReason={null} onStart={() => {}} onStop={() => {}} />,
    );
    expect(screen.getByRole('status').textContent).toBe('Saving Acme and its descendants: 50 of 200 customers');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('25');
    rerender(
      <MakeOfflineButton customerName="Acme" running={false} progress={null} syncedAt={Date.now() - 3_600_000} doneMessage="201 customers saved" errorMessage={null} disabledReason={null} onStart={() => {}} onStop={() => {}} />,
    );
    expect(screen.getByTestId('as-of').textContent).toContain('1 h ago');
  });

  it('disables writes with the reason: offline, signed out, session ended', () => {
    const now = 10_000_000;
    expect(writeBlockedReason({ state: 'offline', since: now - 120_000, failedProbes: 2 }, 'signedIn', now)).toMatch(/^Offline \(server unreachable since 2 min ago\)/);
    expect(writeBlockedReason({ state: 'online', since: 0, failedProbes: 0 }, 'signInRequired', now)).toMatch(/sign in again/);
    expect(writeBlockedReason({ state: 'online', since: 0, failedProbes: 0 }, 'signedIn', now)).toBeNull();
    renderUi(<MakeOfflineButton customerName="Acme" running={false} progress={null} syncedAt={null} doneMessage={null} errorMessage={null} disabledReason="Offline" onStart={() => {}} onStop={() => {}} />);
    expect((screen.getByRole('button', { name: 'Make available offline' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
