/* customers ls | show | tree: reads through CustomerService, so answers come from the
 * server when it is reachable and from the offline cache (marked, with its age) when not.
 * `ls --search` finds customers by name, id or reference id and shows each one's path, so two
 * customers with the same name can be told apart. */
import { asText, CustomerInfoSchema, isKnownTagColor, undeclaredMembers, type Customer, type Tag } from '../../shared/evo/schemas';
import { setAsideSentence } from '../../shared/evo/tolerant';
import { describeInherit, describeSchedule } from '../../shared/schedule';
import type { TargetState } from '../../shared/bulk/types';
import { routingOf } from '../../shared/routing-words';
import { formatDateTime } from '../../shared/format';
import type { CustomerService } from '../../main/customers/customer-service';
import type { CustomerListResult, ReferenceIdCoverage } from '../../shared/customers';
import type { CliContext } from '../context';
import { CliError, EXIT } from '../exit-codes';
import { pathText, type Colors, type Column } from '../output';
import { noteSource } from '../source-note';
import { tagColourText, tagIdsFor } from '../tag-names';
import { terminalSafe } from '../terminal-text';
import type { Action } from './action';

const PAGE_SIZE = 100;

interface LsOptions {
  parent?: string;
  search?: string;
  tag: string[];
  routing?: TargetState | 'normal';
  all?: boolean;
}

const routing = (c: Colors, isStaging: boolean) => (isStaging ? c.yellow : c.green)(routingOf(isStaging));

const tagNames = (customer: Customer) => (customer.tags ?? []).map((t) => t.name ?? t.id ?? '').filter(Boolean).join(', ');

/** Names of the customer's ancestors, root first (the server's breadcrumb may include the customer itself). */
const ancestorNames = (customer: Customer) => (customer.breadcrumb ?? []).filter((b) => b.id !== customer.id).map((b) => b.name ?? b.id ?? '');

async function listAllPages(first: CustomerListResult, next: (page: number) => Promise<CustomerListResult>): Promise<CustomerListResult> {
  const items = [...first.items];
  let fetchedAt = first.fetchedAt;
  for (let page = first.page + 1; items.length < first.total; page++) {
    const more = await next(page);
    if (more.items.length === 0) break;
    items.push(...more.items);
    if (more.fetchedAt !== null && (fetchedAt === null || more.fetchedAt < fetchedAt)) fetchedAt = more.fetchedAt;
  }
  return { ...first, items, fetchedAt, pageSize: items.length };
}

/** Says how far a reference-id match could look (the API cannot filter by reference id). */
function noteReferenceCoverage(ctx: CliContext, coverage: ReferenceIdCoverage): void {
  const download = 'evo-console customers ls (the root customers) downloads the whole account';
  if (coverage.copy === 'none') ctx.out.warn(`reference ids were not searched: there is no offline copy of this account yet; ${download}.`);
  else if (coverage.copy === 'partial') ctx.out.warn(`reference ids were searched only among the customers cached so far; ${download}.`);
  else ctx.out.note(`reference ids searched in the offline copy of the account as of ${formatDateTime(coverage.syncedAt)}`);
}

