/* /auth/credentials, /auth (provider in body), /auth/status, /auth/logout. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthenticateResponse, UserInfo } from '../wire';
import { EVO_ASSUMPTIONS } from '../../src/shared/evo/assumptions';
import type { Session } from '../auth';
import { clearedCookies, findUser, requireSession, sessionCookies } from '../auth';
import type { SandboxContext } from '../context';
import { sessionOf, visibleAccountIds } from '../context';
import { SandboxHttpError, validationFailed } from '../errors';
import { bodyField } from '../query';

function authenticateResponse(session: Session, provider: string): AuthenticateResponse {
  const user = session.user;
  return {
    userId: user.id,
    sessionId: session.id,
    userName: user.userName,
    displayName: user.displayName,
    referrerUrl: '',
    bearerToken: '',
    refreshToken: '',
    profileUrl: '',
    roles: [...user.roles],
    permissions: [],
    authProvider: provider,
    meta: {},
  };
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
      throw new SandboxHttpError(401, EVO_ASSUMPTIONS.errorCodes.invalidCredentials, 'Invalid UserName or Password');
    }
    const session = ctx.sessions.create(user, rememberMe === true || rememberMe === 'true');
    reply.header('set-cookie', sessionCookies(session));
    return authenticateResponse(session, provider);
  };

  const logout = (request: FastifyRequest, reply: FastifyReply): AuthenticateResponse => {
    const session = sessionOf(ctx, request);
    if (session) ctx.sessions.end(session);
    reply.header('set-cookie', clearedCookies());
    return {};
  };

  app.post('/auth/credentials', (request, reply) => signIn(request, reply, 'credentials'));
  app.post('/auth/logout', logout);
  app.get('/auth/logout', logout);
  app.post('/auth/:provider', (request) => {
    const { provider } = request.params as { provider: string };
    throw new SandboxHttpError(404, EVO_ASSUMPTIONS.errorCodes.notFound, `No configuration was added for OAuth provider '${provider}'`);
  });

  // ServiceStack's Authenticate route: the provider comes in the body (or the query).
  app.post('/auth', (request, reply) => {
    const provider = String(bodyField(request.body, 'provider') ?? (request.query as Record<string, string>).provider ?? '').toLowerCase();
    if (provider === 'logout') return logout(request, reply);
    if (provider === 'credentials') return signIn(request, reply, 'credentials');
    if (provider === '') return authenticateResponse(requireSession(sessionOf(ctx, request)), 'credentials');
    throw new SandboxHttpError(404, EVO_ASSUMPTIONS.errorCodes.notFound, `No configuration was added for OAuth provider '${provider}'`);
  });
  // GET /auth tells an authenticated caller who they are (ServiceStack behaviour).
  app.get('/auth', (request) => authenticateResponse(requireSession(sessionOf(ctx, request)), 'credentials'));

  app.get('/auth/status', (request): UserInfo => {
    const session = requireSession(sessionOf(ctx, request));
    const user = session.user;
    const accountIds = visibleAccountIds(ctx, session);
    return {
      id: user.id,
      isAuthenticated: true,
      firstName: user.firstName,
      lastName: user.lastName,
      name: user.displayName,
      avatarUrl: '',
      emailAddress: user.userName,
      roles: [...user.roles],
      accountIds,
      accountNames: accountIds.map((id) => ctx.accounts.find((a) => a.info.id === id)?.info.name ?? ''),
      dashboardPermissions: user.roles.length > 0 ? ['ViewCustomers', 'ViewEndpoints', 'ViewFlows', 'ViewReports'] : [],
    };
  });
}
