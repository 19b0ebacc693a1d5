/* The one-customer toggle (customer tab) through RoutingChangeFlow, over a contract-generated
 * fake bridge: a plan of exactly that customer, the bulk confirm dialog with its rules (typed
 * count on production), the chosen return-by in the start request, then the run shown in the
 * bulk tab. "Nothing to change" and a failed plan never open the dialog. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { AppProviders } from '../../../../src/renderer/app/providers';
import { useConsoleStore } from '../../../../src/renderer/app/console-store';
import { useUiStore } from '../../../../src/renderer/app/ui-store';
import { RoutingChangeFlow } from '../../../../src/renderer/features/bulk/RoutingChangeFlow';
import { RoutingToggle } from '../../../../src/renderer/features/customer/RoutingToggle';
import { usePreparePlan } from '../../../../src/renderer/features/bulk/use-prepare-plan';
import type { BulkPlan, PlanRequest } from '../../../../src/shared/bulk/types';
import type { Customer } from '../../../../src/shared/evo/schemas';
import { AppError, createFakeBridge, type FakeHandlers } from '../../support/fake-bridge';
import { PRODUCTION, SANDBOX, SIGNED_IN } from '../../support/session-fixtures';
import { makeCustomer, makePlan, planItem } from '../../support/fixtures';

afterEach(cleanup);
beforeEach(() => {
  useUiStore.getState().reset();
  useConsoleStore.getState().reset();
});

const planOf = (request: PlanRequest, extra: Partial<BulkPlan> = {}): BulkPlan =>
  makePlan({ createdAt: new Date().toISOString(), request, target: request.target, toChange: [planItem(1, { isStaging: request.target === 'production' })], counts: { total: 1, toChange: 1, alreadyInState: 0, notAccessible: 0, excludedByTags: 0 }, ...extra });

function setup(customer: Customer, handlers: FakeHandlers = {}, profile = PRODUCTION) {
  const fake = createFakeBridge({
    'session:getState': () => ({ ...SIGNED_IN, profile }),
    'connectivity:getState': () => ({ state: 'online', since: 0, failedProbes: 0 }),
    'bulk:plan': (request) => planOf(request),
    'bulk:start': () => ({ runId: 'run9', drifted: null }),
    ...handlers,
  });
  render(
    <AppProviders bridge={fake.bridge}>
      <RoutingToggle customer={customer} />
      <RoutingChangeFlow />
    </AppProviders>,
  );
  return fake;
}

const lastRequest = (fake: ReturnType<typeof setup>, channel: string) => fake.calls.filter((c) => c.channel === channel).at(-1)?.request;

describe('one-customer toggle', () => {
  it('moves a customer on normal routing to staging: plan of that customer, typed count on production, run shown in the bulk tab', async () => {
    const fake = setup(makeCustomer(1, { isStaging: false }));
    const button = await screen.findByTestId('routing-toggle-button');
    expect(button.textContent).toBe('Move to staging');
    fireEvent.click(button);
    await waitFor(() => expect(lastRequest(fake, 'bulk:plan')).toEqual({ customerIds: ['c1'], target: 'staging' }));
    const confirm = (await screen.findByTestId('confirm-run')) as HTMLButtonElement;
    expect(screen.getByTestId('confirm-dialog').textContent).toContain('Move 1 customer to staging?');
    expect(confirm.disabled).toBe(true);
    fireEvent.change(screen.getByTestId('confirm-count-input'), { target: { value: '1' } });
    await waitFor(() => expect(confirm.disabled).toBe(false));
    fireEvent.click(confirm);
    await waitFor(() => expect(useConsoleStore.getState().activeRunId).toBe('run9'));
    expect(lastRequest(fake, 'bulk:start')).toEqual({ planId: 'plan1' });
    expect(useConsoleStore.getState().detailTab).toBe('bulk');
    expect(useUiStore.getState().routingChange).toBeNull();
    await waitFor(() => expect(screen.queryByTestId('confirm-dialog')).toBeNull());
  });

  it('carries the return-by chosen in the dialog, resolved when confirmed, and clears it afterwards', async () => {
    const fake = setup(makeCustomer(1, { isStaging: false }), {}, SANDBOX);
    fireEvent.click(await screen.findByTestId('routing-toggle-button'));
    const choice = await screen.findByTestId('return-by-choice');
    fireEvent.change(choice, { target: { value: `in:${2 * 3_600_000}` } });
    expect(screen.getByTestId('return-by').textContent).toContain('Due back by');
    const before = Date.now();
    // Sandbox, one customer: no typed count.
    fireEvent.click(screen.getByTestId('confirm-run'));
    await waitFor(() => expect(lastRequest(fake, 'bulk:start')).toBeDefined());
    const { returnBy } = lastRequest(fake, 'bulk:start') as { returnBy: string };
    expect(Date.parse(returnBy)).toBeGreaterThanOrEqual(before + 2 * 3_600_000);
    expect(Date.parse(returnBy)).toBeLessThanOrEqual(Date.now() + 2 * 3_600_000);
    expect(useUiStore.getState().returnBy).toEqual({ kind: 'none' });
  });

  it('a return-by time that main would refuse cannot be confirmed, and a cancelled choice is not offered again', async () => {
    setup(makeCustomer(1, { isStaging: false }), {}, SANDBOX);
    fireEvent.click(await screen.findByTestId('routing-toggle-button'));
    fireEvent.change(await screen.findByTestId('return-by-choice'), { target: { value: 'at' } });
    const confirm = screen.getByTestId('confirm-run') as HTMLButtonElement;
    expect(screen.getByTestId('return-by-problem').textContent).toContain('Choose a date and time');
    expect(confirm.disabled).toBe(true);
    fireEvent.change(screen.getByTestId('return-by-time'), { target: { value: '2020-01-01T10:00' } });
    expect(screen.getByTestId('return-by-problem').textContent).toContain('is not in the future');
    expect(confirm.disabled).toBe(true);
    const tomorrow = new Date(Date.now() + 86_400_000);
    const local = new Date(tomorrow.getTime() - tomorrow.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    fireEvent.change(screen.getByTestId('return-by-time'), { target: { value: local } });
    expect(screen.queryByTestId('return-by-problem')).toBeNull();
    expect(confirm.disabled).toBe(false);

    fireEvent.click(screen.getByText('Cancel'));
    await waitFor(() => expect(screen.queryByTestId('confirm-dialog')).toBeNull());
    fireEvent.click(await screen.findByTestId('routing-toggle-button'));
    expect(((await screen.findByTestId('return-by-choice')) as HTMLSelectElement).value).toBe('none');
  });

  it('moves a customer on staging back to normal routing, with no return-by offered', async () => {
    const fake = setup(makeCustomer(3, { isStaging: true }), {}, SANDBOX);
    const button = await screen.findByTestId('routing-toggle-button');
    expect(button.textContent).toBe('Move back to normal routing');
    fireEvent.click(button);
    await screen.findByTestId('confirm-dialog');
    expect(lastRequest(fake, 'bulk:plan')).toEqual({ customerIds: ['c3'], target: 'production' });
    expect(screen.queryByTestId('return-by')).toBeNull();
  });

  it('says there is nothing to change (no dialog) when the customer is already there, and shows a failed plan', async () => {
    setup(makeCustomer(1, { isStaging: false }), { 'bulk:plan': (r) => planOf(r, { toChange: [], counts: { total: 1, toChange: 0, alreadyInState: 1, notAccessible: 0, excludedByTags: 0 } }) });
    fireEvent.click(await screen.findByTestId('routing-toggle-button'));
    expect((await screen.findByTestId('routing-change-status')).textContent).toContain('Nothing to change: Customer 1 is already on staging.');
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
    fireEvent.click(screen.getByText('Close'));
    await waitFor(() => expect(screen.queryByTestId('routing-change-status')).toBeNull());
    cleanup();

    setup(makeCustomer(1, { isStaging: false }), {
      'bulk:plan': () => {
        throw new AppError({ kind: 'Forbidden', customerId: 'c1', message: 'Customer c1 is not accessible.' });
      },
    });
    fireEvent.click(await screen.findByTestId('routing-toggle-button'));
    expect((await screen.findByTestId('error-callout')).textContent).toContain('Customer c1 is not accessible.');
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
  });

  it('is disabled offline, saying why', async () => {
    const fake = createFakeBridge({
      'session:getState': () => SIGNED_IN,
      'connectivity:getState': () => ({ state: 'offline', since: 0, failedProbes: 1 }),
    });
    render(
      <AppProviders bridge={fake.bridge}>
        <RoutingToggle customer={makeCustomer(1, { isStaging: false })} />
      </AppProviders>,
    );
    await waitFor(() => expect((screen.getByTestId('routing-toggle-button') as HTMLButtonElement).disabled).toBe(true));
    expect(screen.getByTestId('routing-toggle').textContent).toMatch(/offline/i);
  });
});

describe('one planning slot', () => {
  it('while another plan is being prepared, the toggle waits (a new plan would stop that one in main) and says why', async () => {
    let finish: (plan: BulkPlan) => void = () => {};
    function PlanSubtree() {
      const prepare = usePreparePlan();
      return <button onClick={() => prepare.mutate({ subtreeRootIds: ['c9'], target: 'staging' })}>plan subtree</button>;
    }
    const customer = makeCustomer(1, { isStaging: false });
    const fake = createFakeBridge({
      'session:getState': () => ({ ...SIGNED_IN, profile: SANDBOX }),
      'connectivity:getState': () => ({ state: 'online', since: 0, failedProbes: 0 }),
      'bulk:plan': (request) => new Promise<BulkPlan>((resolve) => (finish = () => resolve(planOf(request)))),
    });
    render(
      <AppProviders bridge={fake.bridge}>
        <PlanSubtree />
        <RoutingToggle customer={customer} />
      </AppProviders>,
    );
    const toggle = (await screen.findByTestId('routing-toggle-button')) as HTMLButtonElement;
    expect(toggle.disabled).toBe(false);
    fireEvent.click(screen.getByText('plan subtree'));
    await waitFor(() => expect(toggle.disabled).toBe(true));
    expect(screen.getByTestId('routing-toggle').textContent).toContain('A plan is being prepared');
    finish(planOf({ subtreeRootIds: ['c9'], target: 'staging' }));
    await waitFor(() => expect(toggle.disabled).toBe(false));
  });
});
