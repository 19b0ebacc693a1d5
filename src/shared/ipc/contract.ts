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
import type { RunProgress } from '../bulk/types';
import type { ConnectivitySnapshot } from '../connectivity';
import type { ServerProfile, SessionState } from '../session';
import { channel, event } from './define';

/** Static facts about the running app, for the About line and the banner. */
export interface AppInfo {
  name: string;
  version: string;
  /** Where the main process runs: the Electron app, the end-to-end harness or the evo-console CLI. */
  host: 'electron' | 'harness' | 'cli';
}

const noRequest = z.undefined();
/** Bounded strings: a renderer must not be able to make main hold megabytes. */
const text = (max: number) => z.string().max(max);
const id = z.string().min(1).max(200);

export const SignInRequestSchema = z.strictObject({
  /** Defaults to the profile currently selected. */
  profileId: id.optional(),
  email: text(320).trim().min(1, 'Enter your email address.'),
  password: text(1024).min(1, 'Enter your password.'),
  rememberMe: z.boolean(),
});
export type SignInRequest = z.input<typeof SignInRequestSchema>;

export const AddProfileRequestSchema = z.strictObject({
  label: text(100).trim().min(1, 'Give the server a name.'),
  /** Checked with checkServerUrl in main (https, or http on loopback only). */
  url: text(2048),
});
export type AddProfileRequest = z.input<typeof AddProfileRequestSchema>;

export const CHANNELS = {
  'app:info': channel(noRequest).returns<AppInfo>(),

  /** The current session (status, profile, user, accounts, keychain availability). */
  'session:getState': channel(noRequest).returns<SessionState>(),
  /** Production, the local sandbox and the user's own servers. */
  'session:listProfiles': channel(noRequest).returns<ServerProfile[]>(),
  /** Adds a custom server (validated like every other address). */
  'session:addProfile': channel(AddProfileRequestSchema).returns<ServerProfile>(),
  /** Switch server while signed out; resumes that server's saved session if any. */
  'session:selectProfile': channel(z.strictObject({ profileId: id })).returns<SessionState>(),
  'session:signIn': channel(SignInRequestSchema).returns<SessionState>(),
  'session:selectAccount': channel(z.strictObject({ accountId: id })).returns<SessionState>(),
  /** At start: the last server and its saved session (from the keychain), checked with the server. */
  'session:restore': channel(noRequest).returns<SessionState>(),
  /** Give up on "sign in again": interrupted work fails, the session is forgotten. */
  'session:cancelSignIn': channel(noRequest).returns<SessionState>(),
  /** keepCache false also deletes this server's offline copy from this computer. */
  'session:signOut': channel(z.strictObject({ keepCache: z.boolean() })).returns<SessionState>(),

  'connectivity:getState': channel(noRequest).returns<ConnectivitySnapshot>(),
} as const;

export const EVENTS = {
  /** Every session change (sign-in, account, 401 → signInRequired, sign-out). */
  'session:state': event<SessionState>(),
  'connectivity:state': event<ConnectivitySnapshot>(),
  /** A bulk staging run's progress (emitted by the bulk engine's wiring). */
  'bulk:progress': event<RunProgress>(),
} as const;

export type Channels = typeof CHANNELS;
export type Events = typeof EVENTS;
export type ChannelName = keyof Channels;
export type EventName = keyof Events;
