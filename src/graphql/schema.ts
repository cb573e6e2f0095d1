import { GraphQLDeferDirective, GraphQLStreamDirective } from '@graphql-tools/utils';
import { lexicographicSortSchema, specifiedDirectives } from 'graphql';
import { builder } from './builder.js';
import '../modules/users/user.schema.js';
import '../modules/users/session.schema.js';
import '../modules/users/account.schema.js';
import '../modules/users/service-token.schema.js';
import '../modules/posts/post.schema.js';
import '../modules/posts/post-queries.schema.js';
import '../modules/posts/post-mutations.schema.js';
import '../modules/posts/user-posts.schema.js';
import '../modules/posts/post-revision.schema.js';
import '../modules/posts/post-comment.schema.js';
import '../modules/workspaces/workspace.schema.js';
import '../modules/workspaces/workspace-members.schema.js';
import '../modules/posts/workspace-posts.schema.js';
import '../modules/analysis/analysis.schema.js';
import '../modules/analytics/metrics.schema.js';
import '../modules/analytics/metrics-subscription.schema.js';
import '../modules/publishing/linkedin-account.schema.js';
import '../modules/publishing/publishing.schema.js';
import '../modules/publishing/review.schema.js';
import '../modules/publishing/queue.schema.js';
import '../modules/scheduling/scheduling.schema.js';
import '../modules/generation/generation.schema.js';
import '../modules/analytics/post-analytics.schema.js';
import '../modules/analytics/engagement.schema.js';
import '../modules/analytics/analytics-summary.schema.js';
import '../modules/analytics/top-posts.schema.js';
import '../modules/media/media.schema.js';
import '../modules/audit/audit.schema.js';

// @defer and @stream are part of the contract clients compile against (relay-compiler, codegen), so
// schema.graphql declares them; useDeferStream executes them.
export const schema = lexicographicSortSchema(builder.toSchema({ directives: [...specifiedDirectives, GraphQLDeferDirective, GraphQLStreamDirective] }));
