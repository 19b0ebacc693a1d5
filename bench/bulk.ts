/* Bulk staging benchmark (figures only, no assertions). Run: npx tsx bench/bulk.ts
 *
 * 1. Sandbox with 50 ms latency: 1,000 customers through BulkStagingService at
 *    concurrency 8 versus a sequential loop of single setStaging calls (what a script
 *    writer would do). Physical limit N·L/C; the server's recorded max in-flight.
 * 2. Same, with a sandbox rate limit of 50 req/s: time ÷ (N/R), 429s received and
 *    requests sent before their Retry-After elapsed (sandbox retryAfterViolations), for
 *    (a) the shared limiter set to the server's rate and (b) a limiter that does not know
 *    the rate (1,000 req/s), so only 429 + Retry-After slow it down. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EvoClient } from '../src/main/api/evo-client';
import { RequestLimiter } from '../src/main/api/limiter';
import { BulkStagingService } from '../src/main/bulk/bulk-staging-service';
import type { FaultSettings, SandboxFixtures, SandboxMetrics } from '../sandbox/server';

const N = 1000;
const LATENCY_MS = 50;
const CONCURRENCY = 8;
const RATE = 50;
const USER = 'manager@sandbox.test';
const PASSWORD = 'sandbox';
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The sandbox runs in its own process (as a real server would), controlled over its admin API. */
class RemoteSandbox {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
  ) {}

  static start(): Promise<RemoteSandbox> {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'sandbox', 'cli.ts'), '--size', 'large', '--quiet'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    return new Promise((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const url = /http:\/\/127\.0\.0\.1:\d+/.exec(out)?.[0];
        if (url) resolve(new RemoteSandbox(url, child));
      });
      child.on('exit', (code) => reject(new Error(`sandbox exited (${code}) before printing its URL`)));
    });
  }

  private async admin<T>(method: 'GET' | 'POST' | 'DELETE', route: string, body?: object): Promise<T> {
    const res = await fetch(`${this.url}/__sandbox${route}`, {
      method,
      ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
    });
    if (!res.ok) throw new Error(`sandbox admin ${method} ${route}: ${res.status}`);
    return (await res.json()) as T;
  }

  fixtures = () => this.admin<SandboxFixtures>('GET', '/fixtures');
  setFaults = (f: Partial<FaultSettings>) => this.admin<FaultSettings>('POST', '/faults', f);
  clearFaults = () => this.admin<FaultSettings>('DELETE', '/faults');
  reset = () => this.admin<unknown>('POST', '/reset', {});
  metrics = () => this.admin<SandboxMetrics>('GET', '/metrics');
  resetMetrics = () => this.admin<SandboxMetrics>('POST', '/metrics/reset', {});

  close(): void {
    this.child.kill('SIGTERM');
  }
}

async function signedIn(sandbox: RemoteSandbox, requestsPerSecond: number): Promise<{ client: EvoClient; limiter: RequestLimiter }> {
  const limiter = new RequestLimiter({ maxInFlight: 16, requestsPerSecond });
  const client = new EvoClient({ baseUrl: sandbox.url, limiter });
  await client.signIn(USER, PASSWORD, true);
  return { client, limiter };
}

function service(sandbox: RemoteSandbox, accountId: string, client: EvoClient): BulkStagingService {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-bulk-'));
  const identity = () => ({ userEmail: USER, serverUrl: sandbox.url, accountId, accountName: null });
  return BulkStagingService.open({ appDataDir: dir, client, identity });
}

/** Plan (not timed), then time start() → done: includes the fresh re-read before the first write. */
async function timedRun(svc: BulkStagingService, ids: string[], before?: () => Promise<unknown>): Promise<{ ms: number; writeMs: number; changed: number; failed: number }> {
  const plan = await svc.plan({ customerIds: ids, target: 'staging' });
  await before?.();
  const started = performance.now();
  const handle = await svc.start(plan, { concurrency: CONCURRENCY });
  const summary = await handle.done;
  const ms = performance.now() - started;
  // The journal's duration covers only the writing phase (after the re-read).
  const writeMs = svc.getRun(handle.runId)?.durationMs ?? ms;
  return { ms, writeMs, changed: summary.counts.changed, failed: summary.counts.failed };
}

