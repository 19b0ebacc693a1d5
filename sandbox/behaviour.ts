/* The sandbox's own answers to everything REFERENCE.md leaves UNCONFIRMED, in one place. Chosen
 * from REFERENCE.md (section in each comment), never read from the console's assumptions, so a
 * wrong guess in the console shows up as a failing test instead of being shared. Where REFERENCE
 * leaves a real choice open and answering the other way is cheap, it is an option
 * (`startSandbox({ behaviour: {...} })`, CLI `--behaviour key=value,...`); the default is listed first. */

export interface SandboxBehaviour {
  /** §3.4 "empty/null at the top level — UNCONFIRMED which". 'absent': null in the database, so
   *  ServiceStack omits `parentCustomerId`; 'empty-string': `"parentCustomerId": ""`. */
  rootParentCustomerId: 'absent' | 'empty-string';
  /** §3.5 breadcrumb order: 'root-first' (root … parent) or 'leaf-first' (parent … root). */
  breadcrumbOrder: 'root-first' | 'leaf-first';
  /** §3.5 whether the customer itself is the breadcrumb's last (root-first) or first (leaf-first) crumb. */
  breadcrumbIncludesSelf: boolean;
  /** §2.4 `parentCustomerIds` without `shallowParent` is deep; whether the named parents match too. */
  deepParentFilter: 'descendants' | 'descendants-and-parents';
  /** §1.6 "the Evo CLI also treats 403 as wrong account": status for a record outside the caller's accounts. */
  otherAccountStatus: 403 | 404;
  /** §1.7 no default order is documented: 'name' (ordinal, then id) or 'storage' (insertion order, MongoDB's natural order). */
  defaultSort: 'name' | 'storage';
  /** §2.4 says "must carry all listed tags"; 'any-of' is there to prove a client does not depend on it. */
  tagIdsMatch: 'all-of' | 'any-of';
  /** §1.7 / §3.1 page size when `countPerPage` is not sent ([CLI]: 25). */
  defaultCountPerPage: number;
  /** §1.7 totals with simplifiedPaging: 'zero' (int value types are always written) or 'absent'. */
  simplifiedPagingTotals: 'zero' | 'absent';
  /** §2.2 GetAuthStatus "returns the current status or null" when signed out, but ServiceStack services
   *  behind [Authenticate] answer 401. 'unauthorized' (401 ResponseStatus); 'no-content' (204, what
   *  ServiceStack sends for a null response); 'not-authenticated' (200 `{"isAuthenticated":false}`). */
  authStatusWhenSignedOut: 'unauthorized' | 'no-content' | 'not-authenticated';
  /** §2.7 GetInheritedSchedule when no ancestor holds a schedule of its own: 'no-content' (null → 204),
   *  'own' (the customer's own schedule) or 'empty' (a default Schedule). */
  inheritedScheduleWhenNone: 'no-content' | 'own' | 'empty';
  /** §2.8 / §1.3b `isStaging` is a C# bool and the validation rules are UNCONFIRMED: a body without it
   *  'reads-false' (no validator: the bool's default, so the customer goes to production) or is
   *  'rejected' (400 naming IsStaging, as a NotNull validator would). */
  stagingWithoutIsStaging: 'reads-false' | 'rejected';
  /** §2.9 TestSchedule without `dateTime`: 'now' or 'reject' (400 naming DateTime). */
  testScheduleWithoutDateTime: 'now' | 'reject';
  /** §1.5 session lifetime is UNCONFIRMED: fixed from sign-in (not sliding). */
  sessionTtlMs: number;
  /** §1.5 [SS]: the permanent `ss-pid` cookie alone finds a rememberMe session. */
  permanentCookieAuthenticates: boolean;
}

