import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { ConfirmDialog } from '../../../../src/renderer/features/bulk/ConfirmDialog';
import { PlanView } from '../../../../src/renderer/features/bulk/PlanView';
import { ProgressView } from '../../../../src/renderer/features/bulk/ProgressView';
import { ResultsView } from '../../../../src/renderer/features/bulk/ResultsView';
import { requiresTypedCount, typedCountMatches } from '../../../../src/shared/bulk/confirm-rule';
import type { RunProgress, RunSummary } from '../../../../src/shared/bulk/types';
import { emptyCounts } from '../../../../src/shared/bulk/counts';
import { mergeFailures } from '../../../../src/renderer/features/bulk/merge-failures';
import { toChangeProgress } from '../../../../src/shared/bulk/to-change-progress';
import { renderUi } from '../../support/render';
import { HOSTILE_NAME, IDENTITY, makePlan, planItem } from '../../support/fixtures';

afterEach(cleanup);

describe('confirm rule', () => {
  it('asks for the typed count above 25 customers or on the production server', () => {
    expect(requiresTypedCount(25, false)).toBe(false);
    expect(requiresTypedCount(26, false)).toBe(true);
    expect(requiresTypedCount(1, true)).toBe(true);
    expect(typedCountMatches('1,200', 1200)).toBe(true);
    expect(typedCountMatches(' 200 ', 200)).toBe(true);
    expect(typedCountMatches('20', 200)).toBe(false);
    expect(typedCountMatches('2e2', 200)).toBe(false);
  });
});

function dialog(changeCount: number, serverIsProduction: boolean, onConfirm = vi.fn()) {
  renderUi(
    <ConfirmDialog
      open
      changeCount={changeCount}
      subject="Two Hundred Partners and its 199 descendants"
      planCounts={{ total: 200, toChange: changeCount, alreadyInState: 200 - changeCount, notAccessible: 0, excludedByTags: 0 }}
      target="staging"
      serverLabel={serverIsProduction ? 'Evo Voice (production)' : 'Sandbox'}
      serverIsProduction={serverIsProduction}
      accountName="Main"
      onConfirm={onConfirm}
      onCancel={() => {}}
    />,
  );
  return onConfirm;
}

