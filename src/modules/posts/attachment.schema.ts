import { z } from 'zod';
import { builder } from '../../graphql/builder.js';
import { Media } from '../media/media.schema.js';
import {
  ARTICLE_URL_MAX,
  type Attachment,
  articleInputSchema,
  MEDIA_TITLE_MAX,
  mediaTitleSchema,
  POLL_DURATION_DAYS,
  POLL_OPTION_MAX,
  POLL_QUESTION_MAX,
  pollInputSchema,
} from './attachment.rules.js';

export const ArticleInput = builder.inputType('ArticleInput', {
  description: 'A link to an article; its title, description and image are fetched from that page when the post is saved.',
  fields: (t) => ({
    url: t.string({ required: true, description: `An http or https URL, at most ${ARTICLE_URL_MAX} characters.` }),
  }),
  validate: articleInputSchema,
});

export const PollInput = builder.inputType('PollInput', {
  description: 'A poll, as LinkedIn allows it.',
  fields: (t) => ({
    question: t.string({ required: true, description: `At most ${POLL_QUESTION_MAX} characters.` }),
    options: t.stringList({ required: true, description: `2 to 4 different options, each at most ${POLL_OPTION_MAX} characters.` }),
    durationDays: t.int({ required: true, description: `How long it takes votes: ${POLL_DURATION_DAYS.join(', ')} days.` }),
  }),
  validate: pollInputSchema,
});

export const PostMediaInput = builder.inputType('PostMediaInput', {
  description: "An uploaded, READY media of the post's workspace (`uploadMedia`, or `createUpload` then `completeUpload`).",
  fields: (t) => ({
    id: t.globalID({ for: Media, required: true, description: 'The media.' }),
    title: t.string({
      description: `Shown over a document in the feed, and required for one; at most ${MEDIA_TITLE_MAX} characters. Images of a multi-image post take none.`,
    }),
  }),
  validate: z.object({ title: mediaTitleSchema.nullish() }).loose(),
});

const ArticlePreviewStatus = builder.enumType('ArticlePreviewStatus', {
  description: "How fetching the article's page for its preview went. Anything but OK leaves the preview empty; the link stays.",
  values: {
    OK: { description: 'The page was read; title, description and image are what it declares (any may still be missing).' },
    BLOCKED_ADDRESS: { description: 'The URL, or a redirect, leads to a private, loopback or otherwise non-public address.' },
    UNREACHABLE: { description: 'The name does not resolve or the server refused the connection.' },
    TIMEOUT: { description: 'The server was too slow to answer or to send the page.' },
    TOO_LARGE: { description: 'The page is larger than previews read.' },
    NOT_HTML: { description: 'The URL is not an HTML page.' },
    HTTP_ERROR: { description: 'The server answered with an error status.' },
    TOO_MANY_REDIRECTS: { description: 'The URL redirects too many times.' },
  },
});

type ArticleShape = Extract<Attachment, { kind: 'ARTICLE' }>;
type PollShape = Extract<Attachment, { kind: 'POLL' }>;

const ArticleAttachment = builder.objectRef<ArticleShape>('ArticleAttachment').implement({
  description: 'A link to an article, with the preview read from its page.',
  isTypeOf: (value) => (value as Attachment).kind === 'ARTICLE',
  fields: (t) => ({
    url: t.exposeString('url', { description: 'The URL the author gave.' }),
    title: t.exposeString('title', { nullable: true, description: "The page's og:title or <title>." }),
    description: t.exposeString('description', { nullable: true, description: "The page's og:description or meta description." }),
    thumbnailUrl: t.exposeString('thumbnailUrl', { nullable: true, description: "The page's og:image, as an absolute URL." }),
    previewStatus: t.expose('previewStatus', {
      type: ArticlePreviewStatus,
      nullable: true,
      description: 'How fetching the preview went; null when it was not tried.',
    }),
  }),
});

const PollAttachment = builder.objectRef<PollShape>('PollAttachment').implement({
  description: 'A poll.',
  isTypeOf: (value) => (value as Attachment).kind === 'POLL',
  fields: (t) => ({
    question: t.exposeString('question'),
    options: t.exposeStringList('options'),
    durationDays: t.exposeInt('durationDays'),
  }),
});

type MediaShape = Extract<Attachment, { kind: 'MEDIA' }>;
type MultiImageShape = Extract<Attachment, { kind: 'MULTI_IMAGE' }>;

const MediaAttachment = builder.objectRef<MediaShape>('MediaAttachment').implement({
  description: 'One image, or one document shown under its title.',
  isTypeOf: (value) => (value as Attachment).kind === 'MEDIA',
  fields: (t) => ({
    media: t.field({ type: Media, nullable: false, description: 'The image or document (whoever reads the post sees it).', resolve: (a) => a.media }),
    title: t.exposeString('title', { nullable: true, description: "The document's title (an image's, if one was given)." }),
  }),
});

const MultiImageAttachment = builder.objectRef<MultiImageShape>('MultiImageAttachment').implement({
  description: 'Two to twenty images, shown as a gallery in this order.',
  isTypeOf: (value) => (value as Attachment).kind === 'MULTI_IMAGE',
  fields: (t) => ({
    images: t.field({ type: [Media], nullable: { list: false, items: false }, description: 'The images, in order.', resolve: (a) => a.images }),
  }),
});

const UNION_MEMBER = { ARTICLE: ArticleAttachment, POLL: PollAttachment, MEDIA: MediaAttachment, MULTI_IMAGE: MultiImageAttachment } as const;

export const PostAttachment = builder.unionType('PostAttachment', {
  description: 'What a post carries besides its text: one content kind at most, as LinkedIn allows.',
  types: [ArticleAttachment, PollAttachment, MediaAttachment, MultiImageAttachment],
  resolveType: (attachment) => UNION_MEMBER[attachment.kind],
});
