/* The re-sign-in race, made deterministic: a call sent while the re-sign-in is under way (the jar
 * just cleared, so it carries no cookies) is answered 401 only after that sign-in has finished.
 * It was sent under no session, so it is replayed with the new one; it must not ask the user to
 * sign in a second time. Real HTTP to the sandbox through a small proxy whose one job is to hold
 * that answer back until the sign-in is done (the timing cannot be produced otherwise). */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { EvoClient } from '../../../src/main/api/evo-client';
import { RequestLimiter } from '../../../src/main/api/limiter';
import type { AppError } from '../../../src/shared/errors';
import { until } from './helpers';

const MANAGER = 'manager@sandbox.test';
const PASSWORD = 'sandbox';

/** Forwards to the sandbox; holds the answer to a cookieless API call (not the sign-in) until released. */
class HoldingProxy {
  private server = http.createServer((req, res) => this.forward(req, res));
  private held: (() => void)[] = [];
  holding = false;
  url = '';

  constructor(private readonly target: URL) {}

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get heldCount(): number {
    return this.held.length;
  }

  release(): void {
    for (const send of this.held.splice(0)) send();
  }

  close(): Promise<void> {
    this.release();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse): void {
    const hold = this.holding && !req.headers.cookie && !req.url?.startsWith('/auth/');
    const upstream = http.request({ host: this.target.hostname, port: this.target.port, path: req.url, method: req.method, headers: { ...req.headers, host: this.target.host } }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        const send = () => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(Buffer.concat(chunks));
        };
        if (hold) this.held.push(send);
        else send();
      });
    });
    req.pipe(upstream);
  }
}

let sandbox: Sandbox;
let proxy: HoldingProxy;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 11 });
  proxy = new HoldingProxy(new URL(sandbox.url));
  await proxy.listen();
});
afterAll(async () => {
  await proxy.close();
  await sandbox.close();
});

it('a call sent during the re-sign-in and refused after it is replayed: the user is asked once', async () => {
  const id = sandbox.fixtures.chainIds[0] as string;
  const asked: AppError[] = [];
  let duringSignIn: Promise<unknown> | undefined;
  const client: EvoClient = new EvoClient({
    baseUrl: proxy.url,
    limiter: new RequestLimiter({ maxInFlight: 8, requestsPerSecond: 1000 }),
    timeoutMs: 5_000,
    onAuthRequired: async (error) => {
      asked.push(error);
      const signingIn = client.signIn(MANAGER, PASSWORD, true); // clears the jar at once
      if (!duringSignIn) {
        proxy.holding = true;
        duringSignIn = client.getCustomer(id); // sent now, with no cookies
        await until(() => proxy.heldCount === 1, 'the cookieless call to be answered (and held)');
      }
      await signingIn;
    },
  });
  await client.signIn(MANAGER, PASSWORD, true);
  sandbox.admin.expireSessions(MANAGER);

  // The first call meets the expired session: one re-sign-in, then it is replayed and succeeds.
  await expect(client.getCustomer(id)).resolves.toMatchObject({ id });
  expect(asked).toHaveLength(1);

  // The sign-in is over; now the call sent during it gets its 401.
  proxy.holding = false;
  proxy.release();
  await expect(duringSignIn).resolves.toMatchObject({ id });
  expect(asked).toHaveLength(1);
});
