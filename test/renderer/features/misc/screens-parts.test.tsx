import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { BreadcrumbBar } from '../../../../src/renderer/features/browser/BreadcrumbBar';
import { FilterBar } from '../../../../src/renderer/features/browser/FilterBar';
import { QuickJumpDialog } from '../../../../src/renderer/features/quick-jump/QuickJumpDialog';
import { RunTable } from '../../../../src/renderer/features/history/RunTable';
import { InterruptedRunOffer } from '../../../../src/renderer/features/history/InterruptedRunOffer';
import { MakeOfflineButton } from '../../../../src/renderer/features/offline/MakeOfflineButton';
import { writeBlockedReason } from '../../../../src/renderer/features/offline/write-guard';
import type { RunRecord } from '../../../../src/shared/bulk/types';
import { emptyCounts } from '../../../../src/shared/bulk/counts';
import { renderUi } from '../render';
import { HOSTILE_NAME, makeCustomer } from '../fixtures';

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
});

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

const run: RunRecord = {
  id: 'run1',
  kind: 'apply',
  parentRunId: null,
  planId: 'p1',
  status: 'completed',
  target: 'staging',
  identity: { userEmail: 'ops@example.com', serverUrl: 'http://x', accountId: 'acc1', accountName: 'Main' },
  request: { subtreeRootIds: ['r'], target: 'staging' },
  planCounts: null,
  drift: null,
  concurrency: 6,
  maxAttempts: 5,
  createdAt: '2026-11-27T03:00:00Z',
  startedAt: '2026-11-27T03:00:01Z',
  endedAt: '2026-11-27T03:00:21Z',
  durationMs: 20_000,
  counts: { ...emptyCounts(), total: 200, changed: 198, failed: 2 },
  resumeCount: 0,
};

describe('RunTable', () => {
  it('lists runs with export and undo; undo is disabled with the reason when writes are blocked', () => {
    const onExport = vi.fn();
    const onUndo = vi.fn();
    const { rerender } = renderUi(<RunTable runs={[run]} writeBlockedReason={null} onExport={onExport} onUndo={onUndo} onOpen={() => {}} />);
    const row = screen.getByTestId('run-row');
    expect(row.textContent).toContain('198 changed, 2 failed');
    expect(row.textContent).toContain('ops@example.com / Main');
    fireEvent.click(within(row).getByRole('button', { name: 'CSV' }));
    fireEvent.click(within(row).getByRole('button', { name: 'JSON' }));
    fireEvent.click(within(row).getByRole('button', { name: 'Undo' }));
    expect(onExport.mock.calls).toEqual([
      ['run1', 'csv'],
      ['run1', 'json'],
    ]);
    expect(onUndo).toHaveBeenCalledWith('run1');
    rerender(<RunTable runs={[run]} writeBlockedReason="Offline" onExport={onExport} onUndo={onUndo} onOpen={() => {}} />);
    const undo = within(screen.getByTestId('run-row')).getByRole('button', { name: 'Undo' }) as HTMLButtonElement;
    expect(undo.disabled).toBe(true);
    expect(undo.title).toBe('Offline');
  });

  it('offers an interrupted run for resume', () => {
    const onResume = vi.fn();
    renderUi(<InterruptedRunOffer interrupted={{ run: { ...run, status: 'running' }, unknown: 40, inFlight: 3 }} writeBlockedReason={null} onResume={onResume} onDismiss={() => {}} />);
    expect(screen.getByTestId('interrupted-run').textContent).toContain('160 of 200 customers settled; 40 unknown');
    fireEvent.click(screen.getByRole('button', { name: 'Check and resume' }));
    expect(onResume).toHaveBeenCalledWith('run1');
  });
});

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
