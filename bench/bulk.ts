/* Bulk staging benchmark: `npm run bench -- bulk`. Figures only, no assertions.
 *
 * Runs exactly what a user runs: the evo-console CLI (`staging apply --from-file IDS --yes
 * --concurrency 8`, every other setting at its default: the adaptive request rate, no ceiling,
 * default retries) against the sandbox in its own process (as a real server would be), signed
 * in through a private keychain. Never a tuned limiter. Scenarios of issue 11:
 *  (a) 1,000 customers, 50 ms latency: write phase ÷ N·L/C (goal ≤ 1.15), speed-up over a
 *      sequential loop of single writes (goal ≥ 7×), server max in flight (goal ≤ 8);
 *  (b) server limit 40 req/s: write phase ÷ N/R (goal ≤ 1.15), requests for the same session
 *      before its Retry-After (sandbox retryAfterViolations, goal 0);
 *  (c) server limit 80 → 20 → 80 req/s, 10 s each: 429s (goal < 5 %) and how long the accepted
 *      rate takes to follow each change (goal ≤ 2 s each way);
 *  (d) 10 % 5xx: journal == server for every customer, each changed customer written (changed)
 *      exactly once in the sandbox's write log.
 * The write phase is the run's journalled duration (from its claim to its end: after planning). */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FaultSettings, SandboxFixtures, SandboxMetrics } from '../sandbox/server';
import { EvoClient } from '../src/main/api/evo-client';
import { startPrivateKeyring } from '../test/support/keyring';

const N = 1000;
const LATENCY_MS = 50;
const CONCURRENCY = 8;
const SEQUENTIAL_SAMPLE = 250;
const USER = 'manager@sandbox.test';
const PASSWORD = 'sandbox';
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = path.join(root, 'bin/evo-console.mjs');

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const ratio = (x: number) => x.toFixed(3);
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

interface WriteRecord {
  at: string;
  customerId: string;
  from: boolean;
  to: boolean;
}

/** The sandbox in its own process, controlled over its admin API. */
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

  async admin<T>(method: 'GET' | 'POST' | 'DELETE', route: string, body?: object): Promise<T> {
    const res = await fetch(`${this.url}/__sandbox${route}`, { method, ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) });
    if (!res.ok) throw new Error(`sandbox admin ${method} ${route}: ${res.status}`);
    return (await res.json()) as T;
  }

  fixtures = () => this.admin<SandboxFixtures>('GET', '/fixtures');
  setFaults = (f: Partial<FaultSettings>) => this.admin<FaultSettings>('POST', '/faults', f);
  clearFaults = () => this.admin<FaultSettings>('DELETE', '/faults');
  reset = () => this.admin<unknown>('POST', '/reset', {});
  metrics = () => this.admin<SandboxMetrics>('GET', '/metrics');
  resetMetrics = () => this.admin<SandboxMetrics>('POST', '/metrics/reset', {});
  writes = () => this.admin<WriteRecord[]>('GET', '/writes');
  customer = (id: string) => this.admin<{ isStaging?: boolean }>('GET', `/customers/${id}`);

  /** A plain sequential loop of single writes over HTTP (what a script writer would do). */
  async sequentialWrites(ids: string[]): Promise<number> {
    const signIn = await fetch(`${this.url}/auth/credentials`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userName: USER, password: PASSWORD, rememberMe: true }) });
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const started = performance.now();
    for (const id of ids) {
      const res = await fetch(`${this.url}/customers/${id}/staging`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', cookie }, body: JSON.stringify({ isStaging: true }) });
      if (!res.ok) throw new Error(`sequential write ${id}: ${res.status}`);
      await res.arrayBuffer();
    }
    return performance.now() - started;
  }

  close(): void {
    this.child.kill('SIGTERM');
  }
}

interface RunShow {
  id: string;
  durationMs: number;
  counts: { total: number; changed: number; failed: number; alreadyInState: number };
  items: { customerId: string; outcome: string; before: boolean | null; targetIsStaging: boolean; after: boolean | null; attempts: number }[];
}

class Cli {
  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** Runs evo-console; `onStderr` sees stderr as it arrives. */
  run(args: string[], input = '', onStderr?: (text: string) => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const child = spawn(process.execPath, [bin, ...args], { env: this.env, cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      onStderr?.(stderr);
    });
    child.stdin.end(input);
    return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  }

