/* THE IPC contract: every channel the renderer may call and every event main may push.
 * Main builds its router from CHANNELS (src/main/ipc), the preload and the e2e harness
 * build `window.evo` from it (./bridge.ts), the renderer's hooks take their types from it.
 *
 * Add a channel: one line here (`'domain:action': channel(zodRequestSchema).returns<ResponseType>()`,
 * response types from src/shared), then a handler in src/main/ipc/handlers.ts — the
 * compiler refuses a router without it. Add an event: one line in EVENTS and an emit in
 * src/main/app-services.ts. Requests are validated against the schema in main; keep
 * schemas strict (z.strictObject) so unknown fields are refused, not ignored. */
import { z } from 'zod';
import { channel } from './define';

/** Static facts about the running app, for the About line and the banner. */
export interface AppInfo {
  name: string;
  version: string;
  /** Where the main process runs: the Electron app or the end-to-end harness. */
  host: 'electron' | 'harness';
}

const noRequest = z.undefined();

export const CHANNELS = {
  'app:info': channel(noRequest).returns<AppInfo>(),
} as const;

export const EVENTS = {} as const;

export type Channels = typeof CHANNELS;
export type Events = typeof EVENTS;
export type ChannelName = keyof Channels;
export type EventName = keyof Events;
