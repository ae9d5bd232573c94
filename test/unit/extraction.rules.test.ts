import { describe, expect, it } from 'vitest';
import { extract, detectLanguage } from '../../src/extraction/index.ts';
import { foldKey, normalize, toOriginal } from '../../src/extraction/normalize.ts';
import { arabicRatio } from '../../src/extraction/language.ts';
import { preparedLexicon } from '../../src/extraction/prepared.ts';
import { findGluedSplit, splitGluedWords, tokenize } from '../../src/extraction/tokens.ts';
import { findCues, isQuotedNameLead, isStatementSetting } from '../../src/extraction/cues.ts';
import { stripAttachedPreposition } from '../../src/extraction/arabic.ts';
import { isNisba } from '../../src/extraction/speakers.ts';
import { splitSentences, trimClaimSpan } from '../../src/extraction/sentences.ts';
import { channelFromUrl, findOutletMentions } from '../../src/extraction/outlets.ts';
import { findUrls, looksLikeHeadlineRun, photoCreditAt } from '../../src/extraction/noise.ts';
import type { Line } from '../../src/extraction/noise.ts';
import { checkworthiness, classifyKind, features, isArabicFutureVerb } from '../../src/extraction/classify.ts';
import type { Language } from '../../src/extraction/index.ts';

function tokensOf(text: string, lang: Language) {
  const lex = preparedLexicon(lang);
  const norm = normalize(text);
  const tokens = splitGluedWords(tokenize(norm.text), lex);
  return { lex, norm, tokens };
}

function cuesOf(text: string, lang: Language) {
  const { lex, norm, tokens } = tokensOf(text, lang);
  const original = (a: number, b: number) => {
    const [s, e] = toOriginal(norm, a, b);
    return text.slice(s, e);
  };
  return findCues(tokens, 0, tokens.length, lex).map((c) => ({
    type: c.type,
    cue: original(c.cueStart, c.cueEnd),
    speaker: c.npEnd > c.npStart ? original(tokens[c.npStart]!.start, tokens[c.npEnd - 1]!.end) : '',
    leading: c.leading,
  }));
}

function wholeLine(text: string, lang: Language): { line: Line; tokens: ReturnType<typeof tokensOf>['tokens']; lex: ReturnType<typeof tokensOf>['lex'] } {
  const { lex, norm, tokens } = tokensOf(text, lang);
  return { line: { start: 0, end: norm.text.length, a: 0, b: tokens.length }, tokens, lex };
}

describe('normalisation and offset map', () => {
  it('drops diacritics and tatweel, folds alef variants, ى and ة', () => {
    expect(normalize('قَالَ أكــد إيغور آفاق مصطفى صحيفة').text).toBe('قال اكد ايغور افاق مصطفي صحيفه');
  });

  it('folds whitespace, quotes, digits and Latin accents one-to-one', () => {
    const n = normalize('a\u00a0«b»\r\n٣ é');
    expect(n.text).toBe('a "b"\n3 e');
  });

  it('maps folded spans back to the original text, covering trailing marks', () => {
    const original = 'وقـــالَ الخبيرُ إنّ';
    const n = normalize(original);
    const i = n.text.indexOf('الخبير');
    const [s, e] = toOriginal(n, i, i + 'الخبير'.length);
    expect(original.slice(s, e)).toBe('الخبيرُ');
    const [s2, e2] = toOriginal(n, 0, n.text.indexOf(' '));
    expect(original.slice(s2, e2)).toBe('وقـــالَ');
  });

  it('keeps the map consistent for CRLF and expansions', () => {
    const original = 'œuvre\r\nnext';
    const n = normalize(original);
    expect(n.text).toBe('oeuvre\nnext');
    const i = n.text.indexOf('next');
    const [s, e] = toOriginal(n, i, i + 4);
    expect(original.slice(s, e)).toBe('next');
    expect(n.starts.length).toBe(n.text.length);
  });

  it('folds lexicon keys the same way', () => {
    expect(foldKey('أكّد')).toBe('اكد');
    expect(foldKey('A Déclaré')).toBe('a declare');
  });
});

describe('glued words', () => {
  const ar = preparedLexicon('ar');

  it('splits a conjunction + cue glued to the previous word', () => {
    const { tokens } = tokensOf('والفرنسي فرانسوا هولاندوذكر ديلانويه بأنه وصل', 'ar');
    const glued = tokens.find((t) => t.glued)!;
    expect(glued.text).toBe('وذكر');
    expect(tokens[tokens.indexOf(glued) - 1]!.text).toBe('هولاند');
  });

  it('splits a sentence-opening particle glued before a cue', () => {
    const { tokens } = tokensOf('في سوريا والعراقفقد اعتبر الوزير أن', 'ar');
    expect(tokens.map((t) => t.text)).toContain('فقد');
    expect(tokens.find((t) => t.glued)?.text).toBe('فقد');
  });

  it('splits a bare perfect verb only when its complement follows', () => {
    const { tokens } = tokensOf('شرقي السودانحذر البرنامج من أن الجوع', 'ar');
    expect(tokens.find((t) => t.glued)?.text).toBe('حذر');
  });

  it('leaves ordinary words that end like a cue alone', () => {
    for (const word of ['الانتقال', 'للتطورات', 'والأرجح', 'المقال', 'استقال']) {
      expect(findGluedSplit(foldKey(word), undefined, ar), word).toBe(-1);
    }
    const { tokens } = tokensOf('الانتقال السياسي في سوريا قال إن', 'ar');
    expect(tokens.some((t) => t.glued)).toBe(false);
  });
});

