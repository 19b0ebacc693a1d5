/* The one setup of every end-to-end file: `const h = useHarness();` starts a harness (sandbox,
 * browser, built renderer; see ./harness.ts) before the file's tests and closes it after them
 * ('test': a fresh one around each test). `h` reads through to the running harness, so tests
 * use it as the harness itself. */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startHarness, type Harness, type HarnessOptions } from './harness';

export function useHarness(options: HarnessOptions = {}, per: 'file' | 'test' = 'file'): Harness {
  let current: Harness | undefined;
  const running = (): Harness => {
    if (!current) throw new Error('The e2e harness runs only while the tests do (use h inside a test or a hook).');
    return current;
  };
  const start = async () => {
    current = await startHarness(options);
  };
  const stop = async () => {
    // A test may have taken the server down (offline scenarios): bring it back so it closes cleanly.
    if (current?.sandbox.admin.isDown()) await current.sandbox.admin.up();
    await current?.close();
    current = undefined;
  };
  if (per === 'file') {
    beforeAll(start);
    afterAll(stop);
  } else {
    beforeEach(start);
    afterEach(stop);
  }
  return {
    get sandbox() {
      return running().sandbox;
    },
    get dataDir() {
      return running().dataDir;
    },
    get browser() {
      return running().browser;
    },
    get web() {
      return running().web;
    },
    openApp: (open) => running().openApp(open),
    stopSandbox: () => running().stopSandbox(),
    close: () => running().close(),
  };
}
