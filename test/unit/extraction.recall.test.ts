import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extraction/index.ts';
import { splitSentences } from '../../src/extraction/sentences.ts';

// Recall: statements the engine must find in real news, written for these tests.

const texts = (text: string, language: 'ar' | 'en' | 'fr') => extract(text, { language }).claims.map((c) => c.text);

describe('quotations of several sentences', () => {
  it('keeps a quotation that closes on the same line in one sentence', () => {
    const text = 'وقال الوزير "الوضع صعب. لكننا سنعمل بجد" ثم غادر. وبدأ الاجتماع.';
    expect(splitSentences(text, 0, text.length).map((s) => text.slice(s.start, s.end))).toEqual([
      'وقال الوزير "الوضع صعب. لكننا سنعمل بجد" ثم غادر.',
      'وبدأ الاجتماع.',
    ]);
  });

  it('still splits at a full stop after a quote left open until the end of the line', () => {
    const text = 'قال "الوضع صعب. وبدأ الاجتماع.\nثم "انتهى".';
    expect(splitSentences(text, 0, text.length).map((s) => text.slice(s.start, s.end))).toEqual(['قال "الوضع صعب.', 'وبدأ الاجتماع.', 'ثم "انتهى".']);
  });

  it('takes the whole quotation as the claim, cue words inside it included', () => {
    const claims = extract('وقال الوزير سامي حداد "من قال لك إن الأسعار سترتفع؟ نحن نعمل على خفضها".', { language: 'ar' }).claims;
    expect(claims.map((c) => c.text)).toEqual(['وقال الوزير سامي حداد "من قال لك إن الأسعار سترتفع؟ نحن نعمل على خفضها"']);
    expect(claims[0]!.speaker.name).toBe('سامي حداد');
  });
});

describe('a quotation inside the statement', () => {
  it('goes on past a quote the sentence continues from without a comma', () => {
    expect(texts('أعرب الاتحاد الأوروبي عن "قلقه البالغ" من القرار الجديد بشأن الرسوم.', 'ar')).toEqual([
      'أعرب الاتحاد الأوروبي عن "قلقه البالغ" من القرار الجديد بشأن الرسوم',
    ]);
  });

  it('goes on past a quote followed by a relative clause', () => {
    expect(texts('وأضاف سامي حداد: "الحل في الحوار"، التي يراها الجميع ضرورية.', 'ar')).toEqual([
      'وأضاف سامي حداد: "الحل في الحوار"، التي يراها الجميع ضرورية',
    ]);
  });

  it('ends at the closing quote when the writer carries on after a comma', () => {
    expect(texts('وأضاف سامي حداد: "الحل في الحوار"، دون أن يحدد موعدا.', 'ar')).toEqual(['وأضاف سامي حداد: "الحل في الحوار"']);
  });
});
