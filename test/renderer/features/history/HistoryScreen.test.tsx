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
beforeEach(() => useConsoleStore.setState({ activeRunId: null, view: 'history', detailTab: 'overview' }));

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
