import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extraction/index.ts';
import type { Language } from '../../src/extraction/index.ts';
import { breaksPersonName, breaksSpeakerPhrase, isVerb, isVerbalNoun, opensAddressee, reportedSourceStart, speakerRejection } from '../../src/extraction/speaker-validator.ts';
import { foldKey } from '../../src/extraction/normalize.ts';

const speakersOf = (text: string, language: Language) => extract(text, { language }).claims.map((c) => c.speaker);

describe('speakerRejection', () => {
  it.each([
    ['when', 'en', 'function word'],
    ['when the guide', 'en', 'function word'],
    ['According', 'en', 'function word'],
    ['the ministry of', 'en', 'function word'],
    ['qui', 'fr', 'function word'],
    ['Ainsi', 'fr', 'function word'],
    ['a pour sa part', 'fr', 'function word'],
    ['ما', 'ar', 'function word'],
    ['في وقت لاحق', 'ar', 'function word'],
    ['البيان أيضا', 'ar', 'function word'],
    ['ولكنها', 'ar', 'pronoun'],
    ['Her', 'en', 'pronoun'],
    ['told the agency he', 'en', 'verb'],
    ['ومضى', 'ar', 'verb'],
    ['31', 'en', 'number'],
    ['Some 34', 'en', 'number'],
    ['Last year', 'en', 'function word'],
    ['policy', 'en', 'function word'],
    ['consistently', 'en', 'function word'],
    ["It's nothing new", 'en', 'function word'],
    ['Affaires', 'fr', 'function word'],
    ['7 من كل 10', 'ar', 'number'],
    ['في آذار/مارس 2019', 'ar', 'date'],
    ['le 12 octobre', 'fr', 'date'],
    ['3 million de dollars', 'fr', 'amount'],
    ['40 مليون دولار', 'ar', 'amount'],
    ['the committee which approved the plan', 'en', 'clause'],
    ['الحركة مسؤوليتها', 'ar', 'clause'],
    ['جيف كارتر وهو سناتور', 'ar', 'clause'],
    ['الاتفاق الذي وقعته الحكومتان', 'ar', 'clause'],
    ['M', 'fr', 'single letter'],
    ["L'", 'fr', 'single letter'],
    ['the U', 'en', 'function word'],
    ['لوكالة', 'ar', 'function word'],
    ['للصحفيين الأجانب', 'ar', 'function word'],
    ['رسمي', 'ar', 'function word'],
    ['عملها', 'ar', 'pronoun'],
    ['عبد', 'ar', 'truncated'],
    ['خالد بن سلطان آل', 'ar', 'truncated'],
    ['سمير صبري ضدهما بتهمة', 'ar', 'clause'],
    ['كريم ناصر بشأن', 'ar', 'function word'],
    ['ناشطون من المدينة مؤخرا وفاة', 'ar', 'date'],
    ['وكتب سمير ناصر', 'ar', 'verb'],
    ['مسؤوليتها فيه', 'ar', 'pronoun'],
    ['Mr', 'en', 'title'],
    ['Mme', 'fr', 'title'],
    ['السيد', 'ar', 'title'],
    ['', 'en', 'empty'],
  ] as const)('%s (%s) is rejected as %s', (name, language, reason) => {
    expect(speakerRejection(name, language)).toBe(reason);
  });

  it.each([
    ['Linda Hart', 'en'],
    ['Prime Minister Linda Hart', 'en'],
    ['the Ministry of Health', 'en'],
    ['WHO', 'en'],
    ['US', 'en'],
    ['Theresa May', 'en'],
    ['United States', 'en'],
    ['Paul Renaud', 'fr'],
    ["le ministre de l'Intérieur", 'fr'],
    ['le juge Renaud', 'fr'],
    ['سمير الحداد', 'ar'],
    ['علي حسن', 'ar'],
    ['وزير الخارجية', 'ar'],
    ['الأمين العام للأمم المتحدة', 'ar'],
    ['المتحدث باسم وزارة الصحة', 'ar'],
    ['مصادر مطلعة', 'ar'],
    ['her lawyers', 'en'],
    ['مراسلها', 'ar'],
    ['معارضوها', 'ar'],
    ['مصدر حكومي', 'ar'],
    ['مصادر مقربة منها', 'ar'],
    ['فيفيان بالاكريشنان', 'ar'],
    ['متحدثة باسم المطار', 'ar'],
    ['نظيرتها الأمريكية', 'ar'],
    ['محاميها', 'ar'],
    ['A senior administration official', 'en'],
    ['District Council 37 officials', 'en'],
    ['protesters', 'en'],
    ['police', 'en'],
    ['Kelly', 'en'],
    ['manifestants', 'fr'],
    ['son entourage', 'fr'],
  ] as const)('%s (%s) can speak', (name, language) => {
    expect(speakerRejection(name, language)).toBeNull();
  });
});

