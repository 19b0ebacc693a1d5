/* Offline cache benchmark (issue 3, "Benchmarks"), against the sandbox `large` preset (50,000
 * customers in three accounts). Prints figures and their ratio to the goals; asserts nothing.
 *
 * The sandbox runs in a child process (this same file, BENCH_CACHE_ROLE=sandbox) so the RSS
 * figure is the console side's alone, and it pages through its data once before we start so
 * neither measured run gets a cold server.
 *
 * The customer stack is the app's own: createAppServices (the one composition root), signed in
 * as the administrator, one account after the other (one cache file per account, as in the app).
 *
 * Figures:
 *  - paging time: every page (EVO_ASSUMPTIONS.pageSize per page) of every account through a
 *    bare API client (HTTP + JSON + reading), summed;
 *  - full sync: "Make available offline" of each whole account through the app's services
 *    (client write-through into the cache); ratio to the paging time (goal ≤ 1.2);
 *  - cache open: reopen of the largest account's file incl. quick_check and the first query;
 *  - children of the 10,000-child parent (pages of 100 at random offsets);
 *  - name search in the largest account (contains, case/accent-insensitive, limit 50) p50/p95;
 *  - process RSS right after the sync. */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { EVO_ASSUMPTIONS } from '../src/shared/evo/assumptions';
import { EvoClient, type ListCustomersQuery } from '../src/main/api/evo-client';
import { createAppServices } from '../src/main/app-services';
import { CustomerCache } from '../src/main/cache/customer-cache';
import { foldName } from '../src/main/cache/fold';
import type { KeytarLike } from '../src/main/session/keychain';
import type { SandboxFixtures } from '../sandbox/server';

const USER = 'admin@sandbox.test';
const PASSWORD = 'sandbox';
const PAGE_SIZE = EVO_ASSUMPTIONS.pageSize;

/** The bench never touches the real OS keychain. */
function memoryKeytar(): KeytarLike {
  const store = new Map<string, string>();
  return {
    getPassword: async (service, account) => store.get(`${service}\u0000${account}`) ?? null,
    setPassword: async (service, account, password) => void store.set(`${service}\u0000${account}`, password),
    deletePassword: async (service, account) => store.delete(`${service}\u0000${account}`),
  };
}

interface Ready {
  url: string;
  fixtures: SandboxFixtures;
}

// ---- sandbox role -------------------------------------------------------------

async function sandboxRole(): Promise<void> {
  const { startSandbox } = await import('../sandbox/server');
  const sandbox = await startSandbox({ port: 0, size: 'large' });
  const client = new EvoClient({ baseUrl: sandbox.url });
  await client.signIn(USER, PASSWORD, true);
  for (const account of sandbox.fixtures.accounts) {
    for await (const _page of client.customerPages({ accountIds: [account.id], countPerPage: PAGE_SIZE, page: 0 })) {
      // warm-up only
    }
  }
  process.send?.({ url: sandbox.url, fixtures: sandbox.fixtures } satisfies Ready);
  process.on('message', () => void sandbox.close().then(() => process.exit(0)));
  process.on('disconnect', () => void sandbox.close().then(() => process.exit(0)));
}

// ---- helpers --------------------------------------------------------------------

const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rows: [string, string, string, string][] = [];
function report(name: string, value: string, goal = '', ratio = '') {
  rows.push([name, value, goal, ratio]);
  console.log(`  ${name}: ${value}${goal ? `   (goal ${goal}${ratio ? `, ratio ${ratio}` : ''})` : ''}`);
}
const ratio = (value: number, goal: number) => `${(value / goal).toFixed(2)}${value <= goal ? ' ✓' : ' ✗'}`;

// ---- benchmark ---------------------------------------------------------------------

