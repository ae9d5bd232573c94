import { describe, expect, it } from 'vitest';
import { InputRejectedError, ValidationError } from '../../src/errors.ts';
import { articleChecksum, decodeArticleText, titleFromText } from '../../src/features/articles/article-text.ts';

const LIMIT = 1024 * 1024;

function rejection(action: () => unknown): InputRejectedError {
  try {
    action();
  } catch (error) {
    if (error instanceof InputRejectedError) return error;
    throw error;
  }
  throw new Error('expected the input to be rejected');
}

describe('article text intake', () => {
  it('decodes UTF-8 bytes and drops a byte-order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('قال الوزير إن', 'utf8')]);
    expect(decodeArticleText(bytes, LIMIT)).toBe('قال الوزير إن');
  });

  it('refuses bytes that are not UTF-8 with a 400', () => {
    const latin1 = Buffer.from('d\xe9clar\xe9', 'latin1');
    expect(rejection(() => decodeArticleText(latin1, LIMIT)).status).toBe(400);
    expect(rejection(() => decodeArticleText('d\uFFFDclar', LIMIT)).status).toBe(400);
  });

  it('refuses text over the limit with a 413 that states both sizes', () => {
    const error = rejection(() => decodeArticleText('ا'.repeat(LIMIT), LIMIT));
    expect(error.status).toBe(413);
    expect(error.message).toMatch(/2\.0 MB.*1\.0 MB/);
  });

  it('refuses binary content', () => {
    expect(rejection(() => decodeArticleText(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), LIMIT)).status).toBe(415);
  });

  it('asks for text when there is none', () => {
    expect(() => decodeArticleText('   \n\t ', LIMIT)).toThrow(ValidationError);
  });

  it('keeps CRLF, NBSP and tatweel exactly as given', () => {
    const text = 'قـــال\u00A0الوزير\r\nإن';
    expect(decodeArticleText(text, LIMIT)).toBe(text);
  });
});

describe('article checksum', () => {
  it('ignores line-ending style and surrounding blank space', () => {
    expect(articleChecksum('one\r\ntwo\n')).toBe(articleChecksum('one\ntwo'));
  });

  it('differs when the words differ', () => {
    expect(articleChecksum('قال الوزير')).not.toBe(articleChecksum('قال الخبير'));
  });
});

describe('default titles', () => {
  it('use the first line', () => {
    expect(titleFromText('\n  Headline here \nBody')).toBe('Headline here');
  });

  it('shorten long first lines at a word boundary', () => {
    const title = titleFromText(`${'word '.repeat(60)}end`, 40);
    expect(title.length).toBeLessThanOrEqual(41);
    expect(title.endsWith('word…')).toBe(true);
  });
});
