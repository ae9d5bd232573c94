import { translatorFor } from '../../src/i18n/translate.ts';
import { describe, expect, it } from 'vitest';
import { InputRejectedError, ValidationError } from '../../src/errors.ts';
import { articleChecksum, controlCharacterNotice, decodeArticleText, titleFromText } from '../../src/features/articles/article-text.ts';

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
    expect(decodeArticleText(bytes, LIMIT).text).toBe('قال الوزير إن');
  });

  it('refuses bytes that are not UTF-8 with a 400', () => {
    const latin1 = Buffer.from('d\xe9clar\xe9', 'latin1');
    expect(rejection(() => decodeArticleText(latin1, LIMIT)).status).toBe(400);
  });

  it('keeps U+FFFD, pasted or uploaded alike', () => {
    const text = 'd\uFFFDclaré le ministre';
    expect(decodeArticleText(text, LIMIT)).toEqual({ text, removedControlCharacters: 0 });
    expect(decodeArticleText(Buffer.from(text, 'utf8'), LIMIT)).toEqual({ text, removedControlCharacters: 0 });
  });

  it('removes stray control characters and counts them, pasted or uploaded alike', () => {
    const pasted = 'The minister\u0002 said\u007F that prices\u0085would fall.\u0090\tTab\r\nkept.';
    const expected = { text: 'The minister said that prices\nwould fall.\tTab\r\nkept.', removedControlCharacters: 4 };
    expect(decodeArticleText(pasted, LIMIT)).toEqual(expected);
    expect(decodeArticleText(Buffer.from(pasted, 'utf8'), LIMIT)).toEqual(expected);
  });

  it('turns line tabulation and form feed into new lines rather than gluing words', () => {
    expect(decodeArticleText('page one\fpage two\u000Bline', LIMIT).text).toBe('page one\npage two\nline');
  });

  it('says how many control characters were removed', () => {
    expect(String(controlCharacterNotice(1))).toBe('1 control character was removed from the text.');
    expect(String(controlCharacterNotice(3))).toBe('3 control characters were removed from the text.');
    expect(translatorFor('ar').t(controlCharacterNotice(2))).toBe('حُذف محرفا تحكّم من النص.');
  });

  it('removes a stray NUL from a long text but refuses text made of NULs as binary', () => {
    const text = `${'The minister said prices would fall. '.repeat(10)}\u0000`;
    expect(decodeArticleText(text, LIMIT).removedControlCharacters).toBe(1);
    expect(rejection(() => decodeArticleText('U\u0000T\u0000F\u0000-\u00001\u00006\u0000', LIMIT)).status).toBe(415);
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
    expect(decodeArticleText(text, LIMIT)).toEqual({ text, removedControlCharacters: 0 });
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
