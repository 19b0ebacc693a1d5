import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AppProviders } from '../../../../src/renderer/app/providers';
import { SignInScreen, validateSignIn, NEW_SERVER } from '../../../../src/renderer/features/session/SignInScreen';
import { SignInRequestSchema } from '../../../../src/shared/ipc/contract';
import { INSECURE_URL_MESSAGE } from '../../../../src/shared/server-url';
import { AppError, createFakeBridge, type FakeHandlers } from '../../support/fake-bridge';
import { CUSTOM, PRODUCTION, SANDBOX, SIGNED_IN, sessionState } from '../../support/session-fixtures';
import type { SessionState } from '../../../../src/shared/session';

function renderSignIn(session: SessionState, handlers: FakeHandlers = {}) {
  const fake = createFakeBridge({ 'session:listProfiles': () => [PRODUCTION, SANDBOX, CUSTOM], ...handlers });
  render(
    <AppProviders bridge={fake.bridge}>
      <SignInScreen session={session} />
    </AppProviders>,
  );
  return fake;
}

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
  it("says exactly what main's check of the same request says", () => {
    const refused = SignInRequestSchema.safeParse({ email: ' nobody ', password: '', rememberMe: true });
    expect(refused.error?.issues.map((i) => i.message)).toEqual([validateSignIn({ ...base, email: ' nobody ', password: '' }).email, 'Enter your password.']);
    expect(refused.error?.issues[0]?.message).toBe('"nobody" is not an email address.');
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
    await screen.findByText('Enter your email address.');
    screen.getByText('Enter your password.');
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
    await screen.findByText(INSECURE_URL_MESSAGE);
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
    await screen.findByRole('heading', { name: 'Sign in again' });
    expect(screen.getByTestId('session-message').textContent).toContain('Your session has ended.');
    expect((screen.getByLabelText(/^Email/) as HTMLInputElement).disabled).toBe(true);
    screen.getByRole('button', { name: 'Cancel and sign out' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText(/^Password/)));
  });
});
