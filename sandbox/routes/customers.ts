/* /customers (list with every ListCustomers field), /customers/{id}, staging,
 * inherited-schedule and test-schedule. */
import type { FastifyInstance } from 'fastify';
import type { CustomerInfo, ListResponse, Schedule, TestScheduleResponse } from '../wire';
import { EVO_ASSUMPTIONS } from '../../src/shared/evo/assumptions';
import { evaluateSchedule } from '../../src/shared/schedule/evaluate';
import { parseScheduleDateTime } from '../../src/shared/schedule/instant';
import { requireCustomerRole } from '../auth';
import type { SandboxContext } from '../context';
import { sessionOf, visibleAccountIds, visibleCustomer } from '../context';
import { brokenRecord, validationFailed } from '../errors';
import { listJson, pageItems, readPageRequest, sortItems, sortKeyOf } from '../paging';
import { bodyField, QueryReader } from '../query';
import type { RawCustomer } from '../types';

type IdParams = { customerId: string };

export function registerCustomerRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.get('/customers', (request, reply) => {
    const session = requireCustomerRole(sessionOf(ctx, request));
    const q = new QueryReader(request.query);
    const paging = readPageRequest(q, ctx.faults.settings);
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
        if (EVO_ASSUMPTIONS.deepParentFilterIncludesParents && !shallow) {
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
    const matches = ordered.filter(
      (c) =>
        (!inSubtree || inSubtree.has(c.id)) &&
        accountIds.has(c.accountId) &&
        (!specific || specific.has(c.id)) &&
        (!nameFilter || (c.name ?? '').toLowerCase().includes(nameFilter)) &&
        tagIds.every((tagId) => (c.tags ?? []).some((t) => t.id === tagId)),
    );
    const page: ListResponse<RawCustomer> = pageItems(matches, paging);
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
    const raw = bodyField(request.body, 'isStaging');
    const isStaging = raw === true || raw === 'true' ? true : raw === false || raw === 'false' ? false : undefined;
    if (isStaging === undefined) {
      const message = raw === undefined || raw === null ? "'Is Staging' must not be empty." : `'${String(raw)}' is not a valid value for 'Is Staging'.`;
      throw validationFailed([{ field: 'IsStaging', code: raw === undefined || raw === null ? 'NotNull' : 'InvalidValue', message }]);
    }
    if (ctx.faults.settings.brokenCustomerIds.includes(customer.id)) throw brokenRecord(customer.id);
    return ctx.store.setStaging(customer.id, isStaging, { user: session.user.userName, sessionNo: session.no }, ctx.now());
  });

  app.get('/customers/:customerId/inherited-schedule', (request): Schedule => {
    const session = requireCustomerRole(sessionOf(ctx, request));
    return inheritedSchedule(ctx, visibleCustomer(ctx, session, (request.params as IdParams).customerId));
  });

  app.post('/customers/:customerId/test-schedule', (request): TestScheduleResponse => {
    const session = requireCustomerRole(sessionOf(ctx, request));
    const customer = visibleCustomer(ctx, session, (request.params as IdParams).customerId);
    const rawSchedule = bodyField(request.body, 'schedule');
    if (rawSchedule !== undefined && rawSchedule !== null && typeof rawSchedule !== 'object') {
      throw validationFailed([{ field: 'Schedule', code: 'InvalidValue', message: "'Schedule' must be an object." }]);
    }
    const rawDate = bodyField(request.body, 'dateTime');
    let schedule = (rawSchedule as Schedule | null | undefined) ?? customer.schedule ?? {};
    if (schedule.inherit) schedule = inheritedSchedule(ctx, customer);
    let at: Date;
    if (rawDate === undefined || rawDate === null || rawDate === '') {
      if (!EVO_ASSUMPTIONS.testScheduleDefaultsToNow) throw validationFailed([{ field: 'DateTime', code: 'NotEmpty', message: "'Date Time' must not be empty." }]);
      at = ctx.now();
    } else {
      // A time without an offset is wall time in the schedule's zone (see assumptions).
      const parsed = typeof rawDate === 'string' ? parseScheduleDateTime(rawDate, schedule) : undefined;
      if (!parsed) {
        throw validationFailed([{ field: 'DateTime', code: 'InvalidValue', message: `'${String(rawDate)}' is not an ISO date-time.` }]);
      }
      at = parsed;
    }
    const result = evaluateSchedule(schedule, at);
    return { stateName: result.stateName, timeZoneId: result.timeZoneId };
  });
}

/** The schedule of the nearest ancestor whose own schedule does not inherit. */
function inheritedSchedule(ctx: SandboxContext, customer: RawCustomer): Schedule {
  const source = ctx.store.ancestors(customer.id).find((a) => a.schedule && !a.schedule.inherit);
  if (source?.schedule) return source.schedule;
  return EVO_ASSUMPTIONS.inheritedScheduleFallsBackToOwn ? (customer.schedule ?? {}) : {};
}
