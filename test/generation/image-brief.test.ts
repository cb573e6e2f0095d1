import { describe, expect, it } from 'vitest';
import { normalizeRequest } from '../../src/modules/generation/generation-request.js';
import { IMAGE_MARKER, ImageBlockSplitter, localImageSuggestion, parseImageBlock } from '../../src/modules/generation/image-brief.js';
import { request } from './helpers.js';

/** Feeds `answer` to a splitter in pieces of `size` characters. */
function split(answer: string, size: number) {
  const post: string[] = [];
  const splitter = new ImageBlockSplitter((text) => post.push(text));
  for (let i = 0; i < answer.length; i += size) splitter.push(answer.slice(i, i + size));
  const image = splitter.finish();
  return { post: post.join(''), pieces: post, image };
}

const POST = 'Ship small, ship often.\n\nWhat did you ship this week?\n\n#shipping #teams';
const BLOCK = `\n${IMAGE_MARKER}\nBrief: A whiteboard covered in sticky notes, morning light, shot from the side.\nAlt text: A team's whiteboard full of sticky notes.\n`;

describe('the image suggestion in a model answer', () => {
  it('is split off the post wherever the chunks break the marker, and never reaches the post stream', () => {
    for (const size of [1, 2, 3, 5, 11, 4096]) {
      const { post, pieces, image } = split(POST + BLOCK, size);
      expect(post, `chunks of ${size}`).toBe(`${POST}\n`);
      expect(pieces.join('')).not.toContain('<<<');
      expect(image).toEqual({
        imageBrief: 'A whiteboard covered in sticky notes, morning light, shot from the side.',
        imageAltText: "A team's whiteboard full of sticky notes.",
      });
    }
  });

  it('is null when the model leaves it out, and the whole answer is the post (a lone "<" included)', () => {
    const answer = `${POST} <3 <<`;
    for (const size of [1, 4, 4096]) expect(split(answer, size)).toMatchObject({ post: answer, image: { imageBrief: null, imageAltText: null } });
  });

  it('takes what is there of a partial or decorated block', () => {
    expect(parseImageBlock('\n**Brief:** "A bridge at dusk"\n')).toEqual({ imageBrief: 'A bridge at dusk', imageAltText: null });
    expect(parseImageBlock('alt-text: A bridge\nBRIEF:  ')).toEqual({ imageBrief: null, imageAltText: 'A bridge' });
    expect(parseImageBlock('x'.repeat(50))).toEqual({ imageBrief: null, imageAltText: null });
    expect(parseImageBlock(`Brief: ${'y'.repeat(900)}`).imageBrief).toHaveLength(500);
  });
});

describe("the offline writer's suggestion", () => {
  it('comes from the topic, tone, keywords and the opening line, the same every time', () => {
    const normalized = normalizeRequest(request({ tone: 'EDUCATIONAL', keywords: ['async communication'] }));
    const one = localImageSuggestion(normalized, `Remote teams need rituals.\n\nBody text.\n\n#remote`);
    expect(one).toEqual(localImageSuggestion(normalized, `Remote teams need rituals.\n\nBody text.\n\n#remote`));
    expect(one.imageBrief).toContain('A simple labelled diagram about Remote work productivity, showing async communication');
    expect(one.imageBrief).toContain('"Remote teams need rituals."');
    expect(one.imageAltText).toBe('A simple labelled diagram about Remote work productivity.');
    const other = localImageSuggestion(normalizeRequest(request({ tone: 'HUMOROUS' })), 'Other hook.');
    expect(other.imageBrief).not.toBe(one.imageBrief);
  });
});
