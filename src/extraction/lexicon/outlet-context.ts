import type { Language, OutletKind } from '../types.ts';

// Words around an outlet name that tell how a statement reached the article:
// "told the BBC" (interview), "وفقا لما نقلته وكالة X" (relayed), "the agency"
// (the outlet named last). Written in normal spelling; the engine folds them.

export interface OutletContextLexicon {
  /** Words just before an outlet that make it the channel a statement was relayed through ("according to", "نقلته"). */
  relayWords: string[];
  /** Words just before an outlet that make it the outlet the speaker talked to ("told", "interview", "لـ"). */
  interviewWords: string[];
  /** Speech verbs after which a bare "to" (لـ، à, au) names the outlet spoken to ("قال للجزيرة", "a déclaré au Monde"). */
  speechVerbs: string[];
  /** Words after which an unknown capitalised name is an outlet ("in an interview with the X", "publié par le X"); not "told" or "selon", which people and institutions follow as often. */
  unknownNameLeads: string[];
  /** Prepositions meaning "to" before the outlet spoken to (لـ، to, à, au). */
  toWords: string[];
  /** Small words allowed between a relay/interview word and the outlet ("ما", "the", "au"). */
  linkWords: string[];
  /** Definite outlet nouns standing for the outlet named last ("the agency", "الوكالة"), with the kind they refer to. */
  anaphors: { phrase: string; kind: OutletKind | 'any' }[];
  /** Descriptions that follow an outlet name without being part of it ("الرسمية", "التلفزيونية"). */
  descriptors: string[];
  /** Generic state media, named by what they are ("state television", "التلفزيون الرسمي"). */
  stateMedia: string[];
  /** A statement venue that is not an outlet: a claim said there does not inherit an earlier interview. */
  otherVenues: string[];
}

