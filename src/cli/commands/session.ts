/* login / logout / whoami / accounts / use-account: thin wrappers over SessionService.
 * The session lives in the OS keychain exactly as the desktop app keeps it, so signing in
 * here also signs in the app (same data folder) and the other way round. */
import { AppError } from '../../shared/errors';
import { plural } from '../../shared/format';
import type { SessionState } from '../../shared/session';
import type { CliContext } from '../context';
import { CliError, EXIT } from '../exit-codes';
import { table } from '../output';
import { promptPassword, readFirstLineOfStdin } from '../prompts';
import { keychainReason, type CliIdentity } from '../services';
import { terminalSafe } from '../terminal-text';
import type { Action } from './action';
import { isProductionServer } from '../../shared/server-environment';

interface LoginOptions {
  user: string;
  passwordStdin?: boolean;
  account?: string;
}

function sessionDocument(state: SessionState) {
  const account = state.accounts.find((a) => a.id === state.activeAccountId) ?? null;
  return {
    status: state.status,
    server: state.profile ? { id: state.profile.id, label: state.profile.label, url: state.profile.url, kind: state.profile.kind } : null,
    user: state.user,
    account,
    accounts: state.accounts.map((a) => ({ ...a, active: a.id === state.activeAccountId })),
    verified: state.verified,
    keychain: state.keychain,
  };
}

/** "Max Manager <max@…> on URL, account NAME (ID)": names from the server, made safe. */
function describeWho(ctx: CliContext, state: SessionState): string {
  const c = ctx.out.c;
  const url = terminalSafe(state.profile?.url ?? '?');
  const server = state.profile && isProductionServer(state.profile) ? `${c.red('PRODUCTION')} ${url}` : url;
  const user = state.user ? terminalSafe(`${state.user.name} <${state.user.email}>`) : '?';
  const account = state.accounts.find((a) => a.id === state.activeAccountId);
  const accountText = account ? `account ${terminalSafe(`${account.name} (${account.id})`)}` : c.yellow('no account chosen (run: evo-console use-account ID)');
  return `${user} on ${server}, ${accountText}`;
}

export const login: Action<[LoginOptions]> = async (ctx, options) => {
  if (ctx.options.offline) throw new CliError('login needs the server: run it without --offline.', EXIT.usage);
  const profile = ctx.services.profile();
  if (!profile?.url) throw new CliError('Which server? Pass --server URL (or set EVO_CONSOLE_SERVER).', EXIT.usage);
  const email = options.user.trim();
  const password = options.passwordStdin ? await readFirstLineOfStdin() : await promptPassword(email);
  if (!password) throw new CliError('The password is empty. Pipe it in with --password-stdin or type it at the prompt.', EXIT.usage);

  await ctx.services.load();
  const { session, settings } = ctx.services.appServices;
  // A failed sign-in leaves the server used before as the default. With none before, the server
  // just tried becomes it, so trying again needs no --server and nothing names a server never used.
  if (!settings.lastProfileId()) settings.setLastProfileId(profile.id);
  // A refused password comes back as AuthRequired with a message that says so (exit 3).
  let state = await session.signIn({ profileId: profile.id, email, password, rememberMe: true });
  if (!state.keychain.available) {
    // The CLI process ends right away: a session kept only in memory would be lost, so do not pretend.
    await session.signOut();
    throw new AppError({
      kind: 'NoKeychain',
      message: `${keychainReason(state.keychain.message)} evo-console keeps its session only in the OS keychain, so it cannot stay signed in; set one up (e.g. GNOME Keyring / Secret Service) and log in again.`,
    });
  }
  if (options.account) {
    if (!state.accounts.some((a) => a.id === options.account)) {
      const known = state.accounts.map((a) => a.id).join(', ');
      await session.signOut();
      throw new CliError(`${email} has no account ${options.account} on ${profile.url} (accounts: ${known}). Signed out again; log in with one of those.`, EXIT.notFound);
    }
    state = session.selectAccount(options.account);
  } else if (state.status === 'chooseAccount' && state.suggestedAccountId) {
    state = session.selectAccount(state.suggestedAccountId);
  }
  if (state.status === 'signedIn') ctx.banner(ctx.services.identityFrom(state));
  ctx.out.result(sessionDocument(state), () => {
    ctx.out.line(`Signed in: ${describeWho(ctx, state)}`);
    if (state.status === 'chooseAccount') {
      ctx.out.line(`${plural(state.accounts.length, 'account')}; choose one with: evo-console use-account ID`);
      printAccounts(ctx, state);
    }
  });
};