describe('sentences', () => {
  it('splits on terminal punctuation and line breaks, not on abbreviations, decimals or ".." separators', () => {
    const text = 'Sen. Paul said 2.5 percent. Next one?\nمحادثات .. الخندق الواحد. ثم';
    const spans = splitSentences(text, 0, text.length).map((s) => text.slice(s.start, s.end));
    expect(spans).toEqual(['Sen. Paul said 2.5 percent.', 'Next one?', 'محادثات .. الخندق الواحد.', 'ثم']);
  });

  it('trims the final full stop but keeps closing quotes', () => {
    const text = 'قال إن "الأمر واضح".';
    const s = trimClaimSpan(text, 0, text.length);
    expect(text.slice(s.start, s.end)).toBe('قال إن "الأمر واضح"');
  });
});

describe('cue detection', () => {
  it('Arabic: verb-first cues with conjunctions, complements and speakers', () => {
    expect(cuesOf('ويرى الخبير الفرنسي أن الحديث يدور', 'ar')).toEqual([{ type: 'verb', cue: 'يرى', speaker: 'الخبير الفرنسي', leading: true }]);
    expect(cuesOf('وأضاف أن الوضع تحسن', 'ar')[0]).toMatchObject({ cue: 'أضاف', speaker: '' });
    expect(cuesOf('لفت المسؤول إلى أن الجماعات', 'ar')[0]).toMatchObject({ cue: 'لفت', speaker: 'المسؤول' });
    expect(cuesOf('حذر البرنامج من أن الملايين', 'ar')[0]).toMatchObject({ cue: 'حذر', speaker: 'البرنامج' });
  });

  it('Arabic: a subject opening the clause before an unprefixed verb', () => {
    expect(cuesOf('هيئة الأركان الروسية قالت إن الضربات مستمرة', 'ar')[0]).toMatchObject({ cue: 'قالت', speaker: 'هيئة الأركان الروسية' });
    expect(cuesOf('وفي السياق نفسه قال إن الوضع مستقر', 'ar')[0]).toMatchObject({ speaker: '' });
  });

  it('Arabic: a quoted outlet name after لـ is not the start of the statement', () => {
    expect(cuesOf('قالت مصادر مطلعة لـ"رويترز" إن المفاوضات ستستأنف', 'ar')[0]).toMatchObject({ speaker: 'مصادر مطلعة' });
  });

  it('Arabic: prepositional sources, leading and trailing', () => {
    expect(cuesOf('وبحسب خبراء، فإن التأخير مكلف', 'ar')[0]).toMatchObject({ type: 'source', leading: true, speaker: 'خبراء' });
    expect(cuesOf('فإن التعاون لن يتجاوز داعش بحسب الخبير الذي لفت إلى أن', 'ar')[0]).toMatchObject({ type: 'source', leading: false, speaker: 'الخبير' });
  });

  it('Arabic: "فحسب" (only) and narration without a complement are not cues', () => {
    expect(cuesOf('ليس هذا فحسب بل أكثر', 'ar')).toEqual([]);
    expect(cuesOf('وعقد مجلس الأمن جلسة طارئة لبحث الأزمة', 'ar')).toEqual([]);
  });

  it('Arabic: impersonal hedges are not cues', () => {
    expect(cuesOf('ويعتقد أن الجولة ستكون الأخيرة', 'ar')).toEqual([]);
  });

  it('English: subject before the verb, inversion after a quote, according to', () => {
    expect(cuesOf('The minister said that prices will rise.', 'en')[0]).toMatchObject({ cue: 'said', speaker: 'The minister' });
    expect(cuesOf('"Prices will rise," said the minister.', 'en')[0]).toMatchObject({ cue: 'said', speaker: 'the minister' });
    expect(cuesOf('According to the ministry, prices rose.', 'en')[0]).toMatchObject({ type: 'source', leading: true, speaker: 'the ministry' });
    expect(cuesOf('It is said that prices rose.', 'en')).toEqual([]);
    expect(cuesOf('The United States will send aid.', 'en')).toEqual([]);
  });

  it('French: auxiliaries, inverted pronouns and selon', () => {
    expect(cuesOf('Le ministre a déclaré que la réforme passera.', 'fr')[0]).toMatchObject({ cue: 'a déclaré', speaker: 'Le ministre' });
    expect(cuesOf('« Rien ne change », a-t-il ajouté.', 'fr')[0]).toMatchObject({ cue: 'a-t-il ajouté', speaker: 'a-t-il' });
    expect(cuesOf("Selon l'AFP, le bilan s'alourdit.", 'fr')[0]).toMatchObject({ type: 'source', leading: true });
  });
});

