/* Starting while the server is down: the saved session is resumed unverified, the banner
 * says OFFLINE (pushed by main's connectivity events), and the console explains it. */
import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/e2e/use-harness';
import { expect as pw } from './page-expect';

const h = useHarness();

describe('offline start', () => {
  it('resumes the saved session without the server and shows OFFLINE in the banner', async () => {
    let app = await h.openApp();
    await pw(app.page.locator('[data-screen="sign-in"]'));
    await app.page.getByLabel('Email').fill('manager@sandbox.test');
    await app.page.getByLabel('Password').fill('sandbox');
    await app.page.getByRole('button', { name: 'Sign in' }).click();
    await pw(app.page.locator('[data-screen="console"]'));
    await app.close();

    await h.stopSandbox();
    app = await h.openApp();
    await pw(app.page.locator('[data-screen="console"]'));
    await pw(app.page.locator('[data-testid="connectivity"][data-state="offline"]'));
    expect(await app.page.getByTestId('connectivity').textContent()).toContain('OFFLINE');
    expect(await app.page.locator('[data-screen="console"]').textContent()).toMatch(/did not answer/);
    await app.screenshot('banner-offline');
  });
});
