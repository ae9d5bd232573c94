import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extraction/index.ts';
import type { Language } from '../../src/extraction/index.ts';
import { normalize } from '../../src/extraction/normalize.ts';
import { tokenize } from '../../src/extraction/tokens.ts';
import { preparedLexicon } from '../../src/extraction/prepared.ts';
import { findOutletMentions } from '../../src/extraction/outlets.ts';
import { gazetteerSize, knownOutletAt, outletByName } from '../../src/extraction/gazetteer.ts';
import { newsOutlets } from '../../src/extraction/lexicon/news-outlets.ts';

// Sentences below are written for these tests; outlets are real, statements invented.

function mentions(text: string, language: Language): string[] {
  const norm = normalize(text);
  const tokens = tokenize(norm.text);
  return findOutletMentions(tokens, 0, tokens.length, preparedLexicon(language), norm).map((m) => m.name);
}

function outletsOf(text: string, language: Language): { claim: string; outlets: string[] }[] {
  return extract(text, { language }).claims.map((c) => ({ claim: c.text, outlets: c.outlets.map((o) => `${o.name}/${o.role}`) }));
}

describe('outlet gazetteer', () => {
  it('holds at least 400 outlets, each with a kind, a country and a spelling, and no spelling twice in one script', () => {
    expect(gazetteerSize().outlets).toBeGreaterThanOrEqual(400);
    for (const o of newsOutlets) {
      expect(o.kind, o.name).toMatch(/^(newspaper|agency|broadcaster|website|channel)$/);
      expect(o.country, o.name).toMatch(/^(?:[A-Z]{2}|INT)$/);
      for (const list of [[o.name, ...(o.latin ?? [])], o.fr ?? [], o.ar ?? []]) expect(new Set(list).size, o.name).toBe(list.length);
    }
  });

  it('knows one outlet by its spellings in every script, abbreviations included', () => {
    for (const spelling of ['AFP', 'Agence France-Presse', 'فرانس برس', 'أ ف ب']) expect(outletByName(spelling)?.outlet.name, spelling).toBe('AFP');
    expect(outletByName('رويترز')?.outlet).toBe(outletByName('Reuters')?.outlet);
    expect(outletByName('Une agence inconnue')).toBeNull();
  });

  it('names an outlet in the script it is written in', () => {
    expect(mentions('نقلت وكالة رويترز عن مصدر حكومي', 'ar')).toEqual(['رويترز']);
    expect(mentions('قال مسؤول لشبكة CNN إن المحادثات مستمرة', 'ar')).toEqual(['CNN']);
    expect(mentions('He told Reuters the talks would resume.', 'en')).toEqual(['Reuters']);
    expect(mentions('Two-letter names count too, AP said.', 'en')).toEqual(['AP']);
  });

  it('trusts a name that is also an ordinary word only after a keyword or a speech construction', () => {
    expect(mentions('وقال إن الحياة عادت إلى طبيعتها في المدينة', 'ar')).toEqual([]);
    expect(mentions('ونشرت صحيفة الحياة تقريرا عن المدينة', 'ar')).toEqual(['الحياة']);
    expect(mentions('وتبلغ قدرة المحطة ألف ميغا وات', 'ar')).toEqual([]);
    expect(mentions('وقال الوزير في تصريح لـ(وات) إن الموسم جيد', 'ar')).toEqual(['وات']);
    expect(mentions('Visitors to Petra rose last year.', 'en')).toEqual([]);
  });

  it('flags only the spellings that are ordinary words: "Al Jazeera" and "التايمز" need no context, "الجزيرة" does', () => {
    expect(mentions('Al Jazeera reported heavy shelling overnight.', 'en')).toEqual(['Al Jazeera']);
    expect(mentions('وقالت التايمز إن الحكومة ستعلن خطتها', 'ar')).toEqual(['التايمز']);
    expect(mentions('وصل الوفد إلى الجزيرة العربية', 'ar')).toEqual([]);
  });

  it('reads a name with a preposition glued to a short first word, a possessive or a hashtag', () => {
    expect(mentions('وقال المحامي لبي بي سي إن الحكم نهائي', 'ar')).toEqual(['بي بي سي']);
    expect(mentions("The BBC's correspondent said the vote was close.", 'en')).toEqual(['BBC']);
    expect(mentions('وقال مهندس لصحيفة "#الغارديان" إن التقرير داخلي', 'ar')).toEqual(['الغارديان']);
  });

  it('matches Latin names on case, so a common phrase is not an outlet', () => {
    expect(mentions('Le Monde a publié une enquête.', 'fr')).toEqual(['Le Monde']);
    expect(mentions('Le monde entier regarde.', 'fr')).toEqual([]);
    expect(knownOutletAt(tokenize('the sun rose'), 1, true)).toBeNull();
  });
});