describe('speakers and coreference', () => {
  it('resolves a surname to the fullest name introduced earlier', () => {
    const r = extract('التقت الصحيفة مع سيرغي ماركوف، خبير الشؤون الروسية.\nوقال ماركوف إن الوضع معقد جدا.', { language: 'ar' });
    expect(r.claims[0]!.speaker.name).toBe('سيرغي ماركوف');
    expect(r.speakers[0]!.aliases).toContain('ماركوف');
  });

  it('resolves a bare role noun to the person introduced with that role', () => {
    const r = extract('تحدثت الصحيفة مع سيرغي ماركوف، خبير الشؤون الروسية.\nوأكد الخبير أن المحادثات مستمرة.', { language: 'ar' });
    expect(r.claims[0]!.speaker.name).toBe('سيرغي ماركوف');
  });

  it('resolves "the minister" and "he added" in English', () => {
    const r = extract('Finance Minister Jane Smith said the deficit fell to 3 percent.\nThe minister said taxes would not rise.\nHe added that spending would grow.', { language: 'en' });
    expect(r.claims.map((c) => c.speaker.name)).toEqual(['Jane Smith', 'Jane Smith', 'Jane Smith']);
  });

  it('resolves "le porte-parole" and an inverted "a-t-il" in French', () => {
    const r = extract("Le porte-parole de l'ONG, Paul Durand, a affirmé que 12 millions de personnes étaient menacées. Le porte-parole a ajouté que les fonds manquaient.\n« Nous alertons depuis des mois », a-t-il déclaré.", { language: 'fr' });
    expect(r.claims.map((c) => c.speaker.name)).toEqual(['Paul Durand', 'Paul Durand', 'Paul Durand']);
    expect(r.speakers[0]!.aliases).toEqual(expect.arrayContaining(['Le porte-parole']));
  });

  it('prefers the last person for "he", skipping an organisation quoted in between', () => {
    const r = extract('John Doe said the plan works.\nAccording to Amnesty International, the plan is harmful.\nHe added that changes are coming.', { language: 'en' });
    expect(r.claims[2]!.speaker.name).toBe('John Doe');
  });

  it('skips a relative clause between an English subject and its cue, keeping hyphenated particles in names', () => {
    const r = extract("Sudan's army chief Abdel Fattah al-Burhan, who has led the country since 2021, said on Saturday the war would end.", { language: 'en' });
    expect(r.claims[0]!.speaker.name).toBe('Abdel Fattah al-Burhan');
    expect(r.speakers[0]!.role).toBe("Sudan's army chief");
  });

  it('marks anonymous sources as unnamed speakers', () => {
    const ar = extract('وقالت مصادر مطلعة إن الاجتماع أرجئ.', { language: 'ar' });
    expect(ar.speakers[0]).toMatchObject({ name: 'مصادر مطلعة', unnamed: true, kind: 'unnamed' });
    const en = extract('Three US officials told reporters that the strike was delayed.', { language: 'en' });
    expect(en.speakers[0]).toMatchObject({ name: 'Three US officials', unnamed: true, kind: 'unnamed' });
    const fr = extract("Des sources diplomatiques ont indiqué que l'accord est proche.", { language: 'fr' });
    expect(fr.speakers[0]).toMatchObject({ unnamed: true, kind: 'unnamed' });
  });

  it('recognises institutions as organisation speakers', () => {
    const ar = extract('وأكدت وزارة الخارجية الروسية أن اللقاء تم.', { language: 'ar' });
    expect(ar.speakers[0]).toMatchObject({ name: 'وزارة الخارجية الروسية', kind: 'organization' });
    const en = extract('Amnesty International said that 40 people were detained.', { language: 'en' });
    expect(en.speakers[0]).toMatchObject({ name: 'Amnesty International', kind: 'organization' });
    const headline = extract('هيئة الأركان الروسية: ندعم جهود التحالف في سوريا', { language: 'ar' });
    expect(headline.claims[0]).toMatchObject({ cue: ':', speaker: { name: 'هيئة الأركان الروسية' } });
  });

  it('takes the name that closes an Arabic speaker phrase, article-bearing surnames included', () => {
    const r = extract('وأشار النائب عن ائتلاف دولة القانون علي الزبيدي إلى أن البرلمان سيناقش القرار.\nوقال وزير الخارجية الأردني أيمن الصفدي إن الحدود آمنة.\nوأضاف الصفدي أن التنسيق مستمر.', { language: 'ar' });
    expect(r.claims.map((c) => c.speaker.name)).toEqual(['علي الزبيدي', 'أيمن الصفدي', 'أيمن الصفدي']);
  });

  it('keeps the speaker of "وكان X قد صرح" before the verb', () => {
    const r = extract('وكان الرئيس الأمريكي جو بايدن قد صرح الأسبوع الماضي بأن الهدنة قريبة.', { language: 'ar' });
    expect(r.claims[0]!.speaker.name).toBe('جو بايدن');
    expect(r.claims[0]!.text.startsWith('وكان')).toBe(true);
  });
});

