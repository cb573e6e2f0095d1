import type { Post } from '../../generated/prisma/client.js';
import type { Module, ModuleDeps } from '../module.types.js';
import { postChangeEntities } from '../posts/post-cache.rules.js';
import type { WorkspaceService } from '../workspaces/workspaces.service.js';
import { createLinkedInAccountService } from './linkedin-accounts.service.js';
import { createLinkedInAssets, type MediaSource } from './linkedin-assets.js';
import { createLinkedInClient } from './linkedin-client.js';
import { createPublishJobHandler, PUBLISH_QUEUE, type PublishJob } from './publish-job.js';
import { createPublishRecovery } from './publish-recovery.js';
import { createPublishingService } from './publishing.service.js';
import { DEFAULT_RETRY_POLICY } from './retry-policy.js';
import { createThumbnailSource } from './thumbnail-source.js';
import { createTokenCipher } from './token-crypto.js';

/** Connected LinkedIn accounts, publishing (now or scheduled) and the queue worker that sends posts. */
export function createPublishingModule({ config, db, logger, metrics, pubsub, queues, cache }: ModuleDeps, workspaces: WorkspaceService, media: MediaSource) {
  const prisma = db.prisma;
  const log = logger.child({ module: 'publishing' });
  const accounts = createLinkedInAccountService({
    prisma,
    cipher: createTokenCipher(config.linkedIn.tokenKeys),
    linkedIn: config.linkedIn,
    stateSecret: config.auth.secretKey,
    secureCookies: config.production || config.linkedIn.oauth?.redirectUri.startsWith('https:') === true,
    logger: log,
    workspaces,
  });
  const queue = queues.create<PublishJob>(PUBLISH_QUEUE);
  const onStatusChange = async (post: Post) => {
    // A post that was ever published (now PUBLISHED or ARCHIVED) was in everyone's listings.
    const seenByOthers = post.status === 'PUBLISHED' || post.publishedAt !== null;
    await cache.invalidate(postChangeEntities(post, seenByOthers, seenByOthers ? [] : await workspaces.memberIds(post.workspaceId)));
    pubsub.publish('post:status', post.id, post);
  };
  const runJob = createPublishJobHandler({
    prisma,
    accounts,
    queue,
    logger: log,
    metrics,
    onStatusChange,
    staleAfterMs: config.publishing.staleAfterMs,
    client: createLinkedInClient({
      apiBaseUrl: config.linkedIn.apiBaseUrl,
      linkedInVersion: config.linkedIn.version,
      timeoutMs: config.linkedIn.timeoutMs,
      logger: log,
    }),
    content: {
      assets: createLinkedInAssets({
        apiBaseUrl: config.linkedIn.apiBaseUrl,
        linkedInVersion: config.linkedIn.version,
        timeoutMs: config.linkedIn.timeoutMs,
      }),
      fetchThumbnail: createThumbnailSource(config.articlePreview),
      media,
    },
    retryPolicy: {
      ...DEFAULT_RETRY_POLICY,
      maxAttempts: config.publishing.maxAttempts,
      baseDelayMs: config.publishing.retryBaseMs,
    },
  });
  const recovery = createPublishRecovery({ prisma, queue, logger: log, staleAfterMs: config.publishing.staleAfterMs });
  let sweeper: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const recover = () => {
    running = running
      .then(() => (stopped ? undefined : recovery.recover({ stopped: () => stopped })))
      .catch((error: unknown) => log.warn({ err: error }, 'publishing recovery failed; retrying later'));
  };
  return {
    services: {
      linkedInAccounts: accounts,
      publishing: createPublishingService({ prisma, accounts, queue, onStatusChange }),
      publishingRecovery: recovery,
    },
    // Every process sends posts to LinkedIn, and puts back work a stopped one lost.
    background: {
      start() {
        queue.process((job) => runJob(job), { concurrency: config.publishing.concurrency });
        recover();
        // Every sweep also looks for SCHEDULED posts whose delayed job a Redis that lost its data no longer holds.
        sweeper = setInterval(recover, config.publishing.staleAfterMs / 2).unref();
      },
      async stop() {
        stopped = true;
        clearInterval(sweeper);
        await running;
      },
    },
  } satisfies Module<object>;
}
