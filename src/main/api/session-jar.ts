/* The session secret: ServiceStack cookies (ss-id, ss-pid, ss-opt, ...) plus any bearer /
 * refresh token the server hands out. Our own jar (not a library's) because it must be
 * exported to and restored from the keychain, must not split Set-Cookie on "," (Expires
 * dates hold commas), and must only ever hold cookies of the one server (the pipeline never
 * follows a redirect, so no other origin's Set-Cookie reaches it).
 * Only EvoClient.sessionCookies() lets the values out (for the keychain). */

export type SessionCookies = Record<string, string>;

/** Keys used for tokens inside SessionCookies. ":" can never appear in a cookie name. */
export const BEARER_TOKEN_KEY = 'auth:bearerToken';
export const REFRESH_TOKEN_KEY = 'auth:refreshToken';

/** Session ids and tokens are long random strings; anything shorter is a flag ("perm", "temp"). */
export const MIN_SECRET_LENGTH = 8;

const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export class SessionJar {
  private readonly values = new Map<string, string>();
  /** Bumped whenever the session is replaced (sign-in, restore, clear), not on refreshes. */
  private gen = 0;

  get generation(): number {
    return this.gen;
  }

  snapshot(): SessionCookies {
    return Object.fromEntries(this.values);
  }

  restore(cookies: SessionCookies): void {
    this.values.clear();
    for (const [name, value] of Object.entries(cookies)) {
      if (typeof value !== 'string' || value === '') continue;
      if (name === BEARER_TOKEN_KEY || name === REFRESH_TOKEN_KEY || COOKIE_NAME.test(name)) this.values.set(name, value);
    }
    this.gen++;
  }

  clear(): void {
    this.values.clear();
    this.gen++;
  }

  /** A sign-in has answered: its cookies are in. A call that started before this (even during the
   *  sign-in, with no cookies) was sent under another session: its 401 is replayed, not a reason
   *  to ask for another sign-in. */
  signedIn(): void {
    this.gen++;
  }

  isEmpty(): boolean {
    return this.values.size === 0;
  }

  setToken(key: typeof BEARER_TOKEN_KEY | typeof REFRESH_TOKEN_KEY, value: string | undefined): void {
    if (value) this.values.set(key, value);
  }

  bearerToken(): string | undefined {
    return this.values.get(BEARER_TOKEN_KEY);
  }

  /** Value for the Cookie request header, or undefined when there is no cookie. */
  cookieHeader(): string | undefined {
    const pairs: string[] = [];
    for (const [name, value] of this.values) {
      if (name === BEARER_TOKEN_KEY || name === REFRESH_TOKEN_KEY) continue;
      pairs.push(`${name}=${value}`);
    }
    return pairs.length > 0 ? pairs.join('; ') : undefined;
  }

  /** Applies Set-Cookie lines from a response: new values replace, expired/empty ones delete. */
  absorb(setCookieLines: readonly string[], nowMs: number = Date.now()): void {
    for (const line of setCookieLines) {
      const [pair, ...attributes] = line.split(';');
      if (!pair) continue;
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      let value = pair.slice(eq + 1).trim();
      if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
      if (!COOKIE_NAME.test(name)) continue;
      let expired = value === '';
      for (const attribute of attributes) {
        const [rawKey, ...rest] = attribute.split('=');
        const key = rawKey?.trim().toLowerCase();
        const attrValue = rest.join('=').trim();
        if (key === 'max-age' && /^-?\d+$/.test(attrValue) && Number(attrValue) <= 0) expired = true;
        if (key === 'expires') {
          const at = Date.parse(attrValue);
          if (!Number.isNaN(at) && at <= nowMs) expired = true;
        }
      }
      if (expired) this.values.delete(name);
      else this.values.set(name, value);
    }
  }

  /** Every secret value (for redaction). Short values such as ss-opt's "perm" are flags, not secrets. */
  secrets(): string[] {
    return [...this.values.values()].filter((v) => v.length >= MIN_SECRET_LENGTH);
  }
}

/** Replaces every occurrence of each secret (of at least `minLength` characters) in `text`. */
export function redact(text: string, secrets: readonly string[], minLength: number = MIN_SECRET_LENGTH): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= minLength && out.includes(secret)) out = out.split(secret).join('[redacted]');
  }
  return out;
}
