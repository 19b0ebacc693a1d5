/* evo-console staging plan/apply and runs as a real child process against the sandbox:
 * plan and apply JSON, refusal without a terminal, one SIGINT during apply (journal and
 * server agree item by item), continue after SIGKILL, a session ended mid-run, undo, export.
 * Waits are for conditions (progress lines on stderr, process exit), never sleeps. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/server';
import { cli, CliProcess, json, login, MANAGER, renderTerminal, tempHome, useSignedInSandbox } from './helpers';

let sandbox: Sandbox;
let home: string;

interface ApplyDoc {
  runId: string;
  status: string;
  target: string;
  counts: { planned: number; changed: number; alreadyInState: number; failed: number; skipped: number; notAccessible: number; cancelled: number };
  items: { id: string; name: string; before: string | null; after: string | null; outcome: string; attempts: number; error: { kind: string; message: string } | null }[];
}

interface RunShow {
  id: string;
  status: string;
  continueCount: number;
  items: { customerId: string; before: boolean | null; targetIsStaging: boolean; after: boolean | null; outcome: string; attempts: number }[];
}

useSignedInSandbox((started) => ({ sandbox, home } = started), { resetEachTest: true });

const subtreeIds = (rootId: string): string[] => {
  const all = sandbox.admin.customers();
  const ids = [rootId];
  for (let i = 0; i < ids.length; i++) for (const c of all) if (c.parentCustomerId === ids[i]) ids.push(c.id);
  return ids;
};

const isStagingOnServer = (id: string) => sandbox.admin.customer(id)?.isStaging === true;

/** Every journal item matches the server: changed/already → target; anything else → as before. */
function expectJournalMatchesServer(run: RunShow): void {
  for (const item of run.items) {
    const expected = item.outcome === 'changed' || item.outcome === 'alreadyInState' ? item.targetIsStaging : item.before;
    expect({ id: item.customerId, outcome: item.outcome, staging: isStagingOnServer(item.customerId) }).toEqual({ id: item.customerId, outcome: item.outcome, staging: expected });
  }
}

async function showRun(runId: string): Promise<RunShow> {
  const result = await cli(['--json', 'runs', 'show', runId], { home });
  expect(result.code, result.stderr).toBe(0);
  return json<RunShow>(result);
}

