import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { createBridge } from '../../../src/shared/ipc/bridge';
import { callEvo, errorData } from '../../../src/renderer/app/evo';
import { evoQueryKey } from '../../../src/renderer/app/hooks';

function bridgeAnswering(answer: (channel: string, request: unknown) => Promise<unknown>) {
  return createBridge({ invoke: answer, subscribe: () => () => {} });
}

describe('callEvo (the hook layer’s query/mutation function)', () => {
  it('returns the value of an ok answer and sends the request', async () => {
    const seen: unknown[] = [];
    const evo = bridgeAnswering(async (channel, request) => {
      seen.push([channel, request]);
      return { ok: true, value: { id: 'sandbox', label: 'x', url: 'http://127.0.0.1:1', kind: 'sandbox' } };
    });
    const profile = await callEvo(evo, 'session:addProfile', { label: 'x', url: 'http://127.0.0.1:1' });
    expect(profile.kind).toBe('sandbox');
    expect(seen).toEqual([['session:addProfile', { label: 'x', url: 'http://127.0.0.1:1' }]]);
  });

  it('throws an AppError carrying main’s AppErrorData', async () => {
    const evo = bridgeAnswering(async () => ({ ok: false, error: { kind: 'Forbidden', message: 'No role.', customerId: 'c9' } }));
    const error = await callEvo(evo, 'session:getState').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(errorData(error)).toEqual({ kind: 'Forbidden', message: 'No role.', customerId: 'c9' });
  });

  it('reports a broken transport as Unexpected, not as a server answer', async () => {
    const evo = bridgeAnswering(async () => {
      throw new Error('Target page, context or browser has been closed');
    });
    const error = await callEvo(evo, 'app:info').catch((e: unknown) => e);
    expect(errorData(error)).toMatchObject({ kind: 'Unexpected' });
  });

  it('keys queries by channel and request', () => {
    expect(evoQueryKey('session:getState')).toEqual(['session:getState']);
    expect(evoQueryKey('session:selectProfile', { profileId: 'p' })).toEqual(['session:selectProfile', { profileId: 'p' }]);
  });
});
