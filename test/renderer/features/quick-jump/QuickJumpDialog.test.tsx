/* Quick jump: the dialog's keys (Enter goes, Shift+Enter toggles routing, Alt+Enter plans the
 * subtree) and, over a fake bridge, the feature: what it sends to customers:find and shows of the
 * answer (finding by id or reference id itself is tested in test/main/customers), the actions'
 * effects, and a live run's routing changes reaching the results. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { AppProviders } from '../../../../src/renderer/app/providers';
import { useConsoleStore } from '../../../../src/renderer/app/console-store';
import { useUiStore } from '../../../../src/renderer/app/ui-store';
import { QuickJump } from '../../../../src/renderer/features/quick-jump/QuickJump';
import { QuickJumpDialog } from '../../../../src/renderer/features/quick-jump/QuickJumpDialog';
import { useTrackRunProgress } from '../../../../src/renderer/features/bulk/use-run-progress';
import { createFakeBridge } from '../../support/fake-bridge';
import { SANDBOX, SIGNED_IN } from '../../support/session-fixtures';
import { makeCustomer, makePlan } from '../../support/fixtures';
import { renderUi } from '../../support/render';

afterEach(cleanup);
beforeEach(() => {
  useUiStore.getState().reset();
  useConsoleStore.getState().reset();
});

const labels = () => ({ toggle: 'Move to staging', planSubtree: 'Plan its subtree to staging' });

describe('QuickJumpDialog', () => {
  it('picks a match with the keyboard; Shift+Enter and Alt+Enter run the other actions', async () => {
    const onAction = vi.fn();
    const results = [makeCustomer(1, { breadcrumb: [{ id: 'r', name: 'Root' }] }), makeCustomer(2)];
    renderUi(<QuickJumpDialog open query="cust" onQueryChange={() => {}} results={results} loading={false} actionLabels={labels} onAction={onAction} onClose={() => {}} />);
    const input = await screen.findByRole('combobox');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(screen.getAllByRole('option')[1]?.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByTestId('quick-jump-actions').getAttribute('aria-label')).toBe('Actions for Customer 2');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onAction).toHaveBeenLastCalledWith(expect.objectContaining({ id: 'c2' }), 'goTo');
    fireEvent.keyDown(input, { key: 'Enter', shiftKey: true });
    expect(onAction).toHaveBeenLastCalledWith(expect.objectContaining({ id: 'c2' }), 'toggle');
    fireEvent.keyDown(input, { key: 'Enter', altKey: true });
    expect(onAction).toHaveBeenLastCalledWith(expect.objectContaining({ id: 'c2' }), 'planSubtree');
    expect(screen.getAllByRole('option')[0]?.textContent).toContain('Root');
  });

  it('offline (writes blocked) the toggle is disabled and Shift+Enter does nothing', async () => {
    const onAction = vi.fn();
    renderUi(<QuickJumpDialog open query="c" onQueryChange={() => {}} results={[makeCustomer(1)]} loading={false} writeBlockedReason="Offline: changes need a connection." actionLabels={labels} onAction={onAction} onClose={() => {}} />);
    const input = await screen.findByRole('combobox');
    fireEvent.keyDown(input, { key: 'Enter', shiftKey: true });
    expect(onAction).not.toHaveBeenCalled();
    expect((screen.getByText('Move to staging').closest('button') as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('QuickJump', () => {
  function Tracker() {
    useTrackRunProgress();
    return null;
  }

  function setup() {
    const target = makeCustomer(7, { name: 'Hackett and Sons', referenceId: 'CRM-77', isStaging: false });
    const fake = createFakeBridge({
      'session:getState': () => ({ ...SIGNED_IN, profile: SANDBOX }),
      'connectivity:getState': () => ({ state: 'online', since: 0, failedProbes: 0 }),
      'customers:find': ({ text }) => ({
        items: text === 'CRM-77' || text === 'c7' ? [target] : [],
        total: 1,
        page: 0,
        pageSize: 50,
        source: 'server',
        fetchedAt: Date.now(),
        referenceIds: { copy: 'account', syncedAt: Date.now() },
      }),
      'bulk:plan': (request) => makePlan({ request, target: request.target }),
    });
    useConsoleStore.getState().setQuickJumpOpen(true);
    render(
      <AppProviders bridge={fake.bridge}>
        <Tracker />
        <QuickJump />
      </AppProviders>,
    );
    return fake;
  }

  it('shows what customers:find answers for a reference id, with the reference, and Enter goes there', async () => {
    const fake = setup();
    fireEvent.change(await screen.findByRole('combobox'), { target: { value: 'CRM-77' } });
    const option = await screen.findByRole('option');
    expect(option.textContent).toContain('Hackett and Sons');
    expect(option.textContent).toContain('ref CRM-77');
    expect(fake.calls.filter((c) => c.channel === 'customers:find').at(-1)?.request).toEqual({ text: 'CRM-77', limit: 50 });
    expect(screen.getByText(/Reference ids: account listed/)).toBeTruthy();
    fireEvent.keyDown(screen.getByRole('combobox'), { key: 'Enter' });
    expect(useUiStore.getState().currentCustomerId).toBe('c7');
    expect(useConsoleStore.getState().quickJumpOpen).toBe(false);
  });

  it('Shift+Enter asks for the routing change of that customer (to be confirmed); Alt+Enter plans its subtree', async () => {
    const fake = setup();
    fireEvent.change(await screen.findByRole('combobox'), { target: { value: 'c7' } });
    await screen.findByRole('option');
    fireEvent.keyDown(screen.getByRole('combobox'), { key: 'Enter', shiftKey: true });
    expect(useUiStore.getState().routingChange).toEqual({ request: { customerIds: ['c7'], target: 'staging' }, subject: 'Hackett and Sons' });
    expect(fake.calls.some((c) => c.channel === 'bulk:start')).toBe(false);

    useConsoleStore.getState().setQuickJumpOpen(true);
    fireEvent.change(await screen.findByRole('combobox'), { target: { value: 'c7' } });
    await screen.findByRole('option');
    fireEvent.keyDown(screen.getByRole('combobox'), { key: 'Enter', altKey: true });
    await waitFor(() => expect(fake.calls.find((c) => c.channel === 'bulk:plan')?.request).toEqual({ subtreeRootIds: ['c7'], target: 'staging' }));
    await waitFor(() => expect(useUiStore.getState().pendingPlanId).toBe('plan1'));
    expect(useConsoleStore.getState().detailTab).toBe('bulk');
  });

  it('a run that changes a found customer shows its new routing in the results at once, without finding again', async () => {
    const fake = setup();
    fireEvent.change(await screen.findByRole('combobox'), { target: { value: 'c7' } });
    const option = await screen.findByRole('option');
    expect(option.textContent).toContain('Normal');
    expect(screen.getByText('Move to staging')).toBeTruthy();
    const finds = fake.calls.filter((c) => c.channel === 'customers:find').length;
    act(() => fake.emit('bulk:itemSettled', { runId: 'run1', customerId: 'c7', name: 'Hackett and Sons', outcome: 'changed', after: true, lastModified: null, error: null }));
    await waitFor(() => expect(screen.getByRole('option').textContent).toContain('Staging'));
    expect(screen.getByText('Move back to normal routing')).toBeTruthy();
    expect(fake.calls.filter((c) => c.channel === 'customers:find')).toHaveLength(finds);
  });
});
