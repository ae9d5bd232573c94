import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extraction/index.ts';
import type { Language } from '../../src/extraction/index.ts';
import { agrees, arabicCueGender, arabicNounGender, bestRoleHolder, countriesOf, latinWordGender, mostSalient } from '../../src/extraction/coreference.ts';
import { preparedLexicon } from '../../src/extraction/prepared.ts';
import { foldKey, normalize } from '../../src/extraction/normalize.ts';
import { splitGluedWords, tokenize } from '../../src/extraction/tokens.ts';
import { SpeakerRegistry } from '../../src/extraction/speakers.ts';

/** Speaker name of the claim whose text contains `fragment`. */
function speakerOf(text: string, language: Language, fragment: string): string | undefined {
  const claim = extract(text, { language }).claims.find((c) => c.text.includes(fragment));
  return claim?.speaker.name;
}

describe('agreement features', () => {
  const ar = preparedLexicon('ar');

  it('reads gender and number off Arabic cue verbs and participles', () => {
    expect(arabicCueGender(foldKey('وقالت'), ar)).toBe('f');
    expect(arabicCueGender(foldKey('تقول'), ar)).toBe('f');
    expect(arabicCueGender(foldKey('وأضاف'), ar)).toBe('m');
    expect(arabicCueGender(foldKey('يقول'), ar)).toBe('m');
    expect(arabicCueGender(foldKey('قالوا'), ar)).toBe('p');
    expect(arabicCueGender(foldKey('مضيفة'), ar)).toBe('f');
    expect(arabicCueGender(foldKey('مضيفا'), ar)).toBe('m');
    expect(arabicCueGender(foldKey('المدينة'), ar)).toBeNull();
  });

  it('reads gender off Arabic nouns and Latin pronouns and honorifics', () => {
    expect(arabicNounGender(foldKey('المتحدثة'))).toBe('f');
    expect(arabicNounGender(foldKey('الوزير'))).toBe('m');
    expect(arabicNounGender(foldKey('مصادر'))).toBe('p');
    expect(arabicNounGender(foldKey('المحتجون'))).toBe('p');
    expect(latinWordGender('she', 'en')).toBe('f');
    expect(latinWordGender('mr', 'en')).toBe('m');
    expect(latinWordGender('a-t-elle', 'fr')).toBe('f');
    expect(latinWordGender('ajoute-t-il', 'fr')).toBe('m');
    expect(latinWordGender('minister', 'en')).toBeNull();
  });

  it('maps nationality adjectives in any spelling to one country', () => {
    expect(countriesOf([foldKey('الأميركية')], 'ar')).toEqual(['us']);
    expect(countriesOf([foldKey('الأمريكي')], 'ar')).toEqual(['us']);
    expect(countriesOf(['us', 'officials'], 'en')).toEqual(['us']);
    expect(countriesOf([foldKey('égyptien')], 'fr')).toEqual(['eg']);
    expect(countriesOf([foldKey('الخارجية')], 'ar')).toEqual([]);
  });

  it('lets unknown features agree and known ones disagree', () => {
    expect(agrees({ gender: 'f', countries: [] }, { gender: null, countries: ['jo'] })).toBe(true);
    expect(agrees({ gender: 'f', countries: [] }, { gender: 'm', countries: [] })).toBe(false);
    expect(agrees({ gender: null, countries: ['eg'] }, { gender: 'm', countries: ['jo'] })).toBe(false);
  });

  it('prefers the last speaker, then the last one introduced, among those that agree', () => {
    const spokeFirst = { gender: 'f' as const, countries: [], lastSpokeAt: 10, introducedAt: 0 };
    const spokeLast = { gender: 'm' as const, countries: [], lastSpokeAt: 50, introducedAt: 20 };
    const introducedOnly = { gender: 'f' as const, countries: [], lastSpokeAt: -1, introducedAt: 40 };
    expect(mostSalient([spokeFirst, spokeLast, introducedOnly], { gender: null, countries: [] }, 60)).toBe(spokeLast);
    expect(mostSalient([spokeFirst, spokeLast, introducedOnly], { gender: 'f', countries: [] }, 60)).toBe(spokeFirst);
    expect(mostSalient([introducedOnly], { gender: 'f', countries: [] }, 30)).toBeNull();
  });

  it('gives a role mention to the holder of that role before the holder of a longer one', () => {
    const deputy = { gender: null, countries: ['tr'], lastSpokeAt: 50, introducedAt: 5, roleWords: ['رئيس', 'وزراء', 'نائب', 'تركي'], titles: ['رئيس وزراء', 'نائب'] };
    const president = { gender: null, countries: ['tr'], lastSpokeAt: -1, introducedAt: 30, roleWords: ['رئيس', 'تركي'], titles: ['رئيس'] };
    expect(bestRoleHolder([deputy, president], { gender: null, countries: ['tr'] }, 'رئيس', ['تركي'], 60)).toBe(president);
  });
});

