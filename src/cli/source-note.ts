/* Every answer says where it came from: a warning names the offline cache and the age of the
 * copy whenever the server was not asked or did not answer. */
import { formatDateTime } from '../shared/format';
import type { Sourced } from '../shared/customers';
import type { CliContext } from './context';

export function noteSource(ctx: CliContext, result: Sourced): void {
  if (result.source === 'cache') {
    ctx.out.warn(`from the offline cache${result.fetchedAt === null ? '' : `, as of ${formatDateTime(result.fetchedAt)}`} (the server was not asked or did not answer)`);
  }
}
