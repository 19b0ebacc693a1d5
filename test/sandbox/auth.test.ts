import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthenticateResponse, CustomerInfo, UserInfo } from '../../sandbox/wire';
import type { Sandbox } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';
import { ADMIN, FetchClient, MANAGER, NOROLE, PASSWORD, signedIn, waitFor } from './helpers';

type ErrorBody = { responseStatus: { errorCode: string; message: string; errors: unknown[] } };

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7 });
});
afterAll(() => sandbox.close());

describe('sign-in', () => {
  it('returns an AuthenticateResponse and sets ss-id, persistent ss-pid and ss-opt=perm with rememberMe', async () => {
    const client = new FetchClient(sandbox.url);
    const res = await client.post<AuthenticateResponse>('/auth/credentials', { userName: ADMIN, password: PASSWORD, rememberMe: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ userName: ADMIN, roles: ['SystemAdministrator'], bearerToken: '', refreshToken: '' });
    expect(res.body.sessionId).toBe(client.cookies.get('ss-id'));
    const setCookies = res.headers.getSetCookie();
    expect(setCookies.find((c) => c.startsWith('ss-pid='))).toMatch(/Max-Age=\d+/);
    expect(client.cookies.get('ss-opt')).toBe('perm');
  });

  it('without rememberMe sets a session-only ss-pid and ss-opt=temp', async () => {
    const client = new FetchClient(sandbox.url);
    const res = await client.post('/auth/credentials', { userName: ADMIN, password: PASSWORD, rememberMe: false });
    expect(res.headers.getSetCookie().find((c) => c.startsWith('ss-pid='))).not.toMatch(/Max-Age/);
    expect(client.cookies.get('ss-opt')).toBe('temp');
  });

  it('wrong password and unknown user → 401 with a ResponseStatus', async () => {
    const client = new FetchClient(sandbox.url);
    for (const body of [{ userName: ADMIN, password: 'nope' }, { userName: 'ghost@sandbox.test', password: PASSWORD }]) {
      const res = await client.post<ErrorBody>('/auth/credentials', body);
      expect(res.status).toBe(401);
      expect(res.body.responseStatus.message).toBe('Invalid UserName or Password');
      expect(client.cookies.size).toBe(0);
    }
  });

  it('empty credentials → 400 with field errors', async () => {
    const res = await new FetchClient(sandbox.url).post<ErrorBody>('/auth/credentials', {});
    expect(res.status).toBe(400);
    expect(res.body.responseStatus.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ fieldName: 'UserName' }), expect.objectContaining({ fieldName: 'Password' })]),
    );
  });

  it('POST /auth with provider=credentials signs in; GET /auth shows the session', async () => {
    const client = new FetchClient(sandbox.url);
    const res = await client.post<AuthenticateResponse>('/auth', { provider: 'credentials', userName: MANAGER, password: PASSWORD });
    expect(res.status).toBe(200);
    expect((await client.get<AuthenticateResponse>('/auth')).body.userName).toBe(MANAGER);
  });
});

describe('auth status', () => {
  it('lists roles and the accounts the user may see', async () => {
    const admin = await signedIn(sandbox, ADMIN);
    const status = await admin.get<UserInfo>('/auth/status');
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ isAuthenticated: true, emailAddress: ADMIN, roles: ['SystemAdministrator'] });
    expect(status.body.accountIds).toEqual(sandbox.fixtures.accounts.map((a) => a.id));
    expect(status.body.accountNames).toEqual(sandbox.fixtures.accounts.map((a) => a.name));

    const manager = await signedIn(sandbox, MANAGER);
    expect((await manager.get<UserInfo>('/auth/status')).body.accountIds).toEqual([sandbox.fixtures.managerAccountId]);
  });

  it('is 401 without a session', async () => {
    expect((await new FetchClient(sandbox.url).get('/auth/status')).status).toBe(401);
  });
});

