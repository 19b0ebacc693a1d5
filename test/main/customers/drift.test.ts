/* Every customer of the --drift subtree, read as the customer screens read it: through the app's
 * own IPC router (the channels the renderer calls), then worded and pictured by the same pure code
 * the screens use. None fails, nothing unknown is lost, and the only customers whose state now the
 * local picture gets wrong are the ones the server knows better about. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type DriftFixtures, type Sandbox } from '../../../sandbox/server';
import { createAppServices, type AppServices } from '../../../src/main/app-services';
import { CustomerInfoSchema, undeclaredMembers, type Customer, type Schedule } from '../../../src/shared/evo/schemas';
import { agreesWithServer, describeSchedule, weekGrid, weekStartOf } from '../../../src/shared/schedule';

let sandbox: Sandbox;
let drift: DriftFixtures;
let services: AppServices;
const SENDER = { contentsId: 1, frameUrl: 'app://console/index.html', isMainFrame: true };

beforeAll(async () => {
  sandbox = await startSandbox({ quiet: true, drift: true });
  drift = sandbox.fixtures.drift as DriftFixtures;
  services = createAppServices({ dataDir: mkdtempSync(path.join(tmpdir(), 'evo-drift-')), host: 'harness', appVersion: '0.0.0-test', checkSender: () => null, sandboxUrl: sandbox.url });
  const state = await services.session.signIn({ profileId: 'sandbox', email: 'manager@sandbox.test', password: 'sandbox', rememberMe: false });
  expect(state.status).toBe('signedIn');
});
afterAll(async () => {
  services?.close();
  await sandbox?.close();
});

/** A channel's answer, as the renderer receives it (failing the test with the error otherwise). */
async function call<T>(channel: string, request: unknown): Promise<T> {
  const result = await services.router.invoke(channel, request, SENDER);
  if (!result.ok) throw new Error(`${channel} ${JSON.stringify(request)}: ${result.error.kind}: ${result.error.message}`);
  return result.value as T;
}

describe('every customer of the drift subtree, as the customer screens read it', { timeout: 120_000 }, () => {
  it('reads, words and pictures all 300; the server’s state now differs from the local picture only where the server knows better', async () => {
    const ids = sandbox.admin
      .customers()
      .filter((c) => c.id === drift.subtreeRootId || c.breadcrumb.some((b) => b.id === drift.subtreeRootId))
      .map((c) => c.id);
    expect(ids).toHaveLength(drift.subtreeSize);
    const now = new Date();
    const disagreeing: string[] = [];
    for (const id of ids) {
      const { customer } = await call<{ customer: Customer }>('customers:get', { id });
      expect(customer.id).toBe(id);
      // Nothing the newer server added is lost on the way.
      expect(Object.keys(undeclaredMembers(CustomerInfoSchema, customer))).toEqual(expect.arrayContaining(drift.unknownCustomerMembers));
      const own = customer.schedule ?? {};
      const effective = own.inherit ? (await call<{ schedule: Schedule | null }>('customers:inheritedSchedule', { id })).schedule : own;
      const worded = describeSchedule(own);
      expect(worded.rules).toHaveLength(own.rules?.length ?? 0); // every rule worded, none dropped
      if (id === drift.unknownRuleCustomerId) expect(worded.rules.join('\n')).toContain(`does not know: ${drift.unknownRuleType}`);
      if (id === drift.unknownFrequencyCustomerId) expect(worded.rules.join('\n')).toContain(drift.unknownFrequency);
      const server = await call<{ stateName?: string }>('customers:testSchedule', { id, dateTime: now.toISOString() });
      expect(server.stateName, id).toBeTruthy();
      if (!effective) continue;
      expect(weekGrid(effective, weekStartOf(effective, now), 60).days).toHaveLength(7);
      if (!agreesWithServer(effective, now, server.stateName)) disagreeing.push(id);
    }
    expect(disagreeing).toContain(drift.testScheduleDisagreesCustomerId);
    // The Quarterly rule may apply today, which the local picture cannot know either.
    expect(disagreeing.filter((id) => id !== drift.unknownFrequencyCustomerId)).toEqual([drift.testScheduleDisagreesCustomerId]);
    expect(services.notices.list().map((n) => n.message).join('\n')).toContain(`of customer ${drift.malformedTagCustomerId}`);
  });
});