  async apply(idsFile: string, onStderr?: (text: string) => void): Promise<RunShow> {
    const applied = await this.run(['--json', 'staging', 'apply', '--to', 'staging', '--from-file', idsFile, '--yes', '--concurrency', String(CONCURRENCY)], '', onStderr);
    if (applied.code !== 0 && applied.code !== 6) throw new Error(`staging apply exited ${applied.code}: ${applied.stderr}`);
    const runId = (JSON.parse(applied.stdout) as { runId: string }).runId;
    const shown = await this.run(['--json', 'runs', 'show', runId]);
    return JSON.parse(shown.stdout) as RunShow;
  }
}

/** Accepted writes per second from the write log, by second since `t0`. */
function writesPerSecond(writes: WriteRecord[], t0: number): number[] {
  const perSecond: number[] = [];
  for (const w of writes) {
    const second = Math.floor((Date.parse(w.at) - t0) / 1000);
    if (second >= 0) perSecond[second] = (perSecond[second] ?? 0) + 1;
  }
  return Array.from(perSecond, (n) => n ?? 0);
}

async function main(): Promise<void> {
  const keyring = startPrivateKeyring();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-bulk-'));
  const env: NodeJS.ProcessEnv = { ...process.env, ...keyring.env, EVO_CONSOLE_HOME: home, NO_COLOR: '1' };
  delete env.EVO_CONSOLE_SERVER;
  const sandbox = await RemoteSandbox.start();
  const cli = new Cli(env);
  try {
    const login = await cli.run(['--server', sandbox.url, 'login', '--user', USER, '--password-stdin'], `${PASSWORD}\n`);
    if (login.code !== 0) throw new Error(`login failed: ${login.stderr}`);
    const fixtures = await sandbox.fixtures();
    // Production customers of the manager's account (setup, not timed).
    const lister = new EvoClient({ baseUrl: sandbox.url });
    await lister.signIn(USER, PASSWORD, false);
    const production: string[] = [];
    for await (const page of lister.customerPages({ accountIds: [fixtures.managerAccountId], countPerPage: 500 })) {
      production.push(...page.filter((c) => !c.isStaging).map((c) => c.id));
      if (production.length >= 2000) break;
    }
    if (production.length < 2000) throw new Error(`need 2,000 production customers, found ${production.length}`);
    const idsFile = (ids: string[]) => {
      const file = path.join(home, `ids-${ids.length}-${ids[0]}.txt`);
      fs.writeFileSync(file, `${ids.join('\n')}\n`);
      return file;
    };
    const ids = production.slice(0, N);
    console.log(`Bulk staging through evo-console: --concurrency ${CONCURRENCY} (the default is 6), every other setting as a user gets it; sandbox (large seed) in its own process; Node ${process.version}, ${os.cpus().length} CPUs; load average at start ${load()}`);

    // ---- (a) 50 ms latency ------------------------------------------------------
    await sandbox.setFaults({ latencyMs: LATENCY_MS });
    const sample = ids.slice(0, SEQUENTIAL_SAMPLE);
    const sequentialMs = ((await sandbox.sequentialWrites(sample)) / sample.length) * N;
    await sandbox.reset();
    await sandbox.resetMetrics();
    const a = await cli.apply(idsFile(ids));
    const am = await sandbox.metrics();
    const limitA = (N * LATENCY_MS) / CONCURRENCY;
    console.log(`\n(a) ${N} customers, ${LATENCY_MS} ms latency, concurrency ${CONCURRENCY}`);
    console.log(`    write phase ${s(a.durationMs)}; N·L/C ${s(limitA)}; ratio ${ratio(a.durationMs / limitA)} (goal ≤ 1.15: ${verdict(a.durationMs / limitA <= 1.15)})`);
    console.log(`    sequential loop of single writes ${s(sequentialMs)} (timed on ${SEQUENTIAL_SAMPLE}, scaled to ${N}); speed-up ${(sequentialMs / a.durationMs).toFixed(2)}× (goal ≥ 7: ${verdict(sequentialMs / a.durationMs >= 7)})`);
    console.log(`    server max in flight ${am.maxInFlight} (goal ≤ ${CONCURRENCY}: ${verdict(am.maxInFlight <= CONCURRENCY)}); changed ${a.counts.changed}, failed ${a.counts.failed}; load ${load()}`);

    // ---- (b) server limit 40 req/s --------------------------------------------------
    const R = 40;
    await sandbox.reset();
    await sandbox.setFaults({ latencyMs: LATENCY_MS, rateLimitPerSecond: R });
    await sandbox.resetMetrics();
    const b = await cli.apply(idsFile(ids));
    const bm = await sandbox.metrics();
    const limitB = (N / R) * 1000;
    console.log(`\n(b) server limit ${R} req/s (token bucket, burst ${R}), ${LATENCY_MS} ms latency`);
    console.log(`    write phase ${s(b.durationMs)}; N/R ${s(limitB)}; ratio ${ratio(b.durationMs / limitB)} (goal ≤ 1.15: ${verdict(b.durationMs / limitB <= 1.15)})`);
    console.log(`    429s ${bm.rateLimited}; requests before their Retry-After ${bm.retryAfterViolations} (goal 0: ${verdict(bm.retryAfterViolations === 0)}); changed ${b.counts.changed}, failed ${b.counts.failed}; load ${load()}`);

    // ---- (c) server limit 80 → 20 → 80 req/s ------------------------------------------
    const PHASE_MS = 10_000;
    const [high, low] = [80, 20];
    const cIds = production.slice(0, high * 10 + low * 10 + high * 10);
    await sandbox.reset();
    await sandbox.setFaults({ latencyMs: LATENCY_MS, rateLimitPerSecond: high });
    await sandbox.resetMetrics();
    let t0 = 0;
    const timers: NodeJS.Timeout[] = [];
    const c = await cli.apply(idsFile(cIds), (text) => {
      if (t0 === 0 && /Run \S+ started/.test(text)) {
        t0 = Date.now();
        timers.push(setTimeout(() => void sandbox.setFaults({ rateLimitPerSecond: low }), PHASE_MS));
        timers.push(setTimeout(() => void sandbox.setFaults({ rateLimitPerSecond: high }), 2 * PHASE_MS));
      }
    });
    for (const t of timers) clearTimeout(t);
    const cm = await sandbox.metrics();
    const perSecond = writesPerSecond(await sandbox.writes(), t0);
    const sent = Object.entries(cm.requestsByStatus).filter(([k]) => /^\d+$/.test(k)).reduce((n, [, v]) => n + v, 0);
    const share = cm.rateLimited / Math.max(1, sent);
    // Seconds after each change until a whole second's accepted writes are within the new limit's band.
    const follow = (from: number, ok: (n: number) => boolean) => {
      for (let sec = from; sec < perSecond.length; sec++) if (ok(perSecond[sec] ?? 0)) return sec - from + 1;
      return Number.POSITIVE_INFINITY;
    };
    const down = follow(PHASE_MS / 1000, (n) => n <= low * 1.2);
    const up = follow((2 * PHASE_MS) / 1000, (n) => n >= high * 0.8);
    console.log(`\n(c) server limit ${high} → ${low} → ${high} req/s, ${PHASE_MS / 1000} s each, ${cIds.length} customers, ${LATENCY_MS} ms latency`);
    console.log(`    429s ${cm.rateLimited} of ${sent} requests = ${(share * 100).toFixed(2)} % (goal < 5 %: ${verdict(share < 0.05)}); write phase ${s(c.durationMs)}; changed ${c.counts.changed}, failed ${c.counts.failed}`);
    console.log(`    accepted writes per second: ${perSecond.join(' ')}`);
    console.log(`    follows the drop within ${down} s (goal ≤ 2: ${verdict(down <= 2)}); the rise within ${up} s (goal ≤ 2: ${verdict(up <= 2)}); load ${load()}`);

    // ---- (d) 10 % 5xx ---------------------------------------------------------------
    await sandbox.reset();
    await sandbox.setFaults({ latencyMs: LATENCY_MS, errorRate: 0.1 });
    await sandbox.resetMetrics();
    const d = await cli.apply(idsFile(ids));
    const dm = await sandbox.metrics();
    await sandbox.clearFaults();
    const writes = await sandbox.writes();
    let disagree = 0;
    let changedTwice = 0;
    let changedNotLogged = 0;
    for (const item of d.items) {
      const server = (await sandbox.customer(item.customerId)).isStaging === true;
      const expected = item.outcome === 'changed' || item.outcome === 'alreadyInState' ? item.targetIsStaging : item.before;
      if (server !== expected) disagree += 1;
      const effective = writes.filter((w) => w.customerId === item.customerId && w.from !== w.to).length;
      if (effective > 1) changedTwice += 1;
      if (item.outcome === 'changed' && effective !== 1) changedNotLogged += 1;
    }
    console.log(`\n(d) 10 % 5xx, ${N} customers, ${LATENCY_MS} ms latency`);
    console.log(`    500s ${dm.requestsByStatus['500'] ?? 0}; changed ${d.counts.changed}, failed ${d.counts.failed}; write phase ${s(d.durationMs)}`);
    console.log(`    journal ≠ server: ${disagree}; customers changed twice: ${changedTwice}; "changed" without exactly one change in the write log: ${changedNotLogged} (goal 0, 0, 0: ${verdict(disagree + changedTwice + changedNotLogged === 0)})`);
    console.log(`\nload average at the end: ${load()}`);
  } finally {
    sandbox.close();
    keyring.stop();
  }
}

await main();
