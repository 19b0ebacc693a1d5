import { describe, expect, it, vi } from 'vitest';
import * as electron from 'electron';
import { CHANNELS } from '../../../src/shared/ipc/contract';
import type { EvoBridge } from '../../../src/shared/ipc/bridge';
import type { FakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron());

describe('preload', () => {
  it('exposes one frozen contract-generated object as window.evo, forwarding to ipcRenderer.invoke', async () => {
    await import('../../../src/preload/index');
    const fake = electron as unknown as FakeElectron;
    expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, bridge] = fake.contextBridge.exposeInMainWorld.mock.calls[0] as unknown as [string, EvoBridge];
    expect(name).toBe('evo');
    expect(Object.isFrozen(bridge)).toBe(true);
    // Only contract domains + `on`: no ipcRenderer, no send, no arbitrary channel.
    const domains = new Set(Object.keys(CHANNELS).map((c) => c.split(':')[0]));
    expect(Object.keys(bridge).sort()).toEqual([...domains, 'on'].sort());

    await bridge.app.info();
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith('app:info', undefined);

    // Events: the page gets the payload only, never the IpcRendererEvent (it carries the sender).
    const got: unknown[][] = [];
    const off = bridge.on('connectivity:state', (...args: unknown[]) => got.push(args));
    fake.ipcRenderer.emit('connectivity:state', { sender: 'secret' }, { state: 'offline', since: 1, failedProbes: 0 });
    off();
    fake.ipcRenderer.emit('connectivity:state', { sender: 'secret' }, { state: 'online', since: 2, failedProbes: 0 });
    expect(got).toEqual([[{ state: 'offline', since: 1, failedProbes: 0 }]]);
    expect(fake.ipcRenderer.listenerCount('connectivity:state')).toBe(0);
  });
});