async function main(): Promise<void> {
  console.log('Starting the sandbox (large preset, 50,000 customers) in a child process and warming it up...');
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_CACHE_ROLE: 'sandbox' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Ready));
    child.once('exit', (code) => reject(new Error(`sandbox exited (${code})`)));
  });
  const { url, fixtures } = ready;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'evo-bench-cache-'));
  const accounts = fixtures.accounts.map((a) => a.id);
  console.log(`Sandbox ${url}: ${fixtures.customerCount} customers in ${accounts.length} accounts.`);

  try {
    // 0. Warm this process up (JIT for JSON parsing and validation) so the first measured run
    //    is not penalised against the second: ten pages of the first account, discarded.
    {
      const warm = new EvoClient({ baseUrl: url });
      await warm.signIn(USER, PASSWORD, true);
      for (let page = 0; page < 10; page++) await warm.listCustomers({ accountIds: [accounts[0]!], countPerPage: PAGE_SIZE, page });
    }

    // 1. Full sync with the app's wiring: createAppServices, "Make available offline" of each account.
    const app = createAppServices({ dataDir, host: 'harness', appVersion: 'bench', checkSender: () => 'bench', sandboxUrl: url, keytar: memoryKeytar() });
    await app.session.signIn({ profileId: 'sandbox', email: USER, password: PASSWORD, rememberMe: false });
    // Time spent writing into SQLite (write-through batches are written by flushPending).
    let writeMs = 0;
    const timeWrites = (cache: CustomerCache) => {
      const flush = cache.flushPending.bind(cache);
      cache.flushPending = () => {
        const t0 = performance.now();
        flush();
        writeMs += performance.now() - t0;
      };
    };
    (globalThis as { gc?: () => void }).gc?.();
    const rssBefore = process.memoryUsage().rss;
    const syncStart = performance.now();
    let synced = 0;
    for (const accountId of accounts) {
      app.session.selectAccount(accountId);
      const workspace = app.workspaces.current();
      timeWrites(workspace.cache);
      const result = await workspace.customers.syncSubtree(null);
      synced += result.count;
      workspace.cache.flushPending();
    }
    const syncMs = performance.now() - syncStart;
    const rssAfterSync = process.memoryUsage().rss;
    const heapAfterSync = process.memoryUsage().heapUsed;
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const rssAfterSyncGc = gc ? process.memoryUsage().rss : undefined;
    app.close();

    // 2. Paging alone: same pages through a bare client with no cache attached.
    const plain = new EvoClient({ baseUrl: url });
    await plain.signIn(USER, PASSWORD, true);
    const paging = { pageMs: 0, pages: 0 };
    let paged = 0;
    for (const accountId of accounts) {
      const query: ListCustomersQuery = { accountIds: [accountId], countPerPage: PAGE_SIZE, page: 0 };
      for (let page = 0; ; page++) {
        const t0 = performance.now();
        const result = await plain.listCustomers({ ...query, page });
        paging.pageMs += performance.now() - t0;
        paging.pages++;
        paged += result.items.length;
        if (!result.hasMorePages) break;
      }
    }
    // The manager's account is the largest (20,000 customers, the 10,000-child parent).
    const largest = accounts[0]!;

    // 3. Cache open (reopen of the full file: integrity check, WAL, migrations check, first query).
    const openTimes: number[] = [];
    let checkMs = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const { cache } = CustomerCache.open({ appDataDir: dataDir, profile: { server: url, user: USER, accountId: largest } });
      cache.children(null, { limit: 1 });
      openTimes.push(performance.now() - t0);
      cache.close();
    }
    const { cache, file } = CustomerCache.open({ appDataDir: dataDir, profile: { server: url, user: USER, accountId: largest } });
    {
      // How much of the open is PRAGMA quick_check.
      const Database = (await import('better-sqlite3')).default;
      const db = new Database(file, { readonly: true });
      const t0 = performance.now();
      db.pragma('quick_check');
      checkMs = performance.now() - t0;
      db.close();
    }
    const fileBytes = fs.statSync(file).size;

    // 4. Children of the 10,000-child parent, pages of 100 at random offsets.
    const rng = mulberry32(42);
    const childTimes: number[] = [];
    let childTotal = 0;
    for (let i = 0; i < 200; i++) {
      const offset = i === 0 ? 0 : Math.floor(rng() * (fixtures.bigParentChildCount / 100)) * 100;
      const t0 = performance.now();
      const page = cache.children(fixtures.bigParentId, { offset, limit: 100 });
      childTimes.push(performance.now() - t0);
      childTotal = page.total;
    }

    // 5. Name search over every customer: fragments of real names, plus misses.
    const names = (cache.search('', { limit: 100_000 }).items as { customer: { name?: string } }[]).map((i) => foldName(i.customer.name ?? ''));
    const queries: string[] = [];
    for (let i = 0; i < 300; i++) {
      const name = names[Math.floor(rng() * names.length)] ?? '';
      const len = 3 + Math.floor(rng() * 4);
      const start = Math.floor(rng() * Math.max(1, name.length - len));
      queries.push(name.slice(start, start + len) || 'abc');
    }
    for (let i = 0; i < 30; i++) queries.push(`zq${i}xj`);
    for (const q of queries.slice(0, 20)) cache.search(q, { limit: 50 }); // warm the page cache
    const searchTimes: number[] = [];
    let hits = 0;
    for (const q of queries) {
      const t0 = performance.now();
      const found = cache.search(q, { limit: 50 });
      searchTimes.push(performance.now() - t0);
      hits += found.items.length > 0 ? 1 : 0;
    }
    cache.close();

    console.log(`\nOffline cache benchmark (sandbox large preset; ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`);
    report('customers synced', `${synced} (paging-only run saw ${paged})`);
    report('paging time (sum of page fetches, no cache)', `${ms(paging.pageMs)} over ${paging.pages} pages of ${PAGE_SIZE}`);
    report('full sync time (with write-through)', ms(syncMs), '≤ 1.2 × paging', ratio(syncMs / paging.pageMs, 1.2));
    report('  sync / paging time', (syncMs / paging.pageMs).toFixed(2));
    report('  SQLite writes during the sync', `${ms(writeMs)} (${((writeMs / synced) * 1000).toFixed(0)} µs per customer)`);
    report('cache open (median of 5, incl. quick_check + first query)', ms(percentile(openTimes, 50)), '≤ 100 ms', ratio(percentile(openTimes, 50), 100));
    report('  cache open max', ms(Math.max(...openTimes)));
    report('  quick_check alone', ms(checkMs));
    report('  cache file size', mb(fileBytes));
    report(`children of the ${childTotal}-child parent, page of 100, p50`, ms(percentile(childTimes, 50)));
    report('  children p95', ms(percentile(childTimes, 95)));
    report(`name search over ${names.length} (limit 50, ${hits}/${queries.length} with hits) p50`, ms(percentile(searchTimes, 50)));
    report('  name search p95', ms(percentile(searchTimes, 95)), '≤ 20 ms', ratio(percentile(searchTimes, 95), 20));
    report('process RSS after sync', mb(rssAfterSync), '≤ 250 MB', ratio(rssAfterSync / 1024 / 1024, 250));
    if (rssAfterSyncGc !== undefined) report('  RSS after sync, after a full GC', mb(rssAfterSyncGc), '≤ 250 MB', ratio(rssAfterSyncGc / 1024 / 1024, 250));
    report('  RSS before sync (after warm-up + GC) / heap used after sync', `${mb(rssBefore)} / ${mb(heapAfterSync)}`);

    fs.mkdirSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'results'), { recursive: true });
    fs.writeFileSync(
      path.join(path.dirname(fileURLToPath(import.meta.url)), 'results', 'cache.json'),
      JSON.stringify({ at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, rows }, null, 2),
    );
  } finally {
    child.send('stop');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.env.BENCH_CACHE_ROLE === 'sandbox') {
  await sandboxRole();
} else {
  await main();
}
