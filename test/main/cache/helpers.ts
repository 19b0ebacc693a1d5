import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CustomerInfoSchema, type Customer } from '../../../src/shared/evo/schemas';
import type { CacheProfile } from '../../../src/main/cache/database';

export function tempDir(prefix = 'evo-cache-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export const PROFILE: CacheProfile = { server: 'https://evovoice.io', user: 'admin@sandbox.test', accountId: 'acc-1' };

/** A customer as the client would hand it over: validated by the shared schema. */
export function customer(
  id: string,
  name: string,
  ancestors: ReadonlyArray<{ id: string; name: string }> = [],
  extra: Record<string, unknown> = {},
): Customer {
  const parent = ancestors[ancestors.length - 1];
  return CustomerInfoSchema.parse({
    id,
    name,
    accountId: 'acc-1',
    parentCustomerId: parent ? parent.id : null,
    breadcrumb: ancestors,
    isStaging: false,
    ...extra,
  });
}
