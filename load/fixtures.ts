import { gql, mapLimit } from './graphql-client.js';
import { LOG_IN, MY_POST_IDS, POST_IDS, WORKSPACE_CURSORS } from './operations.js';
import { BENCH_PASSWORD, TEAM_WORKSPACE_ID } from './seed.js';

export interface BenchUser {
  id: string;
  token: string;
  postIds: string[];
}

export interface Fixtures {
  users: BenchUser[];
  /** Published post ids visible to anyone, newest first. */
  postIds: string[];
  /** The seeded team workspace, when the dataset has one (the embedded pass seeds none). */
  team?: TeamFixture;
}

export interface TeamFixture {
  /** Its global ID. */
  id: string;
  /** The logged-in users who are its members. */
  members: BenchUser[];
  /** The cursor of every post of its feed, newest first: where a page can start. */
  cursors: string[];
}

interface LogInData {
  logIn: { token: string; user: { id: string } };
}
interface MyPostsData {
  me: { posts: { edges: { node: { id: string } }[] } };
}
interface WorkspaceCursorsData {
  workspace: {
    members: { edges: { node: { user: { id: string } } }[] };
    posts: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string }[] };
  } | null;
}
interface PostIdsData {
  posts: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string } }[] };
}

/** Logs in seeded users through the API (tokens are real JWTs) and collects ids to aim requests at. */
export async function loadFixtures(baseUrl: string, userCount: number, postPages: number): Promise<Fixtures> {
  const users = await mapLimit(
    Array.from({ length: userCount }, (_, i) => i),
    4,
    async (i) => {
      const { logIn } = await gql<LogInData>(baseUrl, LOG_IN, { input: { email: `bench.user${i}@example.test`, password: BENCH_PASSWORD } });
      const { me } = await gql<MyPostsData>(baseUrl, MY_POST_IDS, { first: 50 }, logIn.token);
      return { id: logIn.user.id, token: logIn.token, postIds: me.posts.edges.map((e) => e.node.id) };
    },
  );
  const postIds: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < postPages; page++) {
    const data: PostIdsData = await gql<PostIdsData>(baseUrl, POST_IDS, { first: 100, after });
    postIds.push(...data.posts.edges.map((e) => e.node.id));
    if (!data.posts.pageInfo.hasNextPage) break;
    after = data.posts.pageInfo.endCursor;
  }
  if (postIds.length === 0) throw new Error('the API listed no posts: is the dataset seeded?');
  const team = await loadTeam(baseUrl, users);
  return { users, postIds, ...(team ? { team } : {}) };
}

/** The seeded team as its first member sees it, or undefined when the dataset has none (or that user is no member). */
async function loadTeam(baseUrl: string, users: BenchUser[]): Promise<TeamFixture | undefined> {
  const id = Buffer.from(`Workspace:${TEAM_WORKSPACE_ID}`).toString('base64');
  const reader = users[0];
  if (!reader) return undefined;
  const cursors: string[] = [];
  let memberIds = new Set<string>();
  let after: string | null = null;
  do {
    const { workspace }: WorkspaceCursorsData = await gql<WorkspaceCursorsData>(baseUrl, WORKSPACE_CURSORS, { id, after }, reader.token);
    if (!workspace) return undefined;
    memberIds = new Set(workspace.members.edges.map((e) => e.node.user.id));
    cursors.push(...workspace.posts.edges.map((e) => e.cursor));
    after = workspace.posts.pageInfo.hasNextPage ? workspace.posts.pageInfo.endCursor : null;
  } while (after);
  return { id, members: users.filter((u) => memberIds.has(u.id)), cursors };
}

/** How long the access tokens of the APIs the bench starts live: a full run outlasts the default 15 minutes. */
export const BENCH_ACCESS_TOKEN_TTL_SECONDS = 3600;

/** Fixtures for a server at `baseUrl`. */
export type FixtureSource = (baseUrl: string) => Promise<Fixtures>;

/**
 * Logs in through the first server asked and hands every later server on the same data the same fixtures:
 * the tokens are JWTs signed with the bench's SECRET_KEY, which any build started by the bench accepts, and
 * logging 200 users in at scrypt's production cost (128 MiB and about half a second of CPU each) takes minutes
 * on a busy machine, once per server start in an A/B pass. A failed log-in is retried by the next server.
 */
export function sharedFixtures(userCount: number, postPages: number): FixtureSource {
  let pending: Promise<Fixtures> | undefined;
  let loggedInAt = 0;
  return (baseUrl) => {
    // Logged in again before the tokens could expire in the middle of a long A/B pass.
    if (Date.now() - loggedInAt > (BENCH_ACCESS_TOKEN_TTL_SECONDS * 1000) / 2) pending = undefined;
    if (!pending) {
      loggedInAt = Date.now();
      pending = loadFixtures(baseUrl, userCount, postPages).catch((error: unknown) => {
        pending = undefined;
        throw error;
      });
    }
    return pending;
  };
}
