/* Customers for DOM tests, shaped like validated API data. */
import type { Customer } from '../../../src/shared/evo/schemas';

export function makeCustomer(i: number, extra: Partial<Customer> = {}): Customer {
  return {
    id: `c${i}`,
    name: `Customer ${i}`,
    referenceId: `REF-${i}`,
    accountId: 'acc1',
    accountName: 'Main account',
    isStaging: i % 3 === 0,
    tags: i % 2 === 0 ? [{ id: 't1', name: 'VIP', color: 'Gold' }] : [],
    ...extra,
  } as Customer;
}

export const HOSTILE_NAME = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';
