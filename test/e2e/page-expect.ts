/* Waiting for a condition in the page (never for a time): resolves when the locator is
 * visible, with a clear error naming what was awaited. */
import type { Locator } from 'playwright-core';

export async function expect(locator: Locator, timeout = 20_000): Promise<void> {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch (e) {
    throw new Error(`Never became visible: ${locator.toString()}\n${(e as Error).message.split('\n')[0]}`);
  }
}
