/* Makes one fully populated CustomerInfo at a time. The layout of the tree (who is whose
 * parent, which customers are fixtures) is decided in ./index.ts. */
import type { AppSettings, BillingSettings, CustomerBreadcrumb, Schedule, Struct, Tag } from '../wire';
import { EVO_ASSUMPTIONS } from '../../src/shared/evo/assumptions';
import type { RawCustomer } from '../types';
import type { SeedAccount } from './accounts';
import type { NamePools } from './pools';
import type { Rng } from './random';
import { chance, hexId, intBetween, isoBetween, pick, pickSome } from './random';
import { appSettings, billingSettings, presets } from './settings';

export interface SeedNode {
  customer: RawCustomer;
  /** 0 = root. The deepest allowed level is MAX_DEPTH - 1 (five levels). */
  depth: number;
  /** Ancestors root first, excluding this node (the canonical form; the wire form follows the assumptions). */
  path: CustomerBreadcrumb[];
}

export const MAX_DEPTH = 5;

export interface ScheduleTemplates {
  own: Schedule[];
  inherit: Schedule[];
  forceClosed: Schedule[];
}

export interface MakeOptions {
  name?: string;
  schedule?: Schedule;
  tags?: Tag[];
}

const STAFF = ['jane.doe@evovoice.example', 'raj.patel@evovoice.example', 'li.wei@evovoice.example', 'provisioning@evovoice.example', 'm.garcia@evovoice.example'];
const BRANCH_WORDS = ['Branch', 'Office', 'Clinic', 'Store', 'Site', 'Depot', 'Campus', 'Studio'];

export class CustomerFactory {
  private readonly usedIds = new Set<string>();
  private readonly billingPresets: BillingSettings[];
  private readonly appPresets: AppSettings[];

  constructor(
    private readonly rng: Rng,
    private readonly pools: NamePools,
    private readonly schedules: ScheduleTemplates,
  ) {
    this.billingPresets = presets(rng, 12, billingSettings);
    this.appPresets = presets(rng, 12, appSettings);
  }

  make(account: SeedAccount, parent: SeedNode | null, options: MakeOptions = {}): SeedNode {
    const rng = this.rng;
    const id = this.newId();
    const name = options.name ?? this.name(parent !== null);
    const path = parent ? [...parent.path, { id: parent.customer.id, name: parent.customer.name ?? '' }] : [];
    const created = isoBetween(rng);
    const modified = isoBetween(rng, Date.parse(created));
    const usableTags = account.tags.slice(0, -1); // the last tag stays unused (fixtures.unusedTagId)
    const customer: RawCustomer = {
      id,
      dateCreated: created,
      dateLastModified: modified,
      createdBy: pick(rng, STAFF),
      lastModifiedBy: pick(rng, STAFF),
      accountId: account.info.id,
      parentCustomerId: parent ? parent.customer.id : EVO_ASSUMPTIONS.rootParentCustomerId,
      breadcrumb: [],
      accountName: account.info.name,
      isStaging: chance(rng, 0.15),
      name,
      referenceId: `CRM-${String(intBetween(rng, 0, 999999)).padStart(6, '0')}`,
      data: this.data(),
      tags: options.tags ?? pickSome(rng, usableTags, pick(rng, [0, 0, 1, 1, 2, 3])),
      schedule: options.schedule ?? this.schedule(parent === null),
      integrationData: this.integrationData(),
      overrideBillingSettings: chance(rng, 0.3),
      billingSettings: pick(rng, this.billingPresets),
      overrideAppSettings: chance(rng, 0.25),
      appSettings: pick(rng, this.appPresets),
    };
    const node: SeedNode = { customer, depth: parent ? parent.depth + 1 : 0, path };
    customer.breadcrumb = wireBreadcrumb(node);
    return node;
  }

  private newId(): string {
    for (;;) {
      const id = hexId(this.rng);
      if (!this.usedIds.has(id)) {
        this.usedIds.add(id);
        return id;
      }
    }
  }

  private name(isChild: boolean): string {
    const company = pick(this.rng, this.pools.companies);
    if (!isChild) return company;
    return `${company} ${pick(this.rng, BRANCH_WORDS)} ${pick(this.rng, this.pools.cities)}`;
  }

  private schedule(isRoot: boolean): Schedule {
    const rng = this.rng;
    // A root has nothing to inherit from, so it always carries its own schedule.
    if (!isRoot && this.schedules.inherit.length > 0 && chance(rng, 0.3)) return pick(rng, this.schedules.inherit);
    if (this.schedules.forceClosed.length > 0 && chance(rng, 0.04)) return pick(rng, this.schedules.forceClosed);
    return pick(rng, this.schedules.own);
  }

  private data(): Struct {
    const rng = this.rng;
    const person = () => pick(rng, this.pools.people);
    const contacts: Struct[] = Array.from({ length: intBetween(rng, 0, 3) }, (_, i) => {
      const p = person();
      return {
        name: { stringValue: `${p.first} ${p.last}` },
        phone: { stringValue: `+1${intBetween(rng, 200, 989)}${String(intBetween(rng, 0, 9999999)).padStart(7, '0')}` },
        primary: { boolValue: i === 0 },
      };
    });
    return {
      industry: { stringValue: pick(rng, this.pools.industries) },
      seats: { numberValue: intBetween(rng, 1, 2500) },
      monthlySpend: { numberValue: Math.round(rng() * 5_000_000) / 100 },
      vip: { boolValue: chance(rng, 0.1) },
      contacts: { listValue: contacts },
      address: {
        structValue: {
          street: { stringValue: pick(rng, this.pools.streets) },
          city: { stringValue: pick(rng, this.pools.cities) },
          postcode: { stringValue: pick(rng, this.pools.postcodes) },
          country: { stringValue: pick(rng, this.pools.countries) },
        },
      },
    };
  }

  private integrationData(): Record<string, unknown> {
    const rng = this.rng;
    const out: Record<string, unknown> = {};
    if (chance(rng, 0.35)) out.HostedSuite = { thirdPartyId: `HS-${intBetween(rng, 10000, 99999)}`, lastSyncDate: isoBetween(rng) };
    if (chance(rng, 0.15)) out.OfficeRnd = { thirdPartyId: hexId(rng).slice(0, 16), lastSyncDate: isoBetween(rng) };
    if (chance(rng, 0.15)) out.Zoho = { thirdPartyId: String(intBetween(rng, 1e9, 9e9)), lastSyncDate: isoBetween(rng) };
    return out;
  }
}

/** The breadcrumb as the (assumed) real server sends it: see EVO_ASSUMPTIONS. */
export function wireBreadcrumb(node: SeedNode): CustomerBreadcrumb[] {
  const crumbs = EVO_ASSUMPTIONS.breadcrumbIncludesSelf
    ? [...node.path, { id: node.customer.id, name: node.customer.name ?? '' }]
    : [...node.path];
  return EVO_ASSUMPTIONS.breadcrumbRootFirst ? crumbs : crumbs.reverse();
}
