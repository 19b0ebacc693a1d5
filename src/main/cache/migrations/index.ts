/* All cache migrations in order. Add a new numbered file (NNN-name.ts, with a test) and list
 * it here; never edit one that has shipped. */
import type { Migration } from '../../sqlite/migrations';
import { migration001 } from './001-initial-schema';
import { migration002 } from './002-name-search-index';

export const MIGRATIONS: readonly Migration[] = [migration001, migration002];