export const logout: Action<[{ clearCache?: boolean }]> = async (ctx, options) => {
  if (ctx.options.offline) throw new CliError('logout needs the server: run it without --offline.', EXIT.usage);
  if (!ctx.services.profile()) {
    ctx.out.result({ signedOut: false, server: null, email: null, offlineCopy: 'kept' }, () => ctx.out.line('Not signed in; nothing to do.'));
    return;
  }
  const before = await ctx.services.connect();
  const wasSignedIn = before.status !== 'signedOut';
  if (before.status === 'signedIn') ctx.banner(ctx.services.identityFrom(before));
  const clearCache = options.clearCache === true;
  if (wasSignedIn) await ctx.services.appServices.signOut(!clearCache);
  const doc = { signedOut: wasSignedIn, server: before.profile?.url ?? null, email: before.user?.email ?? before.email, offlineCopy: wasSignedIn && clearCache ? 'deleted' : 'kept' };
  const cacheWords = clearCache ? ' The offline copy of its customers was deleted.' : ' The offline copy of its customers was kept (--clear-cache deletes it).';
  ctx.out.result(doc, () =>
    ctx.out.line(wasSignedIn ? `Signed out ${terminalSafe(`${doc.email ?? ''} from ${doc.server ?? 'the server'}`)}; the session was removed from the OS keychain.${cacheWords}` : 'Not signed in; nothing to do.'),
  );
};

export const whoami: Action<[]> = async (ctx) => {
  if (ctx.options.offline) {
    const identity = ctx.services.offlineIdentity();
    ctx.banner(identity);
    const who = terminalSafe(`${identity.userName ?? identity.email} <${identity.email}> on ${identity.profile.url}, account ${identity.accountName ?? ''} (${identity.accountId})`);
    ctx.out.result(offlineDocument(identity), () => ctx.out.line(`${who} — last sign-in, not checked (--offline)`));
    return;
  }
  const state = await ctx.services.connect();
  if (state.status === 'chooseAccount') {
    ctx.out.result(sessionDocument(state), () => ctx.out.line(`Signed in: ${describeWho(ctx, state)}`));
    return;
  }
  const identity = ctx.services.identityFrom(state); // throws AuthRequired/NoKeychain when signed out
  ctx.banner(identity);
  ctx.out.result(sessionDocument(state), () => {
    ctx.out.line(`Signed in: ${describeWho(ctx, state)}`);
    if (state.user?.roles.length) ctx.out.line(`Roles: ${terminalSafe(state.user.roles.join(', '))}`);
  });
};

function offlineDocument(identity: CliIdentity) {
  return {
    status: 'offline',
    server: { id: identity.profile.id, label: identity.profile.label, url: identity.profile.url, kind: identity.profile.kind },
    user: { email: identity.email, name: identity.userName },
    account: { id: identity.accountId, name: identity.accountName },
    verified: false,
  };
}

function printAccounts(ctx: CliContext, state: SessionState): void {
  const c = ctx.out.c;
  ctx.out.line(
    table(
      state.accounts,
      [
        { header: '', value: (a) => (a.id === state.activeAccountId ? '*' : ' '), paint: (t) => c.green(t) },
        { header: 'ID', value: (a) => a.id },
        { header: 'NAME', value: (a) => a.name },
      ],
      c,
    ),
  );
}

async function signedInState(ctx: CliContext): Promise<SessionState> {
  if (ctx.options.offline) throw new CliError('accounts and use-account need the server: run without --offline.', EXIT.usage);
  const state = await ctx.services.connect();
  if (state.status === 'chooseAccount') return state;
  ctx.banner(ctx.services.identityFrom(state));
  return state;
}

export const accounts: Action<[]> = async (ctx) => {
  const state = await signedInState(ctx);
  ctx.out.result({ activeAccountId: state.activeAccountId, accounts: state.accounts.map((a) => ({ ...a, active: a.id === state.activeAccountId })) }, () => {
    printAccounts(ctx, state);
  });
};

export const useAccount: Action<[string]> = async (ctx, accountId) => {
  const before = await signedInState(ctx);
  if (!before.accounts.some((a) => a.id === accountId)) {
    throw new CliError(`No account ${accountId} for ${before.user?.email ?? 'this user'} (accounts: ${before.accounts.map((a) => a.id).join(', ')}). List them with: evo-console accounts`, EXIT.notFound);
  }
  const state = ctx.services.appServices.session.selectAccount(accountId);
  ctx.out.result(sessionDocument(state), () => ctx.out.line(`Active account: ${describeWho(ctx, state)}`));
};
