import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { CreatePostDocument, type PostVisibility } from '../generated/graphql.js';
import { markPublished } from '../helpers/publish.js';
import type { GraphQLResponse, TestApp } from '../helpers/test-app.js';

/** Runs a typed operation from test/operations through the real server. */
export function run<R, V extends Record<string, unknown>>(t: TestApp, doc: TypedDocumentNode<R, V>, variables: V, token?: string): Promise<GraphQLResponse<R>> {
  return t.gql<R>(print(doc), variables, { token });
}

/** Like `run`, but the operation must succeed. */
export async function ok<R, V extends Record<string, unknown>>(t: TestApp, doc: TypedDocumentNode<R, V>, variables: V, token?: string): Promise<R> {
  const result = await run(t, doc, variables, token);
  if (result.errors || !result.data) throw new Error(`operation failed: ${JSON.stringify(result.errors)}`);
  return result.data;
}

export type Kind = 'draft' | 'public' | 'connections';

/** A post by `token`'s user: a draft, or published to PUBLIC or CONNECTIONS. Returns its global id. */
export async function createPost(t: TestApp, token: string, kind: Kind, content = `Post ${kind} ${Math.random()}`): Promise<string> {
  const visibility: PostVisibility = kind === 'connections' ? 'CONNECTIONS' : 'PUBLIC';
  const { createPost } = await ok(t, CreatePostDocument, { input: { content, visibility } }, token);
  if (kind !== 'draft') await markPublished(t, createPost.id);
  return createPost.id;
}

/** A service token with `scopes`: issued with INGEST, then stored with other scopes (as one issued for something else would be). */
export async function ingestToken(t: TestApp, scopes = ['ingest']): Promise<string> {
  const { token, serviceToken } = await t.app.services.serviceTokens.issue({ name: 'test-ingester', scopes: ['ingest'] });
  if (scopes.join() !== 'ingest') await t.app.db.prisma.serviceToken.update({ where: { id: serviceToken.id }, data: { scopes } });
  return token;
}

/** Row counts of the analytics tables, to prove a rejected call stored nothing. */
export async function analyticsTableState(t: TestApp) {
  const prisma = t.app.db.prisma;
  const [events, hourly, totals] = await Promise.all([
    prisma.engagementEvent.count(),
    prisma.postMetricsHourly.aggregate({ _count: true, _sum: { impressions: true, reactions: true, clicks: true } }),
    prisma.postTotals.aggregate({ _sum: { impressions: true, reactions: true, comments: true, reposts: true, clicks: true, engagements: true } }),
  ]);
  return { events, hourly, totals: totals._sum };
}
