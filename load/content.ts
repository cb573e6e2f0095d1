import { SEARCH_TERMS, TONES } from './operations.js';

/** A small seeded PRNG (mulberry32) so every seed run produces the same dataset. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const FIRST_NAMES = [
  'Ava',
  'Noah',
  'Mia',
  'Liam',
  'Zoe',
  'Ethan',
  'Priya',
  'Kenji',
  'Sofia',
  'Mateo',
  'Amara',
  'Lucas',
  'Chen',
  'Fatima',
  'Olga',
  'Diego',
  'Hannah',
  'Omar',
  'Ines',
  'Tomás',
];
const LAST_NAMES = [
  'Nguyen',
  'Smith',
  'García',
  'Kowalski',
  'Okafor',
  'Tanaka',
  'Müller',
  'Patel',
  'Rossi',
  'Johansson',
  'Haddad',
  'Silva',
  'Kim',
  'Dubois',
  'Novak',
];
const ROLES = [
  'Engineering Manager',
  'Product Designer',
  'Founder',
  'Data Scientist',
  'Head of Sales',
  'Recruiter',
  'Staff Engineer',
  'Marketing Lead',
  'CTO',
  'Career Coach',
];
const COMPANIES = ['Acme', 'Northwind', 'Globex', 'Initech', 'Umbrella Labs', 'Hooli', 'Stark Analytics', 'Wayne Ventures'];

const HOOKS: Record<string, string[]> = {
  PROFESSIONAL: ['Three lessons from a year of {t} at scale.', 'Here is what changed when we rethought {t}.', 'Most teams get {t} wrong. We did too.'],
  CASUAL: ['Okay, real talk about {t} for a second.', 'Coffee thought of the day: {t} is underrated.', 'Not gonna lie, {t} surprised me this week.'],
  INSPIRATIONAL: [
    'Five years ago I was afraid of {t}. Today I teach it.',
    'Your {t} journey does not need permission.',
    'Every setback in {t} taught me something.',
  ],
  EDUCATIONAL: ['A simple framework for {t}, step by step.', 'How {t} actually works (a thread-sized explainer).', '7 things I wish I knew about {t} earlier.'],
  STORYTELLING: [
    'It was 2 a.m. and the {t} dashboard was red.',
    'My first manager said one thing about {t} I never forgot.',
    'The day our {t} plan fell apart, we learned the most.',
  ],
  HUMOROUS: [
    'My {t} strategy: 40% coffee, 60% hope.',
    'I asked my cat for {t} advice. Results were mixed.',
    'Breaking: local professional discovers {t}, refuses to elaborate.',
  ],
};

const BODY = [
  'We started small, measured everything, and kept what worked.',
  'The hardest part was not the tooling but the conversations.',
  'Our customers told us what mattered long before our data did.',
  'Feedback loops beat long plans almost every time.',
  'I was wrong about the timeline, and that was fine.',
  'Hiring for curiosity made the biggest difference for the team.',
  'Remote work forced us to write things down, which helped everyone.',
  'Burnout is a systems problem, not a personal failure.',
  'Strong culture shows up in small decisions on ordinary days.',
  'A good mentor asks better questions than you do.',
  'Shipping the launch early taught us more than a month of planning.',
  'Clear writing is the most underrated engineering skill.',
  'Growth came from focus: fewer projects, done properly.',
  'Sales and design sat together for a quarter and the product got better.',
  'Automation freed the team to work on the problems that need judgment.',
  'Community is built one helpful reply at a time.',
  'Every interview is a chance to show what the job is really like.',
  'Success looked boring from the inside: steady habits, repeated.',
  'Networking works best when you give before you ask.',
  'Learning in public is scary and it compounds.',
];

const CLOSERS = [
  'What would you add?',
  'Curious how your team handles this.',
  'Agree or disagree?',
  'Save this for your next planning session.',
  'Share it with someone who needs it today.',
  '',
];

const HASHTAGS = [
  'leadership',
  'hiring',
  'remotework',
  'productmanagement',
  'startups',
  'engineering',
  'careers',
  'marketing',
  'ai',
  'datascience',
  'growth',
  'mentorship',
  'culture',
  'sales',
  'design',
  'learning',
  'futureofwork',
  'management',
];

export function userProfile(index: number, random: () => number) {
  const first = pick(random, FIRST_NAMES);
  const last = pick(random, LAST_NAMES);
  return {
    email: `bench.user${index}@example.test`,
    name: `${first} ${last}`,
    headline: random() < 0.85 ? `${pick(random, ROLES)} at ${pick(random, COMPANIES)}` : null,
  };
}

/** A post of varied length (one line to a few paragraphs), tone and hashtags. */
export function postContent(random: () => number) {
  const tone = pick(random, TONES);
  const topic = pick(random, SEARCH_TERMS);
  const hook = pick(random, HOOKS[tone] ?? HOOKS.PROFESSIONAL!).replace('{t}', topic);
  const paragraphs = [hook];
  const bodyLength = Math.floor(random() ** 2 * 12);
  for (let i = 0; i < bodyLength; i++) {
    const sentences = 1 + Math.floor(random() * 3);
    paragraphs.push(Array.from({ length: sentences }, () => pick(random, BODY)).join(' '));
  }
  const closer = pick(random, CLOSERS);
  if (closer) paragraphs.push(closer);
  const tagCount = Math.floor(random() * 5);
  const hashtags = [...new Set(Array.from({ length: tagCount }, () => pick(random, HASHTAGS)))];
  const tagLine = hashtags.map((h) => `#${h}`).join(' ');
  const content = (tagLine ? [...paragraphs, tagLine] : paragraphs).join('\n\n').slice(0, 3000);
  return { content, hashtags, tone };
}
