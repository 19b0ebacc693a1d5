/* Small HTTP helpers for the sandbox tests: a cookie-carrying fetch client and waitFor. */
import type { Sandbox } from '../../sandbox/server';

export const PASSWORD = 'sandbox';
export const ADMIN = 'admin@sandbox.test';
export const MANAGER = 'manager@sandbox.test';
export const NOROLE = 'norole@sandbox.test';
export const SSADMIN = 'ssadmin@sandbox.test';

export interface ApiResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** A plain fetch client that keeps cookies between calls, as a browser would. */
export class FetchClient {
  readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request<T = unknown>(method: string, path: string, body?: unknown, init: RequestInit = {}): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.cookies.size > 0) headers.cookie = this.cookieHeader;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), ...init });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (/max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
  }

  get<T = unknown>(path: string, init?: RequestInit): Promise<ApiResult<T>> {
    return this.request<T>('GET', path, undefined, init);
  }

  post<T = unknown>(path: string, body?: unknown): Promise<ApiResult<T>> {
    return this.request<T>('POST', path, body);
  }

  async signIn(userName: string, rememberMe = true): Promise<ApiResult> {
    const result = await this.post('/auth/credentials', { userName, password: PASSWORD, rememberMe });
    if (result.status !== 200) throw new Error(`sign-in as ${userName} failed: ${result.status}`);
    return result;
  }
}

export async function signedIn(sandbox: Sandbox, userName: string): Promise<FetchClient> {
  const client = new FetchClient(sandbox.url);
  await client.signIn(userName);
  return client;
}

/** Polls until the condition holds (no fixed sleeps); fails after timeoutMs. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function query(params: Record<string, string | number | boolean | string[]>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) for (const v of value) search.append(key, v);
    else search.append(key, String(value));
  }
  return `?${search.toString()}`;
}

/** Paths (e.g. `items[3].schedule.timeZoneId`) whose value is null, anywhere in a JSON answer. */
export function nullPaths(value: unknown, path = '$'): string[] {
  if (value === null) return [path];
  if (Array.isArray(value)) return value.flatMap((item, i) => nullPaths(item, `${path}[${i}]`));
  if (typeof value === 'object') return Object.entries(value as object).flatMap(([key, v]) => nullPaths(v, `${path}.${key}`));
  return [];
}

type JsonStruct = Record<string, JsonValue>;
interface JsonValue {
  listValue?: JsonStruct[];
  structValue?: JsonStruct;
  [member: string]: unknown;
}

/** Every Value in a Struct (a customer's `data`, a rule's `flowParams`), nested ones included, with its path. */
export function valuesIn(struct: JsonStruct, path = 'data'): { path: string; value: JsonValue }[] {
  return Object.entries(struct).flatMap(([key, value]) => [
    { path: `${path}.${key}`, value },
    ...(value.listValue ?? []).flatMap((s, i) => valuesIn(s, `${path}.${key}.listValue[${i}]`)),
    ...(value.structValue ? valuesIn(value.structValue, `${path}.${key}.structValue`) : []),
  ]);
}
