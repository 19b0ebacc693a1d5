/* The probe against the real sandbox: any HTTP answer counts as reachable, a down server does not. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connectivity } from '../../../src/main/connectivity/connectivity';
import { httpProbe } from '../../../src/main/connectivity/http-probe';
import { startSandbox, type Sandbox } from '../../../sandbox/server';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => {
  await sandbox.admin.up();
  await sandbox.close();
});

describe('httpProbe', () => {
  it('resolves on any HTTP answer, even an error status', async () => {
    await expect(httpProbe(sandbox.url)(new AbortController().signal)).resolves.toBeUndefined();
    sandbox.admin.setFaults({ errorRate: 1 });
    try {
      await expect(httpProbe(sandbox.url)(new AbortController().signal)).resolves.toBeUndefined();
    } finally {
      sandbox.admin.clearFaults();
    }
  });

  it('rejects while the server is down, and Connectivity comes back online by itself when it returns', async () => {
    const connectivity = new Connectivity({ probe: httpProbe(sandbox.url, { timeoutMs: 2_000 }), initialProbeDelayMs: 10, maxProbeDelayMs: 100 });
    await sandbox.admin.down();
    await expect(httpProbe(sandbox.url)(new AbortController().signal)).rejects.toThrow();
    const online = new Promise<number>((resolve) => connectivity.onChange((s) => s.state === 'online' && resolve(s.since)));
    connectivity.onOutcome({ ok: false, networkFailure: true });
    expect(connectivity.state).toBe('offline');
    // Let a few probes fail before the server returns (wait on the probe count, not on time).
    await new Promise<void>((resolve) => {
      const check = () => (connectivity.snapshot().failedProbes >= 2 ? resolve() : setTimeout(check, 5));
      check();
    });
    await sandbox.admin.up();
    const since = await online;
    expect(connectivity.state).toBe('online');
    expect(since).toBeGreaterThan(0);
    connectivity.dispose();
  });
});
