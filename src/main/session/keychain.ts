/* The only place session secrets are persisted: the OS keychain, through keytar.
 * One entry per user and server (account `email@origin`) under a fixed service name,
 * holding a JSON blob of the session cookies and any bearer/refresh token. Never the
 * password, and never a file fallback: when no keychain works, the session stays in
 * memory and the user is told why in one sentence. */

export const KEYCHAIN_SERVICE = 'Evo Voice Console';

/** The part of keytar we use; injected so tests can also drive a deliberately broken one. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** What a session needs to be restored; secret, so it never leaves the main process. */
export interface StoredSession {
  /** Session cookies by name (`ss-id`, `ss-pid`, `ss-opt`). */
  cookies: Record<string, string>;
  bearerToken?: string;
  refreshToken?: string;
  /** ISO time the entry was written (diagnostics only). */
  savedAt: string;
}

export type KeychainStatus = { available: true } | { available: false; message: string };

export type KeychainLogger = { warn(message: string, fields?: Record<string, unknown>): void };

const SIGN_IN_AGAIN = 'so you will need to sign in again after restarting.';

/** Known keytar/libsecret failures → one sentence for the user. Seen on Linux: no D-Bus session
 * (headless, no X11), a bus address that points nowhere, no Secret Service (no GNOME Keyring
 * running), a locked keyring without a login collection. */
const KNOWN_FAILURES: ReadonlyArray<[RegExp, string]> = [
  [/Cannot autolaunch D-Bus without X11/i, `No OS keychain is available (no D-Bus session), ${SIGN_IN_AGAIN}`],
  [/Could not connect: No such file or directory/i, `No OS keychain is available (the D-Bus session cannot be reached), ${SIGN_IN_AGAIN}`],
  [
    /org\.freedesktop\.secrets was not provided/i,
    `No OS keychain is available (no keyring service such as GNOME Keyring is running), ${SIGN_IN_AGAIN}`,
  ],
  [/Object does not exist at path .*\/org\/freedesktop\/secrets\/collection\/login/i, `The OS keychain is locked or has no login keyring, ${SIGN_IN_AGAIN}`],
];

const MODULE_FAILURE = /Cannot find module|ERR_MODULE_NOT_FOUND|ERR_DLOPEN_FAILED|was compiled against a different Node\.js version|invalid ELF header|dlopen/i;

/** Turns any keytar failure into the sentence the user sees. */
export function classifyKeychainError(error: unknown): string {
  const text = error instanceof Error ? `${error.message} ${(error as NodeJS.ErrnoException).code ?? ''}` : String(error);
  for (const [pattern, message] of KNOWN_FAILURES) if (pattern.test(text)) return message;
  if (MODULE_FAILURE.test(text)) return `The OS keychain module could not be loaded, ${SIGN_IN_AGAIN}`;
  return `The OS keychain could not be used (${text.trim().split('\n')[0]}), ${SIGN_IN_AGAIN}`;
}

/** Keychain account for a user on a server: lower-cased email, `@`, the server's origin. */
export function keychainAccount(email: string, origin: string): string {
  return `${email.trim().toLowerCase()}@${new URL(origin).origin}`;
}

async function loadKeytar(): Promise<KeytarLike> {
  const mod = (await import('keytar')) as unknown as KeytarLike & { default?: KeytarLike };
  return mod.default ?? mod;
}

export interface KeychainOptions {
  /** The keytar module, or how to load it (default: import('keytar') on first use). */
  keytar?: KeytarLike | (() => Promise<KeytarLike>);
  service?: string;
  logger?: KeychainLogger;
}

export class Keychain {
  readonly service: string;
  private readonly logger?: KeychainLogger;
  private keytarPromise?: Promise<KeytarLike>;
  private readonly keytarSource: KeytarLike | (() => Promise<KeytarLike>);
  private current: KeychainStatus = { available: true };

  constructor(options: KeychainOptions = {}) {
    this.service = options.service ?? KEYCHAIN_SERVICE;
    this.logger = options.logger;
    this.keytarSource = options.keytar ?? loadKeytar;
  }

  /** Last known state; becomes unavailable after the first failing keychain call. */
  status(): KeychainStatus {
    return this.current;
  }

  /** Finds out whether the keychain works now (a harmless read). */
  async probe(): Promise<KeychainStatus> {
    await this.run(async (k) => k.getPassword(this.service, '(probe)'));
    return this.current;
  }

  /** The stored session, or undefined when there is none, it is unreadable, or no keychain works. */
  async load(email: string, origin: string): Promise<StoredSession | undefined> {
    const raw = await this.run((k) => k.getPassword(this.service, keychainAccount(email, origin)));
    if (raw === undefined || raw === null) return undefined;
    try {
      const parsed = JSON.parse(raw) as Partial<StoredSession>;
      if (!parsed || typeof parsed.cookies !== 'object' || parsed.cookies === null) return undefined;
      return { ...parsed, cookies: { ...parsed.cookies }, savedAt: String(parsed.savedAt ?? '') };
    } catch {
      // Not ours or damaged: treat as absent; the next save overwrites it.
      return undefined;
    }
  }

  /** Stores the session; false when no keychain works (the caller keeps it in memory). */
  async save(email: string, origin: string, session: Omit<StoredSession, 'savedAt'>): Promise<boolean> {
    const blob: StoredSession = { ...session, savedAt: new Date().toISOString() };
    const done = await this.run(async (k) => {
      await k.setPassword(this.service, keychainAccount(email, origin), JSON.stringify(blob));
      return true;
    });
    return done === true;
  }

  /** Deletes the entry; true if one existed. */
  async remove(email: string, origin: string): Promise<boolean> {
    return (await this.run((k) => k.deletePassword(this.service, keychainAccount(email, origin)))) === true;
  }

  private keytar(): Promise<KeytarLike> {
    const source = this.keytarSource;
    this.keytarPromise ??= typeof source === 'function' ? source() : Promise.resolve(source);
    return this.keytarPromise;
  }

  /** Runs a keychain call; a failure marks the keychain unavailable (logged without secrets). */
  private async run<T>(call: (k: KeytarLike) => Promise<T>): Promise<T | undefined> {
    try {
      const result = await call(await this.keytar());
      this.current = { available: true };
      return result;
    } catch (e) {
      const message = classifyKeychainError(e);
      if (this.current.available || this.current.message !== message) {
        this.logger?.warn('OS keychain unavailable; sessions stay in memory only.', { reason: e instanceof Error ? e.message : String(e) });
      }
      this.current = { available: false, message };
      return undefined;
    }
  }
}
