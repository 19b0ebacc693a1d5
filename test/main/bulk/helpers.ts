/* Bulk-staging test harness: a real sandbox over HTTP, a real EvoClient with a shared
 * limiter, a real journal file in a temp dir, and a small session stand-in that behaves
 * like SessionService for a run (state + onStateChange + onAuthRequired that waits for
 * a "user" to sign in again). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EvoClient } from '../../../src/main/api/evo-client';
import { RequestLimiter } from '../../../src/main/api/limiter';
import { BulkStagingService, type BulkStagingServiceDeps } from '../../../src/main/bulk/bulk-staging-service';
import type { RunHandle } from '../../../src/main/bulk/run-launcher';
import type { RunState } from '../../../src/shared/bulk/types';
import type { BulkClient, BulkSession } from '../../../src/main/bulk/ports';
import type { AppError } from '../../../src/shared/errors';
import type { SessionState } from '../../../src/shared/session';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startSandbox, type AnswerOverride, type Sandbox } from '../../../sandbox/server';

export const MANAGER = 'manager@sandbox.test';
export const PASSWORD = 'sandbox';

export function tempDir(prefix = 'bulk-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Resolves when `predicate` holds; checks on every call of the returned `check`, and at most every 10 ms. */
export async function until(predicate: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export class TestSession implements BulkSession {
  private state: SessionState;
  private readonly listeners = new Set<(s: SessionState) => void>();
  private waiting: { resolve: () => void; promise: Promise<void> } | undefined;
  signIns = 0;

  constructor(
    private readonly url: string,
    accountId: string,
    email: string,
  ) {
    this.state = {
      status: 'signedIn',
      profile: { id: 'sandbox', label: 'Sandbox', url, kind: 'sandbox' },
      email,
      user: { email, name: 'Manager', roles: ['Manager'] },
      accounts: [{ id: accountId, name: 'Manager account' }],
      activeAccountId: accountId,
      suggestedAccountId: accountId,
      rememberMe: true,
      keychain: { available: true },
      interruptedWork: false,
      verified: true,
    };
  }

  client!: EvoClient;

  getState(): SessionState {
    return structuredClone(this.state);
  }

  onStateChange(listener: (s: SessionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** EvoClient's onAuthRequired: announce, then wait for the user. */
  requireSignIn(_error: AppError): Promise<void> {
    if (!this.waiting) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.waiting = { resolve, promise };
      this.set({ status: 'signInRequired', interruptedWork: true });
    }
    return this.waiting.promise;
  }

  /** The "user" signs in again. */
  async signInAgain(): Promise<void> {
    await this.client.signIn(MANAGER, PASSWORD, true);
    this.signIns += 1;
    const waiting = this.waiting;
    this.waiting = undefined;
    this.set({ status: 'signedIn', interruptedWork: false });
    waiting?.resolve();
  }

  /** A user who signs in again whenever asked, and tries again when the sign-in itself fails
   * (under injected connection resets it sometimes does; sign-in is never retried by the client). */
  autoSignIn(): () => void {
    const persist = async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.signInAgain();
        } catch (error) {
          if (attempt >= 10) throw error;
        }
      }
    };
    return this.onStateChange((s) => {
      if (s.status === 'signInRequired') void persist();
    });
  }

  private set(patch: Partial<SessionState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.getState());
  }
}

export interface Harness {
  client: EvoClient;
  limiter: RequestLimiter;
  session: TestSession;
  dir: string;
  accountId: string;
  service: BulkStagingService;
  /** A second service on the same journal file (a "restart"), or on `overrides.journal`. */
  reopen(overrides?: Partial<BulkStagingServiceDeps>): BulkStagingService;
}

