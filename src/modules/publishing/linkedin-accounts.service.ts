import { randomBytes } from 'node:crypto';
import type { Config } from '../../config.js';
import type { LinkedInAccount, Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../../infra/db/database.js';
import type { Logger } from '../../infra/logger.js';
import { AppError, badField, conflict, forbidden, notFound } from '../../shared/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import type { MemberActor } from '../audit/audit.types.js';
import { snapshot } from '../audit/audit-changes.rules.js';
import { missingUserError } from '../users/missing-user.rules.js';
import { mayDo, type WorkspaceRole } from '../workspaces/workspace-permissions.rules.js';
import type { WorkspaceService } from '../workspaces/workspaces.service.js';
import type { CompletedConnection, ConnectionOptions, SaveAccountInput } from './linkedin-account.types.js';
import { type AdministeredOrganization, fetchAdministeredOrganizations, ORGANIZATION_SCOPES } from './linkedin-organizations.js';
import { connectAdministeredPages, type PagesOutcome } from './linkedin-pages.js';
import { authorizationUrl, createPkcePair, DEFAULT_SCOPES, exchangeCode, fetchMember, type LinkedInTokens } from './oauth.js';
import { oauthCookies } from './oauth-cookie.js';
import { signState, verifyBrowser, verifyState } from './oauth-state.js';
import type { TokenCipher } from './token-crypto.js';

export interface LinkedInAccountServiceDeps {
  prisma: PrismaClient;
  cipher: TokenCipher;
  linkedIn: Config['linkedIn'];
  /** Signs the OAuth state. */
  stateSecret: string;
  /** The OAuth cookie is Secure (everywhere but development over plain http). */
  secureCookies: boolean;
  logger: Logger;
  /** An account is connected into a workspace: the caller's personal one unless they name another. */
  workspaces: Pick<WorkspaceService, 'personalWorkspaceId' | 'roleLoader'>;
  fetch?: typeof fetch;
}

export type AccountQuery = { include?: Prisma.LinkedInAccountInclude; select?: Prisma.LinkedInAccountSelect };

const STATE_TTL_SECONDS = 600;

/** Binds a stored token to who connected it and the member, so a ciphertext copied to another row does not open. */
const tokenContext = (account: Pick<LinkedInAccount, 'userId' | 'urn'>) => `${account.userId}|${account.urn}`;

/** Connected LinkedIn accounts: the OAuth flow, encrypted tokens, and which account may publish. */
export function createLinkedInAccountService({ prisma, cipher, linkedIn, stateSecret, secureCookies, logger, workspaces, fetch }: LinkedInAccountServiceDeps) {
  const http = { fetch, timeoutMs: linkedIn.timeoutMs };
  const cookies = linkedIn.oauth && oauthCookies(linkedIn.oauth.redirectUri, secureCookies);

  function oauthConfig() {
    if (!linkedIn.oauth || !cookies) throw new AppError('SERVICE_UNAVAILABLE', 'Connecting LinkedIn accounts is not configured on this server.');
    return { ...linkedIn.oauth, cookies };
  }

  /** PKCE: a verifier kept here until the callback; the challenge goes into the authorization URL. */
  async function startPkceFlow(userId: string, expiresAt: Date) {
    await prisma.linkedInOAuthFlow.deleteMany({ where: { expiresAt: { lt: new Date() } } });
    const { verifier, challenge } = createPkcePair();
    const flow = await prisma.linkedInOAuthFlow.create({ data: { userId, codeVerifier: verifier, expiresAt }, select: { id: true } });
    return { flow: flow.id, challenge };
  }

  /** The verifier of a PKCE flow, taken once: a state replayed after its code was traded finds none. */
  async function takeVerifier(flowId: string, userId: string): Promise<string> {
    const flow = await prisma.linkedInOAuthFlow.findFirst({ where: { id: flowId, userId, expiresAt: { gt: new Date() } }, select: { codeVerifier: true } });
    const { count } = await prisma.linkedInOAuthFlow.deleteMany({ where: { id: flowId } });
    if (!flow || count === 0) throw badField('state', 'The sign-in link was used already or has expired; start again.');
    return flow.codeVerifier;
  }

  /**
   * Stores (or refreshes) the author's account in the workspace (default: `userId`'s personal one),
   * connected by `userId`; the tokens are encrypted first (and never audited).
   */
  async function save({ userId, author, tokens, workspaceId, requestId = null }: SaveAccountInput): Promise<LinkedInAccount> {
    const key = { userId, urn: author.urn };
    const workspace = workspaceId ?? (await workspaces.personalWorkspaceId(userId));
    const secrets = {
      userId,
      accessTokenEncrypted: cipher.encrypt(tokens.accessToken, tokenContext(key)),
      refreshTokenEncrypted: tokens.refreshToken ? cipher.encrypt(tokens.refreshToken, tokenContext(key)) : null,
      refreshTokenExpiresAt: tokens.refreshTokenExpiresAt ?? null,
      expiresAt: tokens.expiresAt,
      scope: tokens.scope,
      name: author.name,
      kind: author.kind ?? 'PERSON',
      vanityName: author.vanityName ?? null,
      status: 'CONNECTED' as const,
    };
    return prisma.$transaction(async (tx) => {
      const account = await tx.linkedInAccount.upsert({
        where: { workspaceId_urn: { workspaceId: workspace, urn: author.urn } },
        create: { ...secrets, urn: author.urn, workspaceId: workspace },
        update: secrets,
      });
      await recordAudit(tx, { userId, requestId } satisfies MemberActor, {
        workspaceId: account.workspaceId,
        action: 'LINKEDIN_ACCOUNT_CONNECTED',
        target: { type: 'LINKEDIN_ACCOUNT', id: account.id },
        changes: snapshot('after', { name: account.name, urn: account.urn, kind: account.kind, status: account.status }),
      });
      return account;
    });
  }

  /** The pages the member administers, connected with their tokens beside their own account. */
  function connectPages(userId: string, workspaceId: string, tokens: LinkedInTokens, requestId: string | null): Promise<PagesOutcome> {
    const listOrganizations = (accessToken: string) =>
      fetchAdministeredOrganizations({
        http: { fetch: fetch ?? globalThis.fetch, timeoutMs: linkedIn.timeoutMs },
        apiBaseUrl: linkedIn.apiBaseUrl,
        linkedInVersion: linkedIn.version,
        accessToken,
      });
    const savePage = (organization: AdministeredOrganization) =>
      save({ userId, author: { ...organization, kind: 'ORGANIZATION' }, tokens, workspaceId, requestId });
    return connectAdministeredPages({ listOrganizations, savePage, logger }, tokens);
  }

  return {
    save,

    /**
     * The LinkedIn sign-in URL for `userId`, carrying a signed state that expires, and the cookie the
     * response must set: the callback completes the flow only in a browser that holds it.
     */
    async startConnection(userId: string, { workspaceId, pages = false }: ConnectionOptions = {}, now = new Date()) {
      const oauth = oauthConfig();
      const workspace = workspaceId ?? (await workspaces.personalWorkspaceId(userId));
      const expiresAt = new Date(now.getTime() + STATE_TTL_SECONDS * 1000);
      const browserNonce = randomBytes(32).toString('base64url');
      const pkce = linkedIn.pkce ? await startPkceFlow(userId, expiresAt) : undefined;
      const state = signState({ userId, workspace, pages, secret: stateSecret, browserNonce, flow: pkce?.flow, ttlSeconds: STATE_TTL_SECONDS, now });
      return {
        url: authorizationUrl({
          clientId: oauth.clientId,
          redirectUri: oauth.redirectUri,
          state,
          scopes: pages ? [...DEFAULT_SCOPES, ...ORGANIZATION_SCOPES] : DEFAULT_SCOPES,
          authorizationUrl: `${linkedIn.oauthBaseUrl}/authorization`,
          codeChallenge: pkce?.challenge,
        }),
        expiresAt,
        cookie: oauth.cookies.set(browserNonce, STATE_TTL_SECONDS),
      };
    },

    /** What the callback's response sets: the flow's cookie, cleared (none when LinkedIn is not configured). */
    clearedCookie: () => cookies?.clear(),

    /**
     * The OAuth callback: checks the state and that this browser started the flow, trades the code
     * for tokens (with the PKCE verifier, if the flow has one), and stores the member's account in the
     * workspace the flow was started for, if the user still manages its accounts (their role may have
     * changed during consent). A flow started for pages connects the organization pages the member
     * administers too; what kept some from connecting is in `warnings`, never an error.
     */
    async completeConnection(code: string, state: string, cookieNonce: string | undefined, requestId: string | null = null): Promise<CompletedConnection> {
      const oauth = oauthConfig();
      const payload = verifyState({ state, secret: stateSecret, userId: stateUserId(state) });
      verifyBrowser(payload, cookieNonce);
      const { userId } = payload;
      const workspaceId = payload.workspace ?? (await workspaces.personalWorkspaceId(userId));
      if (!mayDo(await workspaces.roleLoader(userId).load(workspaceId), 'manageLinkedInAccounts')) {
        throw forbidden('You no longer manage the LinkedIn accounts of this workspace.');
      }
      const codeVerifier = payload.flow ? await takeVerifier(payload.flow, userId) : undefined;
      const tokens = await exchangeCode({
        ...http,
        code,
        redirectUri: oauth.redirectUri,
        clientId: oauth.clientId,
        clientSecret: oauth.clientSecret,
        codeVerifier,
        tokenUrl: `${linkedIn.oauthBaseUrl}/accessToken`,
      });
      const member = await fetchMember({ ...http, accessToken: tokens.accessToken, apiBaseUrl: linkedIn.apiBaseUrl });
      try {
        const account = await save({ userId, author: member, tokens, workspaceId, requestId });
        logger.info({ userId, workspaceId, accountId: account.id, urn: account.urn }, 'LinkedIn account connected');
        const { pages, warnings } = payload.pages ? await connectPages(userId, workspaceId, tokens, requestId) : { pages: [], warnings: [] };
        if (pages.length) logger.info({ userId, workspaceId, urns: pages.map((page) => page.urn) }, 'LinkedIn organization pages connected');
        return { account, pages, warnings };
      } catch (error) {
        // The user deleted their account while LinkedIn asked for consent.
        throw missingUserError(error) ?? error;
      }
    },

    /** The accounts `userId` connected, in any workspace. */
    list(userId: string, query: AccountQuery = {}) {
      return prisma.linkedInAccount.findMany({ ...query, where: { userId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    },

    /** The workspace's accounts, oldest first. */
    listInWorkspace(workspaceId: string, query: AccountQuery = {}) {
      return prisma.linkedInAccount.findMany({ ...query, where: { workspaceId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    },

    /**
     * The user's role in the account's workspace, for authorisation. NOT_FOUND for a missing account
     * and for one of a workspace the user is not in: to them it does not exist.
     */
    async accessTo(accountId: string, userId: string): Promise<WorkspaceRole> {
      const account = await prisma.linkedInAccount.findFirst({
        where: { id: accountId, workspace: { members: { some: { userId } } } },
        select: { workspace: { select: { members: { where: { userId }, select: { role: true } } } } },
      });
      const role = account?.workspace.members[0]?.role;
      if (!role) throw notFound('LinkedIn account');
      return role;
    },

    /** Forgets the account and its tokens (authorised by the caller). CONFLICT while a post is scheduled or being published with it. */
    async disconnect(actor: MemberActor, id: string): Promise<void> {
      const busy = await prisma.post.count({ where: { linkedInAccountId: id, status: { in: ['SCHEDULED', 'PUBLISHING'] } } });
      if (busy) throw conflict(`${busy} post(s) are scheduled or being published with this account; cancel them first.`);
      await prisma.$transaction(async (tx) => {
        const gone = await tx.linkedInAccount.findFirst({ where: { id }, select: { workspaceId: true, name: true, urn: true } });
        const { count } = await tx.linkedInAccount.deleteMany({ where: { id } });
        if (!gone || count === 0) throw notFound('LinkedIn account');
        const changes = snapshot('before', { name: gone.name, urn: gone.urn });
        await recordAudit(tx, actor, {
          workspaceId: gone.workspaceId,
          action: 'LINKEDIN_ACCOUNT_DISCONNECTED',
          target: { type: 'LINKEDIN_ACCOUNT', id },
          changes,
        });
      });
    },

    /**
     * The account a post of `workspaceId` goes out with: the given one, which must be the workspace's
     * (NOT_FOUND otherwise, as for a missing one), or the workspace's most recently connected one.
     * BAD_USER_INPUT when there is none or it cannot publish right now.
     */
    async choose(workspaceId: string, accountId: string | undefined, path: string, now = new Date()): Promise<LinkedInAccount> {
      const account = accountId
        ? await prisma.linkedInAccount.findFirst({ where: { id: accountId, workspaceId } })
        : await prisma.linkedInAccount.findFirst({ where: { workspaceId, status: 'CONNECTED' }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
      if (!account && accountId) throw notFound('LinkedIn account');
      if (!account) throw badField(path, "Connect a LinkedIn account to the post's workspace first (connectLinkedIn).");
      const problem = unusable(account, now);
      if (problem) throw badField(path, problem);
      return account;
    },

    /** The decrypted access token; only the publisher calls this, and never logs it. */
    accessToken: (account: LinkedInAccount) => cipher.decrypt(account.accessTokenEncrypted, tokenContext(account)),

    setStatus: (id: string, status: LinkedInAccount['status']) => prisma.linkedInAccount.updateMany({ where: { id }, data: { status } }),

    /**
     * LinkedIn refused the account's token (401): it and every account of the same workspace holding a copy of
     * that token (a member and the pages they connected with it) need reconnecting, so none is tried again in vain.
     */
    async tokenRefused(id: string): Promise<void> {
      const account = await prisma.linkedInAccount.findUnique({ where: { id } });
      if (!account) return;
      const tokenOf = (candidate: LinkedInAccount) => {
        try {
          return cipher.decrypt(candidate.accessTokenEncrypted, tokenContext(candidate));
        } catch {
          return undefined;
        }
      };
      const refused = tokenOf(account);
      const candidates = await prisma.linkedInAccount.findMany({ where: { workspaceId: account.workspaceId, userId: account.userId } });
      const sharing = candidates.filter((candidate) => candidate.id === id || (refused !== undefined && tokenOf(candidate) === refused));
      await prisma.linkedInAccount.updateMany({ where: { id: { in: sharing.map((c) => c.id) } }, data: { status: 'NEEDS_RECONNECT' } });
    },
  };
}

/** Why an account cannot publish now, or null when it can. */
export function unusable(account: Pick<LinkedInAccount, 'status' | 'expiresAt' | 'name'>, now = new Date()): string | null {
  if (account.status === 'NEEDS_RECONNECT') return `LinkedIn refused the connection to ${account.name}; reconnect the account.`;
  if (account.status === 'EXPIRED' || account.expiresAt.getTime() <= now.getTime()) {
    return `The LinkedIn connection to ${account.name} has expired; reconnect the account.`;
  }
  return null;
}

/** Who started the flow, read from the state before verifyState checks its signature. */
function stateUserId(state: string): string {
  try {
    const payload: unknown = JSON.parse(Buffer.from(state.split('.')[0] ?? '', 'base64url').toString('utf8'));
    const userId = (payload as { userId?: unknown } | null)?.userId;
    if (typeof userId === 'string') return userId;
  } catch {
    // Falls through to the same answer as any other malformed state.
  }
  throw badField('state', 'The sign-in link is malformed.');
}

export type LinkedInAccountService = ReturnType<typeof createLinkedInAccountService>;