describe('Arabic speaker phrases', () => {
  it('stripAttachedPreposition: drops a glued ل/ب/ك only when the bare word is known', () => {
    const known = (k: string) => ['منظمه', 'التقرير', 'الوزاره'].includes(k);
    expect(stripAttachedPreposition(foldKey('لمنظمة'), known)).toEqual({ strip: 1, key: 'منظمه' });
    expect(stripAttachedPreposition(foldKey('للتقرير'), known)).toEqual({ strip: 2, key: 'التقرير' });
    expect(stripAttachedPreposition(foldKey('بالوزارة'), known)).toEqual({ strip: 1, key: 'الوزاره' });
    expect(stripAttachedPreposition(foldKey('بلال'), known)).toBeNull();
    expect(stripAttachedPreposition(foldKey('كمال'), known)).toBeNull();
  });

  it('reads a source through a glued preposition ("وفقا لمنظمة الصحة العالمية")', () => {
    const r = extract('ووفقا لمنظمة الصحة العالمية، فإن معدل الوفيات بلغ 2 في المئة.', { language: 'ar' });
    expect(r.claims[0]!.speaker.name).toBe('منظمة الصحة العالمية');
  });

  it('documentIssuer: data and reports speak for their issuer, or for the organisation quoted last', () => {
    const named = extract('ويعاني الاقتصاد من ضعف النمو، بحسب بيانات المعهد الوطني للإحصاء.', { language: 'ar' });
    expect(named.claims[0]!.speaker.name).toBe('المعهد الوطني للإحصاء');
    const bare = extract('قالت منظمة العفو الدولية، في تقرير، إن المحتجزين تعرضوا للضرب.\nووفقا للتقرير، فإن العائلات دفعت مبالغ كبيرة.', { language: 'ar' });
    expect(bare.claims.map((c) => c.speaker.name)).toEqual(['منظمة العفو الدولية', 'منظمة العفو الدولية']);
    const byHead = extract('أعلنت وزارة الصحة العمومية تسجيل 40 إصابة جديدة.\nوبحسب معطيات الوزارة، فإن التغطية تراجعت.', { language: 'ar' });
    expect(byHead.claims[1]!.speaker.name).toBe('وزارة الصحة العمومية');
  });

  it('isStatementSetting: "في ختام تقريرها" and "في كلمته" end a speaker phrase, "في السودان" does not', () => {
    const lex = preparedLexicon('ar');
    for (const w of ['بيان', 'المقابلة', 'ختام', 'تقريرها', 'كلمته']) expect(isStatementSetting(foldKey(w), lex), w).toBe(true);
    for (const w of ['السودان', 'حكومة', 'محافظة']) expect(isStatementSetting(foldKey(w), lex), w).toBe(false);
    const r = extract('قالت منظمة العفو الدولية إن المراكز مكتظة.\nوأكدت المنظمة في ختام تقريرها أن "التعاون يجب أن يكون مشروطا".', { language: 'ar' });
    expect(r.claims[1]!.speaker.name).toBe('منظمة العفو الدولية');
  });

  it('appositiveName: prefers the name after the comma over a title with a place in it', () => {
    const r = extract('وأكد المدير الجهوي للصحة بجهة سوس ماسة، الدكتور عبد الإله بنعلي، أن اللقاح آمن.', { language: 'ar' });
    expect(r.claims[0]!.speaker.name).toBe('عبد الإله بنعلي');
    expect(r.speakers[0]!.role).toBe('المدير الجهوي للصحة بجهة سوس ماسة');
    // An appositive that is a role, not a name, leaves the speaker alone.
    const role = extract('وقال سامي حداد، مدير المركز، إن الأرقام دقيقة.', { language: 'ar' });
    expect(role.claims[0]!.speaker.name).toBe('سامي حداد');
  });

  it('knows heads of banks and professional bodies as roles (محافظ، نقيب)', () => {
    const r = extract('رجح محافظ البنك المركزي منير الحمامي أن يتراجع التضخم.\nواعتبر نقيب الأطباء معاوية الطيب أن الأرقام ناقصة.\nوأقر المحافظ بأن الاحتياطيات تراجعت.', { language: 'ar' });
    expect(r.claims.map((c) => c.speaker.name)).toEqual(['منير الحمامي', 'معاوية الطيب', 'منير الحمامي']);
  });

  it('isQuotedNameLead: a quote after a preposition or institution head is a name, not the statement', () => {
    const lex = preparedLexicon('ar');
    const tok = (w: string) => ({ text: w, key: foldKey(w), start: 0, end: w.length, word: true, glued: false });
    for (const w of ['في', 'مع', 'حزب', 'الحركة']) expect(isQuotedNameLead(tok(w), lex), w).toBe(true);
    for (const w of ['قال', 'إن', 'الوزير']) expect(isQuotedNameLead(tok(w), lex), w).toBe(false);
    const r = extract('وأضافت الهيئة، في بيان نشرته على قناتها في "تلغرام"، أن الحطام تسبب في أضرار بمبنى سكني.', { language: 'ar' });
    expect(r.claims).toHaveLength(1);
    expect(r.claims[0]!.text).toBe('وأضافت الهيئة، في بيان نشرته على قناتها في "تلغرام"، أن الحطام تسبب في أضرار بمبنى سكني');
    const quoted = extract('وقال الوزير سامي حداد "الاتفاق مهم".', { language: 'ar' });
    expect(quoted.claims[0]!.speaker.name).toBe('سامي حداد');
  });

  it('relayedInAppositive: "وذكرت صحيفة X، نقلا عن Y، أن" quotes Y through X', () => {
    const r = extract('وذكرت صحيفة "إزفستيا"، نقلا عن مصدر عسكري روسي، أن القوات تقدمت ثلاثة كيلومترات.', { language: 'ar' });
    expect(r.claims[0]!.speaker).toMatchObject({ name: 'مصدر عسكري روسي', unnamed: true });
    expect(r.claims[0]!.outlets[0]).toMatchObject({ name: 'إزفستيا', role: 'original' });
    expect(isNisba(foldKey('عسكري')) && isNisba(foldKey('روسي'))).toBe(true);
    expect(isNisba(foldKey('حداد'))).toBe(false);
    // Without the source cue the outlet stays the speaker, named as the text describes it.
    const plain = extract('وذكرت صحيفة "إزفستيا"، في عددها الصادر اليوم، أن القوات تقدمت ثلاثة كيلومترات.', { language: 'ar' });
    expect(plain.claims[0]!.speaker.name).toBe('صحيفة "إزفستيا"');
  });

  it('isTitledRole: a headline quote by title alone ("وزير الصحة:"), not by a bare indefinite role', () => {
    expect(extract('وزير الصحة: الوضع الوبائي تحت السيطرة ولا داعي للهلع', { language: 'ar' }).claims[0]).toMatchObject({ cue: ':', speaker: { name: 'وزير الصحة' } });
    expect(extract('نائب: الوزارة أنفقت 80 مليار دولار دون حل الأزمة', { language: 'ar' }).claims).toEqual([]);
  });
});

