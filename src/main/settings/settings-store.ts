/* Non-secret settings in one JSON file in the app-data folder: server profiles, what was
 * last used per profile, the shell's window state and preferences. Secrets (cookies,
 * tokens) live only in the OS keychain (session/keychain.ts), never here.
 *
 * The desktop app and the CLI share the file, so every change is a read-modify-write of the
 * file's current content under an inter-process lock (`update`): each writer merges its own
 * keys into what the other wrote instead of overwriting it with a stale copy. A lock rather
 * than "re-read just before the rename": that check and the rename are two steps, and another
 * process can still write between them; the lock makes the whole change one step. The write
 * itself is atomic (temp file + rename, 0600), so a crash never leaves half a file. A file that
 * cannot be parsed or validated is moved aside, defaults are used and `onRecovery` is told. */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { lockSync } from 'proper-lockfile';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { checkServerUrl } from '../../shared/server-url';
import { OWNER_ONLY_DIR, writeOwnerOnlyFileAtomically } from '../files/owner-only';
import { isProductionOrigin } from '../../shared/server-environment';
import {
  PRODUCTION_PROFILE,
  PRODUCTION_PROFILE_ID,
  SANDBOX_PROFILE_ID,
  sandboxProfile,
  type ServerProfile,
} from './profiles';

export const SETTINGS_FILE_NAME = 'settings.json';

/** Who a user was at the last successful check (non-secret): lets a saved session start
 * offline (server unreachable) with the right name, roles and account list. */
const KnownUserSchema = z.object({
  name: z.string(),
  roles: z.array(z.string()),
  accounts: z.array(z.object({ id: z.string(), name: z.string() })),
});

const ProfileUseSchema = z.object({
  lastEmail: z.string().optional(),
  /** Last active account per user (lower-cased email) on this profile. */
  lastAccountIdByEmail: z.record(z.string(), z.string()).default({}),
  /** Last known user summary per user (lower-cased email) on this profile. */
  knownUserByEmail: z.record(z.string(), KnownUserSchema).default({}),
});

const SettingsSchema = z.object({
  version: z.literal(1),
  customProfiles: z.array(z.object({ id: z.string().min(1), label: z.string(), url: z.string() })).default([]),
  sandboxUrl: z.string().optional(),
  lastProfileId: z.string().optional(),
  profileUse: z.record(z.string(), ProfileUseSchema).default({}),
  /** Free-form slot owned by the Electron shell. */
  window: z.unknown().optional(),
  preferences: z.record(z.string(), z.unknown()).default({}),
});

export type SettingsData = z.infer<typeof SettingsSchema>;
export type ProfileUse = z.infer<typeof ProfileUseSchema>;
export type KnownUser = z.infer<typeof KnownUserSchema>;

export interface SettingsRecovery {
  /** Where the unreadable file was moved. */
  movedTo: string;
  reason: string;
}

export interface SettingsLogger {
  warn(message: string, fields?: Record<string, unknown>): void;
}

export interface SettingsStoreOptions {
  /** The app-data folder (see app-paths.ts). */
  dir: string;
  logger?: SettingsLogger;
  /** Called whenever a damaged file was moved aside (the app tells the user). */
  onRecovery?: (recovery: SettingsRecovery) => void;
  /** Clock for naming moved-aside files (tests). */
  now?: () => Date;
}

const defaults = (): SettingsData => SettingsSchema.parse({ version: 1 });

/** A change holds the lock for one read and one small write (milliseconds). A lock older than
 * this was left by a process that died holding it, and is taken over. */
const LOCK_STALE_MS = 5_000;
/** Longer than LOCK_STALE_MS, so a dead holder's lock is taken over rather than reported. */
const LOCK_WAIT_MS = 7_000;
const LOCK_POLL_MS = 5;
const pause = new Int32Array(new SharedArrayBuffer(4));
/** Settings calls are synchronous; the wait for another process's write is a few milliseconds. */
const sleepSync = (ms: number) => Atomics.wait(pause, 0, 0, ms);

export class SettingsStore {
  readonly file: string;
  private readonly dir: string;
  private readonly logger?: SettingsLogger;
  private readonly onRecovery?: (recovery: SettingsRecovery) => void;
  private readonly now: () => Date;

  constructor(options: SettingsStoreOptions) {
    this.dir = options.dir;
    this.file = path.join(options.dir, SETTINGS_FILE_NAME);
    this.logger = options.logger;
    this.onRecovery = options.onRecovery;
    this.now = options.now ?? (() => new Date());
  }

