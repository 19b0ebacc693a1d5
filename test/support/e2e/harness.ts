/* The end-to-end harness: the built renderer in Debian Chromium, talking to the REAL
 * main-process services (src/main/app-services.ts: settings, OS keychain, SQLite, API
 * client) over a temp data folder, against a real sandbox server started in-process.
 * Only the Electron transport is replaced: `window.evo` is built in the page by the same
 * createBridge the preload uses, its calls go through a Playwright binding into the same
 * router (with the same sender and schema checks), and events are pushed into the page.
 *
 *   const h = await startHarness();
 *   const app = await h.openApp();          // a "launch": new services + new page
 *   await app.page.getByLabel('Email').fill(…);
 *   await app.screenshot('sign-in');        // → test-results/screens/sign-in.png
 *   await app.close();                      // a "quit"; openApp() again = restart (localStorage kept)
 *   await h.close();
 *
 * Also: h.sandbox (url, fixtures, admin: expireSessions, setFaults, down/up, writes…),
 * h.stopSandbox() (server gone → offline), app.services (the real services, e.g. to read
 * settings), app.errors (console errors incl. CSP violations — assert it stays []),
 * app.refusals (calls the router refused), openApp({ services: { keytar } }) to simulate a
 * missing keychain. The renderer is built once per run by ./global-setup.ts into
 * test-results/e2e-build (not out/, so it never races `npm run build`).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createAppServices, type AppServices, type AppServicesOptions } from '../../../src/main/app-services';
import { createSenderCheck } from '../../../src/main/ipc/sender';
import { startSandbox, type Sandbox, type StartSandboxOptions } from '../../../sandbox/server';
import { pageBridgeScript } from './bridge-script';
import { captureScreens } from './screens';
import { CHROMIUM_PATH, E2E_RENDERER_DIR, SCREENS_DIR } from './paths';
import { startStaticServer, type StaticServer } from './static-server';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface HarnessOptions {
  sandbox?: StartSandboxOptions;
  /** Reuse a data folder (default: a fresh temp folder, removed by close()). */
  dataDir?: string;
}

export interface OpenAppOptions {
  /** Extra service options (e.g. a broken keytar to show "no keychain"). */
  services?: Partial<Pick<AppServicesOptions, 'keytar' | 'sandboxUrl'>>;
  viewport?: { width: number; height: number };
}

export interface AppWindow {
  page: Page;
  context: BrowserContext;
  services: AppServices;
  /** Console errors and page errors seen so far (CSP violations show up here). */
  errors: string[];
  /** Refused IPC calls the router logged. */
  refusals: Record<string, unknown>[];
  /** Full-page PNGs at test-results/screens/<name>[.1920][.dark].png once animations have
   * settled, at 1280×800 and 1920×1080, light and dark; each screen is checked with axe-core
   * (serious or critical violations fail). Returns the 1280×800 light file. */
  screenshot(name: string): Promise<string>;
  /** Like quitting the app: page closed, services closed (data folder and keychain stay). */
  close(): Promise<void>;
}

export interface Harness {
  sandbox: Sandbox;
  dataDir: string;
  browser: Browser;
  web: StaticServer;
  openApp(options?: OpenAppOptions): Promise<AppWindow>;
  /** Stop the sandbox (server unreachable from now on: offline scenarios). Idempotent. */
  stopSandbox(): Promise<void>;
  close(): Promise<void>;
}

let nextContentsId = 1;

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'evo-e2e-data-'));
  mkdirSync(SCREENS_DIR, { recursive: true });
  const [sandbox, web, script] = await Promise.all([startSandbox({ port: 0, quiet: true, ...options.sandbox }), startStaticServer(E2E_RENDERER_DIR), pageBridgeScript()]);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const windows = new Set<AppWindow>();
  // The renderer's own storage (preferences in localStorage) survives a restart, as it does in
  // Electron, where it lives in the app-data folder: a "quit" saves it, the next launch gets it.
  let rendererStorage: Awaited<ReturnType<BrowserContext['storageState']>> | undefined;
  let sandboxStopped: Promise<void> | undefined;
  const stopSandbox = () => (sandboxStopped ??= sandbox.close());

  async function openApp(open: OpenAppOptions = {}): Promise<AppWindow> {
    const contentsId = nextContentsId++;
    const refusals: Record<string, unknown>[] = [];
    const services = createAppServices({
      dataDir,
      host: 'harness',
      appVersion: '0.0.0-e2e',
      sandboxUrl: sandbox.url,
      ...open.services,
      checkSender: createSenderCheck({ allowedOrigins: [web.origin], isOurContents: (id) => id === contentsId }),
      log: {
        warn: (message, fields) => refusals.push({ message, ...fields }),
        error: (message, fields) => refusals.push({ message, ...fields }),
      },
    });
    // Like the Electron shell: the saved session is restored while the page loads.
    void services.restoreSession();
    const context = await browser.newContext({ viewport: open.viewport ?? { width: 1280, height: 800 }, ...(rendererStorage ? { storageState: rendererStorage } : {}) });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));

    // Answers and events cross as JSON text: a Playwright binding's value travels as nested
    // DevTools-protocol JSON, which does not arrive past ~100 levels, and the router's answers may
    // nest 100 (IPC_MAX_NESTING) plus their { ok, value } envelope. Electron's IPC (structured
    // clone) has no such limit. One difference: JSON drops `undefined` members, structured clone keeps them.
    await page.exposeBinding('__evoInvoke', async (source, channel: unknown, request: unknown) =>
      JSON.stringify(
        await services.router.invoke(String(channel), request, {
          contentsId,
          frameUrl: source.frame.url(),
          isMainFrame: source.frame === source.page.mainFrame(),
        }),
      ),
    );
    await page.addInitScript({ content: script });
    const removeSink = services.router.addSink((event, payload) => {
      if (page.isClosed()) return;
      page.evaluate(([e, p]) => (globalThis as unknown as { __evoEmit(e: string, p: string): void }).__evoEmit(e, p), [event, JSON.stringify(payload)] as const).catch(() => {
        // The page is closing: the event has nobody to go to.
      });
    });

    const win: AppWindow = {
      page,
      context,
      services,
      errors,
      refusals,
      async screenshot(name) {
        const [file] = await captureScreens(page, SCREENS_DIR, name);
        return file as string;
      },
      async close() {
        if (!windows.delete(win)) return;
        removeSink();
        rendererStorage = await context.storageState().catch(() => rendererStorage);
        await context.close();
        services.close();
      },
    };
    windows.add(win);
    await page.goto(`${web.origin}/index.html`);
    return win;
  }

  return {
    sandbox,
    dataDir,
    browser,
    web,
    openApp,
    stopSandbox,
    async close() {
      for (const win of [...windows]) await win.close();
      await browser.close();
      await Promise.all([stopSandbox(), web.close()]);
      if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
