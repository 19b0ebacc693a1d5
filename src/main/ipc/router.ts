/* The IPC router: one entry point (`invoke`) for every call from a renderer, built from
 * the contract plus a handler per channel. It knows nothing about Electron — the adapter
 * in src/main/electron binds it to ipcMain/webContents, the e2e harness binds it to a
 * Playwright binding, and unit tests call it directly.
 *
 * Every call: trusted sender → known channel → request valid against the channel's zod
 * schema → handler. Any refusal is logged (channel + reason, never the request, which
 * may hold a password) and answered with a typed error; handler failures become
 * AppErrorData (no stacks cross). Answers and event payloads are bounded in nesting
 * (./nesting.ts: what Electron's contextBridge can carry). */
import type { z } from 'zod';
import { toErrorData } from '../../shared/errors';
import type { AppErrorData, FieldError } from '../../shared/errors';
import type { ChannelDef, ChannelMap, EventMap, IpcResult, ParsedRequestOf, PayloadOf, ResponseOf } from '../../shared/ipc/define';
import type { IpcSender, SenderCheck } from './sender';
import { limitNesting } from './nesting';
import { originOf } from './sender';

export type Handlers<M extends ChannelMap> = {
  [K in keyof M]: (request: ParsedRequestOf<M[K]>) => Promise<ResponseOf<M[K]>> | ResponseOf<M[K]>;
};

/** Where events go: the Electron adapter sends to our window(s); the harness pushes into the page. */
export type EventSink = (event: string, payload: unknown) => void;

export interface RouterLog {
  warn(message: string, fields: Record<string, unknown>): void;
  error(message: string, fields: Record<string, unknown>): void;
}

export const consoleRouterLog: RouterLog = {
  warn: (message, fields) => console.warn(`[ipc] ${message}`, fields),
  error: (message, fields) => console.error(`[ipc] ${message}`, fields),
};

export interface RouterOptions<M extends ChannelMap, E extends EventMap> {
  channels: M;
  events: E;
  handlers: Handlers<M>;
  checkSender: SenderCheck;
  log?: RouterLog;
}

export interface Router<M extends ChannelMap, E extends EventMap> {
  readonly channelNames: readonly (keyof M & string)[];
  invoke<K extends keyof M & string>(channel: K, request: unknown, sender: IpcSender): Promise<IpcResult<ResponseOf<M[K]>>>;
  invoke(channel: string, request: unknown, sender: IpcSender): Promise<IpcResult<unknown>>;
  emit<K extends keyof E & string>(event: K, payload: PayloadOf<E[K]>): void;
  /** Add a sink (returns its removal). Events with no sink are dropped. */
  addSink(sink: EventSink): () => void;
}

function zodFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || '(request)', message: issue.message }));
}

export function createRouter<M extends ChannelMap, E extends EventMap>(options: RouterOptions<M, E>): Router<M, E> {
  const { channels, events, handlers, checkSender } = options;
  const log = options.log ?? consoleRouterLog;
  const sinks = new Set<EventSink>();
  const known = new Set(Object.keys(channels));

  const refuse = (channel: string, sender: IpcSender, reason: string, error: AppErrorData): IpcResult<never> => {
    log.warn('refused call', { channel, reason, origin: originOf(sender.frameUrl), contentsId: sender.contentsId });
    return { ok: false, error };
  };

  async function invoke(channel: string, request: unknown, sender: IpcSender): Promise<IpcResult<unknown>> {
    // Sender first: a foreign frame learns nothing, not even which channels exist.
    const senderProblem = checkSender(sender);
    if (senderProblem !== null) {
      return refuse(String(channel).slice(0, 64), sender, senderProblem, { kind: 'Forbidden', message: 'This request is not allowed from this page.' });
    }
    // Own-property check: "constructor" or "__proto__" must not reach Object.prototype.
    if (typeof channel !== 'string' || !known.has(channel) || !Object.hasOwn(channels, channel)) {
      return refuse(String(channel).slice(0, 64), sender, 'unknown channel', { kind: 'InvalidInput', message: 'Unknown request.' });
    }
    const def = (channels as Record<string, ChannelDef>)[channel]!;
    const parsed = def.request.safeParse(request);
    if (!parsed.success) {
      const fieldErrors = zodFieldErrors(parsed.error);
      return refuse(channel, sender, `invalid request: ${fieldErrors.map((f) => f.field).join(', ')}`, {
        kind: 'InvalidInput',
        message: 'The request was not valid.',
        fieldErrors,
      });
    }
    const handler = handlers[channel as keyof M] as (request: unknown) => unknown;
    try {
      return { ok: true, value: limitNesting(await handler(parsed.data)) };
    } catch (e) {
      const error = toErrorData(e);
      if (error.kind === 'Unexpected') log.error('handler failed', { channel, message: error.message });
      return { ok: false, error };
    }
  }

  return {
    channelNames: Object.keys(channels) as (keyof M & string)[],
    invoke: invoke as Router<M, E>['invoke'],
    emit(event, payload) {
      if (!Object.hasOwn(events, event)) throw new Error(`Unknown event: ${event}`);
      const limited = limitNesting(payload);
      for (const sink of sinks) {
        try {
          sink(event, limited);
        } catch (e) {
          // A closed window must not break the service that emitted the event.
          log.warn('event sink failed', { event, message: e instanceof Error ? e.message : String(e) });
        }
      }
    },
    addSink(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
  };
}
