/* The command tree (commander): global options, every command with its own --help, and the
 * exit-code table on every help page. Implementations live in ./commands/. */
import { Command, Option } from 'commander';
import { EXIT_CODES_HELP } from './exit-codes';
import { CLI_VERSION } from './services';
import type { Bind } from './commands/action';
import { registerCustomerCommands } from './commands/customers';
import { registerRunCommands } from './commands/runs';
import { registerSessionCommands } from './commands/session';
import { registerStagingCommands } from './commands/staging';
import { registerSyncCommand } from './commands/sync';

const ENVIRONMENT_HELP = `Environment:
  EVO_CONSOLE_SERVER  server address, like --server
  EVO_CONSOLE_HOME    folder for settings, offline cache and run journal (default: the desktop app's folder, shared with it)
  NO_COLOR            no colours even on a terminal
  EVO_CONSOLE_DEBUG   show internal log lines on stderr`;

export function buildProgram(bind: Bind): Command {
  const program = new Command('evo-console');
  program
    .description('Evo Voice Console on the command line: session, customers, bulk staging with journal, undo and audit')
    .version(CLI_VERSION, '-V, --version')
    .addOption(new Option('--server <url>', 'Evo Voice server to use (https; http only for 127.0.0.1/localhost); becomes the default for later commands').env('EVO_CONSOLE_SERVER'))
    .option('--json', 'print one JSON document on stdout (progress and prompts stay on stderr)')
    .option('--offline', 'answer reads from the offline cache only; commands that change things are refused')
    .option('-q, --quiet', 'no banner, notes or progress on stderr (warnings and errors still shown)')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .addHelpText('afterAll', `\n${EXIT_CODES_HELP}\n\n${ENVIRONMENT_HELP}\n\nFull reference: docs/CLI.md`);

  registerSessionCommands(program, bind);
  registerCustomerCommands(program, bind);
  registerStagingCommands(program, bind);
  registerRunCommands(program, bind);
  registerSyncCommand(program, bind);
  return program;
}