export const outletContext: Record<Language, OutletContextLexicon> = {
  ar: {
    relayWords: ['حسب', 'بحسب', 'حسبما', 'وفقا', 'وفق', 'طبقا', 'نقلا', 'نقلت', 'نقلته', 'نقلتها', 'نقله', 'نقلها', 'ذكرته', 'ذكرتها', 'ذكره', 'أوردت', 'أوردته', 'أورده', 'أوردها', 'نشرت', 'نشرته', 'نشرتها', 'بثت', 'بثته', 'بثتها', 'بثها'],
    interviewWords: ['مقابلة', 'المقابلة', 'حوار', 'الحوار', 'حديث', 'حديثه', 'حديثها', 'تصريح', 'تصريحات', 'التصريحات', 'تصريحه', 'تصريحاته', 'لقاء', 'سؤال', 'أسئلة', 'برنامج', 'أجرته', 'أجرتها', 'أجراها', 'أجراه', 'أدلى', 'أدلت', 'تحدث', 'تحدثت'],
    speechVerbs: ['قال', 'قالت', 'أكد', 'أكدت', 'أوضح', 'أوضحت', 'صرح', 'صرحت', 'أضاف', 'أضافت', 'كشف', 'كشفت', 'أشار', 'أشارت', 'أعلن', 'أعلنت', 'أفاد', 'أفادت', 'قوله', 'قولها'],
    unknownNameLeads: [],
    toWords: ['ل', 'لـ', 'الى', 'إلى'],
    linkWords: ['مع', 'ما', 'لما', 'عنه', 'عنها', 'عنهم', 'عن', 'خاصة', 'خاص', 'صحفية', 'صحفي', 'إعلامية', 'تلفزيونية', 'إذاعية', 'أدلى', 'أدلت', 'بها', 'به', 'على', 'لـ', 'ل'],
    anaphors: [
      { phrase: 'الوكالة', kind: 'agency' },
      { phrase: 'الصحيفة', kind: 'newspaper' },
      { phrase: 'الجريدة', kind: 'newspaper' },
      { phrase: 'المجلة', kind: 'newspaper' },
      { phrase: 'القناة', kind: 'broadcaster' },
      { phrase: 'الإذاعة', kind: 'broadcaster' },
      { phrase: 'الشبكة', kind: 'broadcaster' },
      { phrase: 'التلفزيون', kind: 'broadcaster' },
      { phrase: 'الموقع', kind: 'any' },
    ],
    descriptors: [
      'الرسمية', 'الرسمي', 'الحكومية', 'الحكومي', 'شبه الرسمية', 'الإخباري', 'الإخبارية', 'التلفزيونية', 'التلفزيوني', 'الفضائية',
      'الإذاعية', 'المحلية', 'الخاصة', 'المستقلة', 'اليومية', 'الأسبوعية', 'الشهيرة', 'الواسعة الانتشار', 'المقربة', 'الموالية', 'المعارضة',
      'التابعة', 'الإلكتروني', 'الإلكترونية', 'للأنباء', 'الناطقة', 'الرسمية للأنباء',
    ],
    stateMedia: [
      'التلفزيون الرسمي', 'التلفزيون الحكومي', 'الإذاعة الرسمية', 'الإذاعة الحكومية', 'وسائل الإعلام الرسمية', 'وسائل الإعلام الحكومية',
      'الإعلام الرسمي', 'الإعلام الحكومي', 'وكالة الأنباء الرسمية', 'وكالة الأنباء الحكومية', 'التلفزيون العام', 'التلفزيون الرسمي السوري',
    ],
    otherVenues: ['بيان', 'مؤتمر', 'المؤتمر', 'كلمة', 'خطاب', 'تغريدة', 'حسابه', 'حسابها', 'جلسة', 'اجتماع', 'تويتر', 'فيسبوك', 'منشور'],
  },
  en: {
    relayWords: ['according', 'reported', 'quoted', 'cited', 'citing', 'quoting', 'published', 'broadcast', 'aired', 'carried'],
    interviewWords: ['told', 'interview', 'interviewed', 'speaking', 'spoke', 'talking', 'remarks', 'comments', 'appearing', 'appearance', 'writing'],
    speechVerbs: ['said', 'say', 'says', 'explained', 'confirmed', 'stated', 'declared', 'wrote', 'added'],
    unknownNameLeads: ['interview', 'interviewed', 'remarks', 'comments', 'appearing', 'reported', 'published', 'broadcast', 'aired', 'quoted', 'cited'],
    toWords: ['to'],
    linkWords: ['to', 'by', 'with', 'on', 'in', 'the', 'an', 'a', 'broadcast', 'published', 'aired', 'program', 'programme', 'show', 'its', 'exclusive'],
    anaphors: [
      { phrase: 'the agency', kind: 'agency' },
      { phrase: 'the news agency', kind: 'agency' },
      { phrase: 'the newspaper', kind: 'newspaper' },
      { phrase: 'the paper', kind: 'newspaper' },
      { phrase: 'the daily', kind: 'newspaper' },
      { phrase: 'the magazine', kind: 'newspaper' },
      { phrase: 'the broadcaster', kind: 'broadcaster' },
      { phrase: 'the channel', kind: 'broadcaster' },
      { phrase: 'the network', kind: 'broadcaster' },
      { phrase: 'the station', kind: 'broadcaster' },
      { phrase: 'the website', kind: 'any' },
      { phrase: 'the report', kind: 'any' },
      { phrase: 'the tv report', kind: 'any' },
    ],
    descriptors: ['newspaper', 'daily', 'news agency', 'agency', 'television', 'channel', 'network', 'radio', 'website', 'magazine', 'weekly', 'broadcaster'],
    stateMedia: [
      'state television', 'state TV', 'state-run television', 'state-run TV', 'state radio', 'state-run radio', 'state media', 'state-run media',
      'state news agency', 'state-run news agency', 'official news agency', 'state broadcaster', 'state-owned television', 'public television',
    ],
    otherVenues: ['statement', 'conference', 'briefing', 'speech', 'tweet', 'twitter', 'facebook', 'hearing', 'meeting', 'rally'],
  },
  fr: {
    relayWords: ['selon', "d'après", 'rapporté', 'rapportés', 'rapportée', 'rapportées', 'cité', 'citée', 'cités', 'citant', 'publié', 'publiée', 'publiés', 'diffusé', 'diffusée', 'diffusés', 'relayé', 'relayée'],
    interviewWords: ['entretien', 'interview', 'entrevue', 'accordé', 'accordée', 'confié', 'confiée', 'interrogé', 'interrogée', 'invité', 'invitée'],
    speechVerbs: ['déclaré', 'affirmé', 'assuré', 'expliqué', 'indiqué', 'estimé', 'dit', 'répondu', 'précisé', 'annoncé', 'raconté', 'souligné', 'déclare', 'affirme', 'explique', 'estime', 'dit', 'confie', 'assure', 'précise'],
    unknownNameLeads: ['entretien', 'interview', 'entrevue', 'accordé', 'accordée', 'confié', 'confiée', 'rapporté', 'rapportés', 'cité', 'citée', 'publié', 'publiée', 'diffusé', 'diffusée', 'interrogé', 'interrogée'],
    toWords: ['à', 'au', 'aux'],
    linkWords: ['à', 'au', 'aux', 'par', 'le', 'la', "l'", 'les', 'du', 'de', 'des', 'dans', 'sur', 'son', 'sa', 'un', 'une', 'quotidien', 'journal', 'exclusif'],
    anaphors: [
      { phrase: "l'agence", kind: 'agency' },
      { phrase: 'le quotidien', kind: 'newspaper' },
      { phrase: 'le journal', kind: 'newspaper' },
      { phrase: "l'hebdomadaire", kind: 'newspaper' },
      { phrase: 'le magazine', kind: 'newspaper' },
      { phrase: 'la chaîne', kind: 'broadcaster' },
      { phrase: 'la radio', kind: 'broadcaster' },
      { phrase: 'la télévision', kind: 'broadcaster' },
      { phrase: 'le site', kind: 'any' },
    ],
    descriptors: ['quotidien', 'journal', 'hebdomadaire', 'magazine', 'agence', 'chaîne', 'radio', 'télévision', 'site'],
    stateMedia: ["la télévision d'État", "télévision d'État", 'la télévision publique', 'la télévision officielle', "la radio d'État", 'la radio publique', "l'agence officielle", 'les médias officiels', "les médias d'État", "l'agence de presse officielle"],
    otherVenues: ['communiqué', 'conférence', 'discours', 'tweet', 'twitter', 'facebook', 'meeting', 'séance', 'audience'],
  },
};