describe('speaker phrase words', () => {
  it('finds the source after "what" and a reporting verb, with or without an object suffix', () => {
    const keys = (s: string) => s.split(' ').map(foldKey);
    expect(reportedSourceStart(keys('لما نقلته وكالة الأنباء'), 'ar')).toBe(2);
    expect(reportedSourceStart(keys('ما أفادت عنه وكالة الأنباء'), 'ar')).toBe(3);
    expect(reportedSourceStart(keys('ما تبقى من الوقت'), 'ar')).toBe(-1);
    expect(reportedSourceStart(keys('وزارة الصحة'), 'ar')).toBe(-1);
  });

  it('breaks a phrase at relatives, verbs and dates but not at names', () => {
    expect(breaksSpeakerPhrase(foldKey('الذين'), 'ar')).toBe(true);
    expect(breaksSpeakerPhrase(foldKey('أكد'), 'ar')).toBe(true);
    expect(breaksSpeakerPhrase('october', 'en')).toBe(true);
    expect(breaksSpeakerPhrase('which', 'en')).toBe(true);
    expect(breaksSpeakerPhrase(foldKey('الحداد'), 'ar')).toBe(false);
    expect(breaksSpeakerPhrase('states', 'en')).toBe(false);
  });

  it('knows the verbs that open a slot before its subject, with a glued conjunction', () => {
    expect(isVerb(foldKey('ودعا'), 'ar')).toBe(true);
    expect(isVerb(foldKey('وكتب'), 'ar')).toBe(true);
    expect(isVerb(foldKey('متحدثة'), 'ar')).toBe(false);
    expect(isVerb(foldKey('وليد'), 'ar')).toBe(false);
  });

  it('ends a personal name at a glued preposition or a statement, which an institution may hold', () => {
    for (const word of ['للاستثمار', 'تصريحات', 'بيان']) {
      expect(breaksPersonName(foldKey(word), 'ar')).toBe(true);
      expect(breaksSpeakerPhrase(foldKey(word), 'ar')).toBe(false);
    }
    expect(breaksPersonName(foldKey('الحداد'), 'ar')).toBe(false);
    expect(breaksPersonName(foldKey('بالاكريشنان'), 'ar')).toBe(false);
  });
});

