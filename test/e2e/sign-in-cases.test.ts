/* The sign-in screen's other paths, end to end: several accounts, no role, http address,
 * unreachable server, no OS keychain, production marked in the banner. One harness (own
 * sandbox, data folder and browser) per case so no case inherits another's session. */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useHarness } from '../support/e2e/use-harness';
import { expect as pw } from './page-expect';

const h = useHarness({}, 'test');

async function fillAndSubmit(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('sign-in cases', () => {
  it('several accounts: the account picker, then the console on the chosen account', async () => {
    const app = await h.openApp();
    const { page } = app;
    await pw(page.locator('[data-screen="sign-in"]'));
    await fillAndSubmit(page, 'admin@sandbox.test', 'sandbox');
    await pw(page.locator('[data-screen="choose-account"]'));
    const radios = page.getByRole('radio');
    expect(await radios.count()).toBeGreaterThan(1);
    await app.screenshot('choose-account');
    const second = radios.nth(1);
    const name = (await page.locator('[data-scope="radio-group"][data-part="item-text"]').nth(1).textContent())?.trim();
    await second.check({ force: true });
    await page.getByRole('button', { name: 'Continue' }).click();
    await pw(page.locator('[data-screen="console"]'));
    expect((await page.getByTestId('banner-account').textContent())?.trim()).toBe(name);
    expect(app.errors).toEqual([]);
  });

  it('no role: says which roles are needed', async () => {
    const app = await h.openApp();
    await pw(app.page.locator('[data-screen="sign-in"]'));
    // Keyboard only: type, Tab to the password, Enter submits.
    await app.page.getByLabel('Email').focus();
    await app.page.keyboard.type('norole@sandbox.test');
    await app.page.keyboard.press('Tab');
    await app.page.keyboard.type('sandbox');
    await app.page.keyboard.press('Enter');
    const error = app.page.getByTestId('sign-in-error');
    await pw(error);
    expect(await error.getAttribute('data-kind')).toBe('Forbidden');
    expect(await error.textContent()).toMatch(/none of the roles/);
    await app.screenshot('sign-in-no-role');
  });

  it('an http address for another server is refused before anything is sent', async () => {
    const app = await h.openApp();
    const { page } = app;
    await pw(page.locator('[data-screen="sign-in"]'));
    await page.getByTestId('profile-select').selectOption({ label: 'Another server…' });
    await page.getByLabel('Server address').fill('http://evovoice.example');
    await fillAndSubmit(page, 'max@evo.test', 'x');
    await pw(page.getByText('Evo Voice must be reached over https'));
    await app.screenshot('sign-in-http-url');
    expect(app.services.settings.profiles().some((p) => p.url.startsWith('http://evovoice'))).toBe(false);
  });

  it('an unreachable server is named as such', async () => {
    const app = await h.openApp();
    const { page } = app;
    await pw(page.locator('[data-screen="sign-in"]'));
    await page.getByTestId('profile-select').selectOption({ label: 'Another server…' });
    await page.getByLabel('Server address').fill(`http://127.0.0.1:${await closedPort()}`);
    await fillAndSubmit(page, 'manager@sandbox.test', 'sandbox');
    const error = page.getByTestId('sign-in-error');
    await pw(error, 60_000);
    expect(['Network', 'Timeout']).toContain(await error.getAttribute('data-kind'));
    expect(await error.textContent()).toContain('Server unreachable');
    await app.screenshot('sign-in-unreachable');
  });

  it('no OS keychain: remember me is unavailable with the reason, and sign-in still works for this run', async () => {
    const fail = async () => {
      throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
    };
    const app = await h.openApp({ services: { keytar: { getPassword: fail, setPassword: fail, deletePassword: fail } } });
    const { page } = app;
    await pw(page.locator('[data-screen="sign-in"]'));
    await pw(page.getByTestId('no-keychain'));
    expect(await page.getByTestId('no-keychain').textContent()).toMatch(/No OS keychain/);
    expect(await page.getByLabel(/Remember me/).isDisabled()).toBe(true);
    await app.screenshot('sign-in-no-keychain');
    await fillAndSubmit(page, 'manager@sandbox.test', 'sandbox');
    await pw(page.locator('[data-screen="console"]'));
  });

  it('choosing Production marks the banner PRODUCTION before any credentials are typed', async () => {
    const app = await h.openApp();
    const { page } = app;
    await pw(page.locator('[data-screen="sign-in"]'));
    await page.getByTestId('profile-select').selectOption({ label: 'Evo Voice production — https://evovoice.io' });
    await pw(page.locator('[data-testid="banner"][data-server-kind="production"]'));
    expect(await page.getByTestId('server-kind').textContent()).toBe('PRODUCTION');
    await app.screenshot('sign-in-production');
  });

  it('a saved session that expired on the server: "sign in again" with the email kept, then back to work', async () => {
    let app = await h.openApp();
    await pw(app.page.locator('[data-screen="sign-in"]'));
    await fillAndSubmit(app.page, 'manager@sandbox.test', 'sandbox');
    await pw(app.page.locator('[data-screen="console"]'));
    await app.close();

    expect(h.sandbox.admin.expireSessions('manager@sandbox.test')).toBeGreaterThan(0);
    app = await h.openApp();
    const { page } = app;
    await pw(page.locator('[data-screen="sign-in"]'));
    await pw(page.getByRole('heading', { name: 'Sign in again' }));
    expect(await page.getByLabel('Email').inputValue()).toBe('manager@sandbox.test');
    expect(await page.getByTestId('session-message').textContent()).toBeTruthy();
    await app.screenshot('sign-in-again');
    await page.getByLabel('Password').fill('sandbox');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await pw(page.locator('[data-testid="console-frame"]:not([inert])'));
    expect(app.errors).toEqual([]);
  });
});