describe('claim boundaries', () => {
  it('splits a sentence at clause connectors outside quotes, not inside them', () => {
    const text = 'وقال الوزير سامي حداد إن "الاتفاق مهم، علما أن التفاصيل لم تحسم"، لكن "التنفيذ سيستغرق وقتا".';
    const r = extract(text, { language: 'ar' });
    expect(r.claims.map((c) => c.text)).toEqual(['وقال الوزير سامي حداد إن "الاتفاق مهم، علما أن التفاصيل لم تحسم"', 'لكن "التنفيذ سيستغرق وقتا"']);
    expect(r.claims.every((c) => c.speaker.name === 'سامي حداد')).toBe(true);
  });

  it('ends a direct quotation at its closing quote when the writer carries on', () => {
    const r = extract('وأقر الوزير سامي حداد بأن "الوضع صعب"، مع أن الزيارة كانت مقررة.', { language: 'ar' });
    expect(r.claims.map((c) => c.text)).toEqual(['وأقر الوزير سامي حداد بأن "الوضع صعب"']);
  });

  it('yields two claims for a trailing source followed by a relative cue', () => {
    const text = 'تحدثنا مع سامي حداد، الخبير الاقتصادي.\nبالتالي فإن الأسعار سترتفع بحسب الخبير الذي لفت إلى أن الأجور ثابتة.';
    const r = extract(text, { language: 'ar' });
    expect(r.claims.map((c) => [c.cue, c.speaker.name])).toEqual([['بحسب', 'سامي حداد'], ['لفت', 'سامي حداد']]);
    expect(r.claims[1]!.text.startsWith('لفت')).toBe(true);
  });

  it('drops a trailing clause that only adds circumstances', () => {
    const r = extract('The minister said 40 schools would reopen, in a move aimed at calming parents.', { language: 'en' });
    expect(r.claims[0]!.text).toBe('The minister said 40 schools would reopen');
  });

  it('ignores cue words inside a quotation', () => {
    const r = extract('"We see it in states that never had cases," he said.', { language: 'en' });
    expect(r.claims).toHaveLength(0);
    const r2 = extract('Jane Roe said the count rose.\n"We see it in states that never had cases," she said.', { language: 'en' });
    expect(r2.claims.map((c) => c.cue)).toEqual(['said', 'said']);
  });

  it('prefers a postposed cue to a headline colon', () => {
    const r = extract('Faim au Sahel : « La situation est grave », alerte Oxfam', { language: 'fr' });
    expect(r.claims).toHaveLength(1);
    expect(r.claims[0]).toMatchObject({ cue: 'alerte', speaker: { name: 'Oxfam' } });
    expect(extract('Grève à la SNCF : le trafic sera perturbé jeudi', { language: 'fr' }).claims).toEqual([]);
  });

  it('reads relayed statements and direct objects in Arabic', () => {
    const relay = extract('نقلت وكالة الأنباء الرسمية (سانا) عن مصدر عسكري قوله إن الهجوم صُد.', { language: 'ar' });
    expect(relay.claims[0]).toMatchObject({ speaker: { name: 'مصدر عسكري', unnamed: true } });
    expect(relay.claims[0]!.outlets[0]).toMatchObject({ name: 'سانا', role: 'original' });
    const direct = extract('أعلن الجيش الإسرائيلي، اليوم الأحد، مقتل ثلاثة من جنوده.', { language: 'ar' });
    expect(direct.claims[0]).toMatchObject({ cue: 'أعلن', speaker: { name: 'الجيش الإسرائيلي' } });
  });
});

