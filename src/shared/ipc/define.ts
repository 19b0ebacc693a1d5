/* The building blocks of the IPC contract (contract.ts). A channel pairs a runtime
 * request schema (zod: main validates every call with it, because the renderer is
 * untrusted) with a compile-time response type (main produces responses, so a type is
 * enough and costs nothing at runtime). An event is main → renderer only, so it carries
 * just a payload type. */
import type { z } from 'zod';
import type { AppErrorData } from '../errors';

declare const phantom: unique symbol;

export interface ChannelDef<Req extends z.ZodType = z.ZodType, Res = unknown> {
  readonly request: Req;
  /** Type-level only: never read at runtime. */
  readonly [phantom]?: Res;
}

export interface EventDef<Payload = unknown> {
  readonly event: true;
  /** Type-level only: never read at runtime. */
  readonly [phantom]?: Payload;
}

/** `channel(schema).returns<Response>()` — the schema is the single runtime artefact. */
export function channel<Req extends z.ZodType>(request: Req) {
  return { returns: <Res>(): ChannelDef<Req, Res> => ({ request }) };
}

export function event<Payload>(): EventDef<Payload> {
  return { event: true };
}

export type ChannelMap = Record<`${string}:${string}`, ChannelDef>;
export type EventMap = Record<`${string}:${string}`, EventDef>;

export type RequestOf<C> = C extends ChannelDef<infer Req, unknown> ? z.input<Req> : never;
export type ParsedRequestOf<C> = C extends ChannelDef<infer Req, unknown> ? z.output<Req> : never;
export type ResponseOf<C> = C extends ChannelDef<z.ZodType, infer Res> ? Res : never;
export type PayloadOf<E> = E extends EventDef<infer P> ? P : never;

/** What crosses the wire for every call. Errors travel as data (never an Error with a
 * stack), because Electron's invoke rejection and contextBridge both drop custom fields. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export type DomainOf<K> = K extends `${infer D}:${string}` ? D : never;
export type ActionOf<K> = K extends `${string}:${infer A}` ? A : never;

export function splitChannel(name: string): { domain: string; action: string } {
  const i = name.indexOf(':');
  return { domain: name.slice(0, i), action: name.slice(i + 1) };
}
