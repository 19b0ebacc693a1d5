/* customers ls | show | tree: reads through CustomerService, so answers come from the
 * server when it is reachable and from the offline cache (marked, with its age) when not. */
import type { Command } from 'commander';
import { asText, type Customer } from '../../shared/evo/schemas';
import type { CustomerService } from '../../main/customers/customer-service';
import type { CustomerListResult, Sourced } from '../../shared/customers';
import type { CliContext } from '../context';
import { CliError, EXIT } from '../exit-codes';
import { formatTime, safeText, table, type Colors } from '../output';
import type { Action, Bind } from './action';

const PAGE_SIZE = 100;

interface LsOptions {
  parent?: string;
  search?: string;
  tag: string[];
  all?: boolean;
}

const routing = (c: Colors, isStaging: boolean | undefined) =>
  isStaging === undefined ? '?' : isStaging ? c.yellow('staging') : c.green('production');

const tagNames = (customer: Customer) => (customer.tags ?? []).map((t) => t.name ?? t.id ?? '').filter(Boolean).join(', ');

/** Tells the user when an answer came from the offline cache, and how old it is. */
function noteSource(ctx: CliContext, result: Sourced): void {
  if (result.source === 'cache') {
    ctx.out.warn(`from the offline cache${result.fetchedAt === null ? '' : `, as of ${formatTime(result.fetchedAt)}`} (the server was not asked or did not answer)`);
  }
}

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

export const ls: Action<[LsOptions]> = async (ctx, options) => {
  const identity = await ctx.identity();
  const customers = ctx.services.customers(identity);
  const tagIds = options.tag.length > 0 ? options.tag : undefined;
  let result: CustomerListResult;
  if (options.search !== undefined && options.parent === undefined) {
    // Search the whole account; --all raises the limit to everything that matches.
    result = await customers.search(options.search, { limit: options.all ? 100_000 : PAGE_SIZE, ...(tagIds ? { tagIds } : {}) });
  } else {
    const query = (page: number) =>
      customers.children(options.parent ?? null, { page, pageSize: PAGE_SIZE, ...(options.search ? { search: options.search } : {}), ...(tagIds ? { tagIds } : {}) });
    result = await query(0);
    if (options.all) result = await listAllPages(result, query);
  }
  noteSource(ctx, result);
  ctx.out.result({ source: result.source, fetchedAt: result.fetchedAt === null ? null : new Date(result.fetchedAt).toISOString(), total: result.total, items: result.items }, () => {
    const c = ctx.out.c;
    if (result.items.length === 0) {
      ctx.out.line('No customers.');
      return;
    }
    ctx.out.line(
      table(
        result.items,
        [
          { header: 'ID', value: (r) => r.id },
          { header: 'NAME', value: (r) => r.name ?? '' },
          { header: 'ROUTING', value: (r) => (r.isStaging ? 'staging' : 'production'), paint: (t, r) => (r.isStaging ? c.yellow(t) : c.green(t)) },
          { header: 'TAGS', value: tagNames },
        ],
        c,
      ),
    );
  });
  if (result.items.length < result.total) ctx.out.note(`showing ${result.items.length} of ${result.total}; add --all for every page`);
};

export const show: Action<[string]> = async (ctx, id) => {
  const identity = await ctx.identity();
  const result = await ctx.services.customers(identity).get(id);
  noteSource(ctx, result);
  const customer = result.customer;
  ctx.out.result({ source: result.source, fetchedAt: new Date(result.fetchedAt).toISOString(), customer }, () => {
    const c = ctx.out.c;
    const path = (customer.breadcrumb ?? []).filter((b) => b.id !== customer.id).map((b) => b.name ?? b.id);
    const rows: [string, string][] = [
      ['Name', safeText(customer.name ?? '')],
      ['ID', customer.id],
      ['Routing', routing(c, customer.isStaging)],
      ['Path', safeText([...path, customer.name ?? customer.id].join(' › '))],
      ['Parent', customer.parentCustomerId ?? '(root)'],
      ['Account', safeText(customer.accountName ? `${customer.accountName} (${customer.accountId ?? ''})` : (customer.accountId ?? ''))],
      ['Reference', safeText(customer.referenceId ?? '')],
      ['Tags', safeText(tagNames(customer)) || '—'],
      ['Modified', formatTime(asText(customer.dateLastModified))],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    for (const [key, value] of rows) ctx.out.line(`${c.bold(key.padEnd(width))}  ${value}`);
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
    const mark = (n: TreeNode) => (n.isStaging === null ? c.dim('[?]') : n.isStaging ? c.yellow('[S]') : c.green('[P]'));
    const lines: string[] = [];
    const walk = (n: TreeNode, prefix: string, last: boolean, top: boolean) => {
      lines.push(`${top ? '' : `${prefix}${last ? '└─ ' : '├─ '}`}${mark(n)} ${safeText(n.name)} ${c.dim(n.id)}`);
      const kids = n.children ?? [];
      kids.forEach((k, i) => walk(k, top ? '' : `${prefix}${last ? '   ' : '│  '}`, i === kids.length - 1, false));
    };
    walk(result, '', true, true);
    ctx.out.line(lines.join('\n'));
    ctx.out.line(c.dim(`[S] staging  [P] production${depth > 0 ? `  (depth ${depth})` : ''}`));
  });
};

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerCustomerCommands(program: Command, bind: Bind): void {
  const customers = program.command('customers').description('browse customers of the active account');
  customers
    .command('ls')
    .description('list customers: the roots, the children of --parent, or the account-wide matches of --search')
    .option('--parent <id>', 'list the children of this customer')
    .option('--search <text>', 'name contains TEXT (account-wide unless --parent is given)')
    .option('--tag <id>', 'only customers carrying this tag (repeatable: all of them)', collect, [])
    .option('--all', 'every page, not only the first 100')
    .action(bind(ls));
  customers.command('show').description('one customer in detail').argument('<id>', 'customer id').action(bind(show));
  customers
    .command('tree')
    .description('indented tree below a customer with staging marks ([S] staging, [P] production)')
    .argument('<id>', 'customer id (the root of the tree)')
    .option('--depth <n>', 'levels below the customer to show', '2')
    .action(bind(tree));
}
