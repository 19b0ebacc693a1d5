/* The command tree (commander): global options and every command with its own --help. The
 * implementations in ./commands/ are imported only when their command runs, so `--help` and
 * light commands start without loading the services. The exit-code and environment footer is
 * printed on the top-level help only. */
import { Command, Option } from 'commander';
import { MAX_CONCURRENCY, MIN_CONCURRENCY } from '../shared/bulk/types';
import { MAX_RATE_CEILING, MIN_RATE_CEILING } from '../shared/request-rate';
import { EXIT_CODES_HELP } from './exit-codes';
import type { Action } from './commands/action';

export const CLI_VERSION = '0.1.0';

/** Turns a lazily loaded command implementation into commander's action handler. */
export type Bind = <A extends unknown[]>(load: () => Promise<Action<A>>) => (...args: unknown[]) => Promise<void>;

const ENVIRONMENT_HELP = `Environment:
  EVO_CONSOLE_SERVER  server address, like --server
  EVO_CONSOLE_HOME    folder for settings, offline cache and run journal (default: the desktop app's folder, shared with it)
  NO_COLOR            no colours even on a terminal
  EVO_CONSOLE_DEBUG   show internal log lines and stack traces on stderr`;

const collect = (value: string, previous: string[]) => [...previous, value];
const concurrencyOption = (defaults: string) => new Option('--concurrency <n>', `requests at once (${MIN_CONCURRENCY}-${MAX_CONCURRENCY}; ${defaults})`);
const showAllOption = () => new Option('--show-all', 'list every customer that would change before asking (default: the first 20)');
const maxRateOption = () =>
  new Option('--max-rate <n>', `requests per second at most for this command (${MIN_RATE_CEILING}-${MAX_RATE_CEILING}; default: the desktop app's setting, else none: the rate adapts to the server)`);
const maxOption = () => new Option('--max <n>', 'refuse (exit 9, nothing sent) when more than N customers would change');
const returnByOption = () =>
  new Option('--return-by <time>', 'with --to staging: when the customers should be back on normal routing, an ISO time (2026-11-29T18:00) or a duration from now (90m, 2h, 1d); see staging due');
/** Commands that start a run after asking: --yes, --concurrency and --max-rate. */
const runOptions = (command: Command, yes = 'do not ask (required without a terminal)') =>
  command.addOption(new Option('--yes', yes)).addOption(concurrencyOption('default 6')).addOption(maxRateOption());

