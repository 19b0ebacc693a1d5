import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AppProviders } from '../../../src/renderer/app/providers';
import { App } from '../../../src/renderer/app/App';
import { SignInScreen, validateSignIn, NEW_SERVER } from '../../../src/renderer/features/session/SignInScreen';
import { INSECURE_URL_MESSAGE } from '../../../src/shared/server-url';
import { AppError, createFakeBridge, type FakeHandlers } from '../support/fake-bridge';
import { CUSTOM, PRODUCTION, SANDBOX, SIGNED_IN, sessionState } from '../support/session-fixtures';
import type { SessionState } from '../../../src/shared/session';

function renderSignIn(session: SessionState, handlers: FakeHandlers = {}) {
  const fake = createFakeBridge({ 'session:listProfiles': () => [PRODUCTION, SANDBOX, CUSTOM], ...handlers });
  render(
    <AppProviders bridge={fake.bridge}>
      <SignInScreen session={session} />
    </AppProviders>,
  );
  return fake;
}


// jsdom has no ResizeObserver; the console's virtualised list (behind the session screens) needs one.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;

// vitest runs without globals, so testing-library cannot register its own cleanup.
afterEach(cleanup);

describe('validateSignIn', () => {
  const base = { profileId: 'sandbox', serverUrl: '', email: 'a@b.c', password: 'pw' };
  it('accepts a complete form', () => {
    expect(validateSignIn(base)).toEqual({});
  });
  it('asks for email and password', () => {
    expect(validateSignIn({ ...base, email: ' ', password: '' })).toEqual({ email: 'Enter your email address.', password: 'Enter your password.' });
    expect(validateSignIn({ ...base, email: 'nobody' }).email).toMatch(/not an email address/);
  });
  it('checks a new server address: https, or http only on loopback', () => {
    expect(validateSignIn({ ...base, profileId: NEW_SERVER, serverUrl: 'http://evovoice.example' }).serverUrl).toBe(INSECURE_URL_MESSAGE);
    expect(validateSignIn({ ...base, profileId: NEW_SERVER, serverUrl: 'http://127.0.0.1:4010' })).toEqual({});
    expect(validateSignIn({ ...base, profileId: NEW_SERVER, serverUrl: 'evovoice.example' }).serverUrl).toMatch(/not a web address/);
    expect(validateSignIn({ ...base, profileId: NEW_SERVER, serverUrl: '' }).serverUrl).toMatch(/Enter the Evo Voice server address/);
  });
});