export const DEFAULT_BEHAVIOUR: Readonly<SandboxBehaviour> = Object.freeze({
  rootParentCustomerId: 'absent',
  breadcrumbOrder: 'root-first',
  breadcrumbIncludesSelf: false,
  deepParentFilter: 'descendants',
  otherAccountStatus: 403,
  defaultSort: 'name',
  tagIdsMatch: 'all-of',
  defaultCountPerPage: 25,
  simplifiedPagingTotals: 'zero',
  authStatusWhenSignedOut: 'unauthorized',
  inheritedScheduleWhenNone: 'no-content',
  stagingWithoutIsStaging: 'reads-false',
  testScheduleWithoutDateTime: 'now',
  sessionTtlMs: 8 * 60 * 60 * 1000,
  permanentCookieAuthenticates: true,
});

/** §1.6: Evo's real errorCode strings are UNCONFIRMED; these are ServiceStack's usual ones
 *  (HttpError.Unauthorized/Forbidden/NotFound, a validator's code, the exception name). */
export const ERROR_CODES = {
  unauthenticated: 'Unauthorized',
  invalidCredentials: 'Unauthorized',
  invalidRole: 'Forbidden',
  otherAccount: 'Forbidden',
  notFound: 'NotFound',
  validation: 'ValidationException',
  serialization: 'SerializationException',
  rateLimited: 'TooManyRequests',
  serverError: 'InternalServerError',
} as const;

const CHOICES: { [K in keyof SandboxBehaviour]?: readonly SandboxBehaviour[K][] } = {
  rootParentCustomerId: ['absent', 'empty-string'],
  breadcrumbOrder: ['root-first', 'leaf-first'],
  breadcrumbIncludesSelf: [false, true],
  deepParentFilter: ['descendants', 'descendants-and-parents'],
  otherAccountStatus: [403, 404],
  defaultSort: ['name', 'storage'],
  tagIdsMatch: ['all-of', 'any-of'],
  simplifiedPagingTotals: ['zero', 'absent'],
  authStatusWhenSignedOut: ['unauthorized', 'no-content', 'not-authenticated'],
  inheritedScheduleWhenNone: ['no-content', 'own', 'empty'],
  stagingWithoutIsStaging: ['reads-false', 'rejected'],
  testScheduleWithoutDateTime: ['now', 'reject'],
  permanentCookieAuthenticates: [true, false],
};

/** Defaults plus the given choices; throws RangeError naming a bad key or value. */
export function resolveBehaviour(partial: Partial<SandboxBehaviour> = {}): SandboxBehaviour {
  const out: SandboxBehaviour = { ...DEFAULT_BEHAVIOUR };
  for (const [key, value] of Object.entries(partial) as [keyof SandboxBehaviour, unknown][]) {
    if (value === undefined) continue;
    if (!(key in DEFAULT_BEHAVIOUR)) throw new RangeError(`unknown behaviour "${key}" (known: ${Object.keys(DEFAULT_BEHAVIOUR).join(', ')})`);
    const allowed = CHOICES[key] as readonly unknown[] | undefined;
    if (allowed && !allowed.includes(value)) throw new RangeError(`behaviour ${key} must be one of ${allowed.join(', ')}, got ${String(value)}`);
    if (!allowed && !(typeof value === 'number' && Number.isInteger(value) && value > 0)) throw new RangeError(`behaviour ${key} must be a positive whole number, got ${String(value)}`);
    (out as unknown as Record<string, unknown>)[key] = value;
  }
  return out;
}

/** `key=value,key=value` (the CLI's --behaviour) → a checked partial behaviour. */
export function parseBehaviourFlag(text: string): Partial<SandboxBehaviour> {
  const out: Record<string, unknown> = {};
  for (const pair of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new RangeError(`--behaviour expects key=value, got "${pair}"`);
    const key = pair.slice(0, eq).trim();
    out[key] = readAs((DEFAULT_BEHAVIOUR as unknown as Record<string, unknown>)[key], pair.slice(eq + 1).trim());
  }
  resolveBehaviour(out as Partial<SandboxBehaviour>); // throws on a bad key or value
  return out as Partial<SandboxBehaviour>;
}

/** A flag's text read as the type of the option's default. */
function readAs(sample: unknown, raw: string): unknown {
  if (typeof sample === 'number') return Number(raw);
  if (typeof sample === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}
