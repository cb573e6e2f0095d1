import { lexicographicSortSchema } from 'graphql';
import { builder } from './builder.js';
import '../modules/users/user.schema.js';
import '../modules/posts/post.schema.js';
import '../modules/posts/post-queries.schema.js';
import '../modules/posts/post-mutations.schema.js';
import '../modules/posts/user-posts.schema.js';
import '../modules/analysis/analysis.schema.js';
import '../modules/analytics/metrics.schema.js';
import '../modules/analytics/metrics-subscription.schema.js';
import '../modules/publishing/linkedin-account.schema.js';
import '../modules/publishing/publishing.schema.js';
import '../modules/generation/generation.schema.js';
import '../modules/analytics/post-analytics.schema.js';
import '../modules/analytics/engagement.schema.js';
import '../modules/analytics/analytics-summary.schema.js';
import '../modules/analytics/top-posts.schema.js';

export const schema = lexicographicSortSchema(builder.toSchema());
