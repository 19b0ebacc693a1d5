import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { RunTable } from '../../../../src/renderer/features/history/RunTable';
import { InterruptedRunOffer } from '../../../../src/renderer/features/history/InterruptedRunOffer';
import type { RunRecord } from '../../../../src/shared/bulk/types';
import { emptyCounts } from '../../../../src/shared/bulk/counts';
import { renderUi } from '../../support/render';

afterEach(cleanup);

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
