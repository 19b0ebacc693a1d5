/* evo-console runs and plans as a real child process against the sandbox: runs named by a
 * unique prefix, what each run was about and whether it was undone, every error in full, retry
 * of the failed customers, saved plans (ls, show, apply, rm), ids from a file, plain words. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/server';
import { resolveIdPrefix } from '../../src/cli/id-prefix';
import { CliError } from '../../src/cli/exit-codes';
import { cli, json, tempHome, useSignedInSandbox } from './helpers';

let sandbox: Sandbox;
let home: string;

interface ApplyDoc {
  runId: string;
  kind: string;
  status: string;
  counts: { planned: number; changed: number; alreadyInState: number; failed: number };
  items: { id: string; outcome: string; error: { kind: string; message: string } | null }[];
}

useSignedInSandbox((started) => ({ sandbox, home } = started), { resetEachTest: true });

const isStaging = (id: string) => sandbox.admin.customer(id)?.isStaging === true;
const nameOf = (id: string) => sandbox.admin.customer(id)?.name ?? '';

async function apply(args: string[], code = 0): Promise<ApplyDoc> {
  const result = await cli(['--json', 'staging', 'apply', '--yes', ...args], { home });
  expect(result.code, result.stderr).toBe(code);
  return json<ApplyDoc>(result);
}

describe('run ids', () => {
  it('a unique prefix of 6 or more characters names a run; a shorter or ambiguous one is a usage error listing the candidates', () => {
    const ids = ['e31169aa-1111', 'e31169ab-2222', 'f00000aa-3333'];
    const target = { what: 'run', listCommand: 'evo-console runs ls' };
    expect(resolveIdPrefix('f00000', ids, target)).toBe('f00000aa-3333');
    expect(resolveIdPrefix('E31169AB', ids, target)).toBe('e31169ab-2222');
    expect(resolveIdPrefix('e31169aa-1111', ids, target)).toBe('e31169aa-1111');
    expect(() => resolveIdPrefix('e31169', ids, target)).toThrow(/"e31169" matches 2 runs: e31169aa-1111, e31169ab-2222/);
    expect(() => resolveIdPrefix('e3116', ids, target)).toThrow(/too short.*first 6 characters/);
    expect(() => resolveIdPrefix('abcdef', ids, target)).toThrow(CliError);
  });
});

describe('runs and plans', { timeout: 180_000 }, () => {
  it('runs ls says what each run was about and whether it was undone; runs are named by a prefix', async () => {
    const chain = sandbox.fixtures.chainIds;
    const subtree = await apply(['--to', 'staging', '--subtree', chain[1] as string]);
    const single = await apply(['--to', 'staging', chain[0] as string]);
    const undo = await cli(['--json', 'runs', 'undo', subtree.runId.slice(0, 6), '--yes'], { home });
    expect(undo.code, undo.stderr).toBe(0);
    const undoId = json<ApplyDoc>(undo).runId;

    const listed = json<{ runs: { id: string; subject: string; undoneBy: string | null }[] }>(await cli(['--json', 'runs', 'ls'], { home })).runs;
    // The app's wording (src/shared/bulk/subject.ts), one for History, the confirm dialog and the CLI.
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const rootName = nameOf(chain[1] as string);
    const ofSubtree = `${escape(rootName)} and its ${chain.length - 2} descendants`;
    expect(listed.find((r) => r.id === subtree.runId)).toMatchObject({ subject: expect.stringMatching(new RegExp(`^${ofSubtree}$`)), undoneBy: undoId });
    expect(listed.find((r) => r.id === single.runId)).toMatchObject({ subject: nameOf(chain[0] as string), undoneBy: null });
    const human = await cli(['runs', 'ls'], { home });
    expect(human.stdout).toMatch(new RegExp(`^${subtree.runId.slice(0, 8)} +apply +completed, undone +staging +${escape(rootName.slice(0, 20))}`, 'm')); // the column cuts long subjects
    expect(human.stdout).toMatch(new RegExp(`^${undoId.slice(0, 8)} +undo of ${subtree.runId.slice(0, 8)} +completed +normal +\\d+ customers: `, 'm')); // an undo names the customers it wrote, as History does

    const shown = await cli(['runs', 'show', single.runId.slice(0, 8)], { home });
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain(`Run       ${single.runId} (apply)`);
    expect((await cli(['runs', 'show', single.runId.slice(0, 5)], { home })).code).toBe(2);
    expect((await cli(['runs', 'show', 'ffffffff'], { home })).code).toBe(5);
  });

  it('runs show gives each error in full (HTTP status and server message) in plain words; runs retry sends the failed ones again', async () => {
    const chain = sandbox.fixtures.chainIds;
    const ids = chain.slice(1, 4) as string[];
    const [broken] = ids.filter((id) => !isStaging(id));
    sandbox.admin.setFaults({ brokenCustomerIds: [broken as string] });
    const already = sandbox.admin.customers().find((c) => c.isStaging && c.accountId === sandbox.fixtures.managerAccountId)?.id as string;
    const failedRun = await cli(['staging', 'apply', '--to', 'staging', ...ids, already, '--yes'], { home });
    expect(failedRun.code).toBe(6);
    const runId = json<{ runs: { id: string }[] }>(await cli(['--json', 'runs', 'ls'], { home })).runs[0]?.id as string;
    expect(failedRun.stderr).toContain(`evo-console runs retry ${runId}`);
    expect(failedRun.stdout).toMatch(/^Run \S+: 2 customers changed to staging, 1 already on staging, 1 failed; /);

    const doc = json<{ items: { customerId: string; error: { message: string; status?: number } | null }[] }>(await cli(['--json', 'runs', 'show', runId], { home }));
    const error = doc.items.find((i) => i.customerId === broken)?.error;
    expect(error?.status).toBe(500);
    expect((error?.message ?? '').length).toBeGreaterThan(60); // longer than a table cell
    const shown = await cli(['runs', 'show', runId], { home });
    expect(shown.stdout).toContain(`${broken} ${nameOf(broken as string)}: ServerError, HTTP 500: ${error?.message}`);
    expect(shown.stdout).toContain('already on staging');
    for (const output of [shown.stdout, failedRun.stdout, failedRun.stderr]) expect(output).not.toMatch(/alreadyInState|notAccessible/);

    sandbox.admin.clearFaults();
    const retried = await cli(['--json', 'runs', 'retry', runId.slice(0, 8), '--yes'], { home });
    expect(retried.code, retried.stderr).toBe(0);
    expect(json<ApplyDoc>(retried)).toMatchObject({ kind: 'retryFailed', status: 'completed', counts: { planned: 1, changed: 1, failed: 0 } });
    expect(isStaging(broken as string)).toBe(true);
    expect((await cli(['runs', 'retry', json<ApplyDoc>(retried).runId, '--yes'], { home })).code).toBe(2); // nothing failed
  });

  it('plans: staging plan --save, then ls, show, apply and rm by prefix', async () => {
    const chain = sandbox.fixtures.chainIds;
    const targets = (chain.slice(0, 3) as string[]).filter((id) => !isStaging(id));
    const saved = await cli(['--json', 'staging', 'plan', '--to', 'staging', ...targets, '--save'], { home });
    expect(saved.code, saved.stderr).toBe(0);
    const planId = json<{ planId: string }>(saved).planId;
    expect(saved.stderr).toContain(`Saved as plan ${planId}`);

    expect(json<{ plans: { id: string }[] }>(await cli(['--json', 'plans', 'ls'], { home })).plans.map((p) => p.id)).toContain(planId);
    expect((await cli(['plans', 'ls'], { home })).stdout).toMatch(new RegExp(`^${planId.slice(0, 8)} +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d +staging +${targets.length} +0 +0 +server`, 'm'));
    const shown = await cli(['plans', 'show', planId.slice(0, 8)], { home });
    expect(shown.stdout).toContain(`Plan: ${targets.length} to change to staging, 0 already on staging, 0 not accessible`);
    expect(sandbox.admin.writes()).toEqual([]);

    const applied = await cli(['--json', 'plans', 'apply', planId.slice(0, 8), '--yes'], { home });
    expect(applied.code, applied.stderr).toBe(0);
    expect(json<ApplyDoc>(applied)).toMatchObject({ status: 'completed', counts: { changed: targets.length } });
    for (const id of targets) expect(isStaging(id)).toBe(true);

    const removed = await cli(['plans', 'rm', planId.slice(0, 8)], { home });
    expect(removed.code, removed.stderr).toBe(0);
    expect((await cli(['plans', 'show', planId], { home })).code).toBe(5);
  });

  it('--from-file takes ids one per line, or a CSV column (a run export works as it is)', async () => {
    const chain = sandbox.fixtures.chainIds;
    const dir = tempHome('evo-ids-');
    const lines = path.join(dir, 'ids.txt');
    fs.writeFileSync(lines, `# customers for the migration\n${chain[0]}\n\n  ${chain[1]}  \r\n${chain[0]}\n`);
    const planned = (doc: { toChange: { id: string }[]; alreadyInState: { id: string }[] }) => [...doc.toChange, ...doc.alreadyInState].map((i) => i.id).sort();
    type PlanDoc = { toChange: { id: string }[]; alreadyInState: { id: string }[] };
    const fromLines = await cli(['--json', 'staging', 'plan', '--to', 'staging', '--from-file', lines, chain[2] as string], { home });
    expect(fromLines.code, fromLines.stderr).toBe(0);
    expect(planned(json<PlanDoc>(fromLines))).toEqual([chain[0], chain[1], chain[2]].sort());

    const run = await apply(['--to', 'staging', chain[3] as string, chain[4] as string]);
    const exported = path.join(dir, 'run.csv');
    expect((await cli(['runs', 'export', run.runId, '--format', 'csv', '--out', exported], { home })).code).toBe(0);
    const fromExport = await cli(['--json', 'staging', 'plan', '--to', 'production', '--from-file', exported], { home });
    expect(fromExport.code, fromExport.stderr).toBe(0);
    expect(planned(json<PlanDoc>(fromExport))).toEqual([chain[3], chain[4]].sort());

    const custom = path.join(dir, 'custom.csv');
    fs.writeFileSync(custom, `name;cust\n"Acme; Ltd";${chain[4]}\n`);
    expect(planned(json<PlanDoc>(await cli(['--json', 'staging', 'plan', '--to', 'staging', '--from-file', custom, '--column', 'CUST'], { home })))).toEqual([chain[4]]);
    const noColumn = await cli(['staging', 'plan', '--to', 'staging', '--from-file', custom], { home });
    expect(noColumn.code).toBe(2);
    expect(noColumn.stderr).toMatch(/has no id column \(its columns: name, cust\)\. Name it with --column/);
    expect((await cli(['staging', 'plan', '--to', 'staging', '--from-file', path.join(dir, 'missing.txt')], { home })).code).toBe(2);
  });
});