export async function harness(
  sandbox: Sandbox,
  options: { dir?: string; maxInFlight?: number; rps?: number; wrap?: (c: EvoClient) => BulkClient; service?: Partial<BulkStagingServiceDeps> } = {},
): Promise<Harness> {
  const accountId = sandbox.fixtures.managerAccountId;
  const session = new TestSession(sandbox.url, accountId, MANAGER);
  const limiter = new RequestLimiter({ maxInFlight: options.maxInFlight ?? 16, requestsPerSecond: options.rps ?? 2000 });
  const client = new EvoClient({ baseUrl: sandbox.url, limiter, timeoutMs: 5_000, onAuthRequired: (e) => session.requireSignIn(e), retry: { baseDelayMs: 20, maxDelayMs: 200 } });
  session.client = client;
  await client.signIn(MANAGER, PASSWORD, true);
  const dir = options.dir ?? tempDir();
  const make = (overrides: Partial<BulkStagingServiceDeps> = {}) => {
    const deps = {
      client: options.wrap ? options.wrap(client) : client,
      session,
      engine: { retryPolicy: { baseDelayMs: 20, maxDelayMs: 200 }, maxProbeDelayMs: 200 },
      ...options.service,
      ...overrides,
    };
    // A journal of the test's own (e.g. one that fails on purpose), or the one in `dir`.
    return deps.journal ? new BulkStagingService({ ...deps, journal: deps.journal }) : BulkStagingService.open({ appDataDir: dir, ...deps });
  };
  return { client, limiter, session, dir, accountId, service: make(), reopen: make };
}

/** Manager-account customers from the sandbox's own store. */
/** Ends every session on the server once `changed` items of the run have changed; returns the
 * run states seen (to assert the run waited for sign-in). */
export function expireSessionsAfter(sandbox: Sandbox, handle: Pick<RunHandle, 'onProgress'>, changed: number): RunState[] {
  const states: RunState[] = [];
  let expired = false;
  handle.onProgress((p) => {
    states.push(p.state);
    if (!expired && p.counts.changed >= changed) {
      expired = true;
      sandbox.admin.expireSessions();
    }
  });
  return states;
}

export function managerCustomers(sandbox: Sandbox) {
  return sandbox.admin.customers().filter((c) => c.accountId === sandbox.fixtures.managerAccountId);
}

/** Every descendant id of `rootId` from the sandbox's raw data. */
export function descendantsOf(sandbox: Sandbox, rootId: string): string[] {
  const byParent = new Map<string, string[]>();
  for (const c of sandbox.admin.customers()) {
    const p = c.parentCustomerId ?? '';
    byParent.set(p, [...(byParent.get(p) ?? []), c.id]);
  }
  const out: string[] = [];
  const walk = (id: string) => {
    for (const child of byParent.get(id) ?? []) {
      out.push(child);
      walk(child);
    }
  };
  walk(rootId);
  return out;
}

/** Writes per customer from the sandbox write log. */
export function writesByCustomer(sandbox: Sandbox): Map<string, { from: boolean; to: boolean; sessionNo: number }[]> {
  const map = new Map<string, { from: boolean; to: boolean; sessionNo: number }[]>();
  for (const w of sandbox.admin.writes()) map.set(w.customerId, [...(map.get(w.customerId) ?? []), w]);
  return map;
}

/** Answer overrides under which the sandbox does not show customer `id` (404), as if it were
 * out of reach: its own GET is a 404 and the lists that would name it come back empty (the
 * console then reads the others of that list one by one). */
export function hiddenCustomer(id: string): AnswerOverride[] {
  const json = { 'content-type': 'application/json; charset=utf-8' };
  return [
    { method: 'GET', path: `^/customers/${id}($|\\?)`, afterHandler: false, status: 404, headers: json, body: JSON.stringify({ responseStatus: { errorCode: 'NotFound', message: `Customer ${id} not found` } }) },
    { method: 'GET', path: `^/customers\\?.*${id}`, afterHandler: false, status: 200, headers: json, body: JSON.stringify({ items: [], totalCount: 0, totalPages: 0, hasMorePages: false }) },
  ];
}

/** One small sandbox for a test file (`use` receives it once it is up), back to the seeded
 * customers with no faults before each test. */
export function useSmallSandbox(use: (sandbox: Sandbox) => void): void {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({ size: 'small' });
    use(sandbox);
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  beforeEach(() => {
    sandbox?.admin.reset();
    sandbox?.admin.clearFaults();
  });
}

/** `n` manager-account customers on production (after skipping `skip` of them). */
export const productionIds = (sandbox: Sandbox, n: number, skip = 0): string[] =>
  managerCustomers(sandbox)
    .filter((c) => !c.isStaging)
    .slice(skip, skip + n)
    .map((c) => c.id);
