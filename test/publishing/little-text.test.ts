import { describe, expect, it } from 'vitest';
import { COMMENTARY_MAX_LENGTH, escapeLittleText, littleTextLength, toLittleText, validateCommentary } from '../../src/modules/publishing/little-text.js';
import { renderLittleText } from '../fakes/linkedin-server.js';

describe('toLittleText', () => {
  it('escapes every reserved character, and LinkedIn renders the text back intact', () => {
    const text = 'a | b { c } d @ e [ f ] g ( h ) i < j > k # l * m _ n ~ o \\ p';
    const commentary = toLittleText(text);
    expect(commentary).toBe('a \\| b \\{ c \\} d \\@ e \\[ f \\] g \\( h \\) i \\< j \\> k \\# l \\* m \\_ n \\~ o \\\\ p');
    expect(renderLittleText(commentary)).toBe(text);
  });

  it('shows why escaping matters: unescaped, LinkedIn cuts the post at the first reserved character', () => {
    expect(renderLittleText('Results (so far) are great')).toBe('Results ');
  });

  it('escapes consecutive reserved characters and backslashes one by one', () => {
    expect(toLittleText('**bold** ~~x~~ ()[]{}')).toBe('\\*\\*bold\\*\\* \\~\\~x\\~\\~ \\(\\)\\[\\]\\{\\}');
    expect(toLittleText('C:\\\\path\\n')).toBe('C:\\\\\\\\path\\\\n');
    expect(renderLittleText(toLittleText('C:\\\\path\\n'))).toBe('C:\\\\path\\n');
  });

  it('leaves emoji and other non-reserved characters alone', () => {
    const text = 'Shipped 🚀🎉 — naïve café, 日本語, 👩‍💻 & "quotes"!';
    expect(toLittleText(text)).toBe(text);
  });

  it('keeps URLs readable: escaped inside, rendered exactly, and a #fragment is not a hashtag', () => {
    const text = 'Read https://en.wikipedia.org/wiki/Foo_(bar)#History and https://x.com/#section now';
    const commentary = toLittleText(text);
    expect(commentary).toContain('https://en.wikipedia.org/wiki/Foo\\_\\(bar\\)\\#History');
    expect(commentary).toContain('https://x.com/\\#section');
    expect(renderLittleText(commentary)).toBe(text);
  });

  it('turns inline #tags into hashtags but escapes a # glued to a word or not followed by a tag', () => {
    expect(toLittleText('Learning #TypeScript and C# today, #1 ranked, # alone, a#b, (#inParens)')).toBe(
      'Learning #TypeScript and C\\# today, #1 ranked, \\# alone, a\\#b, \\(#inParens\\)',
    );
  });

  it('appends hashtags after a blank line, normalised, without repeating inline ones', () => {
    const commentary = toLittleText('Hello #AI world\n', { hashtags: ['#ai', 'Remote Work', 'dev_ops', '!!!'] });
    expect(commentary).toBe('Hello #AI world\n\n#remotework #dev\\_ops');
    expect(renderLittleText(commentary)).toBe('Hello #AI world\n\n#remotework #dev_ops');
  });

  it('writes mentions as MentionElements, escaping names, longest name first', () => {
    const commentary = toLittleText('Thanks @Ann Lee and @Ann and @Acme [Labs] (EU)!', {
      mentions: [
        { name: 'Ann', urn: 'urn:li:person:abc' },
        { name: 'Ann Lee', urn: 'urn:li:person:x_y-1' },
        { name: 'Acme [Labs] (EU)', urn: 'urn:li:organization:2414183' },
      ],
    });
    expect(commentary).toBe(
      'Thanks @[Ann Lee](urn:li:person:x\\_y-1) and @[Ann](urn:li:person:abc) and @[Acme \\[Labs\\] \\(EU\\)](urn:li:organization:2414183)!',
    );
    expect(renderLittleText(commentary)).toBe('Thanks @Ann Lee and @Ann and @Acme [Labs] (EU)!');
  });

  it('does not take a longer word for a mention', () => {
    expect(() => toLittleText('Hi @Annabel', { mentions: [{ name: 'Ann', urn: 'urn:li:person:abc' }] })).toThrow(/does not appear/);
    expect(toLittleText('Hi @Ann, @Annabel', { mentions: [{ name: 'Ann', urn: 'urn:li:person:abc' }] })).toBe('Hi @[Ann](urn:li:person:abc), \\@Annabel');
  });

  it('refuses a mention that is not in the text or has a bad URN', () => {
    expect(() => toLittleText('hi', { mentions: [{ name: 'Bob', urn: 'urn:li:person:1' }] })).toThrow(/does not appear/);
    expect(() => toLittleText('hi @Bob', { mentions: [{ name: 'Bob', urn: 'urn:li:share:1' }] })).toThrow(/urn:li:person/);
  });

  it('escapeLittleText escapes only reserved characters', () => {
    expect(escapeLittleText('a_b#c')).toBe('a\\_b\\#c');
  });
});

describe('commentary length', () => {
  it('counts the commentary as sent, escapes included', () => {
    expect(littleTextLength(toLittleText('(a)'))).toBe(5);
  });

  it('accepts exactly the limit and reports a typed problem past it', () => {
    expect(validateCommentary('x'.repeat(COMMENTARY_MAX_LENGTH))).toBeNull();
    const text = `${'x'.repeat(COMMENTARY_MAX_LENGTH - 1)}_`;
    expect(validateCommentary(toLittleText(text))).toMatchObject({
      code: 'TOO_LONG',
      length: COMMENTARY_MAX_LENGTH + 1,
      limit: COMMENTARY_MAX_LENGTH,
    });
  });

  it('reports an empty commentary', () => {
    expect(validateCommentary('  \n')).toMatchObject({ code: 'EMPTY' });
  });
});
