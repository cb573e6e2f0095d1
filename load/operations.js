// The GraphQL operations every load test sends, shared by the Node harness (load/bench.ts)
// and the k6 scripts (load/k6/*.js) so both measure exactly the same documents.
// Plain ESM JavaScript on purpose: k6 cannot import TypeScript.

const METRICS_FIELDS = 'impressions reactions comments reposts clicks engagementRate';

const FEED_POST_FIELDS = `
  id content hashtags tone status createdAt publishedAt
  author { id name headline }
  metrics { ${METRICS_FIELDS} }
  analysis {
    language readability characterCount wordCount hook warnings suggestedHashtags
    sentiment { label compound }
    keywords { term score }
  }`;

export const LOG_IN = `mutation BenchLogIn($input: LogInInput!) {
  logIn(input: $input) { token user { id name } }
}`;

export const SIGN_UP = `mutation BenchSignUp($input: SignUpInput!) {
  signUp(input: $input) { token user { id name } }
}`;

/** Scenario 1: one post by id, the same request repeated (served by the response cache). */
export const POST_BY_ID = `query BenchPost($id: ID!) {
  post(id: $id) { ${FEED_POST_FIELDS} }
}`;

/** A small answer (well under COMPRESSION_MIN_BYTES) the response cache serves to every reader. */
export const POST_HEADLINE = `query BenchPostHeadline($id: ID!) {
  post(id: $id) { id status createdAt }
}`;

/** Scenario 2: a feed page with author, metrics and analysis. */
export const FEED = `query BenchFeed($first: Int!, $after: String, $filter: PostFilter) {
  posts(first: $first, after: $after, filter: $filter) {
    pageInfo { hasNextPage endCursor }
    edges { cursor node { ${FEED_POST_FIELDS} } }
  }
}`;

/** A page of a workspace's feed as one of its members reads it (the seeded team's: issue "Teams"). */
export const WORKSPACE_FEED = `query BenchWorkspaceFeed($id: ID!, $first: Int!, $after: String) {
  workspace(id: $id) {
    posts(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { cursor node { ${FEED_POST_FIELDS} } }
    }
  }
}`;

/** A workspace's members and a page of its posts' cursors, to aim workspace-feed's pages. */
export const WORKSPACE_CURSORS = `query BenchWorkspaceCursors($id: ID!, $after: String) {
  workspace(id: $id) {
    members(first: 100) { edges { node { user { id } } } }
    posts(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { cursor } }
  }
}`;

/** The caller's own post ids, to build engagement batches the author may record. */
export const MY_POST_IDS = `query BenchMyPosts($first: Int!) {
  me { id posts(first: $first) { edges { node { id } } } }
}`;

/** Post ids with their authors, to pick targets for reads. */
export const POST_IDS = `query BenchPostIds($first: Int!, $after: String) {
  posts(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { id author { id } } }
  }
}`;

/** Scenario 3: ranked full-text search. */
export const SEARCH_POSTS = `query BenchSearch($query: String!, $first: Int!) {
  searchPosts(query: $query, first: $first) {
    edges { node { id content hashtags author { id name } metrics { ${METRICS_FIELDS} } } }
  }
}`;

/** Scenario 4: a new draft, analysed on write. */
export const CREATE_POST = `mutation BenchCreatePost($input: CreatePostInput!) {
  createPost(input: $input) { id status createdAt analysis { wordCount sentiment { label } } }
}`;

/** Makes a seeded draft visible to everyone (seeding through the API). */
export const PUBLISH_POST = `mutation BenchPublishPost($id: ID!) {
  publishPost(id: $id) { id status }
}`;

/** Seeding through the API: starts the OAuth flow that connects the author's LinkedIn account. */
export const CONNECT_LINKEDIN = `mutation BenchConnectLinkedIn {
  connectLinkedIn { url }
}`;

/** Seeding through the API: whether a post's publish job has finished. */
export const POST_STATUS = `query BenchPostStatus($id: ID!) {
  post(id: $id) { id status publishError }
}`;

/** Scenario 5: an author's analytics over a window, with a daily series. */
export const ANALYTICS_SUMMARY = `query BenchAnalytics($authorId: ID, $from: DateTime!, $to: DateTime!) {
  analyticsSummary(authorId: $authorId, from: $from, to: $to) {
    posts
    totals { ${METRICS_FIELDS} }
    bestPost { id }
    series(interval: DAY) { at impressions reactions comments reposts clicks }
  }
}`;

/** Scenario 6 (write side): one engagement on the caller's own post. */
export const RECORD_ENGAGEMENT = `mutation BenchRecordEngagement($postId: ID!, $type: EngagementType!, $count: Int) {
  recordEngagement(postId: $postId, type: $type, count: $count) { ${METRICS_FIELDS} }
}`;

/** Scenario 7: bulk engagement ingest. */
export const RECORD_ENGAGEMENTS = `mutation BenchRecordEngagements($events: [EngagementInput!]!) {
  recordEngagements(events: $events)
}`;

/** Scenario 8: start a generation job whose progress subscribers follow. */
export const GENERATE_POST = `mutation BenchGeneratePost($input: GeneratePostInput!) {
  generatePost(input: $input) { id status }
}`;

export const GENERATION_PROGRESS = `subscription BenchGenerationProgress($jobId: ID!) {
  generationProgress(jobId: $jobId) { delta job { id status progress } }
}`;

/** Words that occur in the seeded content, so search queries find something. */
export const SEARCH_TERMS = [
  'leadership',
  'hiring',
  'remote',
  'product',
  'customers',
  'growth',
  'engineering',
  'burnout',
  'mentor',
  'startup',
  'marketing',
  'feedback',
  'culture',
  'data',
  'design',
  'sales',
  'learning',
  'career',
  'promotion',
  'launch',
  'team',
  'strategy',
  'focus',
  'failure',
  'success',
  'community',
  'writing',
  'networking',
  'interview',
  'automation',
];

export const TONES = ['PROFESSIONAL', 'CASUAL', 'INSPIRATIONAL', 'EDUCATIONAL', 'STORYTELLING', 'HUMOROUS'];

export const ENGAGEMENT_TYPES = ['IMPRESSION', 'REACTION', 'COMMENT', 'REPOST', 'CLICK'];

/** The thresholds every scenario is held to (the seed document's service levels). */
export const THRESHOLDS = { p95Ms: 100, p99Ms: 200, errorRate: 0.001 };