// Each step spawns a CLI.
describe('staging plan and apply', { timeout: 120_000 }, () => {
  it('plan prints counts and the customers that would change, and changes nothing', async () => {
    const root = sandbox.fixtures.subtree200Id;
    const result = await cli(['--json', 'staging', 'plan', '--to', 'staging', '--subtree', root], { home });
    expect(result.code, result.stderr).toBe(0);
    const plan = json<{ target: string; source: string; counts: { total: number; toChange: number; alreadyInState: number }; toChange: { id: string; now: string }[] }>(result);
    const ids = subtreeIds(root);
    const staging = ids.filter(isStagingOnServer).length;
    expect(plan).toMatchObject({ target: 'staging', source: 'server', counts: { total: 200, toChange: 200 - staging, alreadyInState: staging } });
    expect(plan.toChange.every((i) => i.now === 'production')).toBe(true);
    expect(sandbox.admin.writes()).toEqual([]);

    const human = await cli(['staging', 'plan', '--to', 'staging', '--subtree', root], { home });
    expect(human.stdout).toMatch(new RegExp(`^Plan: ${200 - staging} to change to staging, ${staging} already on staging, 0 not accessible \\(200 customers\\)\\.\n`));

    // "normal" is the CLI's word for the API's "production": same plan, said in routing words.
    const back = await cli(['staging', 'plan', '--to', 'normal', '--subtree', root], { home });
    expect(back.stdout).toMatch(new RegExp(`^Plan: ${staging} to change to normal routing, ${200 - staging} already on normal routing, `));
    expect(json<{ target: string }>(await cli(['--json', 'staging', 'plan', '--to', 'normal', '--subtree', root], { home })).target).toBe('production');
  });

  it('apply without --yes and without a terminal refuses (exit 9) and sends nothing; naming no customer is exit 2', async () => {
    const refused = await cli(['staging', 'apply', '--to', 'staging', ...sandbox.fixtures.chainIds], { home });
    expect(refused.code).toBe(9);
    expect(refused.stderr).toMatch(/without confirmation.*add --yes/);
    expect(sandbox.admin.writes()).toEqual([]);
    expect((await cli(['staging', 'apply', '--to', 'staging', '--yes'], { home })).code).toBe(2);
    expect((await cli(['staging', 'apply', '--to', 'sideways', 'x', '--yes'], { home })).code).toBe(2);
  });

  it('on a terminal without --yes: shows the summary and at most 20 rows, then asks — y/N for a few, the typed count above 25', async () => {
    const idRows = (text: string) => text.split(/\r?\n/).filter((l) => /^[0-9a-f]{24} /.test(l)).length;
    const many = new CliProcess(['staging', 'apply', '--to', 'staging', '--subtree', sandbox.fixtures.subtree200Id], { home, tty: true });
    const [, count] = await many.waitForStdout(/type the number of customers \((\d+)\)/);
    expect(many.stdout).toMatch(new RegExp(`Plan: ${count} to change to staging`));
    expect(idRows(many.stdout)).toBe(20);
    expect(many.stdout).toContain(`… and ${Number(count) - 20} more customers to change (--show-all lists them all).`);
    many.write(`${Number(count) - 1}\n`);
    const refused = await many.exited;
    expect(refused.code).toBe(9);
    expect(refused.stdout).toMatch(/Not confirmed; nothing was changed/);
    expect(sandbox.admin.writes()).toEqual([]);

    const all = new CliProcess(['staging', 'apply', '--to', 'staging', '--subtree', sandbox.fixtures.subtree200Id, '--show-all'], { home, tty: true });
    await all.waitForStdout(/type the number of customers \((\d+)\)/);
    expect(idRows(all.stdout)).toBe(Number(count));
    all.write('no\n');
    expect((await all.exited).code).toBe(9);

    const few = new CliProcess(['staging', 'apply', '--to', 'staging', ...sandbox.fixtures.chainIds.slice(0, 2)], { home, tty: true });
    await few.waitForStdout(/Switch 2 customers to staging\? \[y\/N\]/);
    few.write('y\n');
    const applied = await few.exited;
    expect(applied.code, applied.stdout).toBe(0);
    expect(applied.stdout).toMatch(/applying .* 2\/2 /); // the progress bar
    expect(sandbox.admin.writes().map((w) => w.customerId).sort()).toEqual(sandbox.fixtures.chainIds.slice(0, 2).sort());
  });

  it('apply --yes --json: the documented shape, and the server agrees; an unknown id stops it before anything is sent', async () => {
    const chain = sandbox.fixtures.chainIds;
    const unknown = await cli(['staging', 'apply', '--to', 'staging', chain[0] as string, 'no-such-customer', '--yes'], { home });
    expect(unknown.code).toBe(5);
    expect(unknown.stderr).toMatch(/no-such-customer.*Nothing was changed/);
    expect(sandbox.admin.writes()).toEqual([]);

    const result = await cli(['--json', 'staging', 'apply', '--to', 'staging', '--subtree', chain[0] as string, '--yes', '--concurrency', '3'], { home });
    expect(result.code, result.stderr).toBe(0);
    const doc = json<ApplyDoc>(result);
    expect(Object.keys(doc).sort()).toEqual(['counts', 'items', 'kind', 'runId', 'status', 'target']);
    expect(doc).toMatchObject({ target: 'staging', status: 'completed', counts: { failed: 0, skipped: 0, notAccessible: 0, cancelled: 0 } });
    expect(doc.counts.planned).toBe(subtreeIds(chain[0] as string).length);
    expect(doc.counts.changed + doc.counts.alreadyInState).toBe(doc.counts.planned);
    for (const item of doc.items) {
      expect(Object.keys(item).sort()).toEqual(['after', 'attempts', 'before', 'error', 'id', 'name', 'outcome']);
      expect(isStagingOnServer(item.id)).toBe(true);
      expect(item.after).toBe('staging');
    }
    expect(sandbox.admin.writes()).toHaveLength(doc.counts.changed);
    expectJournalMatchesServer(await showRun(doc.runId));

    // Export: CSV has a row per item; JSON goes to a file.
    const csv = await cli(['runs', 'export', doc.runId, '--format', 'csv'], { home });
    expect(csv.code).toBe(0);
    expect(csv.stdout.trim().split('\n')).toHaveLength(doc.items.length + 1);
    const file = path.join(home, 'audit.json');
    fs.writeFileSync(file, 'an older export', { mode: 0o644 }); // replaced whole, and owner-only
    const exported = await cli(['--json', 'runs', 'export', doc.runId, '--format', 'json', '--out', file], { home });
    expect(json(exported)).toMatchObject({ runId: doc.runId, format: 'json', file });
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ run: { id: doc.runId } });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    // Undo sets back exactly what the run changed; a second undo is refused.
    const undone = await cli(['--json', 'runs', 'undo', doc.runId, '--yes'], { home });
    expect(undone.code, undone.stderr).toBe(0);
    expect(json<ApplyDoc>(undone)).toMatchObject({ kind: 'undo', target: 'production', counts: { changed: doc.counts.changed, failed: 0 } });
    for (const item of doc.items) expect(isStagingOnServer(item.id)).toBe(item.before === 'staging');
    const again = await cli(['runs', 'undo', doc.runId, '--yes'], { home });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already undone/);
  });

  it('a customer the server keeps refusing: the others change, exit 6, and the failure names the customer and the cause', async () => {
    const ids = sandbox.fixtures.chainIds.slice(1, 4) as string[];
    const [broken] = ids.filter((id) => !isStagingOnServer(id));
    expect(broken, 'a chain customer in production').toBeDefined();
    sandbox.admin.setFaults({ brokenCustomerIds: [broken as string] });
    const result = await cli(['--json', 'staging', 'apply', '--to', 'staging', ...ids, '--yes'], { home });
    expect(result.code, result.stderr).toBe(6);
    const doc = json<ApplyDoc>(result);
    expect(doc.counts.failed).toBe(1);
    const failed = doc.items.find((i) => i.outcome === 'failed');
    expect(failed).toMatchObject({ id: broken, before: 'production', error: { kind: 'ServerError' } });
    expect(failed?.error?.message).toContain(broken as string);
    expect(isStagingOnServer(broken as string)).toBe(false);
    for (const item of doc.items.filter((i) => i.id !== broken)) expect(isStagingOnServer(item.id)).toBe(true);
    expectJournalMatchesServer(await showRun(doc.runId));
  });

  it('the only customer to change keeps answering 500: it fails after its capped attempts and the run ends (exit 6), not "server down" forever', async () => {
    // The old outage logic took its 5xx for a server that is down and probed without end: no
    // other customer answered to prove the server up. The probe now asks /auth/status.
    const broken = sandbox.fixtures.chainIds.slice(1).find((id) => !isStagingOnServer(id)) as string;
    sandbox.admin.setFaults({ brokenCustomerIds: [broken] });
    const apply = new CliProcess(['--json', 'staging', 'apply', '--to', 'staging', broken, '--yes'], { home });
    const result = await apply.exited;
    expect(result.code, result.stderr).toBe(6);
    const doc = json<ApplyDoc>(result);
    expect(doc.counts).toMatchObject({ changed: 0, failed: 1 });
    expect(doc.items).toEqual([expect.objectContaining({ id: broken, outcome: 'failed', error: expect.objectContaining({ kind: 'ServerError', message: expect.stringContaining(broken) }) })]);
    const writes = sandbox.admin.writes().filter((w) => w.customerId === broken);
    expect(writes).toEqual([]); // a broken record is never saved
    const run = await showRun(doc.runId);
    expect(run.items[0]?.attempts).toBeGreaterThan(1);
    expect(run.items[0]?.attempts).toBeLessThanOrEqual(5);
    expect(isStagingOnServer(broken)).toBe(false);
  });

  it('one SIGINT during apply cancels cleanly: exit 7, in-flight requests settle, journal and server agree item by item', async () => {
    sandbox.admin.setFaults({ latencyMs: 60 });
    const root = sandbox.fixtures.subtree200Id;
    const toChange = subtreeIds(root).filter((id) => !isStagingOnServer(id)).length;
    const apply = new CliProcess(['--json', 'staging', 'apply', '--to', 'staging', '--subtree', root, '--yes', '--concurrency', '3'], { home });
    // Progress counts the customers to change only (not those already on staging).
    await apply.waitForStderr(new RegExp(`applying: ([1-9]\\d*)/${toChange} `));
    apply.child.kill('SIGINT');
    const result = await apply.exited;
    expect(result.code, result.stderr).toBe(7);
    expect(result.stderr).toMatch(/Cancelling run/);
    expect(result.stderr).toMatch(/error: Cancelled\. The journal has every item: evo-console runs show /);

    const doc = json<ApplyDoc>(result);
    expect(doc.status).toBe('cancelled');
    expect(doc.counts.changed).toBeGreaterThan(0);
    expect(doc.counts.cancelled).toBeGreaterThan(0);
    expect(doc.items.some((i) => i.outcome === 'pending' || i.outcome === 'inFlight')).toBe(false);

    const run = await showRun(doc.runId);
    expect(run.status).toBe('cancelled');
    expectJournalMatchesServer(run);
    // No request landed after the journal was written: one write per changed item, none for the rest.
    const written = new Set(sandbox.admin.writes().map((w) => w.customerId));
    expect(written).toEqual(new Set(run.items.filter((i) => i.outcome === 'changed').map((i) => i.customerId)));
  });

  it('Ctrl-C on a terminal: the bar stops, "Cancelling" stands on its own line, then one clean summary (never-sent customers counted as unchanged, not listed)', async () => {
    sandbox.admin.setFaults({ latencyMs: 60 });
    const root = sandbox.fixtures.subtree200Id;
    const toChange = subtreeIds(root).filter((id) => !isStagingOnServer(id)).length;
    const apply = new CliProcess(['staging', 'apply', '--to', 'staging', '--subtree', root, '--yes', '--concurrency', '2'], { home, tty: true });
    await apply.waitForStdout(new RegExp(`applying .* ([1-9]\\d*)/${toChange} `));
    apply.write('\u0003'); // Ctrl-C typed on the terminal
    const result = await apply.exited;
    expect(result.code, result.stdout).toBe(7);
    const screen = renderTerminal(result.stdout);
    const at = (pattern: RegExp) => screen.findIndex((l) => pattern.test(l));
    const cancelling = at(/^Cancelling run \S+: no new requests; waiting for \d+ requests? in flight to finish and be recorded…$/);
    const summary = at(/^Cancelled run \S+ after \d+ customers? sent: \d+ customers? changed to staging, \d+ already on staging, (\d+) not sent \(unchanged: still normal\); /);
    const error = at(/^error: Cancelled\. The journal has every item: evo-console runs show \S+$/);
    expect(cancelling, screen.join('\n')).toBeGreaterThanOrEqual(0);
    expect(summary, screen.join('\n')).toBeGreaterThan(cancelling);
    expect(error).toBe(summary + 1);
    expect(screen.slice(summary).join('\n')).not.toMatch(/unknown|applying/);

    const run = json<RunShow>(await cli(['--json', 'runs', 'show', screen[summary]?.split(' ')[2] as string], { home }));
    const notSent = run.items.filter((i) => i.outcome === 'cancelled');
    expect(screen[summary]).toContain(`${notSent.length} not sent (unchanged: still normal)`);
    for (const item of notSent) expect(isStagingOnServer(item.customerId)).toBe(false);
  });

  it('without a terminal, progress is a line every 5 s or 10 % of the customers to change, not every moment', async () => {
    const root = sandbox.fixtures.subtree200Id;
    const toChange = subtreeIds(root).filter((id) => !isStagingOnServer(id)).length;
    const started = Date.now();
    const result = await cli(['staging', 'apply', '--to', 'staging', '--subtree', root, '--yes'], { home });
    const elapsed = Date.now() - started;
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stderr.split('\n').filter((l) => l.startsWith('applying: '));
    expect(lines.at(-1)).toMatch(new RegExp(`^applying: ${toChange}/${toChange} `));
    expect(lines.length).toBeLessThanOrEqual(10 + Math.ceil(elapsed / 5000));
    expect(result.stdout).toMatch(new RegExp(`^Run \\S+: ${toChange} customers changed to staging, ${200 - toChange} already on staging; `));
  });

  it('progress shows the request pace: "server is throttling" when it answers 429, and the --max-rate ceiling', async () => {
    const root = sandbox.fixtures.subtree200Id;
    sandbox.admin.setFaults({ rateLimitPerSecond: 40, rateLimitBurst: 10 });
    const throttled = await cli(['staging', 'apply', '--to', 'staging', '--subtree', root, '--yes', '--concurrency', '8'], { home });
    expect(throttled.code, throttled.stderr).toBe(0);
    expect(sandbox.admin.metrics().rateLimited).toBeGreaterThan(0);
    expect(throttled.stderr).toMatch(/^applying: \d+\/\d+ .*· requests \d+(\.\d)?\/s, server is throttling/m);

    sandbox.admin.clearFaults();
    const ids = subtreeIds(root).slice(1, 13);
    const capped = await cli(['staging', 'apply', '--to', 'production', ...ids, '--yes', '--max-rate', '4'], { home });
    expect(capped.code, capped.stderr).toBe(0);
    expect(capped.stderr).toMatch(/^applying: \d+\/12 .*· requests 4\.0\/s \(your maximum 4\.0\/s\)/m);
    expect(capped.stderr).not.toContain('server is throttling');
  });

  it('says "1 customer", "1 page": plurals are right', async () => {
    const leaf = sandbox.fixtures.chainIds[4] as string;
    await cli(['staging', 'apply', '--to', 'staging', leaf, '--yes'], { home });
    const nothing = await cli(['staging', 'apply', '--to', 'staging', leaf, '--yes'], { home });
    expect(nothing.stdout).toBe('Nothing to change: 1 customer already on staging.\n');
    const synced = await cli(['sync', leaf], { home });
    expect(synced.stdout).toMatch(new RegExp(`^1 customer of ${leaf} available offline \\(1 page, `));
  });

  it('runs continue finishes a run whose process was killed (SIGKILL), under the same run id', async () => {
    sandbox.admin.setFaults({ latencyMs: 150 }); // a wide window to kill in, whatever the client's rate limit
    const root = sandbox.fixtures.subtree200Id;
    const before = new Map(subtreeIds(root).map((id) => [id, isStagingOnServer(id)]));
    const apply = new CliProcess(['staging', 'apply', '--to', 'staging', '--subtree', root, '--yes', '--concurrency', '4'], { home });
    const [, runId] = await apply.waitForStderr(/Run (\S+) started/);
    // Late enough that the resume is short.
    await apply.waitForStderr(/applying: (1[2-9]\d)\/\d+ /);
    apply.child.kill('SIGKILL');
    expect((await apply.exited).signal).toBe('SIGKILL');

    const listed = json<{ runs: { id: string; status: string }[] }>(await cli(['--json', 'runs', 'ls'], { home }));
    expect(listed.runs.find((r) => r.id === runId)?.status).toBe('interrupted');
    const human = await cli(['runs', 'ls'], { home });
    expect(human.stdout).toMatch(new RegExp(`${runId?.slice(0, 8)} +apply +interrupted +staging`));

    sandbox.admin.clearFaults();
    const resumed = await cli(['--json', 'runs', 'continue', runId as string], { home });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/Recovered run .*confirmed changed on the server/);
    const doc = json<ApplyDoc>(resumed);
    expect(doc).toMatchObject({ runId, status: 'completed', counts: { planned: 200, failed: 0, cancelled: 0 } });
    expect(doc.counts.changed + doc.counts.alreadyInState).toBe(200);
    for (const id of before.keys()) expect(isStagingOnServer(id)).toBe(true);
    // Each customer was written at most once across the kill and the resume.
    const writes = sandbox.admin.writes().map((w) => w.customerId);
    expect(writes.length).toBe(new Set(writes).size);
    const run = await showRun(runId as string);
    expect(run.continueCount).toBe(1);
    expectJournalMatchesServer(run);
    expect((await cli(['runs', 'show', 'no-such-run'], { home })).code).toBe(5);
    expect((await cli(['runs', 'continue', 'no-such-run'], { home })).code).toBe(5);
  });

  it('a session ended by the server mid-run stops it (exit 3) with nothing in flight; after login, runs continue finishes it', async () => {
    const ownHome = tempHome();
    await login(ownHome, sandbox.url);
    sandbox.admin.setFaults({ latencyMs: 60 });
    const root = sandbox.fixtures.subtree200Id;
    const apply = new CliProcess(['--json', 'staging', 'apply', '--to', 'staging', '--subtree', root, '--yes', '--concurrency', '2'], { home: ownHome });
    await apply.waitForStderr(/applying: ([1-9]\d*)\/\d+ /);
    sandbox.admin.expireSessions(MANAGER);
    const result = await apply.exited;
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toMatch(/ended the session during run \S+.*evo-console login.*evo-console runs continue (\S+)/);
    const doc = json<ApplyDoc>(result);
    expect(doc.counts.changed + doc.counts.alreadyInState).toBeLessThan(200); // stopped part-way
    for (const item of doc.items) {
      const expected = item.outcome === 'changed' || item.outcome === 'alreadyInState' ? true : item.before === 'staging';
      expect(isStagingOnServer(item.id)).toBe(expected);
    }

    sandbox.admin.clearFaults();
    await login(ownHome, sandbox.url);
    const resumed = await cli(['--json', 'runs', 'continue', doc.runId], { home: ownHome });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(json<ApplyDoc>(resumed)).toMatchObject({ runId: doc.runId, status: 'completed', counts: { planned: 200, failed: 0 } });
    for (const id of subtreeIds(root)) expect(isStagingOnServer(id)).toBe(true);
    const writes = sandbox.admin.writes().map((w) => w.customerId);
    expect(writes.length).toBe(new Set(writes).size); // nothing written twice across the stop and the resume
  });
});