describe('document-level coreference', () => {
  it('gives a feminine continuation to the woman quoted before, not to the man quoted last', () => {
    const text = [
      'قالت وزيرة الصحة سلمى العامري إن المستشفيات جاهزة لاستقبال المرضى.',
      'وقال وزير المالية كريم الهاشمي إن الميزانية تكفي حتى نهاية العام.',
      'وأضافت أن حملة التطعيم ستبدأ الأسبوع المقبل في كل المدن.',
    ].join('\n');
    expect(speakerOf(text, 'ar', 'حملة التطعيم')).toBe('سلمى العامري');
  });

  it('resolves a role with a nationality to the person of that nationality', () => {
    const text = [
      'وصل وزير الخارجية المصري سامح الدمرداش إلى عمان حيث التقى نظيره الأردني فيصل القاسم.',
      'وقال وزير الخارجية الأردني فيصل القاسم إن المحادثات كانت مثمرة وصريحة.',
      'وأكد الوزير المصري أن بلاده تدعم الحل السياسي في المنطقة كلها.',
    ].join('\n');
    expect(speakerOf(text, 'ar', 'الحل السياسي')).toBe('سامح الدمرداش');
  });

  it('resolves a feminine role to the woman who holds it, not to a man in a similar role', () => {
    const text = [
      'قال المتحدث باسم الحكومة الأردنية ماجد العتوم إن الحدود ستبقى مفتوحة أمام التجارة.',
      'وقالت المتحدثة باسم الخارجية الأمريكية جين هارلو إن واشنطن ترحب بالقرار الجديد.',
      'وأضاف المتحدث أن الحكومة ستراجع الرسوم الجمركية في الربيع المقبل.',
      'وقالت المتحدثة إن الإدارة ستتابع تنفيذ الاتفاق عن قرب.',
    ].join('\n');
    expect(speakerOf(text, 'ar', 'الرسوم الجمركية')).toBe('ماجد العتوم');
    expect(speakerOf(text, 'ar', 'تنفيذ الاتفاق')).toBe('جين هارلو');
  });

  it('tells the president from the prime minister who spoke last', () => {
    const text = [
      'وقال رئيس الوزراء الكيني جوزيف موسيوكا إن الحكومة ستخفض الضرائب.',
      'ورحب الرئيس الكيني دانيال موانغي بالقرار خلال زيارته للميناء.',
      'وأضاف رئيس الوزراء أن الخطة تشمل المزارعين.',
      'وقال الرئيس الكيني إن البلاد تحتاج إلى الاستثمار الأجنبي.',
    ].join('\n');
    expect(speakerOf(text, 'ar', 'الخطة تشمل')).toBe('جوزيف موسيوكا');
    expect(speakerOf(text, 'ar', 'الاستثمار الأجنبي')).toBe('دانيال موانغي');
  });

  it('finds the holder of an office named by a synonymous title', () => {
    const text = [
      'Le premier ministre, Luc Marchand, a déclaré que le budget serait voté en mai.',
      'La ministre de la Santé, Claire Dubois, a estimé que les hôpitaux manquaient de moyens.',
      '« Nous tiendrons nos engagements », a assuré le chef du gouvernement.',
    ].join('\n');
    expect(speakerOf(text, 'fr', 'Nous tiendrons nos engagements')).toBe('Luc Marchand');
  });

  it('reads the governor of a bank as a role held by the person named with it', () => {
    const text = [
      'قال حاكم المصرف المركزي التونسي هشام بن عمار إن الاحتياطي يكفي لأربعة أشهر.',
      'وأكد حاكم المصرف أن التضخم سيتراجع قبل نهاية العام.',
    ].join('\n');
    expect(speakerOf(text, 'ar', 'التضخم سيتراجع')).toBe('هشام بن عمار');
  });

  it('recognises a feminine role noun from its masculine entry', () => {
    const text = [
      'قالت السفيرة الكندية ليندا موريس إن بلادها ستزيد المساعدات.',
      'وقال السفير الأردني خالد الروسان إن عمان ترحب بالخطوة.',
      'وقالت السفيرة إن الشحنة الأولى ستصل الشهر المقبل.',
    ].join('\n');
    expect(speakerOf(text, 'ar', 'الشحنة الأولى')).toBe('ليندا موريس');
  });

  it('reads a preposition right after the verb as an implicit subject', () => {
    const text = [
      'قال المدير التنفيذي للشركة عادل النمري إن الأرباح ارتفعت هذا العام.',
      'وأوضح في مقابلة مطولة مع الموظفين أن التوسع سيشمل ثلاث مدن جديدة.',
    ].join('\n');
    expect(speakerOf(text, 'ar', 'التوسع سيشمل')).toBe('عادل النمري');
  });

  it('leaves a time adverbial after the name out of the speaker', () => {
    const text = 'وأكد الرئيس الكيني دانيال موانغي في وقت لاحق اليوم أن الانتخابات ستجري في موعدها.';
    expect(speakerOf(text, 'ar', 'الانتخابات ستجري')).toBe('دانيال موانغي');
  });

  it('gives an implicit subject to the person who opened the previous sentence', () => {
    const text = [
      'قال وزير الداخلية سمير الحداد إن الأمن مستتب في كل المحافظات.',
      'ورفض رئيس الوزراء نبيل خوري التعليق على الاستقالة المفاجئة.',
      'وقال إن الحكومة باقية حتى موعد الانتخابات.',
    ].join('\n');
    expect(speakerOf(text, 'ar', 'الحكومة باقية')).toBe('نبيل خوري');
    const english = [
      'Interior Minister Sam Hadley said the border was calm.',
      'Prime Minister Nora Quinn refused to comment on the resignation.',
      '"The government stays until the election," she said.',
    ].join('\n');
    expect(speakerOf(english, 'en', 'government stays')).toBe('Nora Quinn');
  });

  it('does not count the subject of a quoted sentence as the centre of the narrative', () => {
    const text = [
      'Interior Minister Sam Hadley said the border was calm.',
      'The camp was visited by Prime Minister Nora Quinn on Monday.',
      '"Quinn never listens to us."',
      'The protest went on. "We will stay here," he said.',
    ].join('\n');
    expect(speakerOf(text, 'en', 'We will stay here')).toBe('Sam Hadley');
  });

  it('reads a sentence opened by a courtesy title and a surname as opened by that person', () => {
    const text = [
      "Le futur chef du gouvernement, Mario Monti, a réclamé du temps aux marchés.",
      "« Le calendrier sera tenu », a dit Francesco Nucara, député.",
      'M. Monti a commenté la nervosité des marchés hier.',
      '« Il faut des sacrifices », a-t-il souligné.',
    ].join('\n');
    expect(speakerOf(text, 'fr', 'Il faut des sacrifices')).toBe('Mario Monti');
  });

  it('gives "she said" to the woman named earlier when the man who spoke last is marked as a man', () => {
    const text = [
      'Health Ministry spokeswoman Clara Benson said hospitals had enough beds for the winter.',
      'Finance Ministry spokesman Tom Ashby said the budget would cover the extra nurses.',
      '"We are ready for the worst weeks," she said.',
    ].join('\n');
    expect(speakerOf(text, 'en', 'ready for the worst')).toBe('Clara Benson');
  });

  it('reads a courtesy title as gender, not as part of the name', () => {
    const text = [
      'Clara Benson, an economist, and Tom Ashby, an analyst, spoke at the hearing.',
      'Ms Benson said the wards were full every night.',
      'Mr Ashby said operations had been postponed for weeks.',
      '"Nobody listened to us," she said.',
    ].join('\n');
    expect(speakerOf(text, 'en', 'wards were full')).toBe('Clara Benson');
    expect(speakerOf(text, 'en', 'Nobody listened')).toBe('Clara Benson');
  });

  it('keeps a continuation with the last speaker when nothing marks their gender', () => {
    const text = [
      'Clara Benson, a spokeswoman for the union, said the strike would go on.',
      '"It was a long winter," said Nora Quist, 82, who has lived in the town since 1950.',
      'She added: "Nobody came to help."',
    ].join('\n');
    expect(speakerOf(text, 'en', 'Nobody came to help')).toBe('Nora Quist');
  });

  it('links a definite group mention to the group introduced before', () => {
    const arabic = [
      'قال مسؤولون أمريكيون إن المحادثات ستستأنف في جنيف الشهر المقبل.',
      'وقال مسؤول روسي إن موسكو لم تتلق أي دعوة رسمية حتى الآن.',
      'وأضاف المسؤولون الأمريكيون أن الوفد سيضم خبراء في الطاقة.',
    ].join('\n');
    expect(speakerOf(arabic, 'ar', 'الوفد سيضم')).toBe('مسؤولون أمريكيون');
    const english = 'Three US officials said the talks would resume in Geneva. The officials said the delegation would include energy experts.';
    expect(speakerOf(english, 'en', 'delegation would include')).toBe('Three US officials');
    const single = 'Three US officials said the talks would resume in Geneva. The official said the delegation would include energy experts.';
    expect(speakerOf(single, 'en', 'delegation would include')).toBe('The official');
  });

  it('resolves a first name alone to the only person who bears it, with the fullest name', () => {
    const text = [
      "Le ministre de l'Économie, Bruno Le Maire, a déclaré que la croissance serait faible.",
      '« Nous tiendrons le budget », a assuré Bruno devant les députés.',
    ].join('\n');
    expect(speakerOf(text, 'fr', 'Nous tiendrons le budget')).toBe('Bruno Le Maire');
  });

  it('does not read a name cut at its initial as a first name standing alone', () => {
    const text = [
      'Robert Lane, an analyst, said the market was calm.',
      'Defense Secretary Robert M. Gates said the talks would go on.',
    ].join('\n');
    expect(speakerOf(text, 'en', 'talks would go on')).not.toBe('Robert Lane');
  });

  it('gives a partitive to the group named before', () => {
    const english = 'Three US officials said the talks would resume. Two of them said the delegation was ready.';
    expect(speakerOf(english, 'en', 'delegation was ready')).toBe('Three US officials');
    const arabic = 'قال شهود عيان إن الانفجار وقع قرب السوق. وقال أحدهم إن النيران امتدت إلى المحلات.';
    expect(speakerOf(arabic, 'ar', 'النيران امتدت')).toBe('شهود عيان');
  });

  it('gives a relative clause to the name before it', () => {
    const text = 'The march drew thousands, including the painter Lena Marsh, who said the river had never been this low in her lifetime.';
    expect(speakerOf(text, 'en', 'river had never')).toBe('Lena Marsh');
  });

  it('takes the name in apposition after an unnamed description opening the sentence', () => {
    const text = "Un des responsables de l'association, Marc Delorme, a déclaré que les chiffres étaient mauvais.";
    expect(speakerOf(text, 'fr', 'les chiffres étaient mauvais')).toBe('Marc Delorme');
  });

  it('reads "Mme" as a woman, so "elle" goes back to her', () => {
    const text = [
      'Anne Durand, une avocate, et Paul Morel, un chercheur, ont témoigné.',
      'Mme Durand a déclaré que le dossier était incomplet.',
      'M. Morel a affirmé que les analyses avaient été faites trop tard.',
      '« Personne ne nous a écoutés », a-t-elle ajouté.',
    ].join('\n');
    expect(speakerOf(text, 'fr', 'Personne ne nous a écoutés')).toBe('Anne Durand');
  });

  it('gives a relative clause to the name before an appositive description', () => {
    const text = 'The minister met Tom Abrahams, a former banker, who said he had warned the board twice.';
    expect(speakerOf(text, 'en', 'warned the board')).toBe('Tom Abrahams');
  });

  it('gives a relative clause to a surname already known, and keeps lower-case particles in names', () => {
    const text = [
      'Anders Holm, an analyst, has sued the county.',
      'On Monday, Holm, who said the fence was illegal, lost the first round.',
      'Others, like Maria de Souza, a teacher at the school, who said the school was closing, joined him.',
    ].join('\n');
    expect(speakerOf(text, 'en', 'fence was illegal')).toBe('Anders Holm');
    expect(speakerOf(text, 'en', 'school was closing')).toBe('Maria de Souza');
  });

  it('describes a group by its possessive noun phrase instead of naming the possessive', () => {
    const text = 'Maria Lopez was charged on Monday. Her lawyers said the charges would not stand.';
    expect(speakerOf(text, 'en', 'charges would not stand')).toBe('Her lawyers');
  });

  it('takes the name in apposition after an unnamed description, and "il" goes back to it', () => {
    const text = [
      "« Les chiffres sont mauvais », a déclaré un des responsables de l'association, Marc Delorme.",
      '« Nous demandons une enquête », a-t-il ajouté.',
    ].join('\n');
    expect(speakerOf(text, 'fr', 'Les chiffres sont mauvais')).toBe('Marc Delorme');
    expect(speakerOf(text, 'fr', 'Nous demandons une enquête')).toBe('Marc Delorme');
  });
});

