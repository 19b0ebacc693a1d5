import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createBridge, createBridgeFor } from '../../../src/shared/ipc/bridge';
import { CHANNELS } from '../../../src/shared/ipc/contract';
import { channel, event } from '../../../src/shared/ipc/define';

function recordingTransport() {
  const calls: [string, unknown][] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  return {
    calls,
    emit: (name: string, payload: unknown) => listeners.get(name)?.forEach((l) => l(payload)),
    transport: {
      invoke: async (name: string, request: unknown) => {
        calls.push([name, request]);
        return { ok: true, value: name };
      },
      subscribe(name: string, listener: (p: unknown) => void) {
        const set = listeners.get(name) ?? new Set();
        listeners.set(name, set.add(listener));
        return () => set.delete(listener);
      },
    },
  };
}

describe('createBridge', () => {
  it('has one method per contract channel, grouped by domain, and is deeply frozen', () => {
    const bridge = createBridge(recordingTransport().transport) as unknown as Record<string, Record<string, unknown>>;
    for (const name of Object.keys(CHANNELS)) {
      const [domain, action] = name.split(':') as [string, string];
      expect(typeof bridge[domain]?.[action]).toBe('function');
      expect(Object.isFrozen(bridge[domain])).toBe(true);
    }
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('forwards only the request argument and delivers events without the transport event object', async () => {
    const t = recordingTransport();
    const bridge = createBridgeFor(
      { 'x:do': channel(z.object({ a: z.number() })).returns<string>(), 'x:none': channel(z.undefined()).returns<string>() },
      { 'x:changed': event<number>() },
      t.transport,
    );
    await (bridge.x.do as (...args: unknown[]) => Promise<unknown>)({ a: 1 }, 'smuggled');
    await bridge.x.none();
    expect(t.calls).toEqual([
      ['x:do', { a: 1 }],
      ['x:none', undefined],
    ]);
    const got: number[] = [];
    const off = bridge.on('x:changed', (n) => got.push(n));
    t.emit('x:changed', 5);
    off();
    t.emit('x:changed', 6);
    expect(got).toEqual([5]);
    expect(() => bridge.on('x:other' as 'x:changed', () => {})).toThrow(/Unknown event/);
  });
});