describe('outlets', () => {
  const mentions = (text: string, lang: Language) => {
    const { lex, norm, tokens } = tokensOf(text, lang);
    return findOutletMentions(tokens, 0, tokens.length, lex, norm).map((m) => [m.name, m.kind]);
  };

  it('finds keyword + name outlets in Arabic, quoted or not', () => {
    expect(mentions('قالت صحيفة "لو فيغارو" الفرنسية', 'ar')).toEqual([['لوفيغارو', 'newspaper']]);
    expect(mentions('نقلت وكالة رويترز عن مصدر', 'ar')).toEqual([['رويترز', 'agency']]);
    expect(mentions('في مقابلة مع قناة الميادين اللبنانية', 'ar')).toEqual([['الميادين', 'broadcaster']]);
  });

  it('finds outlets in English and French', () => {
    expect(mentions('He told CNN on Monday', 'en')).toEqual([['CNN', 'broadcaster']]);
    expect(mentions("a-t-il indiqué à l'agence Anadolu", 'fr')).toEqual([['Anadolu', 'agency']]);
    expect(mentions('Le Monde a révélé', 'fr')).toEqual([['Le Monde', 'newspaper']]);
    expect(mentions('le monde entier', 'fr')).toEqual([]);
  });

  it('turns messaging links into distribution channels', () => {
    expect(channelFromUrl('https://telegram.me/some_channel')).toMatchObject({ name: 'some_channel', kind: 'channel' });
    expect(channelFromUrl('t.me/news123')).toMatchObject({ name: 'news123' });
    expect(channelFromUrl('https://example.com/article')).toBeNull();
  });

  it('chains interview → publisher → channel and numbers the hops', () => {
    const text = 'وقال الوزير سامي حداد في مقابلة مع قناة الميادين إن الحل قريب.\nhttps://t.me/news_channel';
    const r = extract(text, { publisher: 'Example News' });
    expect(r.claims[0]!.outlets).toEqual([
      { name: 'الميادين', role: 'interview', order: 1, url: null },
      { name: 'Example News', role: 'republished', order: 2, url: null },
      { name: 'news_channel', role: 'distributed', order: 3, url: 'https://t.me/news_channel' },
    ]);
  });

  it('credits the clause subject when a leading source is an outlet', () => {
    const fr = extract("Selon l'AFP, le ministère de la Santé a recensé 40 cas.", { language: 'fr' });
    expect(fr.claims[0]).toMatchObject({ speaker: { name: 'le ministère de la Santé' }, cue: 'Selon' });
    expect(fr.claims[0]!.outlets).toEqual([{ name: 'AFP', role: 'original', order: 1, url: null }]);
    const en = extract('According to Reuters, the central bank raised rates by 2 points.', { language: 'en' });
    expect(en.claims[0]!.speaker.name).toBe('the central bank');
    const ar = extract('وبحسب وكالة رويترز، فإن وزارة الصحة أحصت 40 إصابة.', { language: 'ar' });
    expect(ar.claims[0]!.speaker.name).toBe('وزارة الصحة');
    // Without an institutional subject the outlet stays the source.
    expect(extract("Selon l'agence Reuters, le coût total dépasse 300 millions d'euros.", { language: 'fr' }).claims[0]!.speaker.name).toBe('Reuters');
  });

  it('makes the publisher the original hop when nothing precedes it', () => {
    const r = extract('The ministry said that 12 schools reopened.', { publisher: 'Daily Example' });
    expect(r.claims[0]!.outlets).toEqual([{ name: 'Daily Example', role: 'original', order: 1, url: null }]);
  });
});

