/* A damaged offline copy: the app sets it aside, rebuilds it, keeps working and tells the user
 * under the banner; the notice can be dismissed. */
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/e2e/use-harness';
import { expect as pw } from './page-expect';
import { list, openSignedIn } from './console-support';

const h = useHarness();

const cacheFiles = () => {
  const dir = path.join(h.dataDir, 'cache');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.sqlite')).map((f) => path.join(dir, f)) : [];
};

describe('damaged offline copy', () => {
  it('is rebuilt at the next start, the console still browses, and the user is told once', async () => {
    const first = await openSignedIn(h);
    await pw(list(first.page).locator('[role="row"][data-customer-id]').first());
    await first.close();
    const [file] = cacheFiles();
    expect(file, 'the offline copy written while browsing').toBeDefined();
    writeFileSync(file as string, 'this is not a SQLite database '.repeat(100));
    for (const extra of ['-wal', '-shm']) rmSync(`${file}${extra}`, { force: true });

    const app = await openSignedIn(h);
    const notice = app.page.getByTestId('notice');
    await pw(notice.filter({ hasText: 'was unreadable and has been rebuilt' }));
    await pw(list(app.page).locator('[role="row"][data-customer-id]').first());
    expect(readdirSync(path.dirname(file as string)).some((f) => f.includes('.corrupt-'))).toBe(true);
    await app.screenshot('notice-cache-rebuilt');

    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await app.page.getByTestId('notices').waitFor({ state: 'detached' });
    expect(app.errors).toEqual([]);
  });
});
