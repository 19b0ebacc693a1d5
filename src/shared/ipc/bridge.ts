/* Generates the renderer-facing API (`window.evo`) from the contract. The same function
 * runs in the real preload (transport = ipcRenderer) and in the end-to-end harness
 * (transport = a Playwright binding), so the object the renderer sees is identical in
 * both and nothing about a channel is written twice.
 *
 * Shape: `evo.<domain>.<action>(request?) → Promise<IpcResult<Response>>` for every
 * channel `domain:action`, and `evo.on(event, listener) → unsubscribe` for events. */
import type { ChannelMap, DomainOf, EventMap, IpcResult, PayloadOf, RequestOf, ResponseOf, ActionOf } from './define';
import { splitChannel } from './define';
import { CHANNELS, EVENTS } from './contract';
import type { Channels, Events } from './contract';

export interface BridgeTransport {
  invoke(channel: string, request: unknown): Promise<unknown>;
  /** Subscribe to one event name; returns an unsubscribe function. */
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

type MethodFor<C> = [RequestOf<C>] extends [undefined] ? () => Promise<IpcResult<ResponseOf<C>>> : (request: RequestOf<C>) => Promise<IpcResult<ResponseOf<C>>>;

export type BridgeApi<M extends ChannelMap, E extends EventMap> = {
  readonly [D in DomainOf<keyof M>]: {
    readonly [K in keyof M as K extends `${D}:${string}` ? ActionOf<K> : never]: MethodFor<M[K]>;
  };
} & {
  on<K extends keyof E & string>(event: K, listener: (payload: PayloadOf<E[K]>) => void): () => void;
};

export type EvoBridge = BridgeApi<Channels, Events>;

export function createBridgeFor<M extends ChannelMap, E extends EventMap>(channels: M, events: E, transport: BridgeTransport): BridgeApi<M, E> {
  const domains: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> = {};
  for (const name of Object.keys(channels)) {
    const { domain, action } = splitChannel(name);
    const methods = (domains[domain] ??= {});
    // Only the request crosses: never forward extra arguments the page might pass.
    methods[action] = (request?: unknown) => transport.invoke(name, request);
  }
  const eventNames = new Set(Object.keys(events));
  const on = (event: string, listener: (payload: unknown) => void) => {
    if (!eventNames.has(event)) throw new Error(`Unknown event: ${event}`);
    if (typeof listener !== 'function') throw new Error('listener must be a function');
    return transport.subscribe(event, (payload) => listener(payload));
  };
  const api: Record<string, unknown> = { on };
  for (const [domain, methods] of Object.entries(domains)) api[domain] = Object.freeze(methods);
  return Object.freeze(api) as unknown as BridgeApi<M, E>;
}

/** The bridge for this app's contract. */
export function createBridge(transport: BridgeTransport): EvoBridge {
  return createBridgeFor(CHANNELS, EVENTS, transport);
}

/** Name of the global the bridge is exposed as (preload and e2e harness). */
export const BRIDGE_GLOBAL = 'evo';