export const ls: Action<[LsOptions]> = async (ctx, options) => {
  const identity = await ctx.identity();
  const customers = ctx.services.customers(identity);
  const tagIds = await tagIdsFor(ctx, identity, options.tag);
  // The API cannot filter by routing: with --routing every match is read and filtered here.
  const everything = options.all === true || options.routing !== undefined;
  const searching = options.search !== undefined && options.parent === undefined;
  let result: CustomerListResult;
  let coverage: ReferenceIdCoverage | undefined;
  if (searching) {
    const found = await customers.find(options.search ?? '', { limit: everything ? 100_000 : PAGE_SIZE, ...(tagIds ? { tagIds } : {}) });
    result = found;
    coverage = found.referenceIds;
  } else {
    const query = (page: number) =>
      customers.children(options.parent ?? null, { page, pageSize: PAGE_SIZE, ...(options.search ? { search: options.search } : {}), ...(tagIds ? { tagIds } : {}) });
    result = await query(0);
    if (everything) result = await listAllPages(result, query);
  }
  let { items, total } = result;
  if (options.routing !== undefined) {
    items = items.filter((c) => (c.isStaging === true) === (options.routing === 'staging'));
    total = items.length;
  }
  if (!options.all) items = items.slice(0, PAGE_SIZE);
  noteSource(ctx, result);
  if (coverage) noteReferenceCoverage(ctx, coverage);
  const doc = { source: result.source, fetchedAt: result.fetchedAt === null ? null : new Date(result.fetchedAt).toISOString(), total, items, ...(coverage ? { referenceIds: coverage } : {}) };
  ctx.out.result(doc, () => {
    const c = ctx.out.c;
    const columns: Column<Customer>[] = [
      { header: 'ID', value: (r) => r.id },
      { header: 'NAME', value: (r) => r.name ?? '' },
      { header: 'ROUTING', value: (r) => routingOf(r.isStaging ?? false), paint: (t, r) => (r.isStaging ? c.yellow(t) : c.green(t)) },
      ...(searching
        ? [
            { header: 'REFERENCE', value: (r: Customer) => r.referenceId ?? '' },
            { header: 'PATH', value: (r: Customer) => pathText(ancestorNames(r)) || '(root)' },
          ]
        : [{ header: 'TAGS', value: tagNames }]),
    ];
    ctx.out.listing(items, columns, 'No customers.');
  });
  if (items.length < total) ctx.out.note(`showing ${items.length} of ${total}; add --all for every one`);
};

/** A tag by name, with its colour when this console does not know it (as the app's neutral chip does). */
const tagText = (tag: Tag) => {
  const name = tag.name ?? tag.id ?? '';
  return tag.color === undefined || isKnownTagColor(tag.color) ? name : `${name} · ${tagColourText(tag.color)}`;
};

/** Lines of `show`: the tags (and any the server sent unreadable). */
function tagLines(customer: Customer): string[] {
  const tags = (customer.tags ?? []).map(tagText).join(', ') || '—';
  return [tags, ...optional(setAsideSentence(customer, 'tags', 'tag'))];
}

/** Lines of `show`: the schedule as the app words it (rules in evaluation order, unknown kinds named). */
function scheduleLines(customer: Customer): string[] {
  if (!customer.schedule) return ['—'];
  if (customer.schedule.inherit) return [describeInherit(customer.schedule)];
  const { header, rules } = describeSchedule(customer.schedule);
  return [header.join(' · '), ...rules.map((rule, i) => `${i + 1}. ${rule}`), ...optional(setAsideSentence(customer.schedule, 'rules', 'rule'))];
}

/** Longest text of one member the server added, as sent (JSON); the JSON output has it whole. */
const MEMBER_TEXT_MAX = 80;

/** Lines of `show`: members CustomerInfo does not have (a newer server's), as sent. */
function otherLines(customer: Customer): string[] {
  return Object.entries(undeclaredMembers(CustomerInfoSchema, customer)).map(([key, value]) => {
    let text: string;
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = '(nested too deeply to print; see --json)';
    }
    return `${key}: ${text.length > MEMBER_TEXT_MAX ? `${text.slice(0, MEMBER_TEXT_MAX - 1)}…` : text}`;
  });
}

const optional = (line: string | undefined): string[] => (line === undefined ? [] : [line]);

