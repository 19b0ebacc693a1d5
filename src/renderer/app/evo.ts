/* Calling main from the renderer: by channel name, with types from the contract. The
 * bridge answers IpcResult envelopes; here they become values or a thrown AppError
 * (whose toData() is the AppErrorData main sent), which is what react-query expects. */
import { createContext, useContext } from 'react';
import { AppError } from '../../shared/errors';
import type { EvoBridge } from '../../shared/ipc/bridge';
import type { ChannelName, Channels } from '../../shared/ipc/contract';
import type { IpcResult, RequestOf, ResponseOf } from '../../shared/ipc/define';
import { splitChannel } from '../../shared/ipc/define';

export const EvoContext = createContext<EvoBridge | null>(null);

export function useEvo(): EvoBridge {
  const evo = useContext(EvoContext);
  if (!evo) throw new Error('EvoContext missing: the app must be rendered inside <AppProviders>.');
  return evo;
}

/** Arguments after the channel name: none for channels without a request. */
export type RequestArgs<K extends ChannelName> = [RequestOf<Channels[K]>] extends [undefined] ? [] : [request: RequestOf<Channels[K]>];

export async function callEvo<K extends ChannelName>(evo: EvoBridge, channel: K, ...args: RequestArgs<K>): Promise<ResponseOf<Channels[K]>> {
  const { domain, action } = splitChannel(channel);
  const method = (evo as unknown as Record<string, Record<string, (request?: unknown) => Promise<IpcResult<unknown>>>>)[domain]?.[action];
  if (!method) throw new AppError({ kind: 'Unexpected', message: `The app's bridge has no ${channel}.` });
  let result: IpcResult<unknown>;
  try {
    result = await method(args[0]);
  } catch (e) {
    // Transport failure (window closing, harness gone): not a server answer.
    throw new AppError({ kind: 'Unexpected', message: e instanceof Error ? e.message : String(e) });
  }
  if (!result.ok) throw new AppError(result.error);
  return result.value as ResponseOf<Channels[K]>;
}

export function errorData(e: unknown) {
  return e instanceof AppError ? e.toData() : { kind: 'Unexpected' as const, message: e instanceof Error ? e.message : String(e) };
}
