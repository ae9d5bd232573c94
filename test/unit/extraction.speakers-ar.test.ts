import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extraction/index.ts';

/** Speaker name of the Arabic claim whose text contains `fragment`. */
function speakerOf(text: string, fragment: string): string | undefined {
  const claim = extract(text, { language: 'ar' }).claims.find((c) => c.text.includes(fragment));
  return claim?.speaker.name;
}

describe('Arabic speakers before an auxiliary كان', () => {
  const lead = 'قال وزير الداخلية سمير العلي إن الوضع مستقر في العاصمة.\n';

  it('reads the subject between كان and the cue without قد', () => {
    const text = lead + 'وكانت الحكومة الانتقالية أعلنت أن الانتخابات ستجرى في موعدها.';
    expect(speakerOf(text, 'الانتخابات ستجرى')).toBe('الحكومة الانتقالية');
  });

  it('reads a subject holding quote marks before قد', () => {
    const text = lead + 'وكان متحدث باسم "جبهة الإنقاذ" قد قال إن الحوار توقف منذ أسابيع.';
    expect(speakerOf(text, 'الحوار توقف')).toContain('جبهة الإنقاذ');
  });

  it('keeps an agency name with its bracketed acronym whole', () => {
    const text = lead + 'وكانت وكالة الأنباء الوطنية (ونا) ذكرت أن القوات انسحبت من المعبر.';
    expect(speakerOf(text, 'القوات انسحبت')).toBe('وكالة الأنباء الوطنية (ونا)');
  });

  it('leaves a relative clause between كان and the cue to its own subject', () => {
    const text = lead + 'وكانت القضية ما تزال أمام القاضي الذي قال إن الأدلة غير كافية.';
    expect(speakerOf(text, 'الأدلة غير كافية')).not.toContain('القضية');
  });

  it('leaves a subordinate clause opened before the cue to its own subject', () => {
    const text = lead + 'وكان لبرهام نظرة أكثر تفاؤلا حيال مستقبل الاتفاق، حيث قال: "كل شيء سيمضي كما خططنا".';
    expect(speakerOf(text, 'كل شيء سيمضي')).not.toContain('نظرة');
  });
});

describe('Arabic documents speaking for their issuer', () => {
  const text = [
    'قال وزير الداخلية سمير العلي إن الوضع مستقر في العاصمة.',
    'وأعلن وزراء خارجية الدول الثلاث في بيان مشترك أن الاتفاق باق.',
    'وجاء في البيان أن الدول مصممة على حماية شركاتها.',
    'وقال البيان أيضا "نتوقع أن يستمر العمل بالاتفاق".',
  ].join('\n');

  it('gives a bare definite document to whoever issued that kind of document last', () => {
    expect(speakerOf(text, 'مصممة على حماية')).toBe('وزراء خارجية الدول الثلاث');
  });

  it('reads an adverb after the document as no issuer of its own', () => {
    expect(speakerOf(text, 'نتوقع أن يستمر')).toBe('وزراء خارجية الدول الثلاث');
  });
});

describe('Arabic role constructs', () => {
  it('reads a role annexed to a definite noun through bare nouns as definite: the person holding it', () => {
    const text = [
      'أعلن محافظ البنك المركزي الكيني جوزيف أومولو، الأحد، أن التضخم تراجع.',
      'وقال محافظ "مصرف التنمية الكيني"، خلال ندوة، إن "الأسعار ستستقر".',
    ].join('\n');
    expect(speakerOf(text, 'الأسعار ستستقر')).toBe('جوزيف أومولو');
  });

  it('keeps a role followed by a preposition an unnamed source', () => {
    const text = 'وقال متحدث باسم الجيش إن العملية انتهت.';
    const claim = extract(text, { language: 'ar' }).claims.find((c) => c.text.includes('العملية انتهت'));
    expect(claim?.speaker.unnamed).toBe(true);
  });
});

describe('Arabic envoy titles', () => {
  it('keeps لدى inside an envoy role, so the name after it speaks', () => {
    const text = 'وقالت السفيرة الكندية لدى الأمم المتحدة ماري لوبيز، في جلسة طارئة، إن "الهجوم مرفوض".';
    expect(speakerOf(text, 'الهجوم مرفوض')).toBe('ماري لوبيز');
  });

  it('still reads لدى after a plain subject as the start of a circumstance', () => {
    const text = 'وقال وزير الخارجية سامر نجم لدى وصوله إلى المطار إن "الزيارة مهمة".';
    expect(speakerOf(text, 'الزيارة مهمة')).toBe('سامر نجم');
  });
});

describe('Arabic names introduced by a title', () => {
  it('keeps a long name whose fourth word is a particle whole', () => {
    const text = [
      'قال الشيخ ناصر بن فهد آل سالم: "المبادرة خطوة أولى".',
      'وأضاف أن "الحوار هو الطريق الوحيد".',
    ].join('\n');
    expect(speakerOf(text, 'الحوار هو الطريق')).toBe('ناصر بن فهد آل سالم');
  });
});

