import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { accessDenied, createOrganizationDirectory, type FakeOrganization, type TokenHolder } from './linkedin-organizations.js';

/**
 * A stand-in for LinkedIn that speaks its wire protocol on 127.0.0.1: the OAuth authorization
 * and token endpoints (checking the PKCE verifier when the authorization carried a challenge),
 * OpenID userinfo, the Posts API and organization pages (linkedin-organizations.ts). It checks requests the way LinkedIn documents them, answers
 * in LinkedIn's error shapes, detects duplicate posts, and renders commentary as LinkedIn would
 * (silently cutting it at an unescaped reserved character), so tests can see what a reader would see.
 */
export type FakeRoute = 'posts' | 'token' | 'userinfo' | 'initializeUpload' | 'upload' | 'assetStatus' | 'organizationAcls' | 'organizations';

export type FakeBehaviour =
  | { kind: 'unauthorized' }
  | { kind: 'duplicate'; urn?: string }
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  | { kind: 'server_error'; status?: number }
  /** 403 ACCESS_DENIED, as LinkedIn answers a token without the permission. */
  | { kind: 'forbidden' }
  | { kind: 'hang' }
  /** Create the post, then drop the connection before answering (the answer is lost). */
  | { kind: 'lose_response' }
  /** On the upload route: the asset this PUT uploads stays PROCESSING for this many status reads, then is AVAILABLE. */
  | { kind: 'processing'; reads: number }
  /** Answer this call normally, so the behaviour queued after it meets the next one (a failure on the second upload). */
  | { kind: 'pass' };

