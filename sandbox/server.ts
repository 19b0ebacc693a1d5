/* The Evo Voice sandbox: a fastify server on 127.0.0.1 that speaks the wire format of the API page
 * (./wire.ts) for the operations the console uses, with seeded data, its own behaviour choices
 * (./behaviour.ts), an optional newer-server mode (--drift, ./drift.ts), faults and an admin API. */
import type { AddressInfo } from 'node:net';
import type { ServerResponse } from 'node:http';
import Fastify from 'fastify';
import type { FastifyError, FastifyInstance } from 'fastify';
import type { SandboxAdmin } from './admin';
import { ADMIN_PREFIX, createAdmin, registerAdminRoutes } from './admin';
import { parseCookieHeader, SessionStore } from './auth';
import type { SandboxBehaviour } from './behaviour';
import { ERROR_CODES, resolveBehaviour } from './behaviour';
import type { SandboxContext } from './context';
import { DRIFT_FAULTS } from './drift';
import { SandboxHttpError } from './errors';
import { FaultController, overrideBody, overrideHeaders } from './faults';
import { Listener } from './listener';
import { registerAccountRoutes } from './routes/accounts';
import { registerAuthRoutes } from './routes/auth';
import { registerCustomerRoutes } from './routes/customers';
import { buildSeed } from './seed/index';
import { CustomerStore } from './store';
import type { AnswerOverride, FaultSettings, SandboxFixtures, SeedSize } from './types';
import { NO_FAULTS } from './types';

export type { SandboxAdmin } from './admin';
export type { SandboxBehaviour } from './behaviour';
export type { AnswerOverride, DriftFixtures, FaultSettings, SandboxFixtures, SandboxMetrics, WriteRecord, RawCustomer } from './types';
export { DEMO_USERS, DEMO_PASSWORD } from './auth';

export interface StartSandboxOptions {
  /** 0 (default) = a free port. */
  port?: number;
  /** Default 1. */
  seed?: number;
  /** Default 'small'. */
  size?: SeedSize;
  /** Shorthand for behaviour.sessionTtlMs (default 8 h). */
  sessionTtlMs?: number;
  /** Choices where REFERENCE.md leaves the server's behaviour open (defaults in ./behaviour.ts). */
  behaviour?: Partial<SandboxBehaviour>;
  /** Answer as a newer Evo Voice with values the console has never seen (./drift.ts); default false. */
  drift?: boolean;
  faults?: Partial<FaultSettings>;
  /** Decides which requests a fault rate hits (default Math.random); a seeded one replays a run's faults. */
  random?: () => number;
  /** Reserved for callers that print (the CLI); the server itself never logs. */
  quiet?: boolean;
}

export interface Sandbox {
  url: string;
  port: number;
  fixtures: SandboxFixtures;
  admin: SandboxAdmin;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

export async function startSandbox(opts: StartSandboxOptions = {}): Promise<Sandbox> {
  const behaviour = resolveBehaviour({ ...opts.behaviour, ...(opts.sessionTtlMs !== undefined ? { sessionTtlMs: opts.sessionTtlMs } : {}) });
  const drift = opts.drift ?? false;
  const data = buildSeed(opts.seed ?? 1, opts.size ?? 'small', { behaviour, drift });
  const baselineFaults: FaultSettings = drift ? { ...NO_FAULTS, ...DRIFT_FAULTS } : NO_FAULTS;
  const ctx: SandboxContext = {
    store: new CustomerStore(data.customers),
    sessions: new SessionStore(behaviour.sessionTtlMs, behaviour.permanentCookieAuthenticates),
    accounts: data.accounts,
    fixtures: data.fixtures,
    faults: new FaultController(opts.faults, Date.now, opts.random ?? Math.random, baselineFaults),
    behaviour,
    drift,
    customerStates: data.customerStates,
    now: () => new Date(),
  };

  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 1024 * 1024 });
  acceptJsonBodies(app);
  const hung = installFaults(app, ctx);
  app.setErrorHandler((error: FastifyError | SandboxHttpError, _request, reply) => {
    if (error instanceof SandboxHttpError) {
      return reply.code(error.status).headers(error.headers).send(error.body());
    }
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    const errorCode = status === 400 ? ERROR_CODES.serialization : ERROR_CODES.serverError;
    return reply.code(status).send(new SandboxHttpError(status, errorCode, error.message).body());
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(new SandboxHttpError(404, ERROR_CODES.notFound, `Handler for Request not found: ${request.method} ${request.url}`).body()),
  );
  registerAuthRoutes(app, ctx);
  registerCustomerRoutes(app, ctx);
  registerAccountRoutes(app, ctx);
  const listener = new Listener(app.server, HOST);
  const admin = createAdmin(ctx, listener);
  registerAdminRoutes(app, admin);

  await app.listen({ port: opts.port ?? 0, host: HOST });
  const port = (app.server.address() as AddressInfo).port;
  listener.port = port; // down/up re-listens on this same port
  return { url: `http://${HOST}:${port}`, port, fixtures: data.fixtures, admin, close: () => shutdown(app, listener, hung) };
}