describe('speakers the engine settles on', () => {
  it('a time phrase in the speaker slot leaves the cue to the last speaker', () => {
    const speakers = speakersOf('قال وزير الزراعة سمير الحداد إن المحصول تضاعف هذا العام. وقال في وقت لاحق إن الأسعار ستنخفض قريبا.', 'ar');
    expect(speakers.map((s) => s.name)).toEqual(['سمير الحداد', 'سمير الحداد']);
  });

  it('"according to what X reported" credits X, read past the reporting verb', () => {
    const [speaker] = speakersOf('ارتفع عدد المصابين إلى ثلاثين شخصا في المدينة، بحسب ما أفادت وزارة الصحة في بيان.', 'ar');
    expect(speaker?.name).toBe('وزارة الصحة');
  });

  it('a relayed source after "عن" is the speaker, not the outlet relaying it', () => {
    const [speaker] = speakersOf('ارتفع عدد الضحايا إلى عشرين شخصا، وفقا لما نقلته وكالة الأنباء الرسمية عن مصادر طبية.', 'ar');
    expect(speaker).toMatchObject({ name: 'مصادر طبية', unnamed: true });
  });

  it('a speaker phrase running into a relative clause is cut before it', () => {
    const [speaker] = speakersOf('وأضاف المسؤولون الأوروبيون الذين شاركوا في الاجتماع أن الاتفاق صامد.', 'ar');
    expect(speaker?.name).toBe('المسؤولون الأوروبيون');
  });

  it('with nobody to continue, the claim is kept with an unnamed, unresolved source', () => {
    const claims = extract('قتل عشرة أشخاص في الهجوم على السوق الشعبي، بحسب ما أعلن رسميا.', { language: 'ar' }).claims;
    expect(claims).toHaveLength(1);
    expect(claims[0]!.speaker.unnamed).toBe(true);
    expect(speakerRejection(claims[0]!.speaker.name, 'ar')).toBeNull();
    expect(claims[0]!.speaker.name).not.toMatch(/ما|رسميا/);
  });

  it('a trailing year is cut from an issuer before it is resolved', () => {
    const [speaker] = speakersOf('تراجعت الصادرات بنسبة عشرة في المئة، وفقا لبيانات وزارة التجارة للعام 2019.', 'ar');
    expect(speaker?.name).toBe('وزارة التجارة');
  });

  it('the audience glued to its preposition is cut from the speaker', () => {
    expect(speakersOf('وقال سمير الحداد للصحفيين إن المحادثات فشلت.', 'ar')[0]?.name).toBe('سمير الحداد');
    expect(speakersOf('وقالت الشرطة المحلية للصحفيين إن المحادثات فشلت.', 'ar')[0]?.name).toBe('الشرطة المحلية');
  });

  it('a role description keeps its words and loses the audience after it', () => {
    const [speaker] = speakersOf('وقال رئيس هيئة المياه في المدينة للصحفيين إن المخزون يكفي حتى الصيف.', 'ar');
    expect(speaker?.name).toBe('رئيس هيئة المياه في المدينة');
  });

  it('a document glued to its issuer speaks for the issuer', () => {
    const [speaker] = speakersOf('وأفاد بيان للشرطة المحلية بأن المحادثات فشلت.', 'ar');
    expect(speaker?.name).toContain('شرطة');
    expect(speaker?.name).not.toContain('بيان');
  });

  it('a known outlet spelled like a particle still speaks', () => {
    expect(speakerRejection('إن بي سي', 'ar')).toBe('function word');
    expect(speakersOf('وقالت شبكة إن بي سي الأمريكية إن المحادثات فشلت.', 'ar')[0]?.name).toBe('إن بي سي');
  });

  it('English has no dropped subject: a fragment in the slot stays unresolved instead of continuing the last speaker', () => {
    const speakers = speakersOf('Linda Hart said the talks had failed. When the guide said the bridge was closed, the crowd left.', 'en');
    expect(speakers.map((s) => s.name)).toEqual(['Linda Hart', 'unidentified source']);
    expect(speakers[1]!.unnamed).toBe(true);
  });

  it('an outlet relaying a source with "عن … قوله" gives the source, whatever the cue verb', () => {
    const [speaker] = speakersOf('وانتشرت القوات في المنطقة فيما ذكرت الصحيفة عن مسؤول روسي قوله: إن انعدام العمليات العسكرية يثير القلق.', 'ar');
    expect(speaker?.name).toBe('مسؤول روسي');
  });

  it('a slot stopped at the dot of "M." continues with the name after it', () => {
    expect(speakersOf('Selon M. Renaud, le projet coûtera moins cher que prévu.', 'fr')[0]?.name).toBe('Renaud');
  });

  it('a pronoun left in an English speaker slot is not a speaker', () => {
    const [speaker] = speakersOf('Mayor Linda Hart opened the bridge on Monday. Her office said that the repairs had cost less than planned.', 'en');
    expect(speaker?.name).not.toBe('Her');
    expect(speakerRejection(speaker!.name, 'en')).toBeNull();
  });

  it.each([
    ['Defense Secretary Harold T. Brenner said the base would stay open.', 'Harold T. Brenner'],
    ['"The base will stay open," said Harold T. Brenner.', 'Harold T. Brenner'],
    ['Mayor Linda K. Hart told reporters that the bridge was safe.', 'Linda K. Hart'],
  ])('a middle initial stays inside a Latin name: %s', (text, name) => {
    expect(speakersOf(text, 'en')[0]?.name).toBe(name);
  });

  it.each([
    ['تسوية', true],
    ['بتطبيق', true],
    ['إطلاق', true],
    ['اعتراض', true],
    ['استئناف', true],
    ['توفيق', false],
    ['إسحاق', false],
    ['العام', false],
    ['إيران', false],
    ['ترامب', false],
  ])('isVerbalNoun(%s) is %s', (word, expected) => {
    expect(isVerbalNoun(foldKey(word))).toBe(expected);
  });

  it.each([
    ['وارتفعت الأسهم بعد أن أعلن وزير المالية كريم ناصيف تجميد الرسوم بين البلدين.', 'كريم ناصيف'],
    ['وتحاول الوزيرة سلمى جوردان تسوية الخلاف مع النقابات. وقالت إن الاتفاق لن يصمد.', 'سلمى جوردان'],
  ])('a verbal noun after a name is the object of the cue, not part of the name: %s', (text, name) => {
    expect(speakersOf(text, 'ar')[0]?.name).toBe(name);
  });

  it('a name spelled like a verbal noun stays whole', () => {
    expect(speakersOf('وقال رئيس البلدية سامي نادر توفيق إن الجسر سيفتح قريبا.', 'ar')[0]?.name).toBe('سامي نادر توفيق');
  });

  it('ل glued to a person already named opens the addressee: the dropped subject continues the last speaker', () => {
    const speakers = speakersOf('وقال الوزير سامي نادر إن الجسر سيفتح قريبا. وقال كريم ناصيف إن العمل سيبدأ غدا. وأكد لناصيف أن التمويل متوفر.', 'ar');
    expect(speakers.map((s) => s.name)).toEqual(['سامي نادر', 'كريم ناصيف', 'كريم ناصيف']);
  });

  it('ل glued to an outlet keyword after a name opens the addressee', () => {
    expect(opensAddressee(foldKey('لصحيفة'), 'ar')).toBe(true);
    expect(opensAddressee(foldKey('لاغارد'), 'ar')).toBe(false);
    expect(speakersOf('وقال وزير المالية كريم ناصيف لصحيفة محلية إن الميزانية متوازنة.', 'ar')[0]?.name).toBe('كريم ناصيف');
  });
});

describe('Arabic object nouns end a speaker phrase', () => {
  it.each([
    ['الجيش الوطني مقتل ثلاثة جنود'],
    ['الشرطة المحلية عدم وجود دافع'],
    ['المتحدث باسم الحكومة صحة المعلومات'],
    ['البيت الأبيض إلغاء الزيارة'],
  ])('refuses "%s" as a clause', (name) => {
    expect(speakerRejection(name, 'ar')).toBe('clause');
  });

  it('keeps names and institutions that hold no object noun', () => {
    for (const name of ['وزارة الصحة', 'منظمة الصحة العالمية', 'الجيش الوطني']) expect(speakerRejection(name, 'ar')).toBeNull();
    expect(breaksSpeakerPhrase(foldKey('مقتل'), 'ar')).toBe(true);
    expect(breaksSpeakerPhrase(foldKey('الصحة'), 'ar')).toBe(false);
  });
});