describe('Arabic outlets quoted as sources', () => {
  it('names the outlet by the fullest description the text gives', () => {
    const text = [
      'وقالت وكالة الأنباء الأردنية إن الحدود أغلقت.',
      'وقالت بترا أيضا إن المعبر سيفتح غدا.',
    ].join('\n');
    expect(speakerOf(text, 'المعبر سيفتح')).toBe('وكالة الأنباء الأردنية');
  });

  it('leaves a reporter of an outlet out of the outlet name', () => {
    const text = 'وقال مراسل وكالة رويترز إن الاشتباكات توقفت.';
    expect(speakerOf(text, 'الاشتباكات توقفت')).not.toBe('مراسل وكالة رويترز');
  });
});

describe('Arabic unnamed sources named later', () => {
  it('gives an unnamed spokesman the name of the person later introduced with the same role', () => {
    const text = [
      'أعلن متحدث باسم بعثة الأمم المتحدة في ليبيا أن الهدنة صامدة.',
      'وقال كمال ناصر، الناطق باسم بعثة الأمم المتحدة في ليبيا، إن المحادثات ستستأنف.',
    ].join('\n');
    expect(speakerOf(text, 'الهدنة صامدة')).toBe('كمال ناصر');
  });

  it('keeps an unnamed source whose role the named person does not hold', () => {
    const text = [
      'أعلن متحدث باسم وزارة الصحة أن الإصابات تراجعت.',
      'وقال كمال ناصر، الناطق باسم بعثة الأمم المتحدة في ليبيا، إن المحادثات ستستأنف.',
    ].join('\n');
    expect(speakerOf(text, 'الإصابات تراجعت')).not.toBe('كمال ناصر');
  });
});

describe('Arabic subjects fronted after a sentence-opening connector', () => {
  it('reads the words between غير أن and the cue as its speaker', () => {
    const text = [
      'قال وزير الداخلية سمير العلي إن الوضع مستقر في العاصمة.',
      'غير أن وزير المالية، هشام الطيب، رأى، السبت، أن الأزمة ستطول.',
    ].join('\n');
    expect(speakerOf(text, 'الأزمة ستطول')).toBe('هشام الطيب');
  });
});

describe('Arabic documents with an issuing verb', () => {
  it('reads the issuer after أصدره', () => {
    const text = [
      'وقال المجلس المحلي في البلدة إن الحصار مستمر.',
      'وجاء في بيان أصدره المجلس، "لم يصل أي دواء منذ أسابيع".',
    ].join('\n');
    expect(speakerOf(text, 'لم يصل أي دواء')).toBe('المجلس المحلي في البلدة');
  });
});

describe('Arabic outlets described after their name', () => {
  it('names an outlet by its keyword and name when a description follows', () => {
    const text = 'وقالت صحيفة "نيويورك تايمز" الأمريكية الواسعة الانتشار إن المفاوضات توقفت.';
    expect(speakerOf(text, 'المفاوضات توقفت')).toBe('صحيفة "نيويورك تايمز"');
  });
});

describe('Arabic clauses about a document speak for its issuer', () => {
  it('gives "بيانا أعلنت فيه" to the subject of the verb that issued the statement', () => {
    const text = 'وأصدرت نقابة الصيادلة بيانا أعلنت فيه أن الإضراب سيستمر حتى نهاية الشهر.';
    expect(speakerOf(text, 'الإضراب سيستمر')).toBe('نقابة الصيادلة');
  });

  it('reads the issuer past a parenthetical time phrase and an object after the cue', () => {
    const text = 'أصدر وزير الزراعة المغربي بيانا، الأحد، أكد فيه أن المحصول سيتجاوز التوقعات.';
    expect(speakerOf(text, 'المحصول سيتجاوز')).toBe('وزير الزراعة المغربي');
    const object = 'ونشرت جمعية حماية المستهلك تقريرا اتهمت فيه الشركات بأنها رفعت الأسعار دون مبرر.';
    expect(speakerOf(object, 'رفعت الأسعار')).toBe('جمعية حماية المستهلك');
  });

  it('takes the author named after the document when no verb issued it', () => {
    const text = 'وفي تصريح لرئيس هيئة الموانئ قال فيه إن الرصيف الجديد سيفتتح في الربيع.';
    expect(speakerOf(text, 'الرصيف الجديد')).toBe('رئيس هيئة الموانئ');
  });

  it('reads ل after an issuing verb as the addressee, not the author', () => {
    const text = 'ووجه النائب سامر الحلبي رسالة لرئيس البرلمان قال فيها إن الجلسة باطلة.';
    expect(speakerOf(text, 'الجلسة باطلة')).toBe('سامر الحلبي');
  });

  it('remembers the issuer for a later definite mention of the document and its continuations', () => {
    const text = [
      'قال المحامي العام إن القضية ستنظر الشهر المقبل.',
      'وجاء ذلك بعد يوم من رفع الممثلة ليلى حداد دعوى ضد المنتج، قالت فيها إن العقد باطل.',
      'وتقول الدعوى المدنية إن المنتج لم يوقع على العقد.',
      'كما أشارت إلى أن الشهود سيمثلون أمام المحكمة.',
    ].join('\n');
    expect(speakerOf(text, 'العقد باطل')).toContain('حداد');
    expect(speakerOf(text, 'لم يوقع')).toContain('حداد');
    expect(speakerOf(text, 'الشهود سيمثلون')).toContain('حداد');
  });

  it('keeps a subject named after the resumptive word, and never an object in its place', () => {
    const lead = 'قال رئيس الوزراء كريم العلوي إن الحكومة ستصمد.\nوقال المتحدث باسم المعارضة إن الحكومة لن تصمد.\n';
    const subject = lead + 'وجاء القرار في الوقت الذي أعلن فيه كريم العلوي عن خطة جديدة للإسكان.';
    expect(speakerOf(subject, 'خطة جديدة')).toBe('كريم العلوي');
    const object = lead + 'وهي المرة الأولى التي تتهم فيها تركيا اليونان بخرق الاتفاق.';
    expect(speakerOf(object, 'بخرق الاتفاق')).not.toBe('تركيا اليونان');
  });

  it('does not take a document issued by a role holder for the holder\'s name', () => {
    const text = 'أصدر وزير الخارجية الأردني بيانا، الخميس، أكد فيه أن الحدود ستبقى مفتوحة.';
    expect(speakerOf(text, 'الحدود ستبقى')).toBe('وزير الخارجية الأردني');
  });
});

