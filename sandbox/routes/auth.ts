/* /auth/credentials, /auth (provider in body), /auth/status, /auth/logout (REFERENCE §1.5, §2.1, §2.2). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Session } from '../auth';
import { clearedCookies, findUser, requireSession, sessionCookies } from '../auth';
import { ERROR_CODES } from '../behaviour';
import type { SandboxContext } from '../context';
import { sessionOf, visibleAccountIds } from '../context';
import { NEWER_SERVER, withNewerMembers } from '../drift';
import { SandboxHttpError, unauthenticated, validationFailed } from '../errors';
import { bodyField } from '../query';
import type { AuthenticateResponse, DashboardPermission, UserInfo } from '../wire';

/** What a signed-in user's dashboard offers (a user without a role gets none). */
const PERMISSIONS_WITH_A_ROLE: DashboardPermission[] = ['ViewCustomers', 'ViewEndpoints', 'ViewFlows', 'ViewReports'];

/** Unset members (bearerToken, refreshToken, referrerUrl, profileUrl, responseStatus) are null, so omitted. */
function authenticateResponse(ctx: SandboxContext, session: Session, provider: string): AuthenticateResponse {
  const user = session.user;
  const answer: AuthenticateResponse = {
    userId: user.id,
    sessionId: session.id,
    userName: user.userName,
    displayName: user.displayName,
    roles: [...user.roles],
    permissions: [],
    authProvider: provider,
  };
  return withNewerMembers(ctx.drift, 'authenticateResponse', answer);
}

function userInfo(ctx: SandboxContext, session: Session): UserInfo {
  const user = session.user;
  const accountIds = visibleAccountIds(ctx, session);
  const permissions: string[] = user.roles.length > 0 ? [...PERMISSIONS_WITH_A_ROLE] : [];
  if (ctx.drift && permissions.length > 0) permissions.push(NEWER_SERVER.permission);
  const answer: UserInfo = {
    id: user.id,
    isAuthenticated: true,
    firstName: user.firstName,
    lastName: user.lastName,
    name: user.displayName,
    emailAddress: user.userName,
    roles: [...user.roles],
    accountIds,
    accountNames: accountIds.map((id) => ctx.accounts.find((a) => a.info.id === id)?.info.name ?? ''),
    dashboardPermissions: permissions as DashboardPermission[],
  };
  return withNewerMembers(ctx.drift, 'userInfo', answer);
}

export function registerAuthRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const signIn = (request: FastifyRequest, reply: FastifyReply, provider: string): AuthenticateResponse => {
    const userName = bodyField(request.body, 'userName');
    const password = bodyField(request.body, 'password');
    const rememberMe = bodyField(request.body, 'rememberMe');
    const missing = [
      ...(typeof userName === 'string' && userName !== '' ? [] : [{ field: 'UserName', code: 'NotEmpty', message: "'User Name' must not be empty." }]),
      ...(typeof password === 'string' && password !== '' ? [] : [{ field: 'Password', code: 'NotEmpty', message: "'Password' must not be empty." }]),
    ];
    if (missing.length > 0) throw validationFailed(missing);
    const user = findUser(userName as string);
    if (!user || user.password !== password) {
      throw new SandboxHttpError(401, ERROR_CODES.invalidCredentials, 'Invalid UserName or Password');
    }
    const session = ctx.sessions.create(user, rememberMe === true || rememberMe === 'true');
    reply.header('set-cookie', sessionCookies(session));
    return authenticateResponse(ctx, session, provider);
  };

  // Every member of the logout answer is null: `{}`.
  const logout = (request: FastifyRequest, reply: FastifyReply): AuthenticateResponse => {
    const session = sessionOf(ctx, request);
    if (session) ctx.sessions.end(session);
    reply.header('set-cookie', clearedCookies());
    return {};
  };

  const noProvider = (provider: string) => new SandboxHttpError(404, ERROR_CODES.notFound, `No configuration was added for OAuth provider '${provider}'`);

  app.post('/auth/credentials', (request, reply) => signIn(request, reply, 'credentials'));
  app.post('/auth/logout', logout);
  app.get('/auth/logout', logout);
  app.post('/auth/:provider', (request) => {
    throw noProvider((request.params as { provider: string }).provider);
  });

  // ServiceStack's Authenticate route: the provider comes in the body (or the query).
  app.post('/auth', (request, reply) => {
    const provider = String(bodyField(request.body, 'provider') ?? (request.query as Record<string, string>).provider ?? '').toLowerCase();
    if (provider === 'logout') return logout(request, reply);
    if (provider === 'credentials') return signIn(request, reply, 'credentials');
    if (provider === '') return authenticateResponse(ctx, requireSession(sessionOf(ctx, request)), 'credentials');
    throw noProvider(provider);
  });
  // GET /auth tells an authenticated caller who they are (ServiceStack behaviour).
  app.get('/auth', (request) => authenticateResponse(ctx, requireSession(sessionOf(ctx, request)), 'credentials'));

  // Signed out: the behaviour's choice between a 401, ServiceStack's 204 for a null answer, and isAuthenticated false.
  app.get('/auth/status', (request, reply) => {
    const session = sessionOf(ctx, request);
    if (session) return userInfo(ctx, session);
    switch (ctx.behaviour.authStatusWhenSignedOut) {
      case 'unauthorized':
        throw unauthenticated();
      case 'no-content':
        return reply.code(204).send();
      case 'not-authenticated': {
        const signedOut: UserInfo = { isAuthenticated: false };
        return signedOut;
      }
    }
  });
}
