import { createAnalyticsModule } from './modules/analytics/analytics.module.js';
import { createGenerationModule } from './modules/generation/generation.module.js';
import { createMediaModule } from './modules/media/media.module.js';
import type { Module, ModuleDeps } from './modules/module.types.js';
import { createPostsModule } from './modules/posts/posts.module.js';
import { createPublishingModule } from './modules/publishing/publishing.module.js';
import { createSchedulingModule } from './modules/scheduling/scheduling.module.js';
import { createUsersModule } from './modules/users/users.module.js';
import { createWorkspacesModule } from './modules/workspaces/workspaces.module.js';

/**
 * Every module, wired once per process: their services (resolvers reach them through the context),
 * and their background work, started and stopped together.
 */
export function createServices(deps: ModuleDeps) {
  const media = createMediaModule(deps);
  const users = createUsersModule(deps, media.services.media);
  const workspaces = createWorkspacesModule(deps);
  const posts = createPostsModule(deps, workspaces.services.workspaces);
  const analytics = createAnalyticsModule(deps);
  const generation = createGenerationModule(deps, posts.services.posts, workspaces.services.workspaces);
  const publishing = createPublishingModule(deps, workspaces.services.workspaces, media.services.media);
  const scheduling = createSchedulingModule(deps);
  const modules: Module<object>[] = [users, workspaces, posts, analytics, generation, publishing, media, scheduling];
  return {
    services: {
      pubsub: deps.pubsub,
      cache: deps.cache,
      queues: deps.queues,
      ...users.services,
      ...workspaces.services,
      ...posts.services,
      ...analytics.services,
      ...generation.services,
      ...publishing.services,
      ...media.services,
      ...scheduling.services,
    },
    async start() {
      for (const module of modules) {
        if (module.feature && !deps.config.features[module.feature]) {
          deps.logger.info({ feature: module.feature }, `${module.feature} is switched off: its background work does not start`);
          continue;
        }
        await module.background?.start();
      }
    },
    /** Stops background work, the most recently started first. */
    async stop() {
      for (const module of [...modules].reverse()) await module.background?.stop();
    },
    async close() {
      for (const module of modules) await module.close?.();
    },
  };
}

export type Services = ReturnType<typeof createServices>['services'];
