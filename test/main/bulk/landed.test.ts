/* Every landed write is known (issue 11, finding 2): a server (or a proxy in front of it) that
 * answers 15 % of staging writes with a 200 HTML page after applying them. Each such answer is
 * ambiguous: the customer itself is read back at once and the journal records what the server
 * shows, so the journal equals the server for every item and `undo` sets back every customer the
 * run changed — also when the undo's own writes get HTML answers. When even the read-back fails,
 * the item is recorded as unknown (it may have landed), and undo still considers it.
 * (Since the API layer reports an HTML answer to a write as AmbiguousResponse, the branch this
 * started from read such items back too, but only at the end of the run and only through the
 * list endpoint, and undo skipped what it could not settle: the second and third tests fail there.) */
import { expect, it } from 'vitest';
import type { Sandbox } from '../../../sandbox/server';
import type { RunDetail } from '../../../src/shared/bulk/types';
import { harness, writesByCustomer, useSmallSandbox, productionIds } from './helpers';

let sandbox: Sandbox;

useSmallSandbox((started) => (sandbox = started));

const production = (n: number, skip = 0) => productionIds(sandbox, n, skip);
const json = { 'content-type': 'application/json; charset=utf-8' };
const serverError = JSON.stringify({ responseStatus: { errorCode: 'InternalServerError', message: 'list backend unavailable' } });

const PROXY_PAGE = '<!doctype html><html><body><h1>200 OK</h1><p>Request accepted by the gateway.</p></body></html>';

function expectJournalEqualsServer(run: RunDetail): void {
  for (const item of run.items) {
    const server = sandbox.admin.customer(item.customerId)?.isStaging === true;
    const expected = item.outcome === 'changed' || item.outcome === 'alreadyInState' ? item.targetIsStaging : item.before;
    expect({ id: item.customerId, outcome: item.outcome, staging: server }).toEqual({ id: item.customerId, outcome: item.outcome, staging: expected });
    if (item.outcome === 'changed') expect(item.after, item.customerId).toBe(item.targetIsStaging);
  }
}

it('records every write that landed behind an unreadable answer, and undo sets every changed customer back', { timeout: 120_000 }, async () => {
  const ids = production(150);
  const h = await harness(sandbox);
  const plan = await h.service.plan({ customerIds: ids, target: 'staging' });
  sandbox.admin.setFaults({ answerOverrides: [{ method: 'POST', path: '/staging$', rate: 0.15, afterHandler: true, status: 200, body: PROXY_PAGE }] });

  const run = await h.service.start(plan, { concurrency: 6 });
  const summary = await run.done;
  expect(summary.counts).toMatchObject({ total: 150, changed: 150, failed: 0 });
  const applied = h.service.getRun(run.runId)!;
  expectJournalEqualsServer(applied);
  const readBack = applied.items.filter((i) => i.note?.startsWith('Confirmed by reading the customer back'));
  expect(readBack.length, 'some answers were the HTML page').toBeGreaterThan(5);
  // Known to have landed, so never sent twice.
  const writes = writesByCustomer(sandbox);
  for (const id of ids) expect(writes.get(id), id).toHaveLength(1);

  const undo = await h.service.undo(run.runId);
  const undone = await undo.done;
  expect(undone.counts).toMatchObject({ total: 150, changed: 150, failed: 0 });
  expectJournalEqualsServer(h.service.getRun(undo.runId)!);
  for (const id of ids) expect(sandbox.admin.customer(id)?.isStaging, id).toBe(false);
});

it('reads the customer itself back right away, so it does not depend on the list endpoint', { timeout: 120_000 }, async () => {
  const ids = production(60);
  const h = await harness(sandbox);
  const plan = await h.service.plan({ customerIds: ids, target: 'staging' });
  const run = await h.service.start(plan, { concurrency: 4 });
  // From the first write on (start() has read the customers; its requests are not sent yet).
  sandbox.admin.setFaults({
    answerOverrides: [
      { method: 'POST', path: '/staging$', rate: 0.15, afterHandler: true, status: 200, body: PROXY_PAGE },
      { method: 'GET', path: '^/customers\\?', afterHandler: false, status: 500, headers: json, body: serverError },
    ],
  });
  expect((await run.done).counts).toMatchObject({ total: 60, changed: 60, failed: 0 });
  expectJournalEqualsServer(h.service.getRun(run.runId)!);
});

it('records a write it cannot confirm either way as unknown, and undo sets it back once it can be read', { timeout: 120_000 }, async () => {
  const ids = production(3);
  const murky = ids[1] as string;
  const h = await harness(sandbox);
  const plan = await h.service.plan({ customerIds: ids, target: 'staging' });
  const run = await h.service.start(plan, { maxAttempts: 2 });
  // Every write of `murky` lands behind an HTML page, and nothing will show it to us meanwhile.
  sandbox.admin.setFaults({
    answerOverrides: [
      { method: 'POST', path: `/customers/${murky}/staging$`, afterHandler: true, status: 200, body: PROXY_PAGE },
      { method: 'GET', path: `^/customers/${murky}`, afterHandler: false, status: 500, headers: json, body: serverError },
      { method: 'GET', path: '^/customers\\?', afterHandler: false, status: 500, headers: json, body: serverError },
    ],
  });
  expect((await run.done).counts).toMatchObject({ changed: 2, failed: 1 });
  const item = h.service.getRun(run.runId)!.items.find((i) => i.customerId === murky)!;
  expect(item).toMatchObject({ outcome: 'failed', after: null, error: { kind: 'AmbiguousResponse' }, note: expect.stringMatching(/^Unknown: .*may have been applied/) });
  expect(sandbox.admin.customer(murky)?.isStaging).toBe(true); // it did land

  sandbox.admin.clearFaults();
  const undo = await h.service.undo(run.runId);
  expect((await undo.done).counts).toMatchObject({ total: 3, changed: 3 });
  for (const id of ids) expect(sandbox.admin.customer(id)?.isStaging, id).toBe(false);
});
