/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A point in time as an ISO 8601 string in UTC, e.g. "2026-01-31T09:30:00.000Z". Inputs must include a time zone. */
  DateTime: { input: string; output: string; }
};

/** A signed-in session: send `token` as `Authorization: Bearer <token>`. */
export type AuthPayload = {
  __typename?: 'AuthPayload';
  /** A JWT that expires (see `exp`); log in again when it does. */
  token: Scalars['String']['output'];
  /** The signed-in user. */
  user: User;
};

/** A new draft post. */
export type CreatePostInput = {
  /** The text, 1 to 3,000 characters. */
  content: Scalars['String']['input'];
  /** Hashtags with or without "#"; inline #tags in the content are added too. */
  hashtags?: InputMaybe<Array<Scalars['String']['input']>>;
  tone?: InputMaybe<PostTone>;
  visibility?: InputMaybe<PostVisibility>;
};

/** A term or short phrase the text is about. */
export type Keyword = {
  __typename?: 'Keyword';
  /** Relevance from 0 to 1; keywords are sorted by it. */
  score: Scalars['Float']['output'];
  /** The term, lower-cased. */
  term: Scalars['String']['output'];
};

/** Credentials of an existing account. */
export type LogInInput = {
  email: Scalars['String']['input'];
  password: Scalars['String']['input'];
};

/** Everything you can change. Most mutations need `Authorization: Bearer <token>`. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Creates a DRAFT post written by you. */
  createPost: Post;
  /** Deletes one of your posts and its analytics; returns its ID. */
  deletePost: Scalars['ID']['output'];
  /** Signs in. A wrong password and an unknown email get the same UNAUTHENTICATED error. */
  logIn: AuthPayload;
  /** Publishes one of your DRAFT, SCHEDULED or FAILED posts now. CONFLICT from any other status. */
  publishPost: Post;
  /** Schedules one of your posts to be published at `at` (in the future, at most a year ahead). */
  schedulePost: Post;
  /** Creates an account and signs it in. Fails with CONFLICT when the email is taken. */
  signUp: AuthPayload;
  /** Edits one of your posts. FORBIDDEN for someone else's, NOT_FOUND for a missing one. */
  updatePost: Post;
};


/** Everything you can change. Most mutations need `Authorization: Bearer <token>`. */
export type MutationCreatePostArgs = {
  input: CreatePostInput;
};


/** Everything you can change. Most mutations need `Authorization: Bearer <token>`. */
export type MutationDeletePostArgs = {
  id: Scalars['ID']['input'];
};


/** Everything you can change. Most mutations need `Authorization: Bearer <token>`. */
export type MutationLogInArgs = {
  input: LogInInput;
};


/** Everything you can change. Most mutations need `Authorization: Bearer <token>`. */
export type MutationPublishPostArgs = {
  id: Scalars['ID']['input'];
};


/** Everything you can change. Most mutations need `Authorization: Bearer <token>`. */
export type MutationSchedulePostArgs = {
  at: Scalars['DateTime']['input'];
  id: Scalars['ID']['input'];
};


/** Everything you can change. Most mutations need `Authorization: Bearer <token>`. */
export type MutationSignUpArgs = {
  input: SignUpInput;
};


/** Everything you can change. Most mutations need `Authorization: Bearer <token>`. */
export type MutationUpdatePostArgs = {
  id: Scalars['ID']['input'];
  input: UpdatePostInput;
};

/** An object with a globally unique, opaque ID. Fetch any of them with `node(id)`. */
export type Node = {
  id: Scalars['ID']['output'];
};

/** Where a page sits in a list: use `endCursor` as `after` to fetch the next one. */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor: Maybe<Scalars['String']['output']>;
};

/** A LinkedIn post: a draft, scheduled, or published. */
export type Post = Node & {
  __typename?: 'Post';
  /** Language, sentiment, keywords, readability and the hook, computed once per content version. */
  analysis: PostAnalysis;
  /** Who wrote it. */
  author: User;
  /** The post text (LinkedIn "commentary"), at most 3,000 characters. */
  content: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** Hashtags without "#", lower-cased: the ones given plus any written inline in the content. */
  hashtags: Array<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** Lifetime engagement totals, loaded with the post in the same query. */
  metrics: PostMetrics;
  publishedAt: Maybe<Scalars['DateTime']['output']>;
  /** When a SCHEDULED post goes out. */
  scheduledAt: Maybe<Scalars['DateTime']['output']>;
  status: PostStatus;
  /** The voice it was written in, if set. */
  tone: Maybe<PostTone>;
  updatedAt: Scalars['DateTime']['output'];
  visibility: PostVisibility;
};