export interface FakeMember {
  sub: string;
  givenName: string;
  familyName: string;
  email: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface StoredPost {
  urn: string;
  author: string;
  commentary: string;
  /** What a reader sees: escapes resolved, cut at the first unescaped reserved character. */
  rendered: string;
  visibility: string;
  /** The Posts API `content` it was created with, if any. */
  content?: Record<string, unknown>;
}

/** An image or document initialised through the Images or Documents API. */
export interface StoredAsset {
  urn: string;
  kind: 'image' | 'document';
  owner: string;
  status: 'WAITING_UPLOAD' | 'PROCESSING' | 'AVAILABLE';
  bytes?: Buffer;
  contentType?: string;
  /** Status reads left before a PROCESSING asset becomes AVAILABLE. */
  processingReads: number;
}

export interface FakeLinkedIn {
  url: string;
  clientId: string;
  clientSecret: string;
  requests: RecordedRequest[];
  posts: StoredPost[];
  assets: StoredAsset[];
  /** Organization pages and their administrators; tests add pages and revoke administrators here. */
  organizations: FakeOrganization[];
  /** Scopes the app may not get (a product LinkedIn has not enabled for it): consent grants the rest. */
  withheldScopes: string[];
  enqueue(behaviour: FakeBehaviour, route?: FakeRoute): void;
  /** An access token for `member` with `scopes` (default: the person scopes), as if the OAuth flow had already run. */
  issueAccessToken(member?: FakeMember, scopes?: string[]): string;
  close(): Promise<void>;
}

export const DEFAULT_MEMBER: FakeMember = { sub: 'aB3_x-9Q', givenName: 'Ada', familyName: 'Lovelace', email: 'ada@example.com' };
const PERSON_SCOPES = ['openid', 'profile', 'email', 'w_member_social'];
const ACTIVE_VERSIONS = /^20(2[4-9])(0[1-9]|1[0-2])(\.\d{2})?$/;
const AUTHOR = /^urn:li:(person|organization):[A-Za-z0-9_-]+$/;
const RESERVED = new Set(['|', '{', '}', '@', '[', ']', '(', ')', '<', '>', '#', '*', '_', '~', '\\']);
const POST_FIELDS = ['author', 'commentary', 'visibility', 'distribution', 'lifecycleState', 'isReshareDisabledByAuthor'];
const OPTIONAL_POST_FIELDS = ['content'];
const ASSET_PATHS = { images: 'image', documents: 'document' } as const;
const POLL_DURATIONS = ['ONE_DAY', 'THREE_DAYS', 'SEVEN_DAYS', 'FOURTEEN_DAYS'];

export async function startFakeLinkedIn(
  options: {
    clientId?: string;
    clientSecret?: string;
    /** Who signs in at each consent; default DEFAULT_MEMBER every time. */
    memberAtConsent?: () => FakeMember;
  } = {},
): Promise<FakeLinkedIn> {
  const clientId = options.clientId ?? 'fake-client-id';
  const memberAtConsent = options.memberAtConsent ?? (() => DEFAULT_MEMBER);
  const clientSecret = options.clientSecret ?? 'fake-client-secret';
  const requests: RecordedRequest[] = [];
  const posts: StoredPost[] = [];
  const queues: Record<FakeRoute, FakeBehaviour[]> = {
    posts: [],
    token: [],
    userinfo: [],
    initializeUpload: [],
    upload: [],
    assetStatus: [],
    organizationAcls: [],
    organizations: [],
  };
  const organizations: FakeOrganization[] = [];
  const withheldScopes: string[] = [];
  const directory = createOrganizationDirectory(organizations);
  const assets: StoredAsset[] = [];
  let nextAssetId = 1;
  const tokens = new Map<string, { member: FakeMember; scopes: Set<string> }>();
  const codes = new Map<string, { redirectUri: string; member: FakeMember; scopes: string[]; codeChallenge?: string }>();
  let nextShareId = 7_100_000_000_000_000_000n;
  /** Set by a scripted 'processing' behaviour: how long the next uploaded asset stays PROCESSING. */
  let processingReads = 0;

  const issueAccessToken = (member = DEFAULT_MEMBER, scopes = PERSON_SCOPES) => {
    const token = `AQ${randomBytes(24).toString('base64url')}`;
    tokens.set(token, { member, scopes: new Set(scopes) });
    return token;
  };

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const body = raw.toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ method: req.method ?? '', path: url.pathname + url.search, headers: req.headers, body });
    res.setHeader('x-li-uuid', randomUUID());
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /oauth/v2/authorization') return authorize(url, res);
    if (route === 'POST /oauth/v2/accessToken') return scripted('token', res) || accessToken(req, body, res);
    if (route === 'GET /v2/userinfo') return scripted('userinfo', res) || userinfo(req, res);
    if (route === 'POST /rest/posts') {
      const behaviour = queues.posts.shift();
      if (behaviour?.kind === 'lose_response') {
        const created = createPost(req, body);
        if (created.status === 201) return res.socket?.destroy();
        return send(res, created.status, created.body, created.headers);
      }
      if (behaviour && answer(behaviour, res)) return;
      const created = createPost(req, body);
      return send(res, created.status, created.body, created.headers);
    }
    const initialize = /^POST \/rest\/(images|documents)$/.exec(route);
    if (initialize && url.searchParams.get('action') === 'initializeUpload') {
      if (scripted('initializeUpload', res)) return;
      const answered = initializeUpload(req, body, ASSET_PATHS[initialize[1] as keyof typeof ASSET_PATHS], `http://${req.headers.host}`);
      return send(res, answered.status, answered.body, answered.headers);
    }
    if (route === 'GET /rest/organizationAcls') {
      if (scripted('organizationAcls', res)) return;
      const answered = restliProblem(req, false) ?? directory.acls(holder(req)!, url.searchParams);
      return send(res, answered.status, answered.body, answered.headers);
    }
    const organization = /^GET \/rest\/organizations\/(\d+)$/.exec(route);
    if (organization) {
      if (scripted('organizations', res)) return;
      const answered = restliProblem(req, false) ?? directory.organization(organization[1]!);
      return send(res, answered.status, answered.body, answered.headers);
    }
    const put = /^PUT \/upload\/(images|documents)\/(\d+)$/.exec(route);
    if (put) {
      if (scripted('upload', res)) return;
      const answered = receiveUpload(req, raw, `urn:li:${ASSET_PATHS[put[1] as keyof typeof ASSET_PATHS]}:${put[2]}`);
      return send(res, answered.status, answered.body, answered.headers);
    }
    const status = /^GET \/rest\/(images|documents)\/([^/]+)$/.exec(route);
    if (status) {
      if (scripted('assetStatus', res)) return;
      const answered = assetStatus(req, decodeURIComponent(status[2]!), ASSET_PATHS[status[1] as keyof typeof ASSET_PATHS]);
      return send(res, answered.status, answered.body, answered.headers);
    }
    return send(res, 404, { status: 404, message: `No route for ${route}` });
  });

  function scripted(route: FakeRoute, res: ServerResponse): boolean {
    const behaviour = queues[route].shift();
    return behaviour ? answer(behaviour, res) : false;
  }

  /** Plays a scripted failure; false when the behaviour does not apply to this response. */
  function answer(behaviour: FakeBehaviour, res: ServerResponse): boolean {
    switch (behaviour.kind) {
      case 'unauthorized':
        send(res, 401, invalidToken());
        return true;
      case 'duplicate': {
        const urn = behaviour.urn;
        const message = urn
          ? `com.linkedin.content.common.exception.BadRequestResponseException: Content is a duplicate of ${urn}`
          : 'com.linkedin.content.common.exception.BadRequestResponseException: Content is a duplicate';
        send(res, 422, duplicateBody(message));
        return true;
      }
      case 'rate_limited':
        send(
          res,
          429,
          { status: 429, serviceErrorCode: 101, code: 'TOO_MANY_REQUESTS', message: 'Resource level throttle limit reached' },
          { 'retry-after': String(behaviour.retryAfterSeconds) },
        );
        return true;
      case 'server_error':
        send(res, behaviour.status ?? 500, { status: behaviour.status ?? 500, message: 'Internal Server Error' });
        return true;
      case 'forbidden': {
        const denied = accessDenied('Not enough permissions to access this resource');
        send(res, denied.status, denied.body);
        return true;
      }
      case 'hang':
        return true;
      case 'lose_response':
      case 'pass':
        return false;
      case 'processing':
        processingReads = behaviour.reads;
        return false;
    }
  }

  function authorize(url: URL, res: ServerResponse) {
    const p = url.searchParams;
    const redirectUri = p.get('redirect_uri');
    if (p.get('response_type') !== 'code' || p.get('client_id') !== clientId || !redirectUri || !p.get('scope')) {
      return send(res, 400, { error: 'invalid_request', error_description: 'response_type, client_id, redirect_uri and scope are required' });
    }
    const codeChallenge = p.get('code_challenge') ?? undefined;
    if (codeChallenge !== undefined && p.get('code_challenge_method') !== 'S256') {
      return send(res, 400, { error: 'invalid_request', error_description: 'code_challenge_method must be S256' });
    }
    const code = randomBytes(16).toString('base64url');
    const scopes = p
      .get('scope')!
      .split(' ')
      .filter((scope) => scope && !withheldScopes.includes(scope));
    codes.set(code, { redirectUri, member: memberAtConsent(), scopes, codeChallenge });
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    if (p.get('state') !== null) target.searchParams.set('state', p.get('state')!);
    res.writeHead(302, { location: target.toString() }).end();
  }

  function accessToken(req: IncomingMessage, body: string, res: ServerResponse) {
    if (!req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      return send(res, 400, { error: 'invalid_request', error_description: 'Content-Type must be application/x-www-form-urlencoded' });
    }
    const form = new URLSearchParams(body);
    if (form.get('grant_type') !== 'authorization_code') {
      return send(res, 400, { error: 'unsupported_grant_type', error_description: 'grant_type must be authorization_code' });
    }
    if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) {
      return send(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
    }
    const grant = codes.get(form.get('code') ?? '');
    if (!grant) {
      return send(res, 400, { error: 'invalid_request', error_description: 'Unable to retrieve access token: authorization code not found' });
    }
    if (grant.redirectUri !== form.get('redirect_uri')) {
      return send(res, 400, {
        error: 'invalid_request',
        error_description: 'Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code',
      });
    }
    // PKCE: a code issued for a code_challenge is only exchanged with the verifier it was made from.
    const verifier = form.get('code_verifier');
    if (grant.codeChallenge !== undefined && (!verifier || createHash('sha256').update(verifier).digest('base64url') !== grant.codeChallenge)) {
      return send(res, 400, {
        error: 'invalid_request',
        error_description: 'Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code',
      });
    }
    codes.delete(form.get('code')!);
    send(res, 200, {
      access_token: issueAccessToken(grant.member, grant.scopes),
      expires_in: 5_183_999,
      refresh_token: `AQX${randomBytes(24).toString('base64url')}`,
      refresh_token_expires_in: 31_535_999,
      scope: grant.scopes.join(','),
      token_type: 'Bearer',
      id_token: 'eyJ.fake.jwt',
    });
  }

  function userinfo(req: IncomingMessage, res: ServerResponse) {
    const member = bearer(req);
    if (!member) return send(res, 401, invalidToken());
    send(res, 200, {
      sub: member.sub,
      email_verified: true,
      name: `${member.givenName} ${member.familyName}`,
      locale: { country: 'GB', language: 'en' },
      given_name: member.givenName,
      family_name: member.familyName,
      email: member.email,
      picture: `https://media.licdn.com/${member.sub}.jpg`,
    });
  }

  type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

  /** What every versioned Rest.li call must carry: a member's token, an active LinkedIn-Version, Rest.li 2.0.0. */
  function restliProblem(req: IncomingMessage, json: boolean): Answer | undefined {
    const member = bearer(req);
    if (!member) return { status: 401, body: invalidToken() };
    const version = header(req, 'linkedin-version');
    if (!version)
      return {
        status: 400,
        body: { status: 400, code: 'VERSION_MISSING', message: 'A version must be present. Please specify a version by adding the LinkedIn-Version header.' },
      };
    if (!ACTIVE_VERSIONS.test(version))
      return { status: 426, body: { status: 426, code: 'NONEXISTENT_VERSION', message: `Requested version ${version} is not active` } };
    if (header(req, 'x-restli-protocol-version') !== '2.0.0') {
      return { status: 400, body: { status: 400, message: 'X-Restli-Protocol-Version must be 2.0.0' } };
    }
    if (json && header(req, 'content-type')?.split(';')[0]?.trim() !== 'application/json') {
      return { status: 400, body: { status: 400, message: 'Content-Type must be application/json' } };
    }
    return undefined;
  }

  function initializeUpload(req: IncomingMessage, body: string, kind: StoredAsset['kind'], base: string): Answer {
    const problem = restliProblem(req, true);
    if (problem) return problem;
    let request: unknown;
    try {
      request = JSON.parse(body);
    } catch {
      return { status: 400, body: { status: 400, message: 'Unable to parse the request body as JSON' } };
    }
    const owner = (request as { initializeUploadRequest?: { owner?: unknown } })?.initializeUploadRequest?.owner;
    const exact =
      Object.keys(request as object).join() === 'initializeUploadRequest' &&
      Object.keys((request as { initializeUploadRequest: object }).initializeUploadRequest ?? {}).join() === 'owner';
    if (!exact || typeof owner !== 'string' || !AUTHOR.test(owner)) {
      return { status: 422, body: inputError('initializeUploadRequest/owner', 'Field is required but missing', 'FIELD_VALUE_MISSING') };
    }
    if (!directory.mayActAs(holder(req)!, owner)) return accessDenied(`Not enough permissions to upload as ${owner}`);
    const id = nextAssetId++;
    const urn = `urn:li:${kind}:${id}`;
    assets.push({ urn, kind, owner, status: 'WAITING_UPLOAD', processingReads: 0 });
    return {
      status: 200,
      body: { value: { uploadUrlExpiresAt: Date.now() + 3_600_000, uploadUrl: `${base}/upload/${kind}s/${id}`, [kind]: urn } },
    };
  }

  function receiveUpload(req: IncomingMessage, body: Buffer, urn: string): Answer {
    const asset = assets.find((a) => a.urn === urn);
    if (!asset) return { status: 404, body: { status: 404, message: `No upload for ${urn}` } };
    const uploader = holder(req);
    if (!uploader || !directory.mayActAs(uploader, asset.owner)) return { status: 401, body: invalidToken() };
    if (asset.status !== 'WAITING_UPLOAD') return { status: 400, body: { status: 400, message: `${urn} was already uploaded` } };
    const contentType = header(req, 'content-type') ?? '';
    const expected = asset.kind === 'image' ? /^image\/(jpeg|png|gif)$/ : /^application\/(pdf|vnd\.)/;
    if (!expected.test(contentType) || body.length === 0)
      return { status: 400, body: { status: 400, message: `Bad upload: ${contentType}, ${body.length} bytes` } };
    asset.bytes = body;
    asset.contentType = contentType;
    asset.processingReads = processingReads;
    processingReads = 0;
    asset.status = asset.processingReads > 0 ? 'PROCESSING' : 'AVAILABLE';
    return { status: 201 };
  }

  function assetStatus(req: IncomingMessage, urn: string, kind: StoredAsset['kind']): Answer {
    const problem = restliProblem(req, false);
    if (problem) return problem;
    const asset = assets.find((a) => a.urn === urn && a.kind === kind);
    if (!asset) return { status: 404, body: { status: 404, message: `${urn} not found` } };
    if (asset.status === 'PROCESSING' && --asset.processingReads <= 0) {
      const answer = { status: 200, body: { id: urn, owner: asset.owner, status: 'PROCESSING' } };
      asset.status = 'AVAILABLE';
      return answer;
    }
    return { status: 200, body: { id: urn, owner: asset.owner, status: asset.status } };
  }

  function createPost(req: IncomingMessage, body: string): Answer {
    const headerProblem = restliProblem(req, true);
    if (headerProblem) return headerProblem;
    let post: Record<string, unknown>;
    try {
      post = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return { status: 400, body: { status: 400, message: 'Unable to parse the request body as JSON' } };
    }
    const problem = bodyProblem(post) ?? contentProblem(post.content, post.author as string);
    if (problem) return { status: 422, body: inputError(problem.field, problem.description, problem.code) };
    const author = post.author as string;
    if (!directory.mayActAs(holder(req)!, author)) return accessDenied(`Not enough permissions to post as ${author}`);
    const commentary = post.commentary as string;
    const existing = posts.find((p) => p.author === author && p.commentary === commentary);
    if (existing) {
      return {
        status: 422,
        body: duplicateBody(`com.linkedin.content.common.exception.BadRequestResponseException: Content is a duplicate of ${existing.urn}`),
      };
    }
    const urn = `urn:li:share:${nextShareId++}`;
    posts.push({
      urn,
      author,
      commentary,
      rendered: renderLittleText(commentary),
      visibility: post.visibility as string,
      ...(post.content ? { content: post.content as Record<string, unknown> } : {}),
    });
    return { status: 201, headers: { 'x-restli-id': urn } };
  }

  type Problem = { field: string; description: string; code: string };

  /** LinkedIn's content shapes; an asset must be the author's own and AVAILABLE. */
  function contentProblem(content: unknown, author: string): Problem | undefined {
    if (content === undefined) return undefined;
    const bad = (field: string, description: string): Problem => ({ field: `content/${field}`, description, code: 'INVALID_VALUE' });
    if (!isObject(content) || Object.keys(content).length !== 1) return bad('', 'content holds exactly one of article, poll, media, multiImage');
    const asset = (urn: unknown, kinds: StoredAsset['kind'][]) => {
      const found = assets.find((a) => a.urn === urn && kinds.includes(a.kind));
      return found && found.owner === author && found.status === 'AVAILABLE';
    };
    const only = (value: Record<string, unknown>, allowed: string[]) => Object.keys(value).every((k) => allowed.includes(k));
    const { article, poll, media, multiImage } = content as Record<string, unknown>;
    if (article !== undefined) {
      if (!isObject(article) || !only(article, ['source', 'title', 'description', 'thumbnail'])) return bad('article', 'Unrecognized field');
      if (typeof article.source !== 'string' || !/^https?:\/\//.test(article.source)) return bad('article/source', 'Must be a URL');
      if (typeof article.title !== 'string' || !article.title) return bad('article/title', 'Field is required but missing');
      if (article.description !== undefined && typeof article.description !== 'string') return bad('article/description', 'Must be a string');
      if (article.thumbnail !== undefined && !asset(article.thumbnail, ['image'])) return bad('article/thumbnail', 'Not an available image of the author');
      return undefined;
    }
    if (poll !== undefined) {
      if (!isObject(poll) || !only(poll, ['question', 'options', 'settings'])) return bad('poll', 'Unrecognized field');
      if (typeof poll.question !== 'string' || [...poll.question].length > 140) return bad('poll/question', 'At most 140 characters');
      const options = poll.options;
      if (!Array.isArray(options) || options.length < 2 || options.length > 4) return bad('poll/options', '2 to 4 options');
      if (!options.every((o) => isObject(o) && only(o, ['text']) && typeof o.text === 'string' && [...o.text].length <= 30)) {
        return bad('poll/options', 'Each option is { text } of at most 30 characters');
      }
      const settings = poll.settings;
      if (!isObject(settings) || !only(settings, ['duration']) || !POLL_DURATIONS.includes(settings.duration as string)) {
        return bad('poll/settings/duration', 'Invalid duration');
      }
      return undefined;
    }
    if (media !== undefined) {
      if (!isObject(media) || !only(media, ['id', 'title', 'altText'])) return bad('media', 'Unrecognized field');
      if (!asset(media.id, ['image', 'document'])) return bad('media/id', 'Not an available image or document of the author');
      if (String(media.id).startsWith('urn:li:document:') && typeof media.title !== 'string') return bad('media/title', 'A document needs a title');
      return undefined;
    }
    if (!isObject(multiImage) || !only(multiImage, ['images']) || !Array.isArray(multiImage.images)) return bad('multiImage', 'Unrecognized field');
    const images = multiImage.images;
    if (images.length < 2 || images.length > 20) return bad('multiImage/images', '2 to 20 images');
    if (!images.every((image) => isObject(image) && only(image, ['id', 'altText']) && asset(image.id, ['image']))) {
      return bad('multiImage/images', 'Each image is { id, altText } of an available image of the author');
    }
    return undefined;
  }

  function holder(req: IncomingMessage): TokenHolder | undefined {
    const match = /^Bearer (\S+)$/.exec(header(req, 'authorization') ?? '');
    const grant = match ? tokens.get(match[1]!) : undefined;
    return grant && { sub: grant.member.sub, scopes: grant.scopes };
  }

  function bearer(req: IncomingMessage): FakeMember | undefined {
    const match = /^Bearer (\S+)$/.exec(header(req, 'authorization') ?? '');
    return match ? tokens.get(match[1]!)?.member : undefined;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    clientId,
    clientSecret,
    requests,
    posts,
    assets,
    organizations,
    withheldScopes,
    enqueue: (behaviour, route = 'posts') => void queues[route].push(behaviour),
    issueAccessToken,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function bodyProblem(post: Record<string, unknown>): { field: string; description: string; code: string } | undefined {
  const unknown = Object.keys(post).find((k) => !POST_FIELDS.includes(k) && !OPTIONAL_POST_FIELDS.includes(k));
  if (unknown) return { field: unknown, description: 'Unrecognized field', code: 'UNRECOGNIZED_FIELD' };
  const missing = POST_FIELDS.find((k) => !(k in post));
  if (missing) return { field: missing, description: 'Field is required but missing', code: 'FIELD_VALUE_MISSING' };
  if (typeof post.author !== 'string' || !AUTHOR.test(post.author)) return { field: 'author', description: 'Invalid author URN', code: 'INVALID_URN_TYPE' };
  if (typeof post.commentary !== 'string') return { field: 'commentary', description: 'Must be a string', code: 'INVALID_VALUE' };
  if (post.commentary.length > 3000) return { field: 'commentary', description: 'Length exceeds 3000', code: 'MAX_LENGTH_EXCEEDED' };
  if (post.visibility !== 'PUBLIC' && post.visibility !== 'CONNECTIONS')
    return { field: 'visibility', description: 'Invalid visibility', code: 'INVALID_ENUM_VALUE' };
  if (post.lifecycleState !== 'PUBLISHED') return { field: 'lifecycleState', description: 'Invalid lifecycle state', code: 'INVALID_ENUM_VALUE' };
  if (typeof post.isReshareDisabledByAuthor !== 'boolean')
    return { field: 'isReshareDisabledByAuthor', description: 'Must be a boolean', code: 'INVALID_VALUE' };
  const d = post.distribution as Record<string, unknown> | null;
  const exact =
    d !== null &&
    typeof d === 'object' &&
    Object.keys(d).sort().join() === 'feedDistribution,targetEntities,thirdPartyDistributionChannels' &&
    d.feedDistribution === 'MAIN_FEED' &&
    Array.isArray(d.targetEntities) &&
    Array.isArray(d.thirdPartyDistributionChannels);
  if (!exact) return { field: 'distribution', description: 'Invalid distribution', code: 'INVALID_VALUE' };
  return undefined;
}

/** What LinkedIn shows for a little-text commentary: elements resolved, cut at a stray reserved character. */
export function renderLittleText(commentary: string): string {
  let out = '';
  let i = 0;
  while (i < commentary.length) {
    const ch = commentary[i]!;
    if (ch === '\\') {
      const next = commentary[i + 1];
      if (next === undefined || !RESERVED.has(next)) break;
      out += next;
      i += 2;
      continue;
    }
    const mention = /^@\[((?:\\.|[^\]\\])+)\]\(((?:\\.|[^)\\])+)\)/.exec(commentary.slice(i));
    if (ch === '@' && mention) {
      out += `@${unescapeText(mention[1]!)}`;
      i += mention[0].length;
      continue;
    }
    const template = /^\{hashtag\|\\#\|([\p{L}\p{N}]+)\}/u.exec(commentary.slice(i));
    if (ch === '{' && template) {
      out += `#${template[1]}`;
      i += template[0].length;
      continue;
    }
    const hashtag = /^#((?:[\p{L}\p{N}]|\\_)+)/u.exec(commentary.slice(i));
    if (ch === '#' && hashtag) {
      out += `#${unescapeText(hashtag[1]!)}`;
      i += hashtag[0].length;
      continue;
    }
    if (RESERVED.has(ch)) break;
    out += ch;
    i += 1;
  }
  return out;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const unescapeText = (s: string) => s.replace(/\\(.)/g, '$1');

const invalidToken = () => ({ status: 401, serviceErrorCode: 65600, code: 'INVALID_ACCESS_TOKEN', message: 'Invalid access token' });

const duplicateBody = (message: string) => ({
  errorDetailType: 'com.linkedin.common.error.BadRequest',
  message,
  errorDetails: { inputErrors: [{ description: 'Duplicate post is detected', input: {}, code: 'DUPLICATE_POST' }] },
  status: 422,
});

const inputError = (field: string, description: string, code: string) => ({
  errorDetailType: 'com.linkedin.common.error.BadRequest',
  message: `${description}: /${field}`,
  errorDetails: { inputErrors: [{ description, input: { inputPath: { fieldPath: field } }, code }] },
  status: 422,
});

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