/** Names after an outlet keyword that are not news media: social networks, rating agencies, waterways. */
export const notNewsOutlets: string[] = [
  'تويتر', 'فيسبوك', 'فيس بوك', 'يوتيوب', 'إنستغرام', 'انستغرام', 'إنستجرام', 'تيك توك', 'سناب شات', 'تلغرام', 'تليغرام', 'واتساب', 'واتس آب',
  'غوغل', 'جوجل', 'أمازون', 'ويكيليكس', 'موديز', 'فيتش', 'ستاندرد آند بورز', 'ستاندرد آند', 'آير بي ان بي', 'السويس', 'بنما', 'ناسا',
  'Twitter', 'Facebook', 'YouTube', 'Instagram', 'TikTok', 'Telegram', 'WhatsApp', 'Google', 'Amazon', 'WikiLeaks', "Moody's", 'Fitch',
  'Standard & Poor', 'Standard and Poor', 'NASA', 'Reddit', 'LinkedIn', 'X',
  // Government and international agencies named after "وكالة"
  'سي آي إيه', 'سي.آي.إيه', 'المخابرات', 'الاستخبارات', 'روسكوسموس', 'فرونتكس', 'أونروا', 'الأونروا', 'أونكتاد', 'داعش', 'مبادلة', 'الطاقة', 'الفضاء',
];