  /** A fresh copy of everything in the file (defaults when absent or corrupt). */
  read(): SettingsData {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return defaults();
      throw e;
    }
    let reason: string;
    try {
      const parsed = SettingsSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
      reason = `invalid settings: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`;
    } catch (e) {
      reason = `not JSON: ${(e as Error).message}`;
    }
    return this.moveAside(reason);
  }

  /** Read, change, write atomically, all under the settings lock. Returns the written data. */
  update(change: (data: SettingsData) => void): SettingsData {
    return this.locked(() => {
      const data = this.read();
      change(data);
      const valid = SettingsSchema.parse(data);
      this.write(`${JSON.stringify(valid, null, 2)}\n`);
      return valid;
    });
  }

  // ---- profiles ----

  /** Built-in production, the local sandbox, then the user's own servers. */
  profiles(): ServerProfile[] {
    const data = this.read();
    return [
      { ...PRODUCTION_PROFILE },
      sandboxProfile(data.sandboxUrl),
      // A server added by hand is production when its origin is (red banner, typed counts).
      ...data.customProfiles.map((p) => ({ ...p, kind: isProductionOrigin(p.url) ? ('production' as const) : ('custom' as const) })),
    ];
  }

  profile(id: string): ServerProfile | undefined {
    return this.profiles().find((p) => p.id === id);
  }

  /** Adds a server the user typed; refuses an invalid or insecure URL (InsecureUrl/InvalidInput). */
  addCustomProfile(label: string, url: string): ServerProfile {
    const checked = this.checkUrl(url);
    const profile: ServerProfile = { id: `custom-${randomUUID()}`, label: label.trim() || checked, url: checked, kind: isProductionOrigin(checked) ? 'production' : 'custom' };
    this.update((d) => {
      d.customProfiles.push({ id: profile.id, label: profile.label, url: profile.url });
    });
    return profile;
  }

  removeCustomProfile(id: string): void {
    this.update((d) => {
      d.customProfiles = d.customProfiles.filter((p) => p.id !== id);
      delete d.profileUse[id];
      if (d.lastProfileId === id) delete d.lastProfileId;
    });
  }

  /** The sandbox's URL changes every run (random port): `npm run demo` sets it here. */
  setSandboxUrl(url: string): ServerProfile {
    const checked = this.checkUrl(url);
    this.update((d) => {
      d.sandboxUrl = checked;
    });
    return sandboxProfile(checked);
  }

  // ---- last used ----

  lastProfileId(): string | undefined {
    return this.read().lastProfileId;
  }

  setLastProfileId(id: string): void {
    this.update((d) => {
      d.lastProfileId = id;
    });
  }

  profileUse(profileId: string): ProfileUse {
    return this.read().profileUse[profileId] ?? { lastAccountIdByEmail: {}, knownUserByEmail: {} };
  }

  /** Remembers who signed in last on a profile (prefills the sign-in form). */
  setLastEmail(profileId: string, email: string): void {
    this.update((d) => {
      const use = (d.profileUse[profileId] ??= { lastAccountIdByEmail: {}, knownUserByEmail: {} });
      use.lastEmail = email;
    });
  }

  lastAccountId(profileId: string, email: string): string | undefined {
    return this.profileUse(profileId).lastAccountIdByEmail[email.toLowerCase()];
  }

  setLastAccountId(profileId: string, email: string, accountId: string): void {
    this.update((d) => {
      const use = (d.profileUse[profileId] ??= { lastAccountIdByEmail: {}, knownUserByEmail: {} });
      use.lastAccountIdByEmail[email.toLowerCase()] = accountId;
    });
  }

  knownUser(profileId: string, email: string): KnownUser | undefined {
    return this.profileUse(profileId).knownUserByEmail[email.toLowerCase()];
  }

  setKnownUser(profileId: string, email: string, user: KnownUser): void {
    this.update((d) => {
      const use = (d.profileUse[profileId] ??= { lastAccountIdByEmail: {}, knownUserByEmail: {} });
      use.knownUserByEmail[email.toLowerCase()] = user;
    });
  }

  // ---- shell slots ----

  windowState(): unknown {
    return this.read().window;
  }

  setWindowState(state: unknown): void {
    this.update((d) => {
      d.window = state;
    });
  }

  preferences(): Record<string, unknown> {
    return this.read().preferences;
  }

  setPreference(key: string, value: unknown): void {
    this.update((d) => {
      if (value === undefined) delete d.preferences[key];
      else d.preferences[key] = value;
    });
  }

  // ---- internals ----

  private checkUrl(url: string): string {
    const result = checkServerUrl(url);
    if (!result.ok) throw new AppError(result.error);
    return result.url;
  }

  private moveAside(reason: string): SettingsData {
    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    const movedTo = `${this.file}.corrupt-${stamp}`;
    try {
      renameSync(this.file, movedTo);
    } catch (e) {
      // Another process (app or CLI) found it damaged at the same moment and moved it first.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return defaults();
      throw e;
    }
    const recovery = { movedTo, reason };
    this.logger?.warn('Settings file was unreadable; moved it aside and started from defaults.', recovery);
    this.onRecovery?.(recovery);
    return defaults();
  }

  private locked<T>(work: () => T): T {
    mkdirSync(this.dir, { recursive: true, mode: OWNER_ONLY_DIR });
    const deadline = Date.now() + LOCK_WAIT_MS;
    let release: () => void;
    for (;;) {
      try {
        release = lockSync(this.file, { realpath: false, stale: LOCK_STALE_MS });
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ELOCKED' || Date.now() >= deadline) {
          throw new AppError({ kind: 'Unexpected', message: `Could not lock ${this.file} to save settings: ${(e as Error).message}` }, { cause: e });
        }
        sleepSync(LOCK_POLL_MS);
      }
    }
    try {
      return work();
    } finally {
      release();
    }
  }

  private write(text: string): void {
    try {
      writeOwnerOnlyFileAtomically(this.file, text);
    } catch (e) {
      throw new AppError({ kind: 'Unexpected', message: `Could not save settings to ${this.file}: ${(e as Error).message}` }, { cause: e });
    }
  }
}

export { PRODUCTION_PROFILE_ID, SANDBOX_PROFILE_ID };
