/* Sign-in path end to end: Chromium ↔ contract bridge ↔ real router/services ↔ sandbox,
 * with the real OS keychain (test keyring) and a real data folder. */
import { describe, expect, it } from 'vitest';
import { expect as pw } from './page-expect';
import { useHarness } from '../support/e2e/use-harness';

const h = useHarness();

describe('session', () => {
  it('refuses a wrong password with a clear message, then signs in, restores after a restart, and signs out', async () => {
    // --- first launch: sign-in screen, sandbox preselected
    let app = await h.openApp();
    const { page } = app;
    await pw(page.locator('[data-screen="sign-in"]'));
    await pw(page.getByTestId('banner').and(page.locator('[data-server-kind="sandbox"]')));
    await app.screenshot('sign-in');

    await page.getByLabel('Email').fill('manager@sandbox.test');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const error = page.getByTestId('sign-in-error');
    await pw(error);
    expect(await error.getAttribute('data-kind')).toBe('AuthRequired');
    await app.screenshot('sign-in-wrong-password');

    // --- good password, remember me (default on): straight in (one account)
    await page.getByLabel('Password').fill('sandbox');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await pw(page.locator('[data-screen="console"], [data-screen="choose-account"]'));
    if (await page.locator('[data-screen="choose-account"]').count()) {
      await app.screenshot('choose-account');
      await page.getByRole('button', { name: 'Continue' }).click();
      await pw(page.locator('[data-screen="console"]'));
    }
    // The banner names the user; the email is in its title (one line, never wrapping).
    expect(await page.getByTestId('banner-user').getAttribute('title')).toBe('manager@sandbox.test');
    expect(await page.getByTestId('banner-account').textContent()).not.toBe('—');
    await app.screenshot('console-signed-in');
    expect(app.errors).toEqual([]);
    expect(app.refusals).toEqual([]);
    await app.close();

    // --- "restart": new services over the same data folder and keychain, new page
    app = await h.openApp();
    await pw(app.page.locator('[data-screen="console"]'));
    expect(await app.page.getByTestId('banner-user').getAttribute('title')).toBe('manager@sandbox.test');
    await app.screenshot('session-restored');

    // --- sign out: back to sign-in, and a further restart does not restore
    await app.page.getByRole('button', { name: 'Sign out' }).click();
    await app.page.getByRole('menuitem', { name: 'Sign out (keep the offline copy)' }).click();
    await pw(app.page.locator('[data-screen="sign-in"]'));
    expect(await app.page.getByTestId('banner-user').textContent()).toBe('not signed in');
    await app.screenshot('signed-out');
    await app.close();

    app = await h.openApp();
    await pw(app.page.locator('[data-screen="sign-in"]'));
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('main refuses arguments outside the schema, and page code cannot replace the bridge', async () => {
    const app = await h.openApp();
    await pw(app.page.locator('[data-screen="sign-in"], [data-screen="console"]'));
    const answer = await app.page.evaluate(() =>
      (globalThis as unknown as { evo: { session: { signIn(r: unknown): Promise<unknown> } } }).evo.session.signIn({ email: 'a@b.c', password: 'x', rememberMe: true, isAdmin: true }),
    );
    expect(answer).toMatchObject({ ok: false, error: { kind: 'InvalidInput' } });
    // The bridge is read-only for page code.
    const replaced = await app.page.evaluate(() => {
      try {
        (globalThis as unknown as Record<string, unknown>).evo = {};
      } catch {
        // strict-mode assignment to a read-only property throws; either way it must not change
      }
      return typeof (globalThis as unknown as { evo: { session?: unknown } }).evo.session;
    });
    expect(replaced).toBe('object');
    expect(app.refusals.some((r) => r.channel === 'session:signIn')).toBe(true);
    await app.close();
  });
});
