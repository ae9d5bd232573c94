import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../src/i18n/messages/index.ts';
import { NamedInBoth, msg, translatorFor } from '../../src/i18n/translate.ts';

describe('message placeholders', () => {
  it('put a localized text given as a value into the reader’s language', () => {
    const refusal = msg('review.stale.status', { name: 'Omar', value: new NamedInBoth({ en: 'False', ar: 'خاطئ' }) });
    expect(translatorFor('en').t(refusal)).toBe('Omar set its verification status to "False"');
    expect(translatorFor('ar').t(refusal)).toBe('جعل Omar حالة التحقق "خاطئ"');
  });

  it('join a list of values as the language lists things', () => {
    const saved = msg('claims.edit.saved', { fields: [msg('claims.field.speaker'), msg('claims.field.kind')] });
    expect(String(saved)).toBe('Saved: speaker, kind corrected.');
    expect(translatorFor('ar').t(saved)).toBe('حُفظ: صُحّح المتحدث والنوع.');
  });

  it('read as English in a JSON body', () => {
    expect(JSON.stringify({ message: msg('review.stale.atOnce') })).toBe(
      '{"message":"This claim was changed by someone else at the same moment. Your change was not saved; apply it again."}',
    );
  });
});

describe('the claims and review catalogues', () => {
  it('hold no markup of their own, as their templates print them around escaped values', () => {
    const withMarkup = Object.entries({ ...CATALOGUES.en, ...Object.fromEntries(Object.entries(CATALOGUES.ar).map(([key, text]) => [`ar:${key}`, text])) })
      .filter(([key]) => /^(ar:)?(claims|review|claimKind)\./.test(key))
      .filter(([, text]) => /[<&]/.test(JSON.stringify(text)));
    expect(withMarkup).toEqual([]);
  });
});