describe('outlets the gazetteer lacks', () => {
  it('reads a name after an outlet keyword up to its boundary, leaving descriptions and the statement out', () => {
    expect(mentions('وقال لصحيفة "الصباح الجديد" العراقية إن الاتفاق قريب', 'ar')).toEqual(['الصباح الجديد']);
    expect(mentions('وذكرت وكالة الأنباء الكينية أن الأمطار توقفت', 'ar')).toEqual(['وكالة الأنباء الكينية']);
    expect(mentions('وقالت وكالة الأنباء الرسمية "نجمة" إن الطريق فتح', 'ar')).toEqual(['نجمة']);
    expect(mentions('وبثت قناة الرافدين مقابلة مع الوزير', 'ar')).toEqual(['الرافدين']);
    expect(mentions('in an interview with the Valley Courier on Monday', 'en')).toEqual(['Valley Courier']);
    expect(mentions("a-t-il confié au Journal du Centre lundi", 'fr')).toEqual(['Journal du Centre']);
  });

  it('leaves out waterways, space agencies, social networks and audiences', () => {
    expect(mentions('وعبرت السفينة قناة السويس أمس', 'ar')).toEqual([]);
    expect(mentions('وأطلقت وكالة الفضاء الأوروبية قمرا جديدا', 'ar')).toEqual([]);
    expect(mentions('وكتب على موقع "تويتر" أن الاجتماع انتهى', 'ar')).toEqual([]);
    expect(mentions('She told the Senate committee that funds were short.', 'en')).toEqual([]);
    expect(mentions('He told a Russian television station that he would stay.', 'en')).toEqual([]);
    expect(mentions('He told the Daily Example newspaper that he would stay.', 'en')).toEqual(['Daily Example']);
  });

  it('names state media by what they are', () => {
    expect(mentions('an interior ministry spokesman told state television.', 'en')).toEqual(['state television']);
    expect(mentions('وأفاد التلفزيون الرسمي بأن الانتخابات ستجري في موعدها', 'ar')).toEqual(['التلفزيون الرسمي']);
  });
});

describe('outlet hops of claims', () => {
  it('gives the interview role to the outlet spoken to and the original role to the outlet relaying', () => {
    expect(outletsOf('The minister told the BBC that the border would reopen.', 'en')[0]!.outlets).toEqual(['BBC/interview']);
    expect(outletsOf('Le ministre a déclaré à BFMTV que la réforme serait votée.', 'fr')[0]!.outlets).toEqual(['BFMTV/interview']);
    expect(outletsOf('وقال وزير النقل سامر حداد لوكالة الأناضول إن المعبر سيفتح غدا.', 'ar')[0]!.outlets).toEqual(['الأناضول/interview']);
    expect(outletsOf('وقال الخبير في مقابلة مع "العربية.نت" إن الأسعار سترتفع.', 'ar')[0]!.outlets).toEqual(['العربية/interview']);
    // A name that starts with lam is not "to" the outlet: "لوموند" speaks itself.
    expect(outletsOf('وقالت لوموند إن الحكومة ستستقيل.', 'ar')[0]!.outlets).toEqual(['لوموند/original']);
  });

  it('gives an outlet named after the statements of a sentence to each of them', () => {
    const claims = outletsOf('وقال المتحدث باسم الحكومة إن "الموازنة ستقر قريبا"، مضيفا أن "العجز سيتراجع"، وفقا لما نقلته وكالة الأنباء الأردنية "بترا".', 'ar');
    expect(claims.length).toBe(2);
    for (const c of claims) expect(c.outlets, c.claim).toEqual(['بترا/original']);
  });

  it('reads "the agency" as the outlet named last', () => {
    const claims = outletsOf('وذكرت وكالة سانا أن الطريق الدولي فتح أمام المسافرين. وأضافت الوكالة أن حركة الشاحنات ستستأنف الأسبوع المقبل.', 'ar');
    expect(claims.map((c) => c.outlets)).toEqual([['سانا/original'], ['سانا/original']]);
  });

  it('keeps an interview outlet with the same speaker until another venue takes over, and gives it to the lead statement', () => {
    const text = [
      'أعلن وزير الخارجية سامر حداد أن بلاده ستعيد فتح سفارتها.',
      'وقال حداد في مقابلة مع قناة الميادين إن "القرار اتخذ بعد مشاورات طويلة".',
      'وأضاف أن الخطوة ستتبعها زيارات متبادلة.',
      'وقال حداد في بيان لاحق إن الوزارة ستصدر تأشيرات جديدة.',
    ].join(' ');
    expect(outletsOf(text, 'ar').map((c) => c.outlets)).toEqual([['الميادين/interview'], ['الميادين/interview'], ['الميادين/interview'], []]);
  });

  it('does not hand an interview outlet to another speaker', () => {
    const text = 'وقال الوزير سامر حداد لقناة الميادين إن القرار نهائي. وقالت النائبة ليلى خوري إن البرلمان سيناقش القرار.';
    expect(outletsOf(text, 'ar').map((c) => c.outlets)).toEqual([['الميادين/interview'], []]);
  });
});
