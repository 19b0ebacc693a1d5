/* Binds the transport-independent router to Electron: one ipcMain.handle per contract
 * channel, events out through webContents.send. The IpcMainInvokeEvent itself never
 * reaches a handler; it is reduced to the facts the sender check needs. */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Router } from '../ipc/router';
import type { IpcSender } from '../ipc/sender';
import type { ChannelMap, EventMap } from '../../shared/ipc/define';

export function senderOf(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): IpcSender {
  const frame = event.senderFrame;
  return {
    contentsId: event.sender.id,
    // A frame that navigated away or was destroyed mid-call has no usable URL: refuse it.
    frameUrl: frame?.url ?? '',
    isMainFrame: frame != null && frame.parent === null,
  };
}

export function bindRouterToIpc<M extends ChannelMap, E extends EventMap>(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, router: Router<M, E>): () => void {
  for (const channel of router.channelNames) {
    ipcMain.handle(channel, (event, request: unknown) => router.invoke(channel, request, senderOf(event)));
  }
  return () => {
    for (const channel of router.channelNames) ipcMain.removeHandler(channel);
  };
}

/** Event sink for one window: drops events once the window is gone. */
export function webContentsSink(contents: Pick<WebContents, 'isDestroyed' | 'send'>): (event: string, payload: unknown) => void {
  return (event, payload) => {
    if (!contents.isDestroyed()) contents.send(event, payload);
  };
}
