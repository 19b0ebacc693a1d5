import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { RunTable } from '../../../../src/renderer/features/history/RunTable';
import { InterruptedRunOffer } from '../../../../src/renderer/features/history/InterruptedRunOffer';
import { emptyCounts } from '../../../../src/shared/bulk/counts';
import { undoneBy } from '../../../../src/shared/bulk/undo';
import { renderUi } from '../../support/render';
import { IDENTITY, makeRun } from '../../support/fixtures';

afterEach(cleanup);

const run = makeRun({
  planId: 'p1',
  identity: { ...IDENTITY, serverUrl: 'http://x' },
  request: { subtreeRootIds: ['r'], target: 'staging' },
  counts: { ...emptyCounts(), total: 200, changed: 198, failed: 2 },
});

describe('RunTable', () => {
  it('lists runs with export and undo; undo is disabled with the reason when writes are blocked', () => {
    const onExport = vi.fn();
    const onUndo = vi.fn();
    const { rerender } = renderUi(<RunTable runs={[run]} undoneBy={new Map()} writeBlockedReason={null} onExport={onExport} onUndo={onUndo} onOpen={() => {}} />);
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
    rerender(<RunTable runs={[run]} undoneBy={new Map()} writeBlockedReason="Offline" onExport={onExport} onUndo={onUndo} onOpen={() => {}} />);
    const undo = within(screen.getByTestId('run-row')).getByRole('button', { name: 'Undo' }) as HTMLButtonElement;
    expect(undo.disabled).toBe(true);
    expect(undo.title).toBe('Offline');
  });

  it('a run already undone says by which run and when, and offers no Undo', () => {
    const undoRun = makeRun({ id: 'run2', kind: 'undo', parentRunId: 'run1', target: 'production', startedAt: '2026-11-27T04:00:00Z', identity: { ...IDENTITY, userEmail: 'lead@example.com' } });
    renderUi(<RunTable runs={[undoRun, run]} undoneBy={undoneBy([undoRun, run])} writeBlockedReason={null} onExport={() => {}} onUndo={() => {}} onOpen={() => {}} />);
    const row = screen.getAllByTestId('run-row').find((r) => r.dataset.runId === 'run1') as HTMLElement;
    expect(within(row).getByTestId('run-undone').textContent).toMatch(/^Undoneby the undo of .+ \(lead@example\.com\)$/);
    expect(within(row).queryByRole('button', { name: 'Undo' })).toBeNull();
  });

  it('names the subject of each run', () => {
    const subtree = makeRun({ subject: { kind: 'subtree', named: [{ id: 'r', name: 'Two Hundred Partners' }], total: 200 } });
    const picked = makeRun({ id: 'run3', subject: { kind: 'customers', named: ['A', 'B', 'C', 'D'].map((n) => ({ id: n, name: n })), total: 5 } });
    renderUi(<RunTable runs={[subtree, picked]} undoneBy={new Map()} writeBlockedReason={null} onExport={() => {}} onUndo={() => {}} onOpen={() => {}} />);
    expect(screen.getAllByTestId('run-subject').map((s) => s.textContent)).toEqual(['Two Hundred Partners and its 199 descendants', '5 customers: A, B, C…']);
  });

  it('offers an interrupted run to continue', () => {
    const onContinue = vi.fn();
    renderUi(<InterruptedRunOffer interrupted={{ run: { ...run, status: 'running' }, unknown: 40, inFlight: 3 }} writeBlockedReason={null} onContinue={onContinue} onDismiss={() => {}} />);
    expect(screen.getByTestId('interrupted-run').textContent).toContain('160 of 200 customers settled; 40 unknown');
    fireEvent.click(screen.getByRole('button', { name: 'Check and continue' }));
    expect(onContinue).toHaveBeenCalledWith('run1');
  });
});