export const show: Action<[string]> = async (ctx, id) => {
  const identity = await ctx.identity();
  const result = await ctx.services.customers(identity).get(id);
  noteSource(ctx, result);
  const customer = result.customer;
  ctx.out.result({ source: result.source, fetchedAt: new Date(result.fetchedAt).toISOString(), customer }, () => {
    const c = ctx.out.c;
    const rows: [string, string | string[]][] = [
      ['Name', terminalSafe(customer.name ?? '')],
      ['ID', terminalSafe(customer.id)],
      ['Routing', routing(c, customer.isStaging)],
      ['Path', terminalSafe([...ancestorNames(customer), customer.name ?? customer.id].join(' › '))],
      ['Parent', terminalSafe(customer.parentCustomerId ?? '(root)')],
      ['Account', terminalSafe(customer.accountName ? `${customer.accountName} (${customer.accountId ?? ''})` : (customer.accountId ?? ''))],
      ['Reference', terminalSafe(customer.referenceId ?? '')],
      ['Tags', tagLines(customer).map(terminalSafe)],
      ['Modified', terminalSafe(formatDateTime(asText(customer.dateLastModified)))],
      ['Schedule', scheduleLines(customer).map(terminalSafe)],
    ];
    const others = otherLines(customer);
    if (others.length > 0) rows.push(['Other', [...others, '(fields this console does not know, as the server sent them)'].map(terminalSafe)]);
    const width = Math.max(...rows.map(([k]) => k.length));
    for (const [key, value] of rows) {
      const [first = '', ...more] = typeof value === 'string' ? [value] : value;
      ctx.out.line(`${c.bold(key.padEnd(width))}  ${first}`);
      for (const line of more) ctx.out.line(`${' '.repeat(width)}  ${line}`);
    }
  });
};

interface TreeNode {
  id: string;
  name: string;
  isStaging: boolean | null;
  /** Omitted below --depth (not read). */
  children?: TreeNode[];
}

async function childrenOf(customers: CustomerService, id: string): Promise<CustomerListResult> {
  const query = (page: number) => customers.children(id, { page, pageSize: PAGE_SIZE });
  return listAllPages(await query(0), query);
}

export const tree: Action<[string, { depth: string }]> = async (ctx, id, options) => {
  const depth = Number(options.depth);
  if (!Number.isInteger(depth) || depth < 0) throw new CliError(`--depth must be a whole number of levels (got "${options.depth}").`, EXIT.usage);
  const identity = await ctx.identity();
  const customers = ctx.services.customers(identity);
  const root = await customers.get(id);
  let fromCache = root.source === 'cache';
  let oldest = root.fetchedAt;
  const build = async (customer: Customer, level: number): Promise<TreeNode> => {
    const node: TreeNode = { id: customer.id, name: customer.name ?? '', isStaging: customer.isStaging ?? null };
    if (level >= depth) return node;
    const kids = await childrenOf(customers, customer.id);
    if (kids.source === 'cache') fromCache = true;
    if (kids.fetchedAt !== null) oldest = Math.min(oldest, kids.fetchedAt);
    node.children = [];
    for (const child of kids.items) node.children.push(await build(child, level + 1));
    return node;
  };
  const result = await build(root.customer, 0);
  if (fromCache) noteSource(ctx, { source: 'cache', fetchedAt: oldest });
  ctx.out.result({ source: fromCache ? 'cache' : 'server', fetchedAt: new Date(oldest).toISOString(), depth, root: result }, () => {
    const c = ctx.out.c;
    const mark = (n: TreeNode) => (n.isStaging === null ? c.dim('[?]') : n.isStaging ? c.yellow('[S]') : c.green('[N]'));
    const lines: string[] = [];
    const walk = (n: TreeNode, prefix: string, last: boolean, top: boolean) => {
      lines.push(`${top ? '' : `${prefix}${last ? '└─ ' : '├─ '}`}${mark(n)} ${terminalSafe(n.name)} ${c.dim(terminalSafe(n.id))}`);
      const kids = n.children ?? [];
      kids.forEach((k, i) => walk(k, top ? '' : `${prefix}${last ? '   ' : '│  '}`, i === kids.length - 1, false));
    };
    walk(result, '', true, true);
    ctx.out.line(lines.join('\n'));
    ctx.out.line(c.dim(`[S] staging  [N] normal${depth > 0 ? `  (depth ${depth})` : ''}`));
  });
};
