/* /customers (list with every ListCustomers field), /customers/{id}, staging,
 * inherited-schedule and test-schedule (REFERENCE §2.4–§2.9). */
import type { FastifyInstance } from 'fastify';
import { requireCustomerRole } from '../auth';
import type { SandboxContext } from '../context';
import { sessionOf, visibleAccountIds, visibleCustomer } from '../context';
import { NEWER_MEMBERS } from '../drift';
import { bindingFailed, brokenRecord, validationFailed } from '../errors';
import { listJson, pageItems, readPageRequest, sortItems, sortKeyOf } from '../paging';
import { bodyField, QueryReader } from '../query';
import { bindSchedule, readDateTime, serverStateAt, serverVocabulary } from '../schedule';
import type { RawCustomer } from '../types';
import type { CustomerInfo, Schedule, TestScheduleResponse } from '../wire';
import { newSchedule } from '../wire';

type IdParams = { customerId: string };

export function registerCustomerRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.get('/customers', (request, reply) => {
    const session = requireCustomerRole(sessionOf(ctx, request));
    const q = new QueryReader(request.query);
    const paging = readPageRequest(q, ctx.behaviour, ctx.faults.settings);
    const visible = visibleAccountIds(ctx, session);
    const requested = q.list('accountIds');
    // Always restricted to the user's accounts: foreign ids in accountIds simply match nothing.
    const accountIds = new Set(requested && requested.length > 0 ? requested.filter((id) => visible.includes(id)) : visible);

    // Every customer in the requested order, cached until the next write; filters keep that order.
    const sortKey = sortKeyOf(ctx.store.sample(), paging.sortField);
    const ordered = paging.unsorted ? ctx.store.all() : ctx.store.memo(`sorted:${sortKey}:${paging.descending}`, () => sortItems(ctx.store.all(), paging));
    let inSubtree: Set<string> | undefined;
    const parents = q.list('parentCustomerIds');
    if (parents && parents.length > 0) {
      const shallow = q.bool('shallowParent') ?? false;
      const seen = new Set<string>();
      inSubtree = seen;
      for (const parentId of parents) {
        const found = shallow ? ctx.store.children(parentId) : ctx.store.descendants(parentId);
        if (ctx.behaviour.deepParentFilter === 'descendants-and-parents' && !shallow) {
          const parent = ctx.store.get(parentId);
          if (parent) found.unshift(parent);
        }
        for (const c of found) seen.add(c.id);
      }
    }

    const specificIds = q.list('specificIds');
    const specific = specificIds && specificIds.length > 0 ? new Set(specificIds) : undefined;
    const nameFilter = q.string('nameFilter')?.toLowerCase() || undefined;
    const tagIds = q.list('tagIds') ?? [];
    const hasTag = (c: RawCustomer, tagId: string) => c.tags.some((t) => t.id === tagId);
    const tagsMatch = (c: RawCustomer) =>
      tagIds.length === 0 || (ctx.behaviour.tagIdsMatch === 'all-of' ? tagIds.every((t) => hasTag(c, t)) : tagIds.some((t) => hasTag(c, t)));
    const matches = ordered.filter(
      (c) =>
        (!inSubtree || inSubtree.has(c.id)) &&
        accountIds.has(c.accountId) &&
        (!specific || specific.has(c.id)) &&
        (!nameFilter || (c.name ?? '').toLowerCase().includes(nameFilter)) &&
        tagsMatch(c),
    );
    const page = pageItems(matches, paging, ctx.drift ? NEWER_MEMBERS.listResponse : {});
    return reply.type('application/json; charset=utf-8').send(listJson(page, (c) => ctx.store.json(c)));
  });

  app.get('/customers/:customerId', (request): CustomerInfo => {
    const session = requireCustomerRole(sessionOf(ctx, request));
    const customer = visibleCustomer(ctx, session, (request.params as IdParams).customerId);
    if (ctx.faults.settings.brokenCustomerIds.includes(customer.id)) throw brokenRecord(customer.id);
    return customer;
  });

  app.post('/customers/:customerId/staging', (request): CustomerInfo => {
    const session = requireCustomerRole(sessionOf(ctx, request));
    const customer = visibleCustomer(ctx, session, (request.params as IdParams).customerId);
    const isStaging = readIsStaging(ctx, bodyField(request.body, 'isStaging'));
    if (ctx.faults.settings.brokenCustomerIds.includes(customer.id)) throw brokenRecord(customer.id);
    return ctx.store.setStaging(customer.id, isStaging, { user: session.user.userName, sessionNo: session.no }, ctx.now());
  });

  // Nothing to inherit: the behaviour's choice between null (204), the customer's own schedule and a default Schedule.
  app.get('/customers/:customerId/inherited-schedule', (request, reply) => {
    const session = requireCustomerRole(sessionOf(ctx, request));
    const customer = visibleCustomer(ctx, session, (request.params as IdParams).customerId);
    const inherited = inheritedSchedule(ctx, customer);
    if (inherited) return inherited;
    switch (ctx.behaviour.inheritedScheduleWhenNone) {
      case 'no-content':
        return reply.code(204).send();
      case 'own':
        return customer.schedule ?? newSchedule({});
      case 'empty':
        return newSchedule({});
    }
  });

  app.post('/customers/:customerId/test-schedule', (request): TestScheduleResponse => {
    const session = requireCustomerRole(sessionOf(ctx, request));
    const customer = visibleCustomer(ctx, session, (request.params as IdParams).customerId);
    const vocabulary = serverVocabulary(ctx.drift);
    const rawSchedule = bodyField(request.body, 'schedule');
    let schedule = bindSchedule(rawSchedule ?? customer.schedule ?? {}, vocabulary);
    if (schedule.inherit) schedule = bindSchedule(inheritedSchedule(ctx, customer) ?? schedule, vocabulary);
    const rawDate = bodyField(request.body, 'dateTime');
    let at: Date;
    if (rawDate === undefined || rawDate === null || rawDate === '') {
      if (ctx.behaviour.testScheduleWithoutDateTime === 'reject') throw validationFailed([{ field: 'DateTime', code: 'NotEmpty', message: "'Date Time' must not be empty." }]);
      at = ctx.now();
    } else {
      const parsed = typeof rawDate === 'string' ? readDateTime(rawDate, schedule) : undefined;
      if (!parsed) {
        throw validationFailed([{ field: 'DateTime', code: 'InvalidValue', message: `'${String(rawDate)}' is not an ISO date-time.` }]);
      }
      at = parsed;
    }
    return serverStateAt(schedule, at, ctx.customerStates.get(customer.id));
  });
}

/** `IsStaging` is a C# bool: absent means false unless the behaviour has a validator refuse it; a non-bool cannot bind. */
function readIsStaging(ctx: SandboxContext, raw: unknown): boolean {
  if (raw === true || raw === 'true') return true;
  if (raw === false || raw === 'false') return false;
  if (raw !== undefined && raw !== null) throw bindingFailed('SetCustomerStagingMode', 'IsStaging', raw);
  if (ctx.behaviour.stagingWithoutIsStaging === 'rejected') throw validationFailed([{ field: 'IsStaging', code: 'NotNull', message: "'Is Staging' must not be empty." }]);
  return false;
}

/** The schedule of the nearest ancestor whose own schedule does not inherit; undefined when there is none. */
function inheritedSchedule(ctx: SandboxContext, customer: RawCustomer): Schedule | undefined {
  return ctx.store.ancestors(customer.id).find((a) => a.schedule && !a.schedule.inherit)?.schedule;
}
