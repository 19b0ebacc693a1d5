/* Crash safety with a real child process killed by SIGKILL mid-run: the next start finds
 * the interrupted run, reads back every unknown item, resumes only what still needs the
 * change, and ends with the journal equal to the server for every item. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { BulkJournal } from '../../../src/main/bulk/journal/journal';
import { openJournalDatabase } from '../../../src/main/bulk/journal/journal-db';
import { harness, managerCustomers, tempDir, until, writesByCustomer } from './helpers';

const here = path.dirname(fileURLToPath(import.meta.url));
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ size: 'small', faults: { latencyMs: 40, jitterMs: 20 } });
});
afterAll(async () => {
  await sandbox.close();
});

it('resumes a run after the process driving it was killed with SIGKILL', { timeout: 120_000 }, async () => {
  const dir = tempDir('bulk-crash-');
  const ids = managerCustomers(sandbox)
    .filter((c) => !c.isStaging)
    .slice(0, 150)
    .map((c) => c.id);
  const idsFile = path.join(dir, 'ids.json');
  fs.writeFileSync(idsFile, JSON.stringify(ids));

  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'fixtures', 'run-child.ts')], {
    env: { ...process.env, SANDBOX_URL: sandbox.url, APP_DIR: dir, ACCOUNT_ID: sandbox.fixtures.managerAccountId, IDS_FILE: idsFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await until(() => /RUN (\S+)/.test(out) || child.exitCode !== null, `the child to start a run (stderr: ${err})`, 60_000);
  const runId = /RUN (\S+)/.exec(out)?.[1];
  expect(runId, err).toBeTruthy();

  // Watch the journal from this process; kill once some outcomes have landed.
  const watcher = new BulkJournal(openJournalDatabase({ appDataDir: dir }));
  await until(() => watcher.counts(runId!).changed >= 20, 'some outcomes in the journal');
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  expect(out).not.toContain('DONE');
  const atKill = watcher.counts(runId!);
  expect(atKill.pending + atKill.inFlight).toBeGreaterThan(0);

  // A fresh process (here: a fresh service on the same journal file) after the crash.
  const h = await harness(sandbox, { dir });
  const interrupted = h.service.findInterrupted();
  expect(interrupted.map((r) => r.run.id)).toEqual([runId]);
  expect(interrupted[0]!.unknown).toBe(atKill.pending + atKill.inFlight);

  const handle = await h.service.continueInterrupted(runId!);
  expect(handle.recovery.confirmedChanged + handle.recovery.stillPending + handle.recovery.notAccessible).toBe(atKill.pending + atKill.inFlight);
  const summary = await handle.done;
  expect(summary).toMatchObject({ status: 'completed', counts: { total: 150, changed: 150 } });
  expect(h.service.findInterrupted()).toEqual([]);

  const run = h.service.getRun(runId!)!;
  expect(run.continueCount).toBe(1);
  const writes = writesByCustomer(sandbox);
  for (const item of run.items) {
    expect(sandbox.admin.customer(item.customerId)?.isStaging, item.customerId).toBe(item.targetIsStaging);
    expect(item.after).toBe(true);
    const mine = writes.get(item.customerId) ?? [];
    expect(mine.length, item.customerId).toBeLessThanOrEqual(item.attempts);
    expect(mine.filter((w) => w.from !== w.to), item.customerId).toHaveLength(1);
  }
  // Items in flight at the kill that the server had applied are confirmed, not re-sent.
  const confirmed = run.items.filter((i) => i.note === 'Confirmed after restart.');
  expect(confirmed.length).toBe(handle.recovery.confirmedChanged);
  for (const item of confirmed) expect(writes.get(item.customerId)).toHaveLength(1);
  console.info(`SIGKILL test: at kill ${JSON.stringify(atKill)}; recovery ${JSON.stringify(handle.recovery)}`);
});
