import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extraction/index.ts';
import type { ExtractedClaim, Language } from '../../src/extraction/index.ts';

// Every claim keeps the words its speaker was resolved from, as offsets into the text given.

function mentionsOf(text: string, language: Language): { mention: string; speaker: string; claim: ExtractedClaim }[] {
  return extract(text, { language }).claims.map((claim) => {
    const mention = claim.speaker.mention;
    if (!mention) throw new Error(`claim without a speaker mention: ${claim.text}`);
    expect(text.slice(mention.start, mention.end)).toBe(mention.text);
    return { mention: mention.text, speaker: claim.speaker.name, claim };
  });
}

describe('speaker mention', () => {
  it('Arabic: a direct name, a role noun, a zero subject and a relative pronoun', () => {
    const text =
      'قال الباحث المغربي كريم بنسعيد، أستاذ الاقتصاد في جامعة الرباط، إن أسعار القمح سترتفع خلال الشتاء المقبل. ' +
      'وأضاف أن الحكومة لم تستعد لذلك بما يكفي. ' +
      'واعتبر الباحث المغربي أن الحل يكمن في تنويع مصادر الاستيراد. ' +
      'وقال بنسعيد إن المخزون الحالي لا يكفي لأكثر من ثلاثة أشهر.';
    const found = mentionsOf(text, 'ar');
    expect(found.map((f) => [f.mention, f.speaker])).toEqual([
      ['الباحث المغربي كريم بنسعيد', 'كريم بنسعيد'],
      ['أضاف', 'كريم بنسعيد'],
      ['الباحث المغربي', 'كريم بنسعيد'],
      ['بنسعيد', 'كريم بنسعيد'],
    ]);
  });

  it('Arabic: a relative clause after a source points at its relative pronoun', () => {
    const text =
      'قال الخبير الاقتصادي سامي العلي، مدير مركز الدراسات المالية، إن التضخم سيتراجع. ' +
      'وجاء ذلك خلال ندوة عقدت في العاصمة بحسب الخبير الذي أشار إلى أن البنك المركزي سيخفض الفائدة قريبا.';
    expect(mentionsOf(text, 'ar').map((f) => f.mention)).toEqual(['الخبير الاقتصادي سامي العلي', 'الخبير', 'الذي']);
  });

  it('Arabic: the mention sits inside the claim span when the cue opens the claim', () => {
    const text = 'وأكدت الوزيرة سلمى الحداد أن المدارس ستفتح أبوابها في موعدها رغم الإضراب.';
    const [first] = mentionsOf(text, 'ar');
    expect(first).toBeDefined();
    const mention = first!.claim.speaker.mention!;
    expect(first!.claim.start).toBeLessThanOrEqual(mention.start);
    expect(mention.end).toBeLessThanOrEqual(first!.claim.end);
    expect(mention.text).toBe('الوزيرة سلمى الحداد');
  });

  it('English: a name with an appositive, a pronoun and a role noun', () => {
    const text =
      'Economist Laura Bennett, a professor at the University of Leeds, said that bread prices would rise this winter. ' +
      'She said the government had not prepared enough. ' +
      'The professor added that imports must be diversified quickly.';
    expect(mentionsOf(text, 'en').map((f) => [f.mention, f.speaker])).toEqual([
      ['Economist Laura Bennett', 'Laura Bennett'],
      ['She', 'Laura Bennett'],
      ['The professor', 'Laura Bennett'],
    ]);
  });

  it('French: a name, a pronoun and a role noun', () => {
    const text =
      "L'économiste Claire Dumont, professeure à l'université de Lyon, a déclaré que les prix du pain allaient augmenter cet hiver. " +
      "Elle a estimé que le gouvernement ne s'était pas assez préparé. " +
      'La professeure a ajouté que les importations devaient être diversifiées.';
    expect(mentionsOf(text, 'fr').map((f) => [f.mention, f.speaker])).toEqual([
      ["L'économiste Claire Dumont", 'Claire Dumont'],
      ['Elle', 'Claire Dumont'],
      ['La professeure', 'Claire Dumont'],
    ]);
  });

  it('offsets count UTF-16 code units of the original text, before folding', () => {
    // Harakat, tatweel and an astral character before the mention shift folded offsets but not these.
    const text = '😀 قالَـــت المُتحدّثة باسم الوزارة ليلى منصور إن الاجتماع سيعقد غدا في العاصمة.';
    const [first] = mentionsOf(text, 'ar');
    expect(first?.mention).toBe('المُتحدّثة باسم الوزارة ليلى منصور');
  });

  it('leaves out time words around the speaker phrase, as the resolver does', () => {
    const text = 'وقال وزير الزراعة سمير العطار اليوم الأربعاء إن محصول الزيتون سيتضاعف هذا الموسم. وقالت الشهر الماضي وزارة الري إن السدود ممتلئة.';
    expect(mentionsOf(text, 'ar').map((f) => f.mention)).toEqual(['وزير الزراعة سمير العطار', 'وزارة الري']);
  });

  it('a participle continuation points at its own cue word', () => {
    const text = 'The mayor, Daniel Reyes, said the bridge would reopen in May, adding that repairs had cost less than planned.';
    const found = mentionsOf(text, 'en');
    expect(found.at(-1)?.mention).toBe('adding');
  });
});
