import { builder } from '../../graphql/builder.js';
import { type CachePolicy, MINUTE } from '../../response-cache/policy.js';
import { answerDependsOnViewer } from '../../response-cache/response-scope.js';
import { viewerUserId } from '../../shared/viewer.js';
import { User } from '../users/user.schema.js';
import { PostConnection, PostStatus } from './post.schema.js';

builder.prismaObjectField(User, 'posts', (t) =>
  t.relatedConnection(
    'posts',
    {
      cursor: 'id',
      description: 'Their posts, newest first: published ones for everyone, all of them for the user themself.',
      extensions: { cache: { ttlMs: MINUTE, membership: ['Post'] } satisfies CachePolicy },
      args: { status: t.arg({ type: PostStatus, description: 'Only posts in this status.' }) },
      totalCount: true,
      query: ({ status }, ctx) => {
        // The user themself sees their unpublished posts here, everyone else only the published ones.
        answerDependsOnViewer(ctx);
        return {
          where: { AND: [{ status: status ?? undefined }, ctx.services.posts.visibleTo(viewerUserId(ctx))] },
          orderBy: [{ createdAt: 'desc' as const }, { id: 'desc' as const }],
        };
      },
    },
    PostConnection,
  ),
);
