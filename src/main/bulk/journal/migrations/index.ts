/* All journal migrations in order. Add a numbered file (NNN-name.ts, with a test) and list
 * it here; never edit one that has shipped. */
import type { Migration } from '../../../sqlite/migrations';
import { migration001 } from './001-runs-and-items';
import { migration002 } from './002-plans';
import { migration003 } from './003-run-claims-and-plan-index';
import { migration004 } from './004-return-by';

export const JOURNAL_MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004];
