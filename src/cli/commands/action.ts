/* The shape of a command implementation: the context first, then commander's positional
 * arguments and the command's own options (commander's trailing Command is dropped). */
import type { CliContext } from '../context';

export type Action<A extends unknown[]> = (ctx: CliContext, ...args: A) => Promise<void>;
