/* The bulk staging panel over a contract-generated fake bridge: plan → confirm (typed on
 * production) → progress events → results → undo; a failed start keeps the prepared plan. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { AppProviders } from '../../../../src/renderer/app/providers';
import { useEvoQuery } from '../../../../src/renderer/app/hooks';
import { useUiStore } from '../../../../src/renderer/app/ui-store';
import { BulkPanel } from '../../../../src/renderer/features/bulk/BulkPanel';
import { useTrackRunProgress } from '../../../../src/renderer/features/bulk/use-run-progress';
import { useConsoleStore } from '../../../../src/renderer/app/console-store';
import { emptyCounts } from '../../../../src/shared/bulk/counts';
import type { RunDetail, RunProgress } from '../../../../src/shared/bulk/types';
import { AppError, createFakeBridge, type FakeHandlers } from '../../support/fake-bridge';
import { PRODUCTION, SIGNED_IN } from '../../support/session-fixtures';
import { makeCustomer, makePlan, makeRun } from '../../support/fixtures';

afterEach(cleanup);
beforeEach(() => {
  useUiStore.getState().reset();
  useConsoleStore.setState({ activeRunId: null, target: 'staging' });
});

// Made just now: a plan older than 24 hours is not applied.
const plan = makePlan({ createdAt: new Date().toISOString() });
const progress = (state: RunProgress['state'], done: number): RunProgress => ({
  runId: 'run1',
  state,
  counts: { ...emptyCounts(), total: 2, changed: done, pending: 2 - done },
  done,
  remaining: 2 - done,
  ratePerSecond: done ? 4 : 0,
  etaMs: done ? 250 : null,
  requestRate: null,
  problem: null,
  at: '2026-11-27T03:00:01Z',
});
const detail: RunDetail = {
  ...makeRun({
    request: plan.request,
    planCounts: plan.counts,
    startedAt: '2026-11-27T03:00:00Z',
    endedAt: '2026-11-27T03:00:02Z',
    durationMs: 2000,
    counts: { ...emptyCounts(), total: 2, changed: 2 },
  }),
  items: [],
};

function Tracker() {
  useTrackRunProgress();
  return null;
}

function setup(handlers: FakeHandlers, currentCustomer: ReturnType<typeof makeCustomer> | null = makeCustomer(1)) {
  const fake = createFakeBridge({
    'session:getState': () => ({ ...SIGNED_IN, profile: PRODUCTION }),
    'connectivity:getState': () => ({ state: 'online', since: 0, failedProbes: 0 }),
    'bulk:plan': () => plan,
    'bulk:status': () => null,
    'runs:get': () => detail,
    ...handlers,
  });
  const panel = (customer: ReturnType<typeof makeCustomer> | null) => (
    <AppProviders bridge={fake.bridge}>
      <Tracker />
      <BulkPanel currentCustomer={customer} />
    </AppProviders>
  );
  const { rerender } = render(panel(currentCustomer));
  return { ...fake, showCustomer: (customer: ReturnType<typeof makeCustomer>) => rerender(panel(customer)) };
}

async function planAndOpenConfirm() {
  fireEvent.click(await screen.findByTestId('prepare-plan'));
  fireEvent.click(await screen.findByTestId('plan-confirm'));
  return screen.findByTestId('confirm-run');
}

describe('BulkPanel', () => {
  it('plans the subtree, asks for the typed count on production, follows progress, shows results and undoes', async () => {
    const fake = setup({ 'bulk:start': () => ({ runId: 'run1', drifted: null }), 'bulk:undo': () => ({ runId: 'run2' }) });
    const confirm = (await planAndOpenConfirm()) as HTMLButtonElement;
    expect(fake.calls.find((c) => c.channel === 'bulk:plan')?.request).toEqual({ subtreeRootIds: ['c1'], target: 'staging' });
    expect(confirm.disabled).toBe(true); // production: even 2 customers need the typed count
    fireEvent.change(screen.getByTestId('confirm-count-input'), { target: { value: '2' } });
    await waitFor(() => expect(confirm.disabled).toBe(false));
    fireEvent.click(confirm);
    await waitFor(() => expect(fake.calls.some((c) => c.channel === 'bulk:start')).toBe(true));
    expect(fake.calls.find((c) => c.channel === 'bulk:start')?.request).toEqual({ planId: 'plan1' });

    act(() => fake.emit('bulk:progress', progress('running', 1)));
    expect((await screen.findByTestId('progress-view')).textContent).toContain('1 of 2 customers to change (50%)');
    act(() => fake.emit('bulk:progress', progress('completed', 2)));
    await screen.findByTestId('results-view');
    expect(screen.getByTestId('tile-changed').textContent).toBe('2Changed');
    fireEvent.click(screen.getByTestId('undo-run'));
    await waitFor(() => expect(fake.calls.find((c) => c.channel === 'bulk:undo')?.request).toEqual({ runId: 'run1' }));
    expect(useConsoleStore.getState().activeRunId).toBe('run2');
  });

  it('opened before the customer has loaded, it plans that customer’s subtree once it arrives', async () => {
    const fake = setup({}, null);
    expect(((await screen.findByTestId('prepare-plan')) as HTMLButtonElement).disabled).toBe(true);
    fake.showCustomer(makeCustomer(1));
    await waitFor(() => expect((screen.getByTestId('prepare-plan') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId('prepare-plan'));
    await waitFor(() => expect(fake.calls.find((c) => c.channel === 'bulk:plan')?.request).toEqual({ subtreeRootIds: ['c1'], target: 'staging' }));
  });

  it('keeps the prepared plan when starting fails, and says why', async () => {
    setup({
      'bulk:start': () => {
        throw new AppError({ kind: 'AuthRequired', message: 'Your session ended.' });
      },
    });
    const confirm = await planAndOpenConfirm();
    fireEvent.change(screen.getByTestId('confirm-count-input'), { target: { value: '2' } });
    fireEvent.click(confirm);
    expect((await screen.findByTestId('error-callout')).textContent).toContain('Your session ended.');
    expect(useUiStore.getState().pendingPlanId).toBe('plan1');
    screen.getByTestId('plan-view');
  });

  it('when the customers changed since the plan, shows the differences and asks again for the plan as it is now', async () => {
    const fresh = makePlan({ id: 'plan2', createdAt: new Date().toISOString(), toChange: [plan.toChange[0]!, { ...plan.toChange[1]!, customerId: 'c7', name: 'Newcomer' }, { ...plan.toChange[1]!, customerId: 'c8' }] });
    fresh.counts = { ...fresh.counts, total: 3, toChange: 3 };
    const drifted = {
      planId: 'plan1',
      drift: { stateChanged: [{ customerId: 'c7', name: 'Newcomer', planned: true, now: false }], becameInaccessible: [], becameAccessible: [{ customerId: 'c8', name: 'Back', planned: null, now: false }] },
      fresh,
    };
    const fake = setup({ 'bulk:start': ({ planId }) => (planId === 'plan1' ? { runId: null, drifted } : { runId: 'run1', drifted: null }) });
    const confirm = (await planAndOpenConfirm()) as HTMLButtonElement;
    fireEvent.change(screen.getByTestId('confirm-count-input'), { target: { value: '2' } });
    fireEvent.click(confirm);
    // The dialog now shows what changed and asks for the new count (3), with an empty field.
    const list = await screen.findByTestId('drift-list');
    expect(list.textContent).toContain('Newcomer was staging, now normal');
    expect(list.textContent).toContain('Back accessible now (normal); it was not when planned');
    const again = screen.getByTestId('confirm-run') as HTMLButtonElement;
    expect(again.disabled).toBe(true);
    expect((screen.getByTestId('confirm-count-input') as HTMLInputElement).value).toBe('');
    fireEvent.change(screen.getByTestId('confirm-count-input'), { target: { value: '2' } });
    expect(again.disabled).toBe(true); // the old count no longer confirms
    fireEvent.change(screen.getByTestId('confirm-count-input'), { target: { value: '3' } });
    fireEvent.click(again);
    await waitFor(() => expect(fake.calls.filter((c) => c.channel === 'bulk:start').map((c) => c.request)).toEqual([{ planId: 'plan1' }, { planId: 'plan2' }]));
  });

  it('does not apply a plan older than 24 hours: it offers to prepare it again', async () => {
    const old = makePlan({ createdAt: new Date(Date.now() - 25 * 3_600_000).toISOString() });
    useUiStore.getState().setPendingPlanId(old.id);
    const fake = setup({ 'bulk:getPlan': () => old });
    expect((await screen.findByTestId('plan-stale')).textContent).toContain('more than 24 hours ago');
    expect(screen.queryByTestId('plan-confirm')).toBeNull();
    fireEvent.click(screen.getByTestId('plan-again'));
    await waitFor(() => expect(fake.calls.find((c) => c.channel === 'bulk:plan')?.request).toEqual({ subtreeRootIds: ['c1'], target: 'staging' }));
    await screen.findByTestId('plan-confirm');
  });

  it('a customer the run changes shows its new routing and last change in the list at once, and a failure is listed while the run goes on', async () => {
    function Routing() {
      const list = useEvoQuery('customers:children', [{ parentId: null }]);
      return <span data-testid="routing">{list.data?.items.map((c) => `${c.id}:${c.isStaging ? 'staging' : 'normal'}@${String(c.dateLastModified)}/${String(c.lastModifiedBy)}`).join(' ')}</span>;
    }
    const was = { dateLastModified: '2026-01-01T00:00:00Z', lastModifiedBy: 'someone' };
    const customers = [makeCustomer(1, { isStaging: false, ...was }), makeCustomer(2, { isStaging: false, ...was })];
    const fake = createFakeBridge({
      'session:getState': () => SIGNED_IN,
      'connectivity:getState': () => ({ state: 'online', since: 0, failedProbes: 0 }),
      'customers:children': () => ({ items: customers, total: 2, page: 0, pageSize: 100, source: 'server', fetchedAt: 0 }),
      'bulk:status': () => progress('running', 0),
      'runs:get': () => ({ ...detail, status: 'running', counts: { ...emptyCounts(), total: 2, pending: 2 }, items: [] }),
    });
    useConsoleStore.setState({ activeRunId: 'run1' });
    render(
      <AppProviders bridge={fake.bridge}>
        <Tracker />
        <Routing />
        <BulkPanel currentCustomer={null} />
      </AppProviders>,
    );
    const before = 'c2:normal@2026-01-01T00:00:00Z/someone';
    await waitFor(() => expect(screen.getByTestId('routing').textContent).toBe(`c1:normal@2026-01-01T00:00:00Z/someone ${before}`));
    await screen.findByTestId('progress-view');
    const lastModified = { at: '2026-11-29T10:00:00Z', by: 'manager@sandbox.test' };
    act(() => fake.emit('bulk:itemSettled', { runId: 'run1', customerId: 'c1', name: 'Customer 1', outcome: 'changed', after: true, lastModified, error: null }));
    await waitFor(() => expect(screen.getByTestId('routing').textContent).toBe(`c1:staging@2026-11-29T10:00:00Z/manager@sandbox.test ${before}`));
    act(() => fake.emit('bulk:itemSettled', { runId: 'run1', customerId: 'c2', name: 'Customer 2', outcome: 'failed', after: false, lastModified: null, error: { kind: 'Forbidden', message: 'Access denied.' } }));
    expect((await screen.findByTestId('live-failure')).textContent).toBe('Customer 2 Forbidden: Access denied.');
    expect(fake.calls.filter((c) => c.channel === 'customers:children')).toHaveLength(1); // updated in place, not read again
  });
});

describe('a live run whose detail cannot be read', () => {
  it('says why and can still be cancelled', async () => {
    const fake = createFakeBridge({
      'session:getState': () => SIGNED_IN,
      'connectivity:getState': () => ({ state: 'online', since: 0, failedProbes: 0 }),
      'bulk:status': () => progress('running', 0),
      'runs:get': () => {
        throw new AppError({ kind: 'Unexpected', message: 'The journal could not be read.' });
      },
      'bulk:cancel': () => progress('cancelling', 0),
    });
    useConsoleStore.setState({ activeRunId: 'run1' });
    render(
      <AppProviders bridge={fake.bridge}>
        <BulkPanel currentCustomer={null} />
      </AppProviders>,
    );
    expect((await screen.findByTestId('error-callout')).textContent).toContain('The journal could not be read.');
    fireEvent.click(await screen.findByTestId('cancel-unread-run'));
    await waitFor(() => expect(fake.calls.find((c) => c.channel === 'bulk:cancel')?.request).toEqual({ runId: 'run1' }));
  });
});
