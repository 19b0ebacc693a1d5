/* Screenshots of the e2e scenarios, the way a reviewer needs them: after animations and
 * transitions have finished, at 1280×800 and 1920×1080, in light and dark mode (the app
 * follows the OS, emulated here) — and every one of those screens is checked with axe-core:
 * any serious or critical accessibility violation fails the test that took it.
 *
 * Files: <name>.png (1280×800 light), <name>.dark.png, <name>.1920.png, <name>.1920.dark.png. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './paths';

export const SCREEN_SIZES = [
  { width: 1280, height: 800, suffix: '' },
  { width: 1920, height: 1080, suffix: '.1920' },
] as const;
export const COLOR_SCHEMES = ['light', 'dark'] as const;

const require = createRequire(path.join(REPO_ROOT, 'package.json'));
let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
}

/** Waits until nothing animates (Chakra's dialogs, menus, spinners excepted: infinite ones) and
 * two frames have been painted. */
async function until(page: Page, condition: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await page.evaluate(condition))) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${condition}`);
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(resolve))');
  }
}

export async function settle(page: Page): Promise<void> {
  await page.evaluate(SETTLE);
}

/* Code run in the page is plain JavaScript source: this file is type-checked as Node code. */
const SETTLE = `(async () => {
  await document.fonts.ready;
  const running = () => document.getAnimations().filter((a) => a.playState === 'running' && a.effect && a.effect.getComputedTiming().iterations !== Infinity);
  const end = performance.now() + 5000;
  while (running().length > 0 && performance.now() < end) await Promise.all(running().map((a) => a.finished.catch(() => undefined)));
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
})()`;

/** axe-core run in the page (evaluated over the DevTools protocol, so the page's strict CSP
 * does not apply to it and is not weakened for the test). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (!loaded) await page.evaluate(axeSource);
  const result = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, html: n.html.slice(0, 200), failureSummary: n.failureSummary })) })))`)) as AxeViolation[];
  return result;
}

const SERIOUS = new Set(['serious', 'critical']);

export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `   ${n.target.join(' ')} ${n.html.slice(0, 160)}\n      ${n.failureSummary?.split('\n').slice(0, 2).join(' ') ?? ''}`).join('\n')}`).join('\n');
}

/** Takes the four screenshots of `name` and checks each screen with axe; throws (after taking
 * them all) when any has a serious or critical violation. Restores the viewport and scheme. */
export async function captureScreens(page: Page, dir: string, name: string): Promise<string[]> {
  const original = page.viewportSize() ?? { width: 1280, height: 800 };
  const files: string[] = [];
  const failures: string[] = [];
  try {
    for (const size of SCREEN_SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      for (const scheme of COLOR_SCHEMES) {
        await page.emulateMedia({ colorScheme: scheme });
        // The app follows the OS: wait until it has switched (polled with evaluate: the page's
        // CSP forbids the eval that waitForFunction would need).
        await until(page, `!document.documentElement.classList.contains('${scheme === 'dark' ? 'light' : 'dark'}')`);
        await settle(page);
        const file = path.join(dir, `${name}${size.suffix}${scheme === 'dark' ? '.dark' : ''}.png`);
        await page.screenshot({ path: file, fullPage: true });
        files.push(file);
        const serious = (await axeViolations(page)).filter((v) => SERIOUS.has(v.impact ?? ''));
        if (serious.length) failures.push(`${path.basename(file)}:\n${describeViolations(serious)}`);
      }
    }
  } finally {
    await page.setViewportSize(original);
    await page.emulateMedia({ colorScheme: 'light' });
  }
  if (failures.length) throw new Error(`Accessibility (axe-core), serious or critical:\n${failures.join('\n')}`);
  return files;
}