const session = () => import('./commands/session');
const customers = () => import('./commands/customers');
const tags = () => import('./commands/tags');
const staging = () => import('./commands/staging');
const stagingNow = () => import('./commands/staging-now');
const runs = () => import('./commands/runs');
const plans = () => import('./commands/plans');
const sync = () => import('./commands/sync');

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
    .addHelpText('after', `\n${EXIT_CODES_HELP}\n\n${ENVIRONMENT_HELP}\n\nFull reference: docs/CLI.md`);

  // ---- session ----
  program
    .command('login')
    .description('sign in to an Evo Voice server and keep the session in the OS keychain (like the desktop app)')
    .requiredOption('--user <email>', 'email address to sign in with')
    .option('--password-stdin', 'read the password from the first line of stdin (scripts); otherwise a hidden prompt on the terminal')
    .option('--account <id>', 'account to work on (default: the only one, or the last one used)')
    .addHelpText('after', '\nThe server comes from the global --server URL (or EVO_CONSOLE_SERVER), else the last one used.\nExample:\n  printf %s "$PW" | evo-console --server https://evovoice.io login --user me@example.com --password-stdin')
    .action(bind(async () => (await session()).login));
  program
    .command('logout')
    .description('sign out of the server and remove the session from the OS keychain; the offline copy is kept unless --clear-cache')
    .option('--clear-cache', "also delete this user's offline copy of the account's customers")
    .action(bind(async () => (await session()).logout));
  program.command('whoami').description('show the server, user and account the next command acts as').action(bind(async () => (await session()).whoami));
  program.command('accounts').description('list the accounts you can use (* = active)').action(bind(async () => (await session()).accounts));
  program
    .command('use-account')
    .description('make ACCOUNT_ID the account every command acts on')
    .argument('<account-id>', 'id from evo-console accounts')
    .action(bind(async () => (await session()).useAccount));

  // ---- customers and tags ----
  const customersCommand = program.command('customers').description('browse and find customers of the active account');
  customersCommand
    .command('ls')
    .description('list customers: the roots, the children of --parent, or the account-wide matches of --search (by name, id or reference id)')
    .option('--parent <id>', 'list the children of this customer')
    .option('--search <text>', 'customers whose name contains TEXT, whose id is TEXT or whose reference id is TEXT (with --parent: names among its children)')
    .option('--tag <name-or-id>', 'only customers carrying this tag (repeatable: all of them); see evo-console tags ls', collect, [])
    .addOption(new Option('--routing <state>', 'only customers on staging, or on normal routing (production: the API\'s word for it)').choices(['staging', 'normal', 'production']))
    .option('--all', 'every match, not only the first 100')
    .action(bind(async () => (await customers()).ls));
  customersCommand
    .command('show')
    .description('one customer in detail')
    .argument('<id>', 'customer id')
    .action(bind(async () => (await customers()).show));
  customersCommand
    .command('tree')
    .description('indented tree below a customer with staging marks ([S] staging, [N] normal)')
    .argument('<id>', 'customer id (the root of the tree)')
    .option('--depth <n>', 'levels below the customer to show', '2')
    .action(bind(async () => (await customers()).tree));
  const tagsCommand = program.command('tags').description("the active account's tags");
  tagsCommand
    .command('ls')
    .description('every tag of the account: id, name, colour (--tag takes the name or the id)')
    .action(bind(async () => (await tags()).ls));
  program
    .command('sync')
    .description('make a customer and all its descendants available offline (for --offline reads and offline plans)')
    .argument('<id>', 'customer id (the root of the subtree)')
    .action(bind(async () => (await sync()).sync));

  // ---- bulk staging ----
  const stagingCommand = program.command('staging').description('bulk staging: switch customers between normal and staging routing');
  targetOptions(stagingCommand.command('plan').description('show what apply would change (counts and the customers that would change); changes nothing'))
    .option('--save', 'keep the plan in the journal, to review or apply later (evo-console plans)')
    .addHelpText('after', '\nExamples:\n  evo-console staging plan --to staging --subtree CUST_ID\n  evo-console staging plan --to normal ID1 ID2 --tag VIP --json\n  evo-console staging plan --to staging --from-file ids.txt --save')
    .action(bind(async () => (await staging()).plan));
  runOptions(targetOptions(stagingCommand.command('apply').description('apply the change: fresh plan, confirmation, journalled run with progress; Ctrl-C cancels cleanly')), 'do not ask (required without a terminal); the plan is still read fresh')
    .addOption(showAllOption())
    .addOption(maxOption())
    .addOption(returnByOption())
    .addHelpText(
      'after',
      '\nWithout --yes on a terminal the plan is shown and you confirm: y/N, or type the number of customers\nwhen more than 25 change or the server is production. Without --yes and without a terminal: refused (exit 9).\n' +
        'Only the customers you confirmed are written, and only while they are as the plan showed them: when\nsomething changed meanwhile you are shown the differences and asked again (with --yes they are left alone).\n' +
        'Example:\n  evo-console staging apply --to staging --subtree CUST_ID --yes --max 500 --json > run.json\n  evo-console staging apply --to staging CUST_ID --return-by 2h',
    )
    .action(bind(async () => (await staging()).apply));
  stagingCommand
    .command('now')
    .description("every customer of the account on staging now, since when and by whom (from the account's offline copy, refreshed by a listing of the account when online)")
    .option('--subtree <id>', 'only this customer and its descendants')
    .action(bind(async () => (await stagingNow()).now));
  stagingCommand
    .command('due')
    .description('customers still on staging whose run\'s return-by time is within 30 minutes or past (read fresh); changes nothing')
    .action(bind(async () => (await stagingNow()).due));

  // ---- the journal: runs and saved plans ----
  const runsCommand = program.command('runs').description('the bulk-staging journal (shared with the desktop app): list, inspect, undo, retry, continue, export');
  const runArgument = (command: Command) => command.argument('<run>', 'run id, or its first 6 or more characters');
  runsCommand
    .command('ls')
    .description('every run, newest first: what it was about, status, counts; "interrupted" = nobody drives it any more (continue it)')
    .action(bind(async () => (await runs()).ls));
  runArgument(runsCommand.command('show').description('one run and every item: before, after, outcome, attempts, and each error in full')).action(bind(async () => (await runs()).show));
  runOptions(runArgument(runsCommand.command('undo').description('set back what a run changed, only where the server still shows what the run set (itself a journalled run)'))).action(
    bind(async () => (await runs()).undo),
  );
  runOptions(runArgument(runsCommand.command('retry').description('a new run over the customers that failed in RUN (read again first: some may have changed meanwhile)'))).action(
    bind(async () => (await runs()).retry),
  );
  runArgument(runsCommand.command('continue').alias('resume').description('continue an interrupted run (process killed, crashed or stopped): claims it, re-reads unknown items, then sends only what is still needed'))
    .addOption(concurrencyOption('default: as the run was started'))
    .addOption(maxRateOption())
    .action(bind(async () => (await runs()).continueRun));
  runArgument(runsCommand.command('export').description('audit export of a run (who, where, every item) as CSV or JSON'))
    .addOption(new Option('--format <format>', 'csv or json').choices(['csv', 'json']).makeOptionMandatory())
    .option('--out <file>', 'write to FILE (mode 0600) instead of stdout')
    .action(bind(async () => (await runs()).exportRun));

  const plansCommand = program.command('plans').description('saved plans (staging plan --save, the desktop app, every applied plan; the newest 50 and all of the last week are kept): list, show, apply, delete');
  const planArgument = (command: Command) => command.argument('<plan>', 'plan id, or its first 6 or more characters');
  plansCommand
    .command('ls')
    .description('every saved plan, newest first')
    .action(bind(async () => (await plans()).ls));
  planArgument(plansCommand.command('show').description('one saved plan: counts and the customers it would change')).action(bind(async () => (await plans()).show));
  runOptions(planArgument(plansCommand.command('apply').description('apply a saved plan (24 hours old at most): every customer is read again first, and what changed since is shown to confirm')))
    .addOption(showAllOption())
    .addOption(maxOption())
    .addOption(returnByOption())
    .action(bind(async () => (await plans()).apply));
  planArgument(plansCommand.command('rm').description('delete a saved plan (runs made from it stay in the journal)')).action(bind(async () => (await plans()).rm));
  return program;
}

function targetOptions(command: Command): Command {
  return command
    .argument('[ids...]', 'customer ids to include one by one')
    .addOption(new Option('--to <state>', 'target routing: staging, or normal (production: the API\'s word for it)').choices(['staging', 'normal', 'production']).makeOptionMandatory())
    .option('--subtree <id>', 'this customer and all its descendants (repeatable)', collect, [])
    .option('--tag <name-or-id>', 'keep only customers carrying this tag (repeatable: all of them)', collect, [])
    .option('--from-file <file>', 'customer ids from FILE: one per line (# comments), or a CSV file with a header and an id column')
    .option('--column <name>', 'with --from-file: the CSV column holding the ids (default: id, customerId or customer_id)');
}