describe('Arabic subjects the verb opening the clause names', () => {
  const lead = 'قال وزير الصحة إن المستشفيات ممتلئة.\n';

  it('gives a participle closing a sentence without a cue to the subject of its first verb', () => {
    const text = lead + 'وخفض البنك الدولي، هذا الأسبوع، توقعاته للنمو في المنطقة، مشيرا إلى أن أسعار النفط ستبقى منخفضة.';
    expect(speakerOf(text, 'أسعار النفط')).toBe('البنك الدولي');
  });

  it('leaves such a participle to the last speaker when the clause opens with a bare head noun', () => {
    const text = lead + 'ووصل رئيس إلى المدينة بعد ظهر اليوم، مضيفا أن الزيارة ستستمر يومين.';
    expect(speakerOf(text, 'الزيارة ستستمر')).toBe('وزير الصحة');
  });

  it('reads the antecedent of a relative cue after a preposition or a comma', () => {
    const named = 'قال الرئيس الروسي فلاديمير بوتين إن بلاده لن تتراجع.\n' + lead + 'وجاء ذلك ردا على بوتين الذي قال إن قواته ستبقى في المنطقة.';
    expect(speakerOf(named, 'قواته ستبقى')).toBe('فلاديمير بوتين');
    const fronted = lead + 'وكان المرصد السوري لحقوق الإنسان، الذي قال إن القصف استمر طوال الليل، قد دعا إلى هدنة.';
    expect(speakerOf(fronted, 'القصف استمر')).toBe('المرصد السوري لحقوق الإنسان');
    const time = lead + 'وجاء القرار في الوقت الذي قال إن المفاوضات ستستأنف.';
    expect(speakerOf(time, 'المفاوضات ستستأنف')).toBe('وزير الصحة');
  });

  it('keeps a person the article named out of an unnamed group before them: the verb\'s object', () => {
    const text = 'وقال الرئيس السابق، سامي الحداد، إن المحاكمة ظالمة.\nويتهم محتجون ومواطنون عاديون الحداد بأنه قاد نظاما فاسدا.\nويقولون إنه مسؤول عن الأزمة.';
    expect(speakerOf(text, 'قاد نظاما')).toBe('محتجون ومواطنون عاديون');
    expect(speakerOf(text, 'مسؤول عن الأزمة')).toBe('محتجون ومواطنون عاديون');
    const close = 'وقال الرئيس السابق، سامي الحداد، إن المحاكمة ظالمة.\nوقال مصدر قريب من الحداد إن صحته تحسنت.';
    expect(speakerOf(close, 'صحته تحسنت')).toBe('مصدر قريب من الحداد');
  });

  it('lets a masculine verb continue a feminine ministry that spoke through its statement', () => {
    const text = [
      'أعلنت وزارة الخارجية الروسية دخول المحققين إلى المدينة.',
      'وقال الدفاع المدني إن عدد القتلى ارتفع.',
      'وتابع بيان الخارجية الروسية "نتطلع إلى تحقيق محايد".',
      'وتابع "أن المنظمة اكتفت حتى الآن بتحقيقات عن بعد".',
    ].join('\n');
    expect(speakerOf(text, 'اكتفت')).toBe('وزارة الخارجية الروسية');
  });

  it('cuts a subject that broke off into a clause before the particle that opened it', () => {
    const text = lead + 'وتحدثت موسكو حليفة الحكومة عن أسباب أمنية، لكن الدول الغربية وعلى رأسها واشنطن وباريس، اتهمت الحكومة وروسيا بعرقلة وصول المحققين والعبث بالأدلة.';
    expect(speakerOf(text, 'بعرقلة')).toBe('الدول الغربية');
  });
});