/** What a text says about itself. Stored per content version of a post; never recomputed on read. */
export type PostAnalysis = {
  __typename?: 'PostAnalysis';
  /** Characters as LinkedIn counts them (Unicode code points). */
  characterCount: Scalars['Int']['output'];
  /** What a reader sees before LinkedIn's "see more" fold (about 210 characters). */
  hook: Scalars['String']['output'];
  /** Ranked, most relevant first. */
  keywords: Array<Keyword>;
  /** ISO 639-1 code ("en", "es", ...), or "und" when unsure. */
  language: Scalars['String']['output'];
  /** Flesch reading ease (higher is easier; 60–70 is plain English), null where the language has no formula. */
  readability: Maybe<Scalars['Float']['output']>;
  sentiment: Sentiment;
  /** 3 to 5 hashtags worth adding, without "#". */
  suggestedHashtags: Array<Scalars['String']['output']>;
  /** Problems worth fixing before publishing, as sentences. */
  warnings: Array<Scalars['String']['output']>;
  wordCount: Scalars['Int']['output'];
};

/** A page of posts. */
export type PostConnection = {
  __typename?: 'PostConnection';
  edges: Array<PostEdge>;
  pageInfo: PageInfo;
  /** How many posts match in all, across every page. */
  totalCount: Scalars['Int']['output'];
};

export type PostEdge = {
  __typename?: 'PostEdge';
  cursor: Scalars['String']['output'];
  node: Post;
};

/** Narrows a list of posts; all given conditions must hold. */
export type PostFilter = {
  /** Only posts by this user. */
  authorId?: InputMaybe<Scalars['ID']['input']>;
  /** Created at or after this instant. */
  createdAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Created before this instant. */
  createdBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only posts tagged with this hashtag ("#AI" and "ai" are the same). */
  hashtag?: InputMaybe<Scalars['String']['input']>;
  /** Only posts in this status (drafts etc. are only yours). */
  status?: InputMaybe<PostStatus>;
  tone?: InputMaybe<PostTone>;
};

/** Engagement totals. */
export type PostMetrics = {
  __typename?: 'PostMetrics';
  /** Clicks on the post, its links or "see more". */
  clicks: Scalars['Int']['output'];
  comments: Scalars['Int']['output'];
  /** (reactions + comments + reposts + clicks) / impressions; 0 when there are no impressions. */
  engagementRate: Scalars['Float']['output'];
  /** Times the post was shown. */
  impressions: Scalars['Int']['output'];
  /** Likes, celebrates, and other reactions. */
  reactions: Scalars['Int']['output'];
  reposts: Scalars['Int']['output'];
};

/** How to sort posts. */
export type PostOrder =
  /** Most reactions + comments + reposts + clicks first. */
  | 'MOST_ENGAGED'
  /** Most recently created first. */
  | 'NEWEST'
  /** Oldest first. */
  | 'OLDEST';

/** Where a post is in its life. PUBLISHING and FAILED are about publishing to LinkedIn. */
export type PostStatus =
  /** Retired; kept for analytics. */
  | 'ARCHIVED'
  /** Being written; only the author sees it. */
  | 'DRAFT'
  /** Publishing failed; see the error and publish or reschedule again. */
  | 'FAILED'
  /** Live; everyone can read it. */
  | 'PUBLISHED'
  /** Being sent to LinkedIn right now. */
  | 'PUBLISHING'
  /** Will be published at `scheduledAt`. */
  | 'SCHEDULED';

/** The voice a post is written in. */
export type PostTone =
  | 'CASUAL'
  | 'EDUCATIONAL'
  | 'HUMOROUS'
  | 'INSPIRATIONAL'
  | 'PROFESSIONAL'
  | 'STORYTELLING';

/** Who sees the post on LinkedIn. */
export type PostVisibility =
  /** The author's connections only. */
  | 'CONNECTIONS'
  /** Anyone on or off LinkedIn. */
  | 'PUBLIC';

