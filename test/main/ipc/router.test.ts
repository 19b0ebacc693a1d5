import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../../src/shared/errors';
import { channel, event } from '../../../src/shared/ipc/define';
import { IPC_MAX_NESTING, limitNesting, TOO_DEEP_FOR_THE_WINDOW } from '../../../src/main/ipc/nesting';
import { createRouter, type RouterLog } from '../../../src/main/ipc/router';
import { createSenderCheck, originOf, type IpcSender } from '../../../src/main/ipc/sender';

const channels = {
  'demo:echo': channel(z.strictObject({ text: z.string().max(10) })).returns<{ echoed: string }>(),
  'demo:signIn': channel(z.strictObject({ email: z.string(), password: z.string() })).returns<string>(),
  'demo:fail': channel(z.undefined()).returns<void>(),
  'demo:crash': channel(z.undefined()).returns<void>(),
  'demo:deep': channel(z.strictObject({ levels: z.number() })).returns<unknown>(),
};
const events = { 'demo:tick': event<{ n: number }>(), 'demo:deep': event<unknown>() };

/** `levels` objects nested in one another (as a 700-Value `data` is), with a leaf at the bottom. */
function nested(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = i % 2 ? { entry: value } : [value];
  return value;
}

/** Levels of objects/arrays from the top to the deepest leaf, and that leaf. */
function depthOf(value: unknown): { depth: number; leaf: unknown } {
  let depth = 0;
  let v = value;
  while (typeof v === 'object' && v !== null) {
    v = Array.isArray(v) ? v[0] : (v as { entry: unknown }).entry;
    depth++;
  }
  return { depth, leaf: v };
}

const APP = 'app://console';
const ourWindow = 7;
const good: IpcSender = { contentsId: ourWindow, frameUrl: `${APP}/index.html`, isMainFrame: true };

function setup() {
  const logged: { level: string; message: string; fields: Record<string, unknown> }[] = [];
  const log: RouterLog = {
    warn: (message, fields) => logged.push({ level: 'warn', message, fields }),
    error: (message, fields) => logged.push({ level: 'error', message, fields }),
  };
  const router = createRouter({
    channels,
    events,
    log,
    checkSender: createSenderCheck({ allowedOrigins: [APP], isOurContents: (id) => id === ourWindow }),
    handlers: {
      'demo:echo': ({ text }) => ({ echoed: text }),
      'demo:signIn': async ({ email }) => `hello ${email}`,
      'demo:fail': () => {
        throw new AppError({ kind: 'AuthRequired', message: 'Wrong email or password.', customerId: 'c1' });
      },
      'demo:crash': () => {
        throw new TypeError('boom');
      },
      'demo:deep': ({ levels }) => ({ customer: { id: 'c1', data: nested(levels) } }),
    },
  });
  return { router, logged };
}

