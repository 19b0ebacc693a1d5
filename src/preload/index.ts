/* The sandboxed preload: exposes exactly one frozen object, `window.evo`, generated from
 * the IPC contract. The page never gets ipcRenderer, never an IpcRendererEvent (it
 * carries the sender), and can only call the contract's channel names. */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL, createBridge } from '../shared/ipc/bridge';

const bridge = createBridge({
  invoke: (channel, request) => ipcRenderer.invoke(channel, request),
  subscribe(event, listener) {
    const wrapped = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
});

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