/** Everything you can read. */
export type Query = {
  __typename?: 'Query';
  /** Runs the post analysis on any text without storing anything. Handy for live feedback in an editor. */
  analyzeText: PostAnalysis;
  /** The signed-in user, or null without a valid token. */
  me: Maybe<User>;
  /** Fetches any object by its global ID; null when it does not exist or you cannot see it. */
  node: Maybe<Node>;
  /** Fetches several objects by global ID, in order; null for each one that does not exist or you cannot see. */
  nodes: Array<Maybe<Node>>;
  /** One post by ID; null when it does not exist or is someone else's unpublished post. */
  post: Maybe<Post>;
  /** Published posts, plus your own drafts and scheduled posts when signed in. */
  posts: PostConnection;
  /** Full-text search over post content and hashtags, best match first. Supports "quoted phrases", OR and -exclusions. */
  searchPosts: PostConnection;
};


/** Everything you can read. */
export type QueryAnalyzeTextArgs = {
  text: Scalars['String']['input'];
};


/** Everything you can read. */
export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


/** Everything you can read. */
export type QueryNodesArgs = {
  ids: Array<Scalars['ID']['input']>;
};


/** Everything you can read. */
export type QueryPostArgs = {
  id: Scalars['ID']['input'];
};


/** Everything you can read. */
export type QueryPostsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<PostFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<PostOrder>;
};


/** Everything you can read. */
export type QuerySearchPostsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  query: Scalars['String']['input'];
};

/** Sentiment scores. The three proportions sum to 1. */
export type Sentiment = {
  __typename?: 'Sentiment';
  /** Normalised score from -1 (most negative) to 1 (most positive). */
  compound: Scalars['Float']['output'];
  /** The overall label. */
  label: SentimentLabel;
  /** Share of the text that reads negative, 0..1. */
  negative: Scalars['Float']['output'];
  /** Share of the text that reads neutral, 0..1. */
  neutral: Scalars['Float']['output'];
  /** Share of the text that reads positive, 0..1. */
  positive: Scalars['Float']['output'];
};

/** Overall tone of a text, from VADER's compound score (≥ 0.05 positive, ≤ -0.05 negative). */
export type SentimentLabel =
  | 'NEGATIVE'
  | 'NEUTRAL'
  | 'POSITIVE';

/** A new account. */
export type SignUpInput = {
  /** Used to log in; must be unique. */
  email: Scalars['String']['input'];
  /** Optional professional headline, at most 220 characters. */
  headline?: InputMaybe<Scalars['String']['input']>;
  /** Display name, 1 to 100 characters. */
  name: Scalars['String']['input'];
  /** At least 8 characters. */
  password: Scalars['String']['input'];
};

/** Live updates over WebSocket (graphql-transport-ws) or Server-Sent Events. */
export type Subscription = {
  __typename?: 'Subscription';
  /** The post's new totals each time engagement is recorded for it (coalesced to a few updates a second). */
  postMetricsUpdated: PostMetrics;
};


/** Live updates over WebSocket (graphql-transport-ws) or Server-Sent Events. */
export type SubscriptionPostMetricsUpdatedArgs = {
  postId: Scalars['ID']['input'];
};

/** Changes to a post; omitted fields stay as they are. Changing the content re-runs the analysis. */
export type UpdatePostInput = {
  content?: InputMaybe<Scalars['String']['input']>;
  hashtags?: InputMaybe<Array<Scalars['String']['input']>>;
  tone?: InputMaybe<PostTone>;
  visibility?: InputMaybe<PostVisibility>;
};

/** An author on the platform. */
export type User = Node & {
  __typename?: 'User';
  /** When the account was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Sign-in email. Only visible to the user themself; null for everyone else. */
  email: Maybe<Scalars['String']['output']>;
  /** Professional headline, as on a LinkedIn profile. */
  headline: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** Display name. */
  name: Scalars['String']['output'];
  /** Their posts, newest first: published ones for everyone, all of them for the user themself. */
  posts: PostConnection;
};


/** An author on the platform. */
export type UserPostsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<PostStatus>;
};

/** A new draft post. */
export type CreatePostInput = {
  /** The text, 1 to 3,000 characters. */
  content: string;
  /** Hashtags with or without "#"; inline #tags in the content are added too. */
  hashtags?: Array<string> | null | undefined;
  tone?: PostTone | null | undefined;
  visibility?: PostVisibility | null | undefined;
};

/** Credentials of an existing account. */
export type LogInInput = {
  email: string;
  password: string;
};