describe('the mention a speaker is resolved from', () => {
  function mentionOf(text: string, language: Language, phrase: string): string | null {
    const lex = preparedLexicon(language);
    const norm = normalize(text);
    const tokens = splitGluedWords(tokenize(norm.text), lex);
    const registry = new SpeakerRegistry(norm, tokens, lex);
    const start = norm.text.indexOf(foldKey(phrase).split(' ')[0]!);
    const a = tokens.findIndex((t) => t.start >= start);
    let b = a;
    while (b < tokens.length && tokens[b]!.end <= start + phrase.length) b++;
    const range = registry.mentionRange(a, b);
    return range ? registry.surface(range[0], range[1]) : null;
  }

  it('keeps the words the resolver reads, without what trails them', () => {
    expect(mentionOf('وقال الخبير الفرنسي أمس إن', 'ar', 'الخبير الفرنسي أمس')).toBe('الخبير الفرنسي');
    expect(mentionOf('وأكد الرئيس دانيال موانغي في وقت لاحق أن', 'ar', 'الرئيس دانيال موانغي في وقت لاحق')).toBe('الرئيس دانيال موانغي');
    expect(mentionOf('"No," he said.', 'en', 'he')).toBe('he');
  });

  it('is empty for an implicit subject, so the cue stands for it', () => {
    expect(mentionOf('وأوضح في مقال نشره أن', 'ar', 'في مقال نشره')).toBeNull();
  });

  it('is what each extracted claim exposes as its speaker mention', () => {
    const text = [
      'قال المدير التنفيذي للشركة عادل النمري إن الأرباح ارتفعت هذا العام.',
      'وأوضح في مقال نشره على موقع الشركة أن التوسع سيشمل ثلاث مدن جديدة.',
      'وأكد الرئيس الكيني دانيال موانغي في وقت لاحق اليوم أن الانتخابات ستجري في موعدها.',
    ].join('\n');
    const claims = extract(text, { language: 'ar' }).claims;
    const mention = (fragment: string) => claims.find((c) => c.text.includes(fragment))?.speaker.mention?.text;
    expect(mention('التوسع سيشمل')).toBe('أوضح');
    expect(mention('الانتخابات ستجري')).toBe('الرئيس الكيني دانيال موانغي');
  });

  it('is the relative pronoun itself when it stands for the name before it', () => {
    expect(mentionOf('including the painter Lena Marsh, who said', 'en', 'who')).toBe('who');
  });
});

describe('antecedents of implicit subjects', () => {
  it('never picks a fragment the speaker validator refuses, even when it spoke last', () => {
    const text = 'قالت سلمى العامري إن الوضع هادئ. وقالت هذه إن شيئا حدث. وأضافت أن المستشفيات جاهزة.';
    const lex = preparedLexicon('ar');
    const norm = normalize(text);
    const tokens = splitGluedWords(tokenize(norm.text), lex);
    const registry = new SpeakerRegistry(norm, tokens, lex);
    const at = (word: string) => tokens.findIndex((t) => t.key === foldKey(word));
    const name = registry.resolve(at('سلمى'), at('سلمى') + 2, tokens[at('قالت')]!.start)!;
    registry.markSpoke(name, tokens[at('قالت')]!.start);
    const fragment = registry.resolve(at('هذه'), at('هذه') + 1, tokens[at('وقالت')]!.start)!;
    registry.markSpoke(fragment, tokens[at('وقالت')]!.start);
    const implicit = registry.resolve(at('وأضافت') + 1, at('وأضافت') + 1, tokens[at('وأضافت')]!.start);
    expect(fragment.name).toBe('هذه');
    expect(implicit?.name).toBe('سلمى العامري');
  });
});