async function main(): Promise<void> {
  const sandbox = await RemoteSandbox.start();
  try {
    const fixtures = await sandbox.fixtures();
    const accountId = fixtures.managerAccountId;
    const lister = await signedIn(sandbox, 100_000);
    const ids: string[] = [];
    for await (const page of lister.client.customerPages({ accountIds: [accountId], countPerPage: 500 })) {
      ids.push(...page.filter((c) => !c.isStaging).map((c) => c.id));
      if (ids.length >= N) break;
    }
    ids.length = Math.min(ids.length, N);
    console.log(
      `Bulk staging: N=${ids.length} customers, latency ${LATENCY_MS} ms, concurrency ${CONCURRENCY}; sandbox (large seed) in its own process; ` +
        `Node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`,
    );

    // ---- 1. latency only ------------------------------------------------------
    await sandbox.setFaults({ latencyMs: LATENCY_MS });
    const seq = await signedIn(sandbox, 100_000);
    await sandbox.resetMetrics();
    const t = performance.now();
    for (const id of ids) await seq.client.setStaging(id, true);
    const sequentialMs = performance.now() - t;
    const seqMetrics = await sandbox.metrics();

    await sandbox.reset();
    const ours = await signedIn(sandbox, 100_000);
    const svc = service(sandbox, accountId, ours.client);
    const run = await timedRun(svc, ids, () => sandbox.resetMetrics());
    const metrics = await sandbox.metrics();
    const limitMs = (ids.length * LATENCY_MS) / CONCURRENCY;

    console.log('\n1) 50 ms latency, no rate limit');
    console.log(`   sequential loop of setStaging : ${fmt(sequentialMs)} (server max in-flight ${seqMetrics.maxInFlight})`);
    console.log(`   BulkStagingService, C=${CONCURRENCY}      : ${fmt(run.ms)} (changed ${run.changed}, failed ${run.failed}; includes the pre-run re-read of ${ids.length} customers)`);
    console.log(`   speed-up vs sequential        : ${(sequentialMs / run.ms).toFixed(2)}×   (goal ≥ 7×)`);
    console.log(`   physical limit N·L/C          : ${fmt(limitMs)}`);
    console.log(`   our time ÷ limit              : ${(run.ms / limitMs).toFixed(3)}   (goal ≤ 1.15)`);
    console.log(`   writing phase only ÷ limit    : ${(run.writeMs / limitMs).toFixed(3)}   (${fmt(run.writeMs)} without the ${fmt(run.ms - run.writeMs)} re-read)`);
    console.log(`   server max in-flight          : ${metrics.maxInFlight}   (goal ≤ ${CONCURRENCY})`);

    // ---- 2. rate limit 50 req/s ------------------------------------------------
    const limitR = (ids.length / RATE) * 1000;
    console.log(`\n2) sandbox rate limit ${RATE} req/s (token bucket, burst ${RATE}), latency ${LATENCY_MS} ms; limit N/R = ${fmt(limitR)}`);
    for (const variant of [
      { label: 'a) limiter set to the server rate (50/s) ', rps: RATE },
      { label: 'b) limiter unaware of the rate (1000/s)  ', rps: 1000 },
    ]) {
      await sandbox.reset();
      await sandbox.setFaults({ latencyMs: LATENCY_MS, rateLimitPerSecond: RATE });
      const c = await signedIn(sandbox, variant.rps);
      const s = service(sandbox, accountId, c.client);
      const r = await timedRun(s, ids, () => sandbox.resetMetrics());
      const m = await sandbox.metrics();
      console.log(
        `   ${variant.label}: ${fmt(r.ms)}, ÷ (N/R) = ${(r.ms / limitR).toFixed(3)} (goal ≤ 1.15), 429s ${m.requestsByStatus['429'] ?? 0}, ` +
          `Retry-After violations ${m.retryAfterViolations}, max in-flight ${m.maxInFlight}, changed ${r.changed}, failed ${r.failed}; writing phase ${fmt(r.writeMs)}`,
      );
    }
    console.log('   (timed from start(): the fresh re-read of all customers before the first write is included; planning is not)');
    console.log(`   load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  } finally {
    sandbox.close();
  }
}

await main();