async function shutdown(app: FastifyInstance, listener: Listener, hung: Set<ServerResponse>): Promise<void> {
  listener.stopTimers();
  for (const res of hung) res.destroy();
  listener.destroyConnections();
  if (listener.isDown) await listener.up().catch(() => undefined);
  await app.close();
}

/** JSON bodies, tolerating an empty body (clients send Content-Type on body-less POSTs such as logout). */
function acceptJsonBodies(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body).trim();
    if (text === '') return done(null, {});
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(new SandboxHttpError(400, ERROR_CODES.serialization, `Could not deserialize the request body: ${(error as Error).message}`), undefined);
    }
  });
}

/** Faults and accounting on API routes only; returns the set of hung responses (ended on close). */
function installFaults(app: FastifyInstance, ctx: SandboxContext): Set<ServerResponse> {
  const hung = new Set<ServerResponse>();
  const faults = ctx.faults;
  const replaced = new WeakMap<object, AnswerOverride>();
  // After the route ran (a write is applied): its answer is swapped for the override.
  app.addHook('onSend', async (request, reply, payload) => {
    const override = replaced.get(request);
    if (!override) return payload;
    reply.code(override.status ?? 200);
    reply.removeHeader('content-type');
    reply.headers(overrideHeaders(override));
    return overrideBody(override);
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.url === ADMIN_PREFIX || request.url.startsWith(`${ADMIN_PREFIX}/`)) return;
    const res = reply.raw;
    let injected: 'reset' | 'hang' | undefined;
    faults.requestStarted();
    res.once('close', () => faults.requestEnded(injected ?? (res.writableFinished ? String(res.statusCode) : 'aborted')));

    const cookies = parseCookieHeader(request.headers.cookie);
    const key = cookies['ss-id'] ?? cookies['ss-pid'] ?? `ip:${request.socket.remoteAddress ?? ''}`;
    faults.noteArrival(key);
    const decision = faults.takeToken(key);
    const delay = faults.delayMs();
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    if (!decision.allowed) {
      res.once('finish', () => faults.retryAfterSent(key, decision.retryAfterSeconds));
      const error = new SandboxHttpError(429, ERROR_CODES.rateLimited, 'Too many requests', [], { 'retry-after': String(decision.retryAfterSeconds) });
      return reply.code(429).headers(error.headers).send(error.body());
    }
    if (faults.roll(faults.settings.resetRate)) {
      injected = 'reset';
      reply.hijack();
      request.raw.socket.destroy();
      return reply;
    }
    if (faults.roll(faults.settings.hangRate)) {
      injected = 'hang';
      reply.hijack();
      hung.add(res);
      res.once('close', () => hung.delete(res));
      return reply;
    }
    if (faults.roll(faults.settings.errorRate)) {
      return reply.code(500).send(new SandboxHttpError(500, ERROR_CODES.serverError, 'Injected server error (sandbox fault)').body());
    }
    const override = faults.overrideFor(request.method, request.url);
    if (override && override.afterHandler === false) {
      return reply.code(override.status ?? 200).headers(overrideHeaders(override)).send(overrideBody(override));
    }
    if (override) replaced.set(request, override);
    return undefined;
  });
  return hung;
}