describe('IPC router', () => {
  it('answers a valid call from our main frame', async () => {
    const { router } = setup();
    expect(await router.invoke('demo:echo', { text: 'hi' }, good)).toEqual({ ok: true, value: { echoed: 'hi' } });
  });

  it('refuses a foreign origin, a subframe and another webContents, and logs why', async () => {
    const { router, logged } = setup();
    const foreign = await router.invoke('demo:echo', { text: 'hi' }, { ...good, frameUrl: 'https://evil.example/x' });
    const subframe = await router.invoke('demo:echo', { text: 'hi' }, { ...good, isMainFrame: false });
    const otherWindow = await router.invoke('demo:echo', { text: 'hi' }, { ...good, contentsId: 99 });
    const fileUrl = await router.invoke('demo:echo', { text: 'hi' }, { ...good, frameUrl: 'file:///etc/passwd' });
    for (const result of [foreign, subframe, otherWindow, fileUrl]) {
      expect(result).toEqual({ ok: false, error: { kind: 'Forbidden', message: expect.any(String) } });
    }
    expect(logged.map((l) => l.fields.reason)).toEqual([
      'sender origin https://evil.example is not the app\'s',
      'sender is a subframe',
      'sender is not an app window',
      'sender origin (invalid) is not the app\'s',
    ]);
  });

  it('refuses arguments that do not match the schema, with field errors, without logging the values', async () => {
    const { router, logged } = setup();
    const tooLong = await router.invoke('demo:echo', { text: 'x'.repeat(11) }, good);
    const extra = await router.invoke('demo:signIn', { email: 'a@b.c', password: 'hunter2', admin: true }, good);
    const missing = await router.invoke('demo:signIn', { email: 'a@b.c' }, good);
    expect(tooLong.ok).toBe(false);
    if (!tooLong.ok) expect(tooLong.error).toMatchObject({ kind: 'InvalidInput', fieldErrors: [{ field: 'text' }] });
    expect(extra).toMatchObject({ ok: false, error: { kind: 'InvalidInput' } });
    expect(missing).toMatchObject({ ok: false, error: { kind: 'InvalidInput', fieldErrors: [{ field: 'password' }] } });
    expect(JSON.stringify(logged)).not.toContain('hunter2');
  });

  it('refuses unknown channels, including Object.prototype names', async () => {
    const { router } = setup();
    for (const name of ['demo:nope', 'constructor', '__proto__', 'toString']) {
      const result = await router.invoke(name, undefined, good);
      expect(result).toMatchObject({ ok: false, error: { kind: 'InvalidInput' } });
    }
    // A foreign sender is refused before the channel is looked at.
    expect(await router.invoke('demo:nope', undefined, { ...good, isMainFrame: false })).toMatchObject({ ok: false, error: { kind: 'Forbidden' } });
  });

  it('turns handler errors into data: AppError keeps kind/customerId, anything else becomes Unexpected without a stack', async () => {
    const { router, logged } = setup();
    expect(await router.invoke('demo:fail', undefined, good)).toEqual({
      ok: false,
      error: { kind: 'AuthRequired', message: 'Wrong email or password.', customerId: 'c1' },
    });
    const crash = await router.invoke('demo:crash', undefined, good);
    expect(crash).toEqual({ ok: false, error: { kind: 'Unexpected', message: 'boom' } });
    expect(JSON.stringify(crash)).not.toMatch(/stack|router\.test/);
    expect(logged.some((l) => l.level === 'error' && l.fields.channel === 'demo:crash')).toBe(true);
  });

  it('sends events to every sink, survives a failing sink and refuses unknown events', () => {
    const { router, logged } = setup();
    const got: unknown[] = [];
    const remove = router.addSink((name, payload) => got.push([name, payload]));
    router.addSink(() => {
      throw new Error('window closed');
    });
    router.emit('demo:tick', { n: 1 });
    remove();
    router.emit('demo:tick', { n: 2 });
    expect(got).toEqual([['demo:tick', { n: 1 }]]);
    expect(logged.filter((l) => l.message === 'event sink failed')).toHaveLength(2);
    expect(() => router.emit('demo:other' as 'demo:tick', { n: 3 })).toThrow(/Unknown event/);
  });
});

describe('what crosses to the window is bounded in nesting (Electron’s contextBridge refuses deeper than 1000)', () => {
  it('an answer or event nested 2,000 levels deep is cut at IPC_MAX_NESTING, the rest as it was; a shallow one is untouched', async () => {
    const { router } = setup();
    const deep = await router.invoke('demo:deep', { levels: 2000 }, good);
    if (!deep.ok) throw new Error('expected an answer');
    const { customer } = deep.value as { customer: { id: string; data: unknown } };
    expect(customer.id).toBe('c1');
    // The answer itself and `customer` are the first two levels.
    expect(depthOf(customer.data)).toEqual({ depth: IPC_MAX_NESTING - 2, leaf: TOO_DEEP_FOR_THE_WINDOW });
    const shallow = await router.invoke('demo:deep', { levels: 40 }, good);
    expect(shallow).toEqual({ ok: true, value: { customer: { id: 'c1', data: nested(40) } } });

    const got: unknown[] = [];
    router.addSink((_name, payload) => got.push(payload));
    router.emit('demo:deep', nested(1500));
    expect(depthOf(got[0])).toEqual({ depth: IPC_MAX_NESTING, leaf: TOO_DEEP_FOR_THE_WINDOW });
  });

  it('limitNesting copies only what it cuts', () => {
    const kept = { name: 'kept' };
    const value = { kept, deep: nested(10) };
    expect(limitNesting(value, 20)).toBe(value);
    const cut = limitNesting(value, 5) as typeof value;
    expect(cut.kept).toBe(kept);
    expect(depthOf(cut.deep)).toEqual({ depth: 4, leaf: TOO_DEEP_FOR_THE_WINDOW });
    expect(depthOf(value.deep)).toEqual({ depth: 10, leaf: 'bottom' }); // the original is not changed
  });
});

describe('originOf', () => {
  it('handles custom schemes (where URL.origin is "null") and loopback http', () => {
    expect(originOf('app://console/index.html')).toBe('app://console');
    expect(originOf('http://127.0.0.1:5173/')).toBe('http://127.0.0.1:5173');
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('not a url')).toBeNull();
  });
});