/** Narrows a list of posts; all given conditions must hold. */
export type PostFilter = {
  /** Only posts by this user. */
  authorId?: string | number | null | undefined;
  /** Created at or after this instant. */
  createdAfter?: string | null | undefined;
  /** Created before this instant. */
  createdBefore?: string | null | undefined;
  /** Only posts tagged with this hashtag ("#AI" and "ai" are the same). */
  hashtag?: string | null | undefined;
  /** Only posts in this status (drafts etc. are only yours). */
  status?: PostStatus | null | undefined;
  tone?: PostTone | null | undefined;
};

/** How to sort posts. */
export type PostOrder =
  /** Most reactions + comments + reposts + clicks first. */
  | 'MOST_ENGAGED'
  /** Most recently created first. */
  | 'NEWEST'
  /** Oldest first. */
  | 'OLDEST';

/** Where a post is in its life. PUBLISHING and FAILED are about publishing to LinkedIn. */
export type PostStatus =
  /** Retired; kept for analytics. */
  | 'ARCHIVED'
  /** Being written; only the author sees it. */
  | 'DRAFT'
  /** Publishing failed; see the error and publish or reschedule again. */
  | 'FAILED'
  /** Live; everyone can read it. */
  | 'PUBLISHED'
  /** Being sent to LinkedIn right now. */
  | 'PUBLISHING'
  /** Will be published at `scheduledAt`. */
  | 'SCHEDULED';

/** The voice a post is written in. */
export type PostTone =
  | 'CASUAL'
  | 'EDUCATIONAL'
  | 'HUMOROUS'
  | 'INSPIRATIONAL'
  | 'PROFESSIONAL'
  | 'STORYTELLING';

/** Who sees the post on LinkedIn. */
export type PostVisibility =
  /** The author's connections only. */
  | 'CONNECTIONS'
  /** Anyone on or off LinkedIn. */
  | 'PUBLIC';

/** A new account. */
export type SignUpInput = {
  /** Used to log in; must be unique. */
  email: string;
  /** Optional professional headline, at most 220 characters. */
  headline?: string | null | undefined;
  /** Display name, 1 to 100 characters. */
  name: string;
  /** At least 8 characters. */
  password: string;
};

/** Changes to a post; omitted fields stay as they are. Changing the content re-runs the analysis. */
export type UpdatePostInput = {
  content?: string | null | undefined;
  hashtags?: Array<string> | null | undefined;
  tone?: PostTone | null | undefined;
  visibility?: PostVisibility | null | undefined;
};

export type PostFieldsFragment = { id: string, content: string, hashtags: Array<string>, tone: PostTone | null, visibility: PostVisibility, status: PostStatus, scheduledAt: string | null, publishedAt: string | null, createdAt: string, updatedAt: string, author: { id: string, name: string } };

export type CreatePostMutationVariables = Exact<{
  input: CreatePostInput;
}>;


export type CreatePostMutation = { createPost: { id: string, content: string, hashtags: Array<string>, tone: PostTone | null, visibility: PostVisibility, status: PostStatus, scheduledAt: string | null, publishedAt: string | null, createdAt: string, updatedAt: string, author: { id: string, name: string } } };

export type UpdatePostMutationVariables = Exact<{
  id: string | number;
  input: UpdatePostInput;
}>;


export type UpdatePostMutation = { updatePost: { id: string, content: string, hashtags: Array<string>, tone: PostTone | null, visibility: PostVisibility, status: PostStatus, scheduledAt: string | null, publishedAt: string | null, createdAt: string, updatedAt: string, author: { id: string, name: string } } };

export type DeletePostMutationVariables = Exact<{
  id: string | number;
}>;


export type DeletePostMutation = { deletePost: string };

export type PublishPostMutationVariables = Exact<{
  id: string | number;
}>;


export type PublishPostMutation = { publishPost: { id: string, content: string, hashtags: Array<string>, tone: PostTone | null, visibility: PostVisibility, status: PostStatus, scheduledAt: string | null, publishedAt: string | null, createdAt: string, updatedAt: string, author: { id: string, name: string } } };

export type SchedulePostMutationVariables = Exact<{
  id: string | number;
  at: string;
}>;


export type SchedulePostMutation = { schedulePost: { id: string, content: string, hashtags: Array<string>, tone: PostTone | null, visibility: PostVisibility, status: PostStatus, scheduledAt: string | null, publishedAt: string | null, createdAt: string, updatedAt: string, author: { id: string, name: string } } };

export type PostQueryVariables = Exact<{
  id: string | number;
}>;