describe('noise detectors', () => {
  it('finds URLs, trimming trailing punctuation', () => {
    expect(findUrls('see https://t.me/abc. and www.example.com/x,')).toEqual([
      { start: 4, end: 20, url: 'https://t.me/abc' },
      { start: 26, end: 43, url: 'www.example.com/x' },
    ]);
  });

  it('detects a photo credit with its caption up to the glued sentence', () => {
    const text = 'Reuters John Smith الرئيس يصافح نظيره';
    const { line, tokens, lex } = wholeLine(text, 'ar');
    const hit = photoCreditAt(tokens, line, lex, text.length);
    expect(hit).toMatchObject({ reason: 'photo_credit', agency: 'Reuters', start: 0, end: text.length });
  });

  it('detects an unknown agency credit in Arabic text by its Latin capitals', () => {
    const text = 'Novosti Ivan Petrov المشاركون في القمة';
    const { line, tokens, lex } = wholeLine(text, 'ar');
    expect(photoCreditAt(tokens, line, lex, text.length)?.agency).toBe('Novosti');
  });

  it('does not take an ordinary sentence for a credit', () => {
    const text = 'Reuters reported that talks resumed.';
    const { line, tokens, lex } = wholeLine(text, 'en');
    expect(photoCreditAt(tokens, line, lex, text.length)).toBeNull();
  });

  it('recognises merged headline runs', () => {
    const text = 'محادثات عسكرية في موسكو .. الخندق الواحد';
    const { tokens } = wholeLine(text, 'ar');
    expect(looksLikeHeadlineRun(text, tokens, 0, tokens.length, false)).toBe(true);
    const prose = 'التقى الوزير نظيره الروسي، وبحثا الملف';
    const p = wholeLine(prose, 'ar');
    expect(looksLikeHeadlineRun(prose, p.tokens, 0, p.tokens.length, false)).toBe(false);
  });

  it('separates related headlines, credits, teasers, bylines and share lines from claims', () => {
    const text = [
      'By Jane Doe',
      'The mayor said that 300 homes were flooded.',
      'Read more: Floods hit the north',
      'Share this article',
    ].join('\n');
    const r = extract(text, { language: 'en' });
    expect(r.noise.map((n) => n.reason)).toEqual(['byline', 'teaser', 'share_link']);
    expect(r.claims).toHaveLength(1);
  });

  it('recognises date stamps, dash datelines and trailing agency credits', () => {
    const text = 'الأربعاء 09 ديسمبر 2015 12:30\nبيروت - سبوتنيك. قال النائب سامي حداد إن الجلسة أرجئت.\nوأوضح حداد أن المشاورات مستمرة (أ ف ب).';
    const r = extract(text, { language: 'ar' });
    expect(r.noise.map((n) => [n.reason, n.text])).toEqual([
      ['masthead', 'الأربعاء 09 ديسمبر 2015 12:30'],
      ['byline', 'بيروت - سبوتنيك.'],
      ['byline', '(أ ف ب)'],
    ]);
    expect(r.claims.map((c) => c.text)).toEqual(['قال النائب سامي حداد إن الجلسة أرجئت', 'وأوضح حداد أن المشاورات مستمرة']);
    expect(r.claims[0]!.outlets[0]).toMatchObject({ name: 'سبوتنيك', role: 'original' });
  });

  it('splits glued related headlines from the headline quote and the body', () => {
    const text = 'لقاء في القاهرة .. ملف المياه وزارة الري: المخزون يكفي لعامين كاملينوأكد الوزير هاني سويلم أن المخزون آمن.';
    const r = extract(text, { language: 'ar' });
    expect(r.noise.find((n) => n.reason === 'related_headline')?.text).toBe('لقاء في القاهرة .. ملف المياه');
    expect(r.claims.map((c) => c.text)).toEqual(['وزارة الري: المخزون يكفي لعامين كاملين', 'وأكد الوزير هاني سويلم أن المخزون آمن']);
  });
});