describe('sessions', () => {
  it('logout (POST and GET) ends the session', async () => {
    for (const method of ['POST', 'GET']) {
      const client = await signedIn(sandbox, ADMIN);
      const cookie = client.cookieHeader;
      expect((await client.request(method, '/auth/logout')).status).toBe(200);
      const again = await fetch(`${sandbox.url}/auth/status`, { headers: { cookie } });
      expect(again.status).toBe(401);
    }
  });

  it('POST /auth with provider=logout ends the session', async () => {
    const client = await signedIn(sandbox, ADMIN);
    const cookie = client.cookieHeader;
    await client.post('/auth', { provider: 'logout' });
    expect((await fetch(`${sandbox.url}/auth/status`, { headers: { cookie } })).status).toBe(401);
  });

  it('ss-pid alone authenticates a rememberMe session, but not a temporary one', async () => {
    const remembered = await signedIn(sandbox, ADMIN);
    const pidOnly = { cookie: `ss-pid=${remembered.cookies.get('ss-pid')}` };
    expect((await fetch(`${sandbox.url}/auth/status`, { headers: pidOnly })).status).toBe(200);

    const temporary = new FetchClient(sandbox.url);
    await temporary.signIn(ADMIN, false);
    const tempPidOnly = { cookie: `ss-pid=${temporary.cookies.get('ss-pid')}` };
    expect((await fetch(`${sandbox.url}/auth/status`, { headers: tempPidOnly })).status).toBe(401);
  });

  it('forced expiry of one user ends only that user’s sessions → 401', async () => {
    const admin = await signedIn(sandbox, ADMIN);
    const manager = await signedIn(sandbox, MANAGER);
    expect(sandbox.admin.expireSessions(MANAGER)).toBeGreaterThanOrEqual(1);
    const res = await manager.get<ErrorBody>(`/customers/${sandbox.fixtures.chainIds[0]}`);
    expect(res.status).toBe(401);
    expect(res.body.responseStatus.errorCode).toBe('Unauthorized');
    expect((await admin.get(`/customers/${sandbox.fixtures.chainIds[0]}`)).status).toBe(200);
  });

  it('sessions expire after sessionTtlMs → 401', async () => {
    const short = await startSandbox({ seed: 7, sessionTtlMs: 150 });
    try {
      const client = await signedIn(short, ADMIN);
      expect((await client.get('/auth/status')).status).toBe(200);
      await waitFor(async () => (await client.get('/auth/status')).status === 401, 5000, 'session expiry');
      expect((await client.get(`/customers/${short.fixtures.chainIds[0]}`)).status).toBe(401);
    } finally {
      await short.close();
    }
  });

  it('forced expiry of everyone over the HTTP admin API', async () => {
    const client = await signedIn(sandbox, ADMIN);
    const res = await fetch(`${sandbox.url}/__sandbox/sessions/expire`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(((await res.json()) as { expired: number }).expired).toBeGreaterThanOrEqual(1);
    expect((await client.get('/auth/status')).status).toBe(401);
  });
});

describe('roles', () => {
  it('a user without a role signs in but gets 403 "Invalid Role" on customer operations', async () => {
    const client = await signedIn(sandbox, NOROLE);
    const f = sandbox.fixtures;
    const calls: [string, string, unknown?][] = [
      ['GET', '/customers'],
      ['GET', `/customers/${f.chainIds[0]}`],
      ['POST', `/customers/${f.chainIds[0]}/staging`, { isStaging: true }],
      ['GET', `/customers/${f.chainIds[0]}/inherited-schedule`],
      ['POST', `/customers/${f.chainIds[0]}/test-schedule`, { dateTime: '2026-01-05T15:00:00Z' }],
      ['GET', `/system/settings?accountId=${f.managerAccountId}`],
    ];
    for (const [method, path, body] of calls) {
      const res = await client.request<ErrorBody>(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.responseStatus.message).toBe('Invalid Role');
    }
    expect(sandbox.admin.writes()).toHaveLength(0);
  });

  it('unauthenticated customer calls are 401', async () => {
    const res = await new FetchClient(sandbox.url).get<CustomerInfo>('/customers');
    expect(res.status).toBe(401);
  });
});