export type PostQuery = { post: { id: string, content: string, hashtags: Array<string>, tone: PostTone | null, visibility: PostVisibility, status: PostStatus, scheduledAt: string | null, publishedAt: string | null, createdAt: string, updatedAt: string, author: { id: string, name: string } } | null };

export type FeedQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: PostFilter | null | undefined;
  orderBy?: PostOrder | null | undefined;
}>;


export type FeedQuery = { posts: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, content: string, hashtags: Array<string>, tone: PostTone | null, visibility: PostVisibility, status: PostStatus, scheduledAt: string | null, publishedAt: string | null, createdAt: string, updatedAt: string, metrics: { impressions: number, reactions: number, engagementRate: number }, analysis: { language: string, wordCount: number, hook: string }, author: { id: string, name: string } } }> } };

export type SearchPostsQueryVariables = Exact<{
  query: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SearchPostsQuery = { searchPosts: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, content: string } }> } };

export type SignUpMutationVariables = Exact<{
  input: SignUpInput;
}>;


export type SignUpMutation = { signUp: { token: string, user: { id: string, name: string, email: string | null } } };

export type LogInMutationVariables = Exact<{
  input: LogInInput;
}>;


export type LogInMutation = { logIn: { token: string, user: { id: string, email: string | null } } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, name: string, headline: string | null, email: string | null, createdAt: string } | null };

export type UserPostsQueryVariables = Exact<{
  id: string | number;
  status?: PostStatus | null | undefined;
}>;


export type UserPostsQuery = { node:
    | { name: string, email: string | null, posts: { totalCount: number, edges: Array<{ node: { id: string, status: PostStatus } }> } }
    | Record<PropertyKey, never>
   | null };

export const PostFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PostFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Post"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"hashtags"}},{"kind":"Field","name":{"kind":"Name","value":"tone"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledAt"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<PostFieldsFragment, unknown>;
export const CreatePostDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreatePost"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreatePostInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createPost"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PostFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PostFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Post"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"hashtags"}},{"kind":"Field","name":{"kind":"Name","value":"tone"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledAt"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CreatePostMutation, CreatePostMutationVariables>;
export const UpdatePostDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdatePost"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdatePostInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updatePost"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PostFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PostFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Post"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"hashtags"}},{"kind":"Field","name":{"kind":"Name","value":"tone"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledAt"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<UpdatePostMutation, UpdatePostMutationVariables>;
export const DeletePostDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeletePost"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletePost"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeletePostMutation, DeletePostMutationVariables>;
export const PublishPostDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PublishPost"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publishPost"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PostFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PostFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Post"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"hashtags"}},{"kind":"Field","name":{"kind":"Name","value":"tone"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledAt"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<PublishPostMutation, PublishPostMutationVariables>;
export const SchedulePostDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SchedulePost"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"at"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"schedulePost"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"at"},"value":{"kind":"Variable","name":{"kind":"Name","value":"at"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PostFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PostFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Post"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"hashtags"}},{"kind":"Field","name":{"kind":"Name","value":"tone"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledAt"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<SchedulePostMutation, SchedulePostMutationVariables>;
export const PostDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Post"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"post"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PostFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PostFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Post"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"hashtags"}},{"kind":"Field","name":{"kind":"Name","value":"tone"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledAt"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<PostQuery, PostQueryVariables>;
export const FeedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Feed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PostFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PostOrder"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"posts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PostFields"}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"impressions"}},{"kind":"Field","name":{"kind":"Name","value":"reactions"}},{"kind":"Field","name":{"kind":"Name","value":"engagementRate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"analysis"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"wordCount"}},{"kind":"Field","name":{"kind":"Name","value":"hook"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PostFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Post"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"hashtags"}},{"kind":"Field","name":{"kind":"Name","value":"tone"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledAt"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<FeedQuery, FeedQueryVariables>;
export const SearchPostsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchPosts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"query"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchPosts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"content"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SearchPostsQuery, SearchPostsQueryVariables>;
export const SignUpDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignUp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SignUpInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signUp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]}}]} as unknown as DocumentNode<SignUpMutation, SignUpMutationVariables>;
export const LogInDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LogIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LogInInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logIn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]}}]} as unknown as DocumentNode<LogInMutation, LogInMutationVariables>;
export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"headline"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const UserPostsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UserPosts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PostStatus"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"posts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<UserPostsQuery, UserPostsQueryVariables>;