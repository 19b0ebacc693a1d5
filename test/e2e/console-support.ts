/* Shared steps of the console end-to-end scenarios (test/e2e/console-*.test.ts). */
import type { Page } from 'playwright-core';
import type { AppWindow, Harness } from '../support/e2e/harness';
import { expect as pw } from './page-expect';

export const MANAGER = { email: 'manager@sandbox.test', password: 'sandbox' };

/** Opens the app and signs in as the sandbox manager (or finds the session restored). */
export async function openSignedIn(h: Harness, options: Parameters<Harness['openApp']>[0] = {}): Promise<AppWindow> {
  const app = await h.openApp(options);
  await signIn(app.page);
  return app;
}

export async function signIn(page: Page): Promise<void> {
  await pw(page.locator('[data-screen="sign-in"], [data-screen="console"]'));
  if (await page.locator('[data-screen="sign-in"]').count()) {
    // "Sign in again" keeps the email fixed (the session's user).
    const email = page.getByLabel('Email');
    if (await email.isEnabled()) await email.fill(MANAGER.email);
    await page.getByLabel('Password').fill(MANAGER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await pw(page.locator('[data-screen="console"], [data-screen="choose-account"]'));
    if (await page.locator('[data-screen="choose-account"]').count()) {
      await page.getByRole('button', { name: 'Continue' }).click();
    }
  }
  await pw(page.getByTestId('customer-list'));
}

/** The customer's name as the sandbox holds it. */
export function nameOf(h: Harness, id: string): string {
  const c = h.sandbox.admin.customer(id);
  if (!c?.name) throw new Error(`sandbox has no customer ${id}`);
  return c.name;
}

export const list = (page: Page) => page.getByTestId('customer-list');
export const row = (page: Page, id: string) => page.locator(`[role="row"][data-customer-id="${id}"]`);
export const crumbs = (page: Page) => page.getByTestId('breadcrumb-bar');

/** The crumb marked as the current page (the customer whose children are listed). */
export async function currentCrumb(page: Page): Promise<string | null> {
  return crumbs(page).locator('[aria-current="page"]').textContent();
}

/** Waits until the breadcrumb's current crumb is `name`. */
export async function waitForCurrent(page: Page, name: string): Promise<void> {
  await pw(crumbs(page).locator('[aria-current="page"]', { hasText: name }));
}

/** Waits until fn() is true (polling the page state, never a fixed sleep). */
export async function until(fn: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > end) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Goes to a customer with the quick jump (Ctrl+K, name, Enter). */
export async function goTo(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+k');
  const combo = page.getByRole('combobox', { name: 'Customer name' });
  await pw(combo);
  await combo.fill(name);
  await pw(page.getByTestId('quick-jump').getByRole('option').first());
  await page.keyboard.press('Enter');
  await waitForCurrent(page, name);
}

/** Ids of a customer and all its descendants, from the sandbox's own data. */
export function subtreeIds(h: Harness, rootId: string): string[] {
  const all = h.sandbox.admin.customers();
  const children = new Map<string, string[]>();
  for (const c of all) {
    const parent = c.parentCustomerId;
    if (!parent) continue;
    const list = children.get(parent) ?? [];
    list.push(c.id);
    children.set(parent, list);
  }
  const ids: string[] = [];
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop() as string;
    ids.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return ids;
}

/** isStaging of each id on the sandbox right now. */
export function stagingOnServer(h: Harness, ids: string[]): Map<string, boolean> {
  return new Map(ids.map((id) => [id, h.sandbox.admin.customer(id)?.isStaging === true]));
}
