/* What every route handler needs: the data, the sessions, the behaviour choices, and who is asking. */
import type { FastifyRequest } from 'fastify';
import type { Session, SessionStore } from './auth';
import { parseCookieHeader } from './auth';
import type { SandboxBehaviour } from './behaviour';
import type { FaultController } from './faults';
import type { SeedAccount } from './seed/accounts';
import type { CustomerStore } from './store';
import type { RawCustomer, SandboxFixtures } from './types';
import { notFound, otherAccount } from './errors';

export interface SandboxContext {
  store: CustomerStore;
  sessions: SessionStore;
  accounts: SeedAccount[];
  fixtures: SandboxFixtures;
  faults: FaultController;
  behaviour: SandboxBehaviour;
  /** --drift: answer as the newer server (./drift.ts). */
  drift: boolean;
  /** The state a customer is in on the server, by id (read by TestSchedule's CustomerState rules). */
  customerStates: ReadonlyMap<string, string>;
  now(): Date;
}

export function sessionOf(ctx: SandboxContext, request: FastifyRequest): Session | undefined {
  return ctx.sessions.resolve(parseCookieHeader(request.headers.cookie));
}

export function visibleAccountIds(ctx: SandboxContext, session: Session): string[] {
  return session.user.accounts === 'all' ? ctx.accounts.map((a) => a.info.id) : [ctx.fixtures.managerAccountId];
}

/** The customer if it exists and the session may see it; otherwise the 404/403 the API would send. */
export function visibleCustomer(ctx: SandboxContext, session: Session, id: string): RawCustomer {
  const customer = ctx.store.get(id);
  if (!customer) throw notFound('Customer');
  if (!visibleAccountIds(ctx, session).includes(customer.accountId)) throw otherAccount('customer', ctx.behaviour.otherAccountStatus);
  return customer;
}

export function visibleAccount(ctx: SandboxContext, session: Session, id: string): SeedAccount {
  const account = ctx.accounts.find((a) => a.info.id === id);
  if (!account) throw notFound('Account');
  if (!visibleAccountIds(ctx, session).includes(id)) throw otherAccount('account', ctx.behaviour.otherAccountStatus);
  return account;
}
