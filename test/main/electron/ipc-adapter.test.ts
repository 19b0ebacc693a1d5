import { describe, expect, it } from 'vitest';
import type { IpcMain } from 'electron';
import { z } from 'zod';
import { bindRouterToIpc, senderOf, webContentsSink } from '../../../src/main/electron/ipc-adapter';
import { createRouter } from '../../../src/main/ipc/router';
import { createSenderCheck } from '../../../src/main/ipc/sender';
import { channel, event } from '../../../src/shared/ipc/define';
import { createFakeElectron, FakeWebContents } from './fake-electron';

const mainFrame = (url: string) => ({ url, parent: null });
const subFrame = (url: string) => ({ url, parent: mainFrame('app://console/index.html') });

function bound() {
  const electron = createFakeElectron();
  const win = new FakeWebContents();
  const router = createRouter({
    channels: { 'app:ping': channel(z.strictObject({ n: z.number() })).returns<number>() },
    events: { 'app:tick': event<number>() },
    handlers: { 'app:ping': ({ n }) => n + 1 },
    checkSender: createSenderCheck({ allowedOrigins: ['app://console'], isOurContents: (id) => id === win.id }),
    log: { warn: () => {}, error: () => {} },
  });
  const unbind = bindRouterToIpc(electron.ipcMain as unknown as IpcMain, router);
  const call = (frame: unknown, request: unknown, sender = win) => electron.ipcMain.handlers.get('app:ping')!({ sender, senderFrame: frame }, request);
  return { electron, win, router, unbind, call };
}

describe('Electron IPC adapter', () => {
  it('registers one handler per contract channel and removes them on unbind', () => {
    const { electron, unbind } = bound();
    expect([...electron.ipcMain.handlers.keys()]).toEqual(['app:ping']);
    unbind();
    expect(electron.ipcMain.handlers.size).toBe(0);
  });

  it('answers our window’s main frame at app://console', async () => {
    const { call } = bound();
    expect(await call(mainFrame('app://console/index.html'), { n: 1 })).toEqual({ ok: true, value: 2 });
  });

  it('refuses a subframe, a foreign frame, another webContents and a destroyed frame', async () => {
    const { call } = bound();
    const refused = { ok: false, error: { kind: 'Forbidden', message: expect.any(String) } };
    expect(await call(subFrame('app://console/embedded.html'), { n: 1 })).toEqual(refused);
    expect(await call(mainFrame('https://evil.example/'), { n: 1 })).toEqual(refused);
    expect(await call(mainFrame('app://console/index.html'), { n: 1 }, new FakeWebContents())).toEqual(refused);
    expect(await call(null, { n: 1 })).toEqual(refused);
  });

  it('refuses bad arguments', async () => {
    const { call } = bound();
    expect(await call(mainFrame('app://console/'), { n: 'one' })).toMatchObject({ ok: false, error: { kind: 'InvalidInput' } });
  });

  it('reduces the invoke event to id, frame URL and main-frame flag', () => {
    const contents = new FakeWebContents();
    expect(senderOf({ sender: contents, senderFrame: subFrame('app://console/x') } as never)).toEqual({
      contentsId: contents.id,
      frameUrl: 'app://console/x',
      isMainFrame: false,
    });
  });

  it('sends events to the window until it is destroyed', () => {
    const { router, win } = bound();
    router.addSink(webContentsSink(win));
    router.emit('app:tick', 1);
    win.destroyed = true;
    router.emit('app:tick', 2);
    expect(win.sent).toEqual([['app:tick', 1]]);
  });
});