describe('SignInScreen', () => {
  it('shows field errors and moves focus to the first one instead of sending', async () => {
    const fake = renderSignIn(sessionState());
    await userEvent.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter your email address.')).toBeTruthy();
    expect(screen.getByText('Enter your password.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText(/^Email/));
    expect(fake.calls.filter((c) => c.channel === 'session:signIn')).toHaveLength(0);
  });

  it('explains an http address for a new server without contacting it', async () => {
    const fake = renderSignIn(sessionState());
    await userEvent.selectOptions(await screen.findByTestId('profile-select'), NEW_SERVER);
    await userEvent.type(screen.getByLabelText(/^Server address/), 'http://evovoice.example');
    await userEvent.type(screen.getByLabelText(/^Email/), 'max@evo.test');
    await userEvent.type(screen.getByLabelText(/^Password/), 'pw');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText(INSECURE_URL_MESSAGE)).toBeTruthy();
    expect(fake.calls.some((c) => c.channel === 'session:addProfile' || c.channel === 'session:signIn')).toBe(false);
  });

  it('adds a new https server, then signs in to it', async () => {
    const fake = renderSignIn(sessionState(), {
      'session:addProfile': ({ label, url }) => ({ id: 'custom-2', label, url, kind: 'custom' }),
      'session:signIn': () => SIGNED_IN,
    });
    await userEvent.selectOptions(await screen.findByTestId('profile-select'), NEW_SERVER);
    await userEvent.type(screen.getByLabelText(/^Server address/), 'https://evo.example/');
    await userEvent.type(screen.getByLabelText(/^Email/), 'max@evo.test');
    await userEvent.type(screen.getByLabelText(/^Password/), 'pw');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(fake.calls.map((c) => c.channel)).toContain('session:signIn'));
    expect(fake.calls.find((c) => c.channel === 'session:addProfile')!.request).toEqual({ label: 'https://evo.example', url: 'https://evo.example/' });
    expect(fake.calls.find((c) => c.channel === 'session:signIn')!.request).toEqual({ profileId: 'custom-2', email: 'max@evo.test', password: 'pw', rememberMe: true });
  });

  it('shows main’s message for a wrong password, titled, as an alert, and clears the password', async () => {
    renderSignIn(sessionState({ email: 'max@evo.test' }), {
      'session:signIn': () => {
        throw new AppError({ kind: 'AuthRequired', message: 'The email or password was not accepted.' });
      },
    });
    const password = await screen.findByLabelText(/^Password/);
    await userEvent.type(password, 'nope');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Sign-in failed');
    expect(alert.textContent).toContain('The email or password was not accepted.');
    expect((password as HTMLInputElement).value).toBe('');
    await waitFor(() => expect(document.activeElement).toBe(password));
  });

  it.each([
    ['Forbidden', 'No access', 'norole@sandbox.test has none of the roles the console needs.'],
    ['Network', 'Server unreachable', 'Evo Voice production could not be reached.'],
  ] as const)('titles a %s failure "%s"', async (kind, title, message) => {
    renderSignIn(sessionState({ email: 'x@y.z' }), {
      'session:signIn': () => {
        throw new AppError({ kind, message });
      },
    });
    await userEvent.type(await screen.findByLabelText(/^Password/), 'pw');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(title);
    expect(alert.textContent).toContain(message);
  });

  it('without a keychain: remember me is off and disabled, with the reason', async () => {
    renderSignIn(sessionState({ keychain: { available: false, message: 'No OS keychain is available (no D-Bus session).' } }));
    const box = (await screen.findByLabelText(/Remember me/)) as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(box.disabled).toBe(true);
    expect(screen.getByTestId('no-keychain').textContent).toContain('no D-Bus session');
  });

  it('"sign in again" keeps server and email fixed and offers to cancel', async () => {
    renderSignIn(sessionState({ status: 'signInRequired', email: 'max@evo.test', message: 'Your session has ended.' }));
    expect(await screen.findByRole('heading', { name: 'Sign in again' })).toBeTruthy();
    expect(screen.getByTestId('session-message').textContent).toContain('Your session has ended.');
    expect((screen.getByLabelText(/^Email/) as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByRole('button', { name: 'Cancel and sign out' })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText(/^Password/)));
  });
});

/** The whole app over a fake bridge that restores `session` at start, online. */
function renderApp(session: SessionState, handlers: FakeHandlers = {}) {
  const fake = createFakeBridge({
    'session:getState': () => session,
    'session:restore': () => session,
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
  it('restores the session at start, then shows the account picker when there are several accounts', async () => {
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
    const fake = createFakeBridge({
      'session:getState': () => sessionState(),
      'session:restore': () => choose,
      'connectivity:getState': () => ({ state: 'online', since: 0, failedProbes: 0 }),
      'session:selectAccount': ({ accountId }) => ({ ...choose, status: 'signedIn', activeAccountId: accountId }),
    });
    render(
      <AppProviders bridge={fake.bridge}>
        <App />
      </AppProviders>,
    );
    expect(await screen.findByRole('heading', { name: 'Choose an account' })).toBeTruthy();
    expect((screen.getByRole('radio', { name: 'Globex' }) as HTMLInputElement).checked).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByTestId('console');
    expect(screen.getByTestId('banner-user').textContent).toBe('Ada Admin');
    expect(screen.getByTestId('banner-account').textContent).toBe('Globex');
    expect(fake.calls.filter((c) => c.channel === 'session:restore')).toHaveLength(1);
  });

  it('follows session events from main (a 401 mid-work shows "sign in again")', async () => {
    const fake = renderApp(SIGNED_IN);
    await screen.findByTestId('console');
    fake.emit('session:state', { ...SIGNED_IN, status: 'signInRequired', message: 'Your session has ended.' });
    expect(await screen.findByRole('heading', { name: 'Sign in again' })).toBeTruthy();
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