describe('ConfirmDialog', () => {
  it('confirms small sandbox runs with one click', async () => {
    const onConfirm = dialog(25, false);
    const button = await screen.findByTestId('confirm-run');
    expect(screen.queryByTestId('confirm-count-input')).toBeNull();
    fireEvent.click(button);
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it('keeps the button disabled until the count of a large run is typed', async () => {
    const onConfirm = dialog(200, false);
    const button = await screen.findByTestId('confirm-run');
    screen.getByText('Type 200 (the number of customers to change) to confirm');
    expect((button as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('confirm-count-input'), { target: { value: '20' } });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('confirm-count-input'), { target: { value: '200' } });
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(button);
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it('asks for the typed count on production even for one customer', async () => {
    dialog(1, true);
    await screen.findByTestId('confirm-run');
    expect(screen.getByTestId('confirm-server').textContent).toBe('Evo Voice (production) — the production Evo Voice server');
    screen.getByTestId('confirm-count-input');
  });

  it('names the target, its size, the server and the account', async () => {
    dialog(177, false);
    expect((await screen.findByTestId('confirm-subject')).textContent).toBe('Two Hundred Partners and its 199 descendants');
    expect(screen.getByTestId('confirm-size').textContent).toBe('200 customers: 177 to change; not changed: 23 already there');
    expect(screen.getByTestId('confirm-server').textContent).toBe('Sandbox');
    expect(screen.getByTestId('confirm-account').textContent).toBe('Main');
  });
});

const item = (i: number, isStaging = false) => planItem(i, { name: i === 0 ? HOSTILE_NAME : `Customer ${i}`, breadcrumb: [{ id: 'root', name: 'Root' }], isStaging });
const plan = makePlan({
  id: 'p1',
  identity: { ...IDENTITY, userEmail: 'a@b.c', serverUrl: 'http://x' },
  request: { subtreeRootIds: ['root'], target: 'staging' },
  toChange: [item(0), item(1)],
  alreadyInState: [item(2, true)],
  notAccessible: [{ customerId: 'c9', breadcrumb: [], reason: { kind: 'Forbidden', message: 'No access to this customer.' } }],
  counts: { total: 4, toChange: 2, alreadyInState: 1, notAccessible: 1, excludedByTags: 0 },
});

describe('PlanView', () => {
  it('shows counts and who changes, with names as text', () => {
    const onConfirm = vi.fn();
    renderUi(<PlanView plan={plan} writeBlockedReason={null} stale={false} onConfirm={onConfirm} onExclude={() => {}} excluding={false} onReplan={() => {}} onDiscard={() => {}} />);
    expect(screen.getByTestId('count-toChange').textContent).toContain('2');
    expect(screen.getByTestId('count-alreadyInState').textContent).toContain('1');
    expect(screen.getByTestId('count-notAccessible').textContent).toContain('1');
    const items = screen.getAllByTestId('plan-item');
    expect(items[0]?.textContent).toContain(HOSTILE_NAME);
    expect(screen.getByTestId('plan-view').querySelector('script, img')).toBeNull();
    fireEvent.click(screen.getByTestId('plan-confirm'));
    expect(onConfirm).toHaveBeenCalled();
  });

  it('groups customers under their immediate parent and shows each name once, not the path', () => {
    const deep = (i: number, parent: { id: string; name: string }) =>
      planItem(i, { breadcrumb: [{ id: 'root', name: 'Two Hundred Partners' }, { id: 'mid', name: 'Mid' }, parent] });
    const grouped = makePlan({ toChange: [deep(1, { id: 'a', name: 'Alpha' }), deep(2, { id: 'b', name: 'Beta' }), deep(3, { id: 'a', name: 'Alpha' })], counts: { ...plan.counts, toChange: 3 } });
    renderUi(<PlanView plan={grouped} writeBlockedReason={null} stale={false} onConfirm={() => {}} onExclude={() => {}} excluding={false} onReplan={() => {}} onDiscard={() => {}} />);
    expect(screen.getAllByTestId('plan-group-parent').map((g) => g.textContent)).toEqual(['Under Alpha', 'Under Beta']);
    expect(screen.getAllByTestId('plan-group').map((g) => Array.from(g.querySelectorAll('[data-testid="plan-item"]')).map((r) => r.textContent))).toEqual([['Customer 1', 'Customer 3'], ['Customer 2']]);
    expect(screen.getByTestId('plan-view').textContent).not.toContain('Two Hundred Partners / Mid');
  });

  it('unticked rows are left out through main (a new plan); confirming waits until then', () => {
    const onExclude = vi.fn();
    renderUi(<PlanView plan={plan} writeBlockedReason={null} stale={false} onConfirm={() => {}} onExclude={onExclude} excluding={false} onReplan={() => {}} onDiscard={() => {}} />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Keep Customer 1 in the plan' }));
    expect((screen.getByTestId('plan-confirm') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('plan-exclude'));
    expect(onExclude).toHaveBeenCalledWith(['c1']);
  });

  it('lists the inaccessible customers with the reason', async () => {
    renderUi(<PlanView plan={plan} writeBlockedReason={null} stale={false} onConfirm={() => {}} onExclude={() => {}} excluding={false} onReplan={() => {}} onDiscard={() => {}} />);
    fireEvent.click(screen.getByRole('tab', { name: /Not accessible/ }));
    expect((await screen.findByTestId('plan-problem')).textContent).toContain('No access to this customer.');
  });

  it('counts and lists customers that could not be read (left out of the change), also without an id', async () => {
    const unreadable = [
      { customerId: 'c77', reason: { kind: 'InvalidResponse' as const, message: 'Could not be read (isStaging: expected boolean (got string)); left out of the change.' } },
      { customerId: null, reason: { kind: 'InvalidResponse' as const, message: 'Could not be read (id: expected string (missing)); left out of the change.' } },
    ];
    renderUi(<PlanView plan={{ ...plan, unreadable, counts: { ...plan.counts, total: 6, unreadable: 2 } }} writeBlockedReason={null} stale={false} onConfirm={() => {}} onExclude={() => {}} excluding={false} onReplan={() => {}} onDiscard={() => {}} />);
    expect(screen.getByTestId('count-unreadable').textContent).toContain('2');
    fireEvent.click(screen.getByRole('tab', { name: /Could not be read \(2\)/ }));
    const rows = (await screen.findAllByTestId('plan-unreadable')).map((r) => r.textContent);
    expect(rows).toEqual([
      'c77 Could not be read (isStaging: expected boolean (got string)); left out of the change.',
      '(no readable id) Could not be read (id: expected string (missing)); left out of the change.',
    ]);
    expect(screen.getByTestId('plan-confirm').textContent).toContain('Move 2 customers');
  });

  it('a plan saved before unreadable targets were counted shows no such count', () => {
    renderUi(<PlanView plan={plan} writeBlockedReason={null} stale={false} onConfirm={() => {}} onExclude={() => {}} excluding={false} onReplan={() => {}} onDiscard={() => {}} />);
    expect(screen.queryByTestId('count-unreadable')).toBeNull();
  });

  it('disables confirming when writing is blocked, saying why', () => {
    renderUi(<PlanView plan={{ ...plan, source: 'cache' }} writeBlockedReason="Offline: writes need the server." stale={false} onConfirm={() => {}} onExclude={() => {}} excluding={false} onReplan={() => {}} onDiscard={() => {}} />);
    expect((screen.getByTestId('plan-confirm') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('write-blocked-reason').textContent).toBe('Offline: writes need the server.');
    expect(screen.getByTestId('as-of').dataset.source).toBe('cache');
  });
});

const progress = (over: Partial<RunProgress> = {}): RunProgress => ({
  runId: 'r1',
  state: 'running',
  counts: { ...emptyCounts(), total: 200, changed: 50, failed: 2, pending: 148 },
  done: 52,
  remaining: 148,
  ratePerSecond: 12.5,
  etaMs: 11_840,
  requestRate: null,
  problem: null,
  at: '2026-11-27T03:00:00Z',
  ...over,
});

describe('ProgressView', () => {
  const view = { subject: 'Two Hundred Partners and its 199 descendants', target: 'staging' as const, failures: [] };
  it('names what is running, counts only the customers to change, shows rate and ETA and pauses', () => {
    const onPause = vi.fn();
    // 200 in the run, 96 of them already on staging from the start: 148 settled = 96 left alone + 52 of the 104 to change.
    const p = progress({ counts: { ...emptyCounts(), total: 200, alreadyInState: 96, changed: 50, failed: 2, pending: 52 }, done: 148 });
    renderUi(<ProgressView {...view} progress={p} toChange={toChangeProgress(p, { settled: 96, cancelled: 0 })} onPause={onPause} onUnpause={() => {}} onCancel={() => {}} />);
    expect(screen.getByTestId('progress-subject').textContent).toBe('Moving Two Hundred Partners and its 199 descendants to staging');
    expect(screen.getByRole('status').textContent).toContain('52 of 104 customers to change (50%)');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('50');
    const counts = screen.getByTestId('progress-counts').textContent ?? '';
    expect(counts).toContain('Changed: 50');
    expect(counts).toContain('Failed: 2');
    expect(counts).toContain('Rate: 12.5/s');
    expect(counts).toContain('ETA: 12 s');
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    expect(onPause).toHaveBeenCalled();
  });

  it('shows the request rate the console paces itself to, the ceiling, and when the server is throttling', () => {
    const { rerender } = renderUi(<ProgressView {...view} toChange={{ done: 0, total: 1, percent: 0 }} progress={progress()} onPause={() => {}} onUnpause={() => {}} onCancel={() => {}} />);
    expect(screen.queryByTestId('request-rate')).toBeNull(); // no server known yet
    rerender(<ProgressView {...view} toChange={{ done: 0, total: 1, percent: 0 }} progress={progress({ requestRate: { perSecond: null, ceiling: null, throttled: false } })} onPause={() => {}} onUnpause={() => {}} onCancel={() => {}} />);
    expect(screen.getByTestId('request-rate').textContent).toBe('Requests: not limited');
    rerender(<ProgressView {...view} toChange={{ done: 0, total: 1, percent: 0 }} progress={progress({ requestRate: { perSecond: 7.25, ceiling: null, throttled: true } })} onPause={() => {}} onUnpause={() => {}} onCancel={() => {}} />);
    expect(screen.getByTestId('request-rate').textContent).toBe('Requests: 7.3/s, server is throttling');
    rerender(<ProgressView {...view} toChange={{ done: 0, total: 1, percent: 0 }} progress={progress({ requestRate: { perSecond: 20, ceiling: 20, throttled: false } })} onPause={() => {}} onUnpause={() => {}} onCancel={() => {}} />);
    expect(screen.getByTestId('request-rate').textContent).toBe('Requests: 20/s (your maximum 20/s)');
  });

  it('offers unpause when paused and explains a sign-in wait', () => {
    const onUnpause = vi.fn();
    const zero = { done: 0, total: 1, percent: 0 };
    const { rerender } = renderUi(<ProgressView {...view} toChange={zero} progress={progress({ state: 'paused' })} onPause={() => {}} onUnpause={onUnpause} onCancel={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Unpause' }));
    expect(onUnpause).toHaveBeenCalled();
    rerender(<ProgressView {...view} toChange={zero} progress={progress({ state: 'waitingForSignIn' })} onPause={() => {}} onUnpause={() => {}} onCancel={() => {}} />);
    expect(screen.getByRole('status').textContent).toContain('sign in again');
  });

  it('lists failures as they happen', () => {
    const failures = mergeFailures([], [{ runId: 'r1', customerId: 'c3', name: 'Cassin Inc', outcome: 'failed', after: null, lastModified: null, error: { kind: 'Forbidden', message: 'Access denied.' } }]);
    renderUi(<ProgressView {...view} failures={failures} toChange={{ done: 1, total: 2, percent: 50 }} progress={progress()} onPause={() => {}} onUnpause={() => {}} onCancel={() => {}} />);
    expect(screen.getAllByTestId('live-failure').map((f) => f.textContent)).toEqual(['Cassin Inc Forbidden: Access denied.']);
  });
});

describe('ResultsView', () => {
  const summary: RunSummary = {
    runId: 'r1',
    kind: 'apply',
    status: 'completed',
    problem: null,
    counts: { ...emptyCounts(), total: 3, changed: 2, failed: 1 },
    durationMs: 4000,
    failed: [{ customerId: 'c3', name: HOSTILE_NAME, error: { kind: 'Forbidden', message: 'Access denied.' } }],
    skipped: [],
  };
  const named = { subject: 'Customer 1, Customer 2, Customer 3', target: 'staging' as const };
  it('shows one tile per outcome and links to the run in History', () => {
    const onOpen = vi.fn();
    renderUi(<ResultsView {...named} summary={{ ...summary, counts: { ...summary.counts, cancelled: 4, total: 7 } }} writeBlockedReason={null} onRetryFailed={() => {}} onUndo={null} onOpenInHistory={onOpen} onClose={() => {}} />);
    const tiles = Array.from(screen.getByTestId('result-tiles').children).map((t) => t.textContent);
    expect(tiles).toEqual(['2Changed', '1Failed', '4Not sent (cancelled)']);
    expect(screen.queryByTestId('undo-run')).toBeNull();
    fireEvent.click(screen.getByTestId('open-in-history'));
    expect(onOpen).toHaveBeenCalled();
  });

  it('lists failures with reasons and offers retry and undo', () => {
    const onRetry = vi.fn();
    const onUndo = vi.fn();
    renderUi(<ResultsView {...named} summary={summary} writeBlockedReason={null} onRetryFailed={onRetry} onUndo={onUndo} onClose={() => {}} />);
    const failed = screen.getByTestId('failed-item');
    expect(failed.textContent).toBe(`${HOSTILE_NAME} Forbidden: Access denied.`);
    fireEvent.click(screen.getByRole('button', { name: 'Retry 1 failed customer' }));
    fireEvent.click(screen.getByTestId('undo-run'));
    expect(onRetry).toHaveBeenCalled();
    expect(onUndo).toHaveBeenCalled();
  });
});
