import { lexicographicSortSchema } from 'graphql';
import { builder } from './builder.js';
import '../modules/users/user.schema.js';
import '../modules/posts/post.type.js';
import '../modules/posts/post.queries.js';
import '../modules/posts/post.mutations.js';
import '../modules/posts/user-posts.field.js';
import '../modules/analysis/analysis.schema.js';
import '../modules/analytics/metrics.schema.js';
import '../modules/analytics/metrics.subscription.js';
import '../modules/publishing/linkedin-account.schema.js';
import '../modules/publishing/publishing.schema.js';
import '../modules/generation/generation.schema.js';
import '../modules/analytics/post-analytics.fields.js';
import '../modules/analytics/engagement.mutations.js';
import '../modules/analytics/analytics-summary.schema.js';
import '../modules/analytics/top-posts.query.js';

export const schema = lexicographicSortSchema(builder.toSchema());
