/* History and the interrupted-run offer over the contract-generated fake bridge. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { AppProviders } from '../../../../src/renderer/app/providers';
import { useConsoleStore } from '../../../../src/renderer/app/console-store';
import { HistoryScreen } from '../../../../src/renderer/features/history/HistoryScreen';
import { InterruptedRuns } from '../../../../src/renderer/features/history/InterruptedRuns';
import { emptyCounts } from '../../../../src/shared/bulk/counts';
import { IDENTITY, makeRun } from '../../support/fixtures';
import { createFakeBridge, type FakeHandlers } from '../../support/fake-bridge';
import { SIGNED_IN } from '../../support/session-fixtures';

afterEach(cleanup);
beforeEach(() => useConsoleStore.setState({ activeRunId: null, historyRunId: null, view: 'history', detailTab: 'overview' }));

const run = makeRun({ planId: 'p1', identity: { ...IDENTITY, serverUrl: 'http://x' } });

function renderWith(handlers: FakeHandlers, ui: React.ReactNode) {
  const fake = createFakeBridge({
    'session:getState': () => SIGNED_IN,
    'connectivity:getState': () => ({ state: 'online', since: 0, failedProbes: 0 }),
    ...handlers,
  });
  render(<AppProviders bridge={fake.bridge}>{ui}</AppProviders>);
  return fake;
}

describe('history', () => {
  it('exports a run through main and shows where the file was saved; undo follows the new run', async () => {
    const fake = renderWith(
      {
        'runs:list': () => [run],
        'runs:export': ({ runId, format }) => ({ runId, format, path: `/data/exports/bulk-run-${runId}.${format}`, bytes: 10 }),
        'bulk:undo': () => ({ runId: 'run2' }),
      },
      <HistoryScreen />,
    );
    const row = await screen.findByTestId('run-row');
    fireEvent.click(within(row).getByRole('button', { name: 'JSON' }));
    expect((await screen.findByTestId('export-saved')).textContent).toBe('Saved JSON to /data/exports/bulk-run-run1.json');
    fireEvent.click(within(row).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(useConsoleStore.getState().activeRunId).toBe('run2'));
    expect(useConsoleStore.getState().view).toBe('customers');
    expect(fake.calls.find((c) => c.channel === 'bulk:undo')?.request).toEqual({ runId: 'run1' });
  });

  it('filters by customer (through main), user and date, and says when nothing matches', async () => {
    const runs = [
      makeRun({ id: 'a', startedAt: '2026-11-20T10:00:00Z', identity: { ...IDENTITY, userEmail: 'ana@example.com' } }),
      makeRun({ id: 'b', startedAt: '2026-11-25T10:00:00Z', identity: { ...IDENTITY, userEmail: 'bo@example.com' } }),
      makeRun({ id: 'c', startedAt: '2026-11-27T10:00:00Z', identity: { ...IDENTITY, userEmail: 'ana@example.com' } }),
    ];
    const fake = renderWith({ 'runs:list': () => runs, 'bulk:plans': () => [], 'runs:withCustomer': ({ text }) => (text === 'Cassin' ? ['b', 'c'] : []) }, <HistoryScreen />);
    const shown = () => screen.queryAllByTestId('run-row').map((r) => r.dataset.runId);
    await waitFor(() => expect(shown()).toEqual(['a', 'b', 'c']));
    fireEvent.change(screen.getByTestId('filter-customer'), { target: { value: 'Cassin' } });
    await waitFor(() => expect(shown()).toEqual(['b', 'c']));
    expect(fake.calls.find((c) => c.channel === 'runs:withCustomer')?.request).toEqual({ text: 'Cassin' });
    fireEvent.change(screen.getByTestId('filter-user'), { target: { value: 'ana@example.com' } });
    await waitFor(() => expect(shown()).toEqual(['c']));
    fireEvent.change(screen.getByTestId('filter-to'), { target: { value: '2026-11-26' } });
    expect((await screen.findByTestId('no-matching-runs')).textContent).toBe('No run matches these filters.');
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(shown()).toEqual(['a', 'b', 'c']));
  });

  it('says whether each saved plan was applied, is waiting, or expired', async () => {
    const plan = (id: string, hoursAgo: number) => ({
      id,
      createdAt: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(),
      source: 'server' as const,
      snapshotAt: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(),
      identity: IDENTITY,
      target: 'staging' as const,
      counts: { total: 2, toChange: 2, alreadyInState: 0, notAccessible: 0, excludedByTags: 0 },
    });
    renderWith({ 'runs:list': () => [makeRun({ planId: 'applied' })], 'bulk:plans': () => [plan('applied', 1), plan('waiting', 2), plan('old', 30)] }, <HistoryScreen />);
    await waitFor(() => expect(screen.getAllByTestId('plan-status')).toHaveLength(3));
    expect(screen.getAllByTestId('plan-status').map((b) => b.dataset.status)).toEqual(['applied', 'notApplied', 'expired']);
  });

  it('a run opened from its results link shows its details, and no Undo when it was undone', async () => {
    const undoRun = makeRun({ id: 'run2', kind: 'undo', parentRunId: 'run1', target: 'production' });
    useConsoleStore.setState({ historyRunId: 'run1' });
    renderWith({ 'runs:list': () => [undoRun, run], 'bulk:plans': () => [], 'runs:get': () => ({ ...run, items: [] }) }, <HistoryScreen />);
    expect((await screen.findByTestId('results-undone')).textContent).toMatch(/^Undone by the undo of /);
    expect(screen.queryByTestId('undo-run')).toBeNull();
    expect(screen.getAllByTestId('run-row').find((r) => r.dataset.runId === 'run1')?.getAttribute('aria-current')).toBe('true');
  });

  it('offers an interrupted run found at start and continues it', async () => {
    const fake = renderWith(
      {
        'bulk:interrupted': () => [{ run: { ...run, status: 'running', counts: { ...emptyCounts(), total: 10, changed: 4, pending: 6 } }, unknown: 6, inFlight: 1 }],
        'bulk:continueInterrupted': ({ runId }) => ({ runId, recovery: { runId, confirmedChanged: 1, stillPending: 5, notAccessible: 0, unresolved: 0 } }),
      },
      <InterruptedRuns />,
    );
    expect((await screen.findByTestId('interrupted-run')).textContent).toContain('4 of 10 customers settled; 6 unknown');
    fireEvent.click(screen.getByRole('button', { name: 'Check and continue' }));
    await waitFor(() => expect(useConsoleStore.getState().activeRunId).toBe('run1'));
    expect(fake.calls.find((c) => c.channel === 'bulk:continueInterrupted')?.request).toEqual({ runId: 'run1' });
  });
});
