/* The frame: what the session's status shows, and how it follows main's session events. */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AppProviders, createQueryClient } from '../../../src/renderer/app/providers';
import { App } from '../../../src/renderer/app/App';
import { SESSION_KEY } from '../../../src/renderer/features/session/use-session';
import type { SessionState } from '../../../src/shared/session';
import { createFakeBridge, type FakeHandlers } from '../support/fake-bridge';
import { SANDBOX, SIGNED_IN, sessionState } from '../support/session-fixtures';

// jsdom has no ResizeObserver; the console's virtualised list and the banner's menu need one.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;

afterEach(cleanup);

/** The whole app over a fake bridge whose main has restored `session`, online. */
function renderApp(session: SessionState, handlers: FakeHandlers = {}) {
  const fake = createFakeBridge({
    'session:getState': () => session,
    'session:listProfiles': () => [SANDBOX],
    'connectivity:getState': () => ({ state: 'online', since: 0, failedProbes: 0 }),
    ...handlers,
  });
  render(
    <AppProviders bridge={fake.bridge}>
      <App />
    </AppProviders>,
  );
  return fake;
}

describe('App frame', () => {
  it('shows "Restoring…" until main has restored the session (no sign-in flash), then the account picker for several accounts', async () => {
    const choose = sessionState({
      status: 'chooseAccount',
      email: 'ada@evo.test',
      user: { email: 'ada@evo.test', name: 'Ada Admin', roles: ['SystemAdministrator'] },
      accounts: [
        { id: 'a1', name: 'Acme Support' },
        { id: 'a2', name: 'Globex' },
      ],
      suggestedAccountId: 'a2',
    });
    let answer: ((state: SessionState) => void) | undefined;
    const fake = createFakeBridge({
      // Main answers once its start-up restore is done.
      'session:getState': () => new Promise<SessionState>((resolve) => (answer = resolve)),
      'connectivity:getState': () => ({ state: 'online', since: 0, failedProbes: 0 }),
      'session:selectAccount': ({ accountId }) => ({ ...choose, status: 'signedIn', activeAccountId: accountId }),
    });
    const queryClient = createQueryClient();
    render(
      <AppProviders bridge={fake.bridge} queryClient={queryClient}>
        <App />
      </AppProviders>,
    );
    await waitFor(() => expect(answer).toBeDefined());
    screen.getByText('Restoring your session…');
    // On its way, the restore passes through "signed out" (profile chosen, session not yet
    // checked). That is not what the screen shows: it would flash the sign-in form.
    fake.emit('session:state', sessionState());
    expect(queryClient.getQueryData(SESSION_KEY)).toBeUndefined();
    answer!(choose);
    await screen.findByRole('heading', { name: 'Choose an account' });
    expect((screen.getByRole('radio', { name: 'Globex' }) as HTMLInputElement).checked).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByTestId('console');
    expect(screen.getByTestId('banner-user').textContent).toBe('Ada Admin');
    expect(screen.getByTestId('banner-account').textContent).toBe('Globex');
    expect(fake.calls.filter((c) => c.channel === 'session:getState')).toHaveLength(1);
  });

  it('follows session events from main (a 401 mid-work shows "sign in again")', async () => {
    const fake = renderApp(SIGNED_IN);
    await screen.findByTestId('console');
    fake.emit('session:state', { ...SIGNED_IN, status: 'signInRequired', message: 'Your session has ended.' });
    await screen.findByRole('heading', { name: 'Sign in again' });
  });
});

describe('re-sign-in keeps the work', () => {
  it('keeps the console mounted (inert) behind "sign in again", and the UI selection survives; sign-out clears it', async () => {
    const { useUiStore } = await import('../../../src/renderer/app/ui-store');
    const { useConsoleStore } = await import('../../../src/renderer/app/console-store');
    const fake = renderApp(SIGNED_IN, { 'session:signIn': () => SIGNED_IN, 'session:signOut': () => sessionState() });
    await screen.findByTestId('console');
    const frame = screen.getByTestId('console-frame');
    useUiStore.getState().setSelection(['c1', 'c2']);
    useConsoleStore.setState({ search: 'acme', tagIds: ['t1'], activeRunId: 'run-1', activeIndexByParent: { '': 7 } });

    fake.emit('session:state', { ...SIGNED_IN, status: 'signInRequired', message: 'Your session has ended.' });
    await screen.findByRole('heading', { name: 'Sign in again' });
    expect(screen.getByTestId('console-frame')).toBe(frame); // same element: not remounted
    expect(frame.hasAttribute('inert')).toBe(true);

    await userEvent.type(screen.getByLabelText(/^Password/), 'pw');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Sign in again' })).toBeNull());
    expect(screen.getByTestId('console-frame')).toBe(frame);
    expect(frame.hasAttribute('inert')).toBe(false);
    expect([...useUiStore.getState().selectedIds]).toEqual(['c1', 'c2']);
    expect(useConsoleStore.getState().search).toBe('acme');

    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Sign out (keep the offline copy)' }));
    await screen.findByRole('heading', { name: 'Sign in to Evo Voice' });
    expect(useUiStore.getState().selectedIds.size).toBe(0);
    expect(useConsoleStore.getState()).toMatchObject({ search: '', tagIds: [], activeRunId: null, activeIndexByParent: {} });
    expect(fake.calls.find((c) => c.channel === 'session:signOut')!.request).toEqual({ keepCache: true });
  });
});

describe('an account switch', () => {
  it('resets every piece of renderer state, including server data, when the account changes under the console', async () => {
    const { useUiStore } = await import('../../../src/renderer/app/ui-store');
    const { useConsoleStore } = await import('../../../src/renderer/app/console-store');
    const twoAccounts: SessionState = { ...SIGNED_IN, accounts: [...SIGNED_IN.accounts, { id: 'acc-2', name: 'Globex' }] };
    const fake = renderApp(twoAccounts);
    await screen.findByTestId('console');
    useUiStore.getState().setSelection(['c1']);
    useUiStore.getState().setPendingPlanId('plan-1');
    useConsoleStore.setState({ search: 'acme', tagIds: ['t1'], activeRunId: 'run-1', sort: { field: 'routing', direction: 'asc' } });
    const frame = screen.getByTestId('console-frame');
    fake.emit('session:state', { ...twoAccounts, activeAccountId: 'acc-2' });
    await waitFor(() => expect(screen.getByTestId('banner-account').textContent).toBe('Globex'));
    // Every screen starts afresh (component state too), not only the stores.
    expect(screen.getByTestId('console-frame')).not.toBe(frame);
    await waitFor(() => expect(useUiStore.getState().selectedIds.size).toBe(0));
    expect(useUiStore.getState().pendingPlanId).toBeNull();
    expect(useConsoleStore.getState()).toMatchObject({ search: '', tagIds: [], activeRunId: null, sort: { field: 'name', direction: 'asc' } });
  });
});
