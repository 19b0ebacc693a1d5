/* The confirmation rule lives in src/shared/bulk so the CLI applies exactly the same one. */
export { requiresTypedCount, typedCountMatches, TYPED_CONFIRM_THRESHOLD } from '../../../shared/bulk/confirm-rule';
