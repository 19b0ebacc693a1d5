/* Demo users, cookie sessions and role/account checks, ServiceStack-style:
 * `ss-id` (session), `ss-pid` (permanent id, persistent cookie only with rememberMe),
 * `ss-opt` (perm|temp). A rememberMe session is also found by its ss-pid alone. */
import { randomBytes } from 'node:crypto';
import { DEFAULT_BEHAVIOUR } from './behaviour';
import type { SandboxUser } from './types';
import { invalidRole, unauthenticated } from './errors';
import { CUSTOMER_ROLES, SERVICESTACK_ADMIN_ROLE } from './wire';

export const DEMO_PASSWORD = 'sandbox';

export const DEMO_USERS: readonly SandboxUser[] = [
  { id: 'u-admin', userName: 'admin@sandbox.test', password: DEMO_PASSWORD, displayName: 'Ada Admin', firstName: 'Ada', lastName: 'Admin', roles: ['SystemAdministrator'], accounts: 'all' },
  { id: 'u-manager', userName: 'manager@sandbox.test', password: DEMO_PASSWORD, displayName: 'Max Manager', firstName: 'Max', lastName: 'Manager', roles: ['Manager'], accounts: 'manager' },
  // ServiceStack's built-in Admin role only: passes every role check (REFERENCE §4.7).
  { id: 'u-ssadmin', userName: 'ssadmin@sandbox.test', password: DEMO_PASSWORD, displayName: 'Sam Superuser', firstName: 'Sam', lastName: 'Superuser', roles: [SERVICESTACK_ADMIN_ROLE], accounts: 'all' },
  // Belongs to the manager's account but has no role: signs in, then every customer call is 403.
  { id: 'u-norole', userName: 'norole@sandbox.test', password: DEMO_PASSWORD, displayName: 'Nora Norole', firstName: 'Nora', lastName: 'Norole', roles: [], accounts: 'manager' },
];

export interface Session {
  /** Sequential, for the write log (the cookie value is never recorded). */
  no: number;
  id: string;
  permanentId: string;
  user: SandboxUser;
  rememberMe: boolean;
  createdAt: number;
  expiresAt: number;
}

export function findUser(userName: string | undefined): SandboxUser | undefined {
  const wanted = (userName ?? '').trim().toLowerCase();
  return DEMO_USERS.find((u) => u.userName === wanted);
}

export class SessionStore {
  private readonly byId = new Map<string, Session>();
  private nextNo = 1;

  constructor(
    public ttlMs: number = DEFAULT_BEHAVIOUR.sessionTtlMs,
    /** The permanent `ss-pid` cookie alone finds a rememberMe session (behaviour permanentCookieAuthenticates). */
    private readonly permanentCookieAuthenticates: boolean = DEFAULT_BEHAVIOUR.permanentCookieAuthenticates,
    private readonly now: () => number = Date.now,
  ) {}

  create(user: SandboxUser, rememberMe: boolean): Session {
    const createdAt = this.now();
    const session: Session = {
      no: this.nextNo++,
      id: randomBytes(15).toString('base64url'),
      permanentId: randomBytes(15).toString('base64url'),
      user,
      rememberMe,
      createdAt,
      expiresAt: createdAt + this.ttlMs,
    };
    this.byId.set(session.id, session);
    return session;
  }

  /** The live session these cookies carry, or undefined (none, ended or expired). */
  resolve(cookies: Record<string, string>): Session | undefined {
    let session = cookies['ss-id'] ? this.byId.get(cookies['ss-id']) : undefined;
    if (!session && this.permanentCookieAuthenticates && cookies['ss-pid']) {
      const pid = cookies['ss-pid'];
      session = [...this.byId.values()].find((s) => s.rememberMe && s.permanentId === pid);
    }
    if (!session) return undefined;
    if (this.now() >= session.expiresAt) {
      this.byId.delete(session.id);
      return undefined;
    }
    return session;
  }

  end(session: Session): void {
    this.byId.delete(session.id);
  }

  /** Forced expiry: every session, or only those of one user. Returns how many ended. */
  expire(userName?: string): number {
    let count = 0;
    for (const session of [...this.byId.values()]) {
      if (userName === undefined || session.user.userName === userName.toLowerCase()) {
        this.byId.delete(session.id);
        count++;
      }
    }
    return count;
  }

  get activeCount(): number {
    return this.byId.size;
  }
}

export function requireSession(session: Session | undefined): Session {
  if (!session) throw unauthenticated();
  return session;
}

/** Customer, schedule and settings operations accept any one of the three roles; ServiceStack's Admin passes every check. */
export function requireCustomerRole(session: Session | undefined): Session {
  const live = requireSession(session);
  const ok = live.user.roles.some((role) => role === SERVICESTACK_ADMIN_ROLE || (CUSTOMER_ROLES as readonly string[]).includes(role));
  if (!ok) throw invalidRole();
  return live;
}

export function parseCookieHeader(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    try {
      out[name] = decodeURIComponent(raw);
    } catch {
      out[name] = raw;
    }
  }
  return out;
}

/** Set-Cookie values for a new session. Max-Age (not Expires) on purpose: @servicestack/client
 * splits Set-Cookie on commas and would break an Expires date apart. */
export function sessionCookies(session: Session): string[] {
  const twentyYears = 20 * 365 * 24 * 60 * 60;
  const persistent = session.rememberMe ? `; Max-Age=${twentyYears}` : '';
  return [
    `ss-id=${session.id}; Path=/; HttpOnly; SameSite=Lax`,
    `ss-pid=${session.permanentId}; Path=/${persistent}; HttpOnly; SameSite=Lax`,
    `ss-opt=${session.rememberMe ? 'perm' : 'temp'}; Path=/${persistent}; SameSite=Lax`,
  ];
}

export function clearedCookies(): string[] {
  return ['ss-id', 'ss-pid', 'ss-opt'].map((name) => `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`);
}
