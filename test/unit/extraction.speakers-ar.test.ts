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
