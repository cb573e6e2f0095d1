import type { Phrasebook } from './phrasebook.js';

export const english: Phrasebook = {
  defaultAudience: 'the people I work with',
  focusFillers: ['the fundamentals', 'the details', 'consistency'],
  beats: {
    STORYTELLING: [
      [
        'A few years ago I was sure I understood {topic}. Then a project went sideways and I watched a plan I had defended for weeks fall apart in a single meeting.',
        'It started on an ordinary Tuesday. We were behind, the team was tired, and {topic} was the thing everyone kept postponing.',
        'The first time {topic} really mattered to me, I was the person in the room with the least experience and the most opinions.',
      ],
      [
        'What changed was small. Someone asked a better question about {k1}, and suddenly the real problem was obvious.',
        'The turning point was not a tool or a framework. It was admitting that our assumptions about {k1} were out of date.',
        'We stopped arguing about the plan and started looking at what {audience} were actually doing. That was uncomfortable, and it was exactly what we needed.',
      ],
      [
        'Looking back, the lesson is simple: {topic} rewards the people who pay attention to {k2} before it becomes urgent.',
        'The lesson I keep coming back to: progress on {topic} comes from honest conversations, not bigger slide decks.',
        'I still think about it whenever {k2} comes up. The best results came from the moment we got curious instead of defensive.',
      ],
    ],
    THOUGHT_LEADERSHIP: [
      [
        'Most conversations about {topic} focus on the wrong thing. We talk about tools and budgets, while the real advantage comes from how {audience} make decisions every day.',
        'Here is my view: {topic} is no longer a specialist concern. It is a leadership skill, and it shows up in every plan, hire and review.',
        'The organisations that win at {topic} are rarely the ones with the biggest budgets. They are the ones that treat {k1} as a habit rather than a project.',
      ],
      [
        'First, {k1} compounds. Small, consistent improvements beat one ambitious overhaul that nobody maintains.',
        'First, clarity beats volume. When everyone knows why {k1} matters, fewer meetings are needed to move forward.',
        'First, {k1} is a team sport. The best results come when the people closest to the work own the outcome.',
      ],
      [
        'Second, {k2} exposes weak assumptions early. That is uncomfortable, and it is also the cheapest moment to fix them.',
        'Second, {k2} is where good intentions usually stall. Measuring it honestly is what separates progress from activity.',
        'Second, the cost of ignoring {k2} grows quietly until it shows up as churn, delays or burnout.',
      ],
      [
        'Yes, there is a fair counter-argument: focus has a cost, and not every team can afford it right now. But waiting rarely makes {topic} cheaper.',
        'Some will say this is a luxury for large companies. In my experience, smaller teams feel the benefits of {topic} sooner.',
      ],
    ],
    EDUCATIONAL: [
      [
        'Here is a simple way to get started with {topic}:',
        'Three steps that make {topic} easier to get right:',
        'If you only remember one thing about {topic}, make it this sequence:',
      ],
      [
        '1. Start with the outcome you want, not the tool you like.\n2. Make {k1} visible, so everyone sees the same picture.\n3. Review {k2} every week and adjust one thing at a time.',
        '1. Write down what good looks like for {k1} in one sentence.\n2. Pick a single measure for {k2} and track it for a month.\n3. Share what you learn with {audience} who face the same problem.',
        '1. Map where {topic} breaks down today.\n2. Fix the step with the most friction first, usually {k1}.\n3. Turn what works into a short checklist and revisit it as {k2} changes.',
      ],
      [
        'The most common mistake is trying to change everything at once. With {topic}, steady beats spectacular.',
        'A mistake I see often: treating {k1} as a one-off project instead of a routine. The routine is where the results come from.',
        'Avoid the trap of measuring everything. Two or three signals about {k2} tell you more than a dashboard nobody reads.',
      ],
    ],
    INDUSTRY_INSIGHT: [
      [
        'Something is shifting in {topic}. What used to be a nice-to-have is quickly becoming the baseline that {audience} are measured against.',
        'The conversation around {topic} has changed faster in the last year than in the five before it.',
        'Quietly, {topic} has moved from the edge of the roadmap to the centre of it.',
      ],
      [
        'Three forces are driving it: rising expectations, better tooling around {k1}, and pressure to show results with smaller teams.',
        'Why now? Because {k1} has become cheaper to adopt, while the cost of falling behind on {k2} keeps climbing.',
        'The drivers are practical: customers expect more, {k1} is easier to adopt, and budgets demand proof of impact.',
      ],
      [
        'For {audience}, this means the bar moves from experimenting with {k2} to operating it reliably.',
        'In practice, the teams that invest in {k2} now will set the standard everyone else has to match next year.',
        'What it means day to day: fewer pilots, more accountability, and a clear owner for {k2}.',
      ],
    ],
    COMPANY_CULTURE: [
      [
        'Last week our team did something I wish more companies did: we stopped to talk openly about {topic}.',
        'One of my favourite rituals on our team has nothing to do with deadlines. It is how we handle {topic}.',
        'Culture is what people do when nobody is checking. For us, {topic} is where that shows.',
      ],
      [
        'It is simple: every few weeks we share what worked, what did not, and what we learned about {k1}. No slides, no blame.',
        'The practice is small: we make room for {k1} in the calendar, and leaders go first so everyone else feels safe to follow.',
        'We made {k1} part of how we plan, not an afterthought. New joiners notice it in their first week.',
      ],
      [
        'The result is a team that raises problems early and helps each other with {k2} without being asked.',
        'It has made us faster, but more importantly it has made us kinder to each other when things go wrong.',
        'People stay longer when they feel heard, and {k2} is one of the places they feel it most.',
      ],
    ],
    PRODUCT_ANNOUNCEMENT: [
      [
        'We built this because {audience} told us the same thing again and again: {topic} takes too much time and too many tools.',
        'The problem we set out to solve is familiar to anyone working on {topic}: too much manual work, too little visibility.',
        'For months we listened to {audience} describe their struggles with {topic}. This launch is our answer.',
      ],
      [
        'What it lets you do:\n• get a clear view of {k1} in minutes\n• spend less time on repetitive steps\n• share progress on {k2} with your team instantly',
        'With it you can:\n• set up {k1} without a long onboarding\n• see what is working at a glance\n• keep {k2} on track as your team grows',
      ],
      [
        'It is the result of hundreds of conversations and a lot of iteration, and we are proud of what the team shipped.',
        'A huge thank you to the early users who tested it, broke it, and made it better.',
      ],
    ],
    PLAIN: [
      [
        'I have been thinking a lot about {topic} lately, mostly because it keeps showing up in conversations with {audience}.',
        'Here is something about {topic} that took me far too long to learn.',
        '{Topic} looks simple from the outside. Up close, it is mostly about {k1}.',
      ],
      [
        'The pattern I keep seeing: people who get good results with {topic} focus on {k1} first and worry about the rest later.',
        'What works is rarely complicated. A bit of consistency with {k1}, honest feedback, and patience.',
        'The difference between a good week and a great one is usually how we handle {k2}.',
      ],
    ],
  },
  tones: {
    PROFESSIONAL: {
      hooks: [
        '{Topic} is not a side project anymore. It is a competitive advantage.',
        'The best teams I work with treat {topic} as a discipline, not an initiative.',
        'If {topic} is on your agenda this quarter, start with this.',
      ],
      bridges: ['Here is what the evidence and experience point to.', 'A few observations from working with {audience}.'],
      calls: [
        'How is your organisation approaching {topic}? I would value your perspective in the comments.',
        'What has worked for your team? Share your experience below.',
        'If this resonates, I would be glad to compare notes. What would you add?',
      ],
    },
    CASUAL: {
      hooks: [
        'Okay, real talk about {topic}.',
        'Can we talk about {topic} for a second?',
        'Quick one about {topic}, because it came up three times this week.',
      ],
      bridges: ["Here's the thing.", 'So here is where I landed.'],
      calls: ["What's your take? Tell me in the comments.", 'Curious if it is the same for you. Drop a comment!', 'Am I the only one? Let me know below.'],
    },
    INSPIRATIONAL: {
      hooks: [
        'Every big change in {topic} starts with one person deciding to try.',
        'You do not need permission to get better at {topic}. You need a first step.',
        'The people who transform {topic} are rarely the loudest. They are the most persistent.',
      ],
      bridges: ['Progress is built, not found.', 'Here is what I have seen again and again.'],
      calls: [
        'What is one step you will take this week? Share it below and inspire someone else.',
        'Who has inspired you on this journey? Tag them and say thank you.',
        'Keep going. And tell me in the comments: what keeps you moving?',
      ],
    },
    EDUCATIONAL: {
      hooks: [
        'Want to get better at {topic}? Here is a practical framework you can use today.',
        '{Topic}, explained in under two minutes.',
        'Most advice about {topic} is too vague to use. Here is something concrete.',
      ],
      bridges: ['Let me break it down.', 'Here is how it works in practice.'],
      calls: [
        'Save this for later, and add your best tip about {topic} in the comments.',
        'Which step would you add? Share it below so others can learn too.',
        'Found this useful? Share it with someone who is working on {topic}.',
      ],
    },
    STORYTELLING: {
      hooks: [
        'I almost gave up on {topic}. Then one conversation changed my mind.',
        'The worst mistake I made with {topic} taught me the most.',
        'Three years ago, I got {topic} completely wrong.',
      ],
      bridges: ['Here is what happened.', 'Let me tell you how it went.'],
      calls: [
        'Have you had a moment like this? I would love to hear your story.',
        'What is the lesson that stuck with you the longest? Tell me below.',
        'Your turn: what story would you tell about {topic}?',
      ],
    },
    HUMOROUS: {
      hooks: [
        'My relationship with {topic} is best described as "it is complicated".',
        'Nobody warned me that {topic} would have more plot twists than my favourite series.',
        'I tried to master {topic} in a weekend. The weekend won.',
      ],
      bridges: ['Jokes aside, there is a real lesson here.', 'But seriously, here is what I learned.'],
      calls: [
        'Tell me your funniest {topic} moment in the comments. I need to feel less alone.',
        'Be honest: which of these is you? Comment below.',
        'Share this with the colleague who needs a laugh (and a reminder).',
      ],
    },
  },
  fallbackHashtags: {
    STORYTELLING: ['lessonslearned', 'careergrowth', 'leadership'],
    THOUGHT_LEADERSHIP: ['leadership', 'strategy', 'innovation'],
    EDUCATIONAL: ['learning', 'tips', 'professionaldevelopment'],
    INDUSTRY_INSIGHT: ['trends', 'innovation', 'business'],
    COMPANY_CULTURE: ['companyculture', 'teamwork', 'leadership'],
    PRODUCT_ANNOUNCEMENT: ['productlaunch', 'innovation', 'startups'],
    PLAIN: ['careers', 'growth', 'leadership'],
  },
};