describe('kind and check-worthiness', () => {
  const lex = preparedLexicon('en');
  const f = (text: string, q = false) => {
    const toks = tokenize(normalize(text).text);
    return features(toks, 0, toks.length, lex, q);
  };

  it('classifies by cue hint first, then by wording', () => {
    expect(classifyKind('question', f('about the plan'))).toBe('question');
    expect(classifyKind(null, f('prices will rise next year'))).toBe('prediction');
    expect(classifyKind('opinion', f('the plan exists'))).toBe('opinion');
    expect(classifyKind(null, f('the plan is unacceptable'))).toBe('opinion');
    expect(classifyKind(null, f('the plan was approved'))).toBe('factual');
    expect(classifyKind(null, f('is it approved', true))).toBe('question');
  });

  it('recognises the Arabic future prefix without catching nouns', () => {
    expect(isArabicFutureVerb(foldKey('ستمثل'))).toBe(true);
    expect(isArabicFutureVerb(foldKey('سيكون'))).toBe(true);
    expect(isArabicFutureVerb(foldKey('سياسة'))).toBe(false);
    expect(isArabicFutureVerb(foldKey('سيارات'))).toBe(false);
  });

  it('never lowers the score when a specific is added', () => {
    const base = 'the minister approved the plan';
    const richer = [
      'the minister approved the plan for 3 regions',
      'the minister approved the plan in March 2024',
      'the minister approved the plan for 3 million people in March 2024, more than Germany',
    ];
    const s0 = checkworthiness('factual', f(base));
    let prev = s0;
    for (const t of richer) {
      const s = checkworthiness('factual', f(t));
      expect(s).toBeGreaterThanOrEqual(prev);
      prev = s;
    }
    expect(prev).toBeGreaterThan(s0);
  });

  it('scores opinions and questions below the same factual wording', () => {
    const feats = f('the plan costs 5 million dollars');
    expect(checkworthiness('opinion', feats)).toBeLessThan(checkworthiness('factual', feats));
    expect(checkworthiness('question', feats)).toBeLessThan(checkworthiness('opinion', feats));
    for (const k of ['factual', 'opinion', 'question', 'prediction'] as const) {
      const s = checkworthiness(k, feats);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
    }
  });
});

describe('language detection', () => {
  it('uses the Arabic script ratio even with Latin names and links', () => {
    expect(detectLanguage('قال الخبير Igor Delanoë إن https://telegram.me/x الوضع تغير كثيرا')).toBe('ar');
    expect(arabicRatio('abc')).toBe(0);
  });

  it('separates English and French by function words', () => {
    expect(detectLanguage('The minister said that the plan was approved by the council.')).toBe('en');
    expect(detectLanguage("Le ministre a déclaré que le plan a été approuvé par le conseil.")).toBe('fr');
    expect(detectLanguage('')).toBe('en');
  });
});

describe('robustness', () => {
  it('handles empty and whitespace-only input', () => {
    expect(extract('').claims).toEqual([]);
    expect(extract(' \n\r\n ').noise).toEqual([]);
  });

  it('keeps its invariants on random mixed-script input', () => {
    const pieces = ['قال', 'وقال', 'الخبير', 'إن', 'أن', '"', '«', '»', '،', '.', '؟', ':', '\n', '\r\n', '\u00a0', 'ـ', 'َ', 'said', 'that', 'According to', 'selon', "l'AFP", 'Sputnik', 'https://t.me/x', 'بحسب', 'لكن', 'Reuters', 'John Smith', ',', '😀', 'هيئة', 'وذكر', 'فقد', '(', ')', '-', 'a-t-il ajouté'];
    let seed = Number(process.env.FUZZ_SEED ?? 7);
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < Number(process.env.FUZZ_N ?? 200); n++) {
      const text = Array.from({ length: 5 + Math.floor(rnd() * 60) }, () => pieces[Math.floor(rnd() * pieces.length)]).join(rnd() < 0.7 ? ' ' : '');
      const r = extract(text);
      for (const c of r.claims) {
        expect(c.start).toBeGreaterThanOrEqual(0);
        expect(c.end).toBeLessThanOrEqual(text.length);
        expect(c.end).toBeGreaterThan(c.start);
        expect(text.slice(c.start, c.end)).toBe(c.text);
        expect(c.outlets.map((o) => o.order)).toEqual(c.outlets.map((_, i) => i + 1));
      }
      for (const x of r.noise) {
        expect(text.slice(x.start, x.end)).toBe(x.text);
        for (const c of r.claims) expect(Math.min(c.end, x.end) <= Math.max(c.start, x.start), `${x.text} in ${c.text}`).toBe(true);
      }
      expect(r.outlets.map((o) => o.order)).toEqual(r.outlets.map((_, i) => i + 1));
    }
  });

  it('stays linear on pathological input', () => {
    const parts = [
      'قال '.repeat(50_000),
      'a'.repeat(300_000),
      '"'.repeat(50_000),
      'وقال الخبير إن '.repeat(20_000),
      'https://t.me/' + 'x'.repeat(100_000),
      Array.from({ length: 5_000 }, (_, i) => `وقال ${'سعد'.repeat(1 + (i % 7))} ${'نور'.repeat(1 + ((i * 3) % 11))} إن الخبر ${i}.`).join(' '),
      Array.from({ length: 5_000 }, (_, i) => `Officials told ${['CNN', 'the BBC', 'Reuters'][i % 3]} that item ${i} is late, according to sources.`).join(' '),
    ];
    for (const text of parts) {
      const t0 = performance.now();
      const r = extract(text);
      for (const c of r.claims.slice(0, 50)) expect(text.slice(c.start, c.end)).toBe(c.text);
      expect(performance.now() - t0, text.slice(0, 20)).toBeLessThan(5_000);
    }
  });
});
