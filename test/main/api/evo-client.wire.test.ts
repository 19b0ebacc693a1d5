/* EvoClient against a tiny local HTTP server that answers what the sandbox never does:
 * malformed bodies, bare status lines, odd cookies. Real HTTP through the real pipeline. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvoClient } from '../../../src/main/api/evo-client';
import { RequestLimiter } from '../../../src/main/api/limiter';
import { failure } from './helpers';

const SESSION = 'Zm9vYmFyLXNlc3Npb24tc2VjcmV0';
const PERMANENT = 'cGVybWFuZW50LXNlY3JldC12YWx1ZQ';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};
const customer = (id: string, extra: Record<string, unknown> = {}) => ({ id, name: `Customer ${id}`, isStaging: false, ...extra });

const routes: Record<string, Handler> = {
  'POST /auth/credentials': (_req, res, body) =>
    body.includes('echo-me-please')
      ? json(res, 400, { responseStatus: { errorCode: 'ValidationException', message: `Password ${String(JSON.parse(body).password)} is not allowed`, errors: [{ fieldName: 'Password', message: `${String(JSON.parse(body).password)} is too weak` }] } })
      : json(res, 200, { userId: 'u1', sessionId: SESSION, userName: 'me@example.test', bearerToken: '', roles: ['Manager'] }, {
      'set-cookie': [
        `ss-id=${SESSION}; path=/; samesite=lax; httponly`,
        `ss-pid=${PERMANENT}; expires=Fri, 01 Jan 2100 00:00:00 GMT; path=/; httponly`,
        'ss-opt=perm; expires=Fri, 01 Jan 2100 00:00:00 GMT; path=/',
      ],
    }),
  'POST /customers/bad-flag/staging': (_req, res) => json(res, 200, customer('bad-flag', { isStaging: 'yes' })),
  'POST /customers/wrong-id/staging': (_req, res) => json(res, 200, customer('someone-else', { isStaging: true })),
  'GET /customers': (_req, res) => json(res, 200, { items: [customer('a'), customer('b'), customer('c'), customer('d', { isStaging: 'yes' })], totalCount: 4 }),
  'GET /customers/not-json': (_req, res) => json(res, 200, '{"id": "not-json", '),
  'GET /customers/html': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html><body>Login</body></html>');
  },
  'GET /customers/future': (_req, res) =>
    json(res, 200, customer('future', { futureField: { nested: [1, 2] }, schedule: { defaultState: 'Open', newScheduleFlag: true } })),
  'GET /customers/echo-cookie': (req, res) =>
    json(res, 500, { responseStatus: { errorCode: 'InternalServerError', message: `Could not use cookie header ${req.headers.cookie ?? ''}` } }),
  'GET /customers/role': (_req, res) => {
    res.statusCode = 403;
    res.statusMessage = 'Invalid Role';
    res.end();
  },
  'GET /customers/expired': (_req, res) => {
    res.statusCode = 401;
    res.end('Unauthorized');
  },
  'GET /auth/status': (_req, res) => json(res, 200, 'null'),
};

let server: Server;
let baseUrl: string;
const seenCookies: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seenCookies.push(req.headers.cookie ?? '');
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0];
      const handler = routes[`${req.method} ${path}`];
      if (handler) handler(req, res, body);
      else json(res, 404, { responseStatus: { errorCode: 'NotFound', message: 'no route' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const newClient = () => new EvoClient({ baseUrl, limiter: new RequestLimiter({ maxInFlight: 2, requestsPerSecond: 100 }), retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });

describe('malformed responses', () => {
  it("a wrong type in a staging write's answer: it may have landed (AmbiguousResponse), naming the field and customer", async () => {
    const error = await failure(newClient().setStaging('bad-flag', true));
    expect(error).toMatchObject({ kind: 'AmbiguousResponse', operation: 'setStaging', customerId: 'bad-flag' });
    expect(error.message).toBe(
      `${baseUrl} answered switching customer bad-flag to staging with an answer the console cannot read (isStaging: expected boolean (got string)), so the console cannot tell whether the change was applied. Read the customer again before retrying.`,
    );
  });

  it('a bad item in a list is set aside and named; the rest of the page is read', async () => {
    const page = await newClient().listCustomers({});
    expect(page.items.map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect(page.setAside).toEqual([{ customerId: 'd', part: '', field: 'isStaging', problem: 'expected boolean (got string)', during: 'listing customers' }]);
  });

  it('setStaging answered with another customer is AmbiguousResponse', async () => {
    const error = await failure(newClient().setStaging('wrong-id', true));
    expect(error).toMatchObject({ kind: 'AmbiguousResponse', customerId: 'wrong-id' });
    expect(error.message).toContain("another customer's record (someone-else)");
  });

  it('a body that is not JSON is InvalidResponse, also with a JSON content type', async () => {
    const broken = await failure(newClient().getCustomer('not-json'));
    expect(broken).toMatchObject({ kind: 'InvalidResponse', customerId: 'not-json' });
    expect(broken.message).toMatch(/answered reading customer not-json with something that is not JSON \(application\/json\)/);
    const html = await failure(newClient().getCustomer('html'));
    expect(html.kind).toBe('InvalidResponse');
    expect(html.message).toMatch(/answered reading customer html with an HTML page instead of JSON/);
  });

  it('unknown fields are kept, also nested', async () => {
    const result = (await newClient().getCustomer('future')) as Record<string, unknown>;
    expect(result['futureField']).toEqual({ nested: [1, 2] });
    expect(result['schedule']).toEqual({ defaultState: 'Open', newScheduleFlag: true });
  });

  it('authStatus answered with null means not signed in', async () => {
    expect((await failure(newClient().authStatus())).kind).toBe('AuthRequired');
  });
});

describe('bare HTTP errors (no ResponseStatus body)', () => {
  it('403 with the status text "Invalid Role" names the missing role', async () => {
    const error = await failure(newClient().getCustomer('role'));
    expect(error).toMatchObject({ kind: 'Forbidden', status: 403 });
    expect(error.message).toMatch(/lacks the role/);
  });

  it('401 with a plain-text body is AuthRequired', async () => {
    expect(await failure(newClient().getCustomer('expired'))).toMatchObject({ kind: 'AuthRequired', status: 401 });
  });
});

describe('cookies', () => {
  it('keeps cookies whose Expires contains commas, sends them back, and redacts them from errors', async () => {
    const client = newClient();
    const signedIn = await client.signIn('me@example.test', 'pw-not-logged', true);
    expect(signedIn).not.toHaveProperty('sessionId');
    expect(client.sessionCookies()).toEqual({ 'ss-id': SESSION, 'ss-pid': PERMANENT, 'ss-opt': 'perm' });

    seenCookies.length = 0;
    const error = await failure(client.getCustomer('echo-cookie'));
    expect(seenCookies[0]).toBe(`ss-id=${SESSION}; ss-pid=${PERMANENT}; ss-opt=perm`);
    expect(error.kind).toBe('ServerError');
    expect(error.message).toContain('[redacted]');
    const everything = `${error.message} ${String(error)} ${JSON.stringify(error)} ${JSON.stringify(error.toData())}`;
    expect(everything).not.toContain(SESSION);
    expect(everything).not.toContain(PERMANENT);
  });

  it('never echoes the password from a sign-in error', async () => {
    const error = await failure(newClient().signIn('me@example.test', 'echo-me-please', false));
    expect(error.kind).toBe('BadRequest');
    expect(JSON.stringify(error.toData())).not.toContain('echo-me-please');
    expect(error.fieldErrors).toEqual([{ field: 'Password', message: '[redacted] is too weak' }]);
  });

  it('a restored session is sent as restored; clearSession stops sending it', async () => {
    const client = newClient();
    client.restoreSession({ 'ss-id': 'restored-session-id', 'ss-opt': 'temp' });
    seenCookies.length = 0;
    await client.getCustomer('future');
    client.clearSession();
    await client.getCustomer('future');
    expect(seenCookies).toEqual(['ss-id=restored-session-id; ss-opt=temp', '']);
  });
});
