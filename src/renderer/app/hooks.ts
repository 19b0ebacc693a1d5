/* The typed hook layer over window.evo: useEvoQuery for reads (cached by channel +
 * request), useEvoMutation for writes. Errors are AppError (toData() → AppErrorData). */
import { useEffect } from 'react';
import { useMutation, useQuery, type UseMutationOptions, type UseQueryOptions } from '@tanstack/react-query';
import type { AppError } from '../../shared/errors';
import type { ChannelName, Channels, EventName, Events } from '../../shared/ipc/contract';
import type { PayloadOf, RequestOf, ResponseOf } from '../../shared/ipc/define';
import { callEvo, useEvo, type RequestArgs } from './evo';

export function evoQueryKey<K extends ChannelName>(channel: K, ...args: RequestArgs<K>): readonly unknown[] {
  return args.length ? [channel, args[0]] : [channel];
}

type QueryOpts<K extends ChannelName> = Omit<UseQueryOptions<ResponseOf<Channels[K]>, AppError>, 'queryKey' | 'queryFn'>;

export function useEvoQuery<K extends ChannelName>(channel: K, args: RequestArgs<K>, options?: QueryOpts<K>) {
  const evo = useEvo();
  return useQuery<ResponseOf<Channels[K]>, AppError>({
    queryKey: evoQueryKey(channel, ...args),
    queryFn: () => callEvo(evo, channel, ...args),
    ...options,
  });
}

type MutationOpts<K extends ChannelName> = Omit<UseMutationOptions<ResponseOf<Channels[K]>, AppError, RequestOf<Channels[K]>>, 'mutationFn'>;

export function useEvoMutation<K extends ChannelName>(channel: K, options?: MutationOpts<K>) {
  const evo = useEvo();
  return useMutation<ResponseOf<Channels[K]>, AppError, RequestOf<Channels[K]>>({
    mutationKey: [channel],
    mutationFn: (request) => callEvo(evo, channel, ...([request] as unknown as RequestArgs<K>)),
    ...options,
  });
}

/** Subscribe to a main-process event for the lifetime of the component. */
export function useEvoEvent<K extends EventName>(event: K, listener: (payload: PayloadOf<Events[K]>) => void): void {
  const evo = useEvo();
  useEffect(() => evo.on(event, listener), [evo, event, listener]);
}
