/* Public surface of bulk staging for the IPC layer and the CLI. */
export { BulkStagingService, type BulkStagingServiceDeps, type OpenBulkStagingOptions, type RunHandle, type StartOptions } from './bulk-staging-service';
export { JOURNAL_FILE_NAME, journalFilePath } from './journal/journal-db';
export type { BulkCache, BulkClient, BulkSession } from './ports';
export { identityFromSession } from '../../shared/bulk/identity';
