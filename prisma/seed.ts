/**
 * `npm run db:seed`: realistic demo data in DATABASE_URL or the embedded database — authors
 * with headlines, posts written by the offline AI writer across topics and tones (published,
 * scheduled and drafts), so GraphiQL has something to explore. Safe to run twice: it adds
 * nothing when the demo authors already exist.
 */
import { loadConfig } from '../src/config.js';
import { createDatabase } from '../src/infra/db/database.js';
import { applyMigrations } from '../src/infra/db/migrator.js';
import { createLogger } from '../src/infra/logger.js';
import { loadAnalyzer } from '../src/modules/analysis/analyzer.service.js';
import { LocalPostWriter } from '../src/modules/generation/local-writer.js';
import type { PostTone } from '../src/modules/generation/writer-types.js';
import { createPostService } from '../src/modules/posts/post.service.js';
import { hashPassword } from '../src/modules/users/password.js';
import { createWorkspaceService, personalWorkspaceOfNewUser } from '../src/modules/workspaces/workspaces.service.js';

const AUTHORS = [
  ['Ada Okafor', 'Head of Platform Engineering'],
  ['Mateo García', 'Product Manager, B2B SaaS'],
  ['Priya Raman', 'Data Scientist | ML in production'],
  ['Jonas Becker', 'Founder & CEO'],
  ['Chloé Martin', 'Talent Acquisition Lead'],
  ['Kenji Sato', 'Staff Frontend Engineer'],
] as const;

const TOPICS = [
  'what we learned migrating to PostgreSQL',
  'hiring your first engineering manager',
  'remote onboarding that actually works',
  'pricing experiments for SaaS startups',
  'why observability beats dashboards',
  'mentoring junior developers',
  'saying no to feature requests',
  'our first year of four-day weeks',
  'shipping machine learning models safely',
  'writing design docs people read',
];
const TONES: PostTone[] = ['PROFESSIONAL', 'CASUAL', 'INSPIRATIONAL', 'EDUCATIONAL', 'STORYTELLING', 'HUMOROUS'];
const DEMO_PASSWORD = 'demo-password';

const config = loadConfig();
const db = createDatabase(config.database, createLogger(config.log));
await applyMigrations(db.adapterFactory);
const { prisma } = db;

if (await prisma.user.findUnique({ where: { email: 'ada@demo.example' } })) {
  console.log('demo data already present');
} else {
  const posts = createPostService({ prisma, analyzer: loadAnalyzer, workspaces: createWorkspaceService(prisma) });
  const writer = new LocalPostWriter({ chunkDelayMs: 0 });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let created = 0;
  for (const [index, [name, headline]] of AUTHORS.entries()) {
    const email = `${name
      .split(' ')[0]!
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z]/g, '')}@demo.example`;
    const user = await prisma.user.create({ data: { email, name, headline, passwordHash, ...personalWorkspaceOfNewUser() } });
    for (let i = 0; i < 8; i++) {
      const tone = TONES[(index + i) % TONES.length]!;
      const topic = TOPICS[(index * 3 + i) % TOPICS.length]!;
      const written = await writer.write({ topic, tone, includeHashtags: true, language: 'en', keywords: [] });
      const post = await posts.create({ userId: user.id, requestId: null }, { content: written.content, hashtags: written.hashtags, tone });
      // Shown as already on LinkedIn; demo authors have no connected account, so nothing is scheduled.
      if (i % 4 !== 0) await prisma.post.update({ where: { id: post.id }, data: { status: 'PUBLISHED', publishedAt: new Date() } });
      created++;
    }
  }
  console.log(`seeded ${AUTHORS.length} authors and ${created} posts (log in as ada@demo.example / ${DEMO_PASSWORD})`);
}
await db.close();
