/* What every command gets: the global options, the output, the services, and the two ways
 * of finding out who it acts as (live session, or --offline from the settings file), each
 * followed by the one-line banner. */
import type { Command } from 'commander';
import { AppError } from '../shared/errors';
import { appDataDir } from '../main/app-paths';
import { Output } from './output';
import { CliServices, type CliIdentity } from './services';
import { terminalSafe } from './terminal-text';
import { isProductionServer } from '../shared/server-environment';

export interface GlobalOptions {
  server?: string;
  json: boolean;
  offline: boolean;
  quiet: boolean;
}

export class CliContext {
  readonly out: Output;
  readonly services: CliServices;

  constructor(readonly options: GlobalOptions) {
    this.out = new Output({ json: options.json, quiet: options.quiet });
    // EVO_CONSOLE_HOME is honoured by appDataDir() itself (same rule as the desktop app).
    this.services = new CliServices(appDataDir(), options.server, (message) => this.out.warn(message));
  }

  static of(command: Command): CliContext {
    const o = command.optsWithGlobals<Partial<GlobalOptions>>();
    return new CliContext({ ...(o.server !== undefined ? { server: o.server } : {}), json: !!o.json, offline: !!o.offline, quiet: !!o.quiet });
  }

  /** Signed in with an account chosen (or, with --offline, the last identity and its cache); prints the banner. */
  async identity(): Promise<CliIdentity> {
    if (this.options.offline) {
      const identity = this.services.offlineIdentity();
      await this.services.load();
      this.banner(identity);
      return identity;
    }
    const state = await this.services.connect();
    const identity = this.services.identityFrom(state);
    this.banner(identity);
    return identity;
  }

  /** Like identity(), for commands that change things: refused with --offline. */
  async onlineIdentity(what: string): Promise<CliIdentity> {
    if (this.options.offline) {
      throw new AppError({ kind: 'Offline', message: `--offline: ${what} needs the server. Run it again without --offline.` });
    }
    return this.identity();
  }

  /** One line on stderr: server (production marked), account, user. Names come from the server. */
  banner(identity: CliIdentity): void {
    if (this.options.quiet) return;
    const c = this.out.ec;
    const { profile } = identity;
    const url = terminalSafe(profile.url);
    const server = isProductionServer(profile) ? `${c.bold(c.red('PRODUCTION'))} ${url}` : `${profile.label === profile.url ? '' : `${terminalSafe(profile.label)} `}${url}`;
    const account = terminalSafe(identity.accountName ? `${identity.accountName} (${identity.accountId})` : identity.accountId);
    const who = terminalSafe(identity.userName && identity.userName !== identity.email ? `${identity.userName} <${identity.email}>` : identity.email);
    let suffix = '';
    if (identity.offline) suffix = c.yellow(' · offline: answers from the cache');
    else if (!identity.verified) suffix = c.yellow(' · server did not answer: session not checked');
    this.out.note(`${c.dim('evo-console')} ${server} · account ${account} · ${who}${suffix}`);
  }

  close(): void {
    this.services.close();
  }
}
