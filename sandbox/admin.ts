/* The test harness's control surface: in-process (SandboxAdmin) and over HTTP under
 * /__sandbox/ (loopback only, never subject to faults). Routes are listed in README.md. */
import type { FastifyInstance } from 'fastify';
import type { SandboxBehaviour } from './behaviour';
import type { SandboxContext } from './context';
import type { Listener } from './listener';
import type { FaultSettings, RawCustomer, SandboxFixtures, SandboxMetrics, WriteRecord } from './types';
import { SandboxHttpError } from './errors';
import { bodyField } from './query';

export interface SandboxAdmin {
  faults(): FaultSettings;
  setFaults(partial: Partial<FaultSettings>): FaultSettings;
  clearFaults(): FaultSettings;
  /** Ends every session, or only those of one user; returns how many ended. */
  expireSessions(userName?: string): number;
  /** Lifetime of sessions created from now on. */
  setSessionTtl(ms: number): void;
  /** Stop accepting connections (and drop open ones); with forMs, come back on the same port after it. */
  down(forMs?: number): Promise<void>;
  up(): Promise<void>;
  isDown(): boolean;
  /** Back to the seeded customers; clears the write log. */
  reset(): void;
  writes(): WriteRecord[];
  metrics(): SandboxMetrics;
  resetMetrics(): void;
  /** A customer's current raw state, no auth. */
  customer(id: string): RawCustomer | undefined;
  /** Every customer's current raw state, seed order. */
  customers(): RawCustomer[];
  fixtures(): SandboxFixtures;
  /** The behaviour choices this sandbox was started with. */
  behaviour(): SandboxBehaviour;
}

export function createAdmin(ctx: SandboxContext, listener: Listener): SandboxAdmin {
  return {
    faults: () => ({ ...ctx.faults.settings }),
    setFaults: (partial) => ({ ...ctx.faults.update(partial) }),
    clearFaults: () => ({ ...ctx.faults.clear() }),
    expireSessions: (userName) => ctx.sessions.expire(userName),
    setSessionTtl: (ms) => {
      ctx.sessions.ttlMs = ms;
    },
    down: (forMs) => listener.down(forMs),
    up: () => listener.up(),
    isDown: () => listener.isDown,
    reset: () => ctx.store.reset(),
    writes: () => ctx.store.writes(),
    metrics: () => ctx.faults.metrics(),
    resetMetrics: () => ctx.faults.resetMetrics(),
    customer: (id) => ctx.store.get(id),
    customers: () => ctx.store.all(),
    fixtures: () => ctx.fixtures,
    behaviour: () => ({ ...ctx.behaviour }),
  };
}

/** The admin API serves only this machine (the server binds 127.0.0.1, this guards a future bind change). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}

export const ADMIN_PREFIX = '/__sandbox';

export function registerAdminRoutes(app: FastifyInstance, admin: SandboxAdmin): void {
  app.register(
    async (scope) => {
      scope.addHook('onRequest', async (request) => {
        if (!isLoopback(request.socket.remoteAddress)) {
          throw new SandboxHttpError(403, 'Forbidden', 'The sandbox admin API answers loopback clients only');
        }
      });
      scope.get('/', () => ({
        routes: [
          'GET /__sandbox/fixtures', 'GET /__sandbox/behaviour', 'GET /__sandbox/faults', 'POST /__sandbox/faults', 'DELETE /__sandbox/faults',
          'POST /__sandbox/sessions/expire', 'POST /__sandbox/sessions/ttl', 'POST /__sandbox/down', 'POST /__sandbox/reset',
          'GET /__sandbox/writes', 'GET /__sandbox/metrics', 'POST /__sandbox/metrics/reset', 'GET /__sandbox/customers/:id',
        ],
      }));
      scope.get('/fixtures', () => admin.fixtures());
      scope.get('/behaviour', () => admin.behaviour());
      scope.get('/faults', () => admin.faults());
      scope.post('/faults', (request) => {
        try {
          return admin.setFaults((request.body ?? {}) as Partial<FaultSettings>);
        } catch (error) {
          throw new SandboxHttpError(400, 'InvalidValue', (error as Error).message);
        }
      });
      scope.delete('/faults', () => admin.clearFaults());
      scope.post('/sessions/expire', (request) => {
        const userName = bodyField(request.body, 'userName');
        return { expired: admin.expireSessions(typeof userName === 'string' ? userName : undefined) };
      });
      scope.post('/sessions/ttl', (request) => {
        const ms = Number(bodyField(request.body, 'ms'));
        if (!(ms > 0)) throw new SandboxHttpError(400, 'InvalidValue', 'ms must be a positive number');
        admin.setSessionTtl(ms);
        return { sessionTtlMs: ms };
      });
      // Answers first, then goes down: the caller gets its 200 before the port closes.
      scope.post('/down', (request, reply) => {
        const raw = bodyField(request.body, 'forMs');
        const forMs = raw === undefined || raw === null ? undefined : Number(raw);
        if (forMs !== undefined && !(forMs >= 0)) throw new SandboxHttpError(400, 'InvalidValue', 'forMs must be ≥ 0');
        reply.raw.once('finish', () => void admin.down(forMs));
        return { down: true, forMs: forMs ?? null };
      });
      scope.post('/reset', () => {
        admin.reset();
        return { reset: true };
      });
      scope.get('/writes', () => admin.writes());
      scope.get('/metrics', () => admin.metrics());
      scope.post('/metrics/reset', () => {
        admin.resetMetrics();
        return admin.metrics();
      });
      scope.get('/customers/:id', (request) => {
        const customer = admin.customer((request.params as { id: string }).id);
        if (!customer) throw new SandboxHttpError(404, 'NotFound', 'Customer not found');
        return customer;
      });
    },
    { prefix: ADMIN_PREFIX },
  );
}
