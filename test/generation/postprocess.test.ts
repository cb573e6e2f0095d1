import { describe, expect, it } from 'vitest';
import { validateGenerationRequest } from '../../src/modules/generation/generation-request.js';
import { PostProcessor, postProcess } from '../../src/modules/generation/postprocess.js';
import { WriterError } from '../../src/modules/generation/writer-errors.js';
import { linkedInProblems, request } from './helpers.js';

const req = request({ keywords: [] });

describe('postProcess', () => {
  it('strips markdown LinkedIn cannot render', () => {
    const { content } = postProcess(
      '## A **bold** start\n\n> quoted _and_ `code`\n\n* one\n* two\n\nSee [our guide](https://ex.com/g) and ![img](x.png)\n\n```\n---\n',
      req,
    );
    expect(content.split('\n\n#')[0]).toBe('A bold start\n\nquoted and code\n\n• one\n• two\n\nSee our guide (https://ex.com/g) and img');
  });

  it('collapses blank-line runs and trims', () => {
    const { content } = postProcess('\n\n  First line.\n\n\n\n\nSecond   paragraph.  \n\n\n', req);
    expect(content.startsWith('First line.\n\nSecond paragraph.\n\n#')).toBe(true);
  });

  it('splits a first paragraph that runs past the fold at a sentence end', () => {
    const long =
      'This opening sentence is deliberately long so that it pushes well towards the fold on its own merit. ' +
      'And this second sentence keeps going and going until the whole first paragraph is far beyond two hundred and ten characters.';
    const { content, hashtags } = postProcess(`${long}\n\nMore text.`, req);
    expect(content.split('\n')[0]).toBe('This opening sentence is deliberately long so that it pushes well towards the fold on its own merit.');
    expect(linkedInProblems(content, hashtags)).toEqual([]);
  });

  it('trims to maxLength at a sentence end and still fits the hashtags', () => {
    const body = Array.from({ length: 60 }, (_, i) => `Sentence number ${i} says something useful.`).join(' ');
    const { content, hashtags } = postProcess(`Hook.\n\n${body}`, { ...req, maxLength: 500 });
    expect(linkedInProblems(content, hashtags, 500)).toEqual([]);
    expect(content.split('\n\n#')[0]).toMatch(/useful\.$/);
  });

  it('keeps 3–5 hashtags: model tags normalised, extras dropped, inline tags moved, topic fills gaps', () => {
    const many = postProcess('We love #AI here.\n\n#Remote-Work #Future_Of_Work #a #Teams #Leadership #Culture #Growth', req);
    expect(many.hashtags).toEqual(['remotework', 'future_of_work', 'teams', 'leadership', 'culture']);
    expect(many.content).toContain('We love AI here.');
    const none = postProcess('A post without any tags at all.', req);
    expect(none.hashtags).toEqual(['remoteworkproductivity', 'productivity', 'remote', 'work', 'leadership']);
    expect(linkedInProblems(none.content, none.hashtags)).toEqual([]);
    const off = postProcess('Text.\n\n#One #Two #Three', { ...req, includeHashtags: false });
    expect(off).toEqual({ content: 'Text.', hashtags: [] });
  });

  it('gives the same result however the text is chunked', () => {
    const raw = '**Bold hook** with [a link](https://x.io)\n\n* item *one*\n* item two\n\nClosing question?\n\n#One #Two #Three';
    const whole = postProcess(raw, req);
    const chunks: string[] = [];
    const processor = new PostProcessor(req, (t) => chunks.push(t));
    for (const ch of raw) processor.push(ch);
    expect(processor.finish()).toEqual(whole);
    expect(chunks.join('')).toBe(whole.content);
  });

  it('refuses output with no usable text', () => {
    expect(() => postProcess('  \n\n#OnlyTags #Here\n```\n', req)).toThrow(WriterError);
    expect(() => postProcess('', req)).toThrow(/no usable text/);
  });
});

describe('validateGenerationRequest', () => {
  it('names every invalid field', () => {
    expect(() => validateGenerationRequest({ ...req, topic: ' ', maxLength: 5000, language: 'english' })).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        extensions: {
          fields: expect.arrayContaining([
            expect.objectContaining({ path: 'input.topic' }),
            expect.objectContaining({ path: 'input.maxLength' }),
            expect.objectContaining({ path: 'input.language' }),
          ]),
        },
      }),
    );
    expect(validateGenerationRequest({ ...req, keywords: [' AI ', 'ai'] }).keywords).toEqual(['AI']);
  });
});
