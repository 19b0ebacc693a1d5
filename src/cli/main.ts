/* evo-console entry point: parse, run one command, map the outcome to an exit code.
 * Errors end as one line on stderr (and, with --json, an {"error": …} document on stdout
 * when the command printed none), never a stack trace. Only the command tree and the output
 * helpers load up front; a command's implementation and the services it needs are imported
 * when it runs (fast --help, fast --offline reads). */
import { CommanderError, type Command } from 'commander';
import type { CliContext } from './context';
import { describeError, EXIT, type ExitCode } from './exit-codes';
import { Output } from './output';
import { buildProgram, type Bind } from './program';
import type { Action } from './commands/action';

/** stdout carries results only: library log lines go to stderr, and only when asked for. */
function routeConsoleToStderr(): void {
  const debug = !!process.env.EVO_CONSOLE_DEBUG;
  const toStderr = (...args: unknown[]) => {
    if (debug) process.stderr.write(`${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}\n`);
  };
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
  console.warn = toStderr;
}

/**
 * A reader that stops early (`evo-console runs export RUN --format csv | head`) closes the pipe:
 * the command's result is no longer wanted, so the process ends quietly with 0 instead of an
 * unhandled EPIPE. Work already done stays done (the journal is written before any output). A
 * closed stderr only loses the notes.
 */
function endQuietlyWhenTheReaderGoes(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
    throw error;
  });
  process.stderr.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

export async function main(argv: string[] = process.argv): Promise<ExitCode> {
  routeConsoleToStderr();
  endQuietlyWhenTheReaderGoes();
  let ctx: CliContext | undefined;
  const bind: Bind =
    (load) =>
    async (...args) => {
      const command = args[args.length - 1] as Command;
      const [{ CliContext }, action] = await Promise.all([import('./context'), load()]);
      ctx = CliContext.of(command);
      // commander passes the positional arguments, the options, then the Command.
      await (action as Action<unknown[]>)(ctx, ...args.slice(0, -1));
    };
  const program = buildProgram(bind);
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not errors; commander already printed the usage problem on stderr.
      if (error.exitCode === 0) return EXIT.ok;
      if (argv.includes('--json')) {
        new Output({ json: true, quiet: true }).document({ error: { kind: 'Usage', message: error.message.replace(/^error:\s*/, ''), exitCode: EXIT.usage } });
      }
      return EXIT.usage;
    }
    const report = describeError(error);
    const out = ctx?.out ?? new Output({ json: argv.includes('--json'), quiet: false });
    if (out.json && !out.hasPrintedDocument()) {
      out.document({ error: { kind: report.kind, message: report.message, exitCode: report.exitCode, ...report.details } });
    }
    out.error(report.message);
    if (process.env.EVO_CONSOLE_DEBUG && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
    return report.exitCode;
  } finally {
    ctx?.close();
  }
}
