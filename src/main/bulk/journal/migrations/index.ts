/* All journal migrations in order. Add a numbered file (NNN-name.ts, with a test) and list
 * it here; never edit one that has shipped. */
import { migration001 } from './001-runs-and-items';
import { migration002 } from './002-plans';
import type { JournalMigration } from './types';

export type { JournalMigration } from './types';

export const JOURNAL_MIGRATIONS: readonly JournalMigration[] = [migration001, migration002];
