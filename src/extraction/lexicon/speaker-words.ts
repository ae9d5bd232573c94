import type { Language } from '../types.ts';

// Words that tell a speaker name apart from the words around it. A speaker is
// a person, an organisation or a role description; none of these words can be
// one on its own. They complete the attribution lexicons (function words,
// pronouns, relative pronouns, months and, for Arabic, cue verbs are read from
// lexicon/ar.ts, en.ts, fr.ts too). Entries are written in normal spelling and
// folded like the text before matching. Extend a list when the engine names an
// impossible speaker on real news (`npm run --silent extract -- FILE`).

export interface SpeakerWordLists {
  /** Words that never open a name: relatives, conjunctions, prepositions, sentence adverbs. */
  neverFirst: string[];
  /** Words that cannot stand alone as a speaker: determiners, particles, adverbs. */
  functionWords: string[];
  /**
   * Words the cue scanner leaves alone in a speaker slot that never speak on their own: quantities,
   * adjectives of a truncated source ("رسمي" for "مصدر رسمي"), abstract nouns of an idiom.
   */
  fragments: string[];
  /** Personal and demonstrative pronouns, with their attached forms. */
  pronouns: string[];
  /** Verbs that end up inside a speaker slot; a name never contains one. */
  verbs: string[];
  /** Month and day names, relative days: a name never contains them. */
  dateWords: string[];
  /** Currency and amount words: "5 million dollars" is not a speaker. */
  amountWords: string[];
  /** Possessive determiners: "her lawyers", "son entourage" are role descriptions, not pronouns. */
  possessives: string[];
  /** Nouns that date what follows them ("للعام 2017", "en 2017"): cut with the number. */
  periodNouns: string[];
  /** Relatives and counterparts who speak for someone named before ("نظيره", "محاميها", "شقيقه"). */
  relationNouns: string[];
  /** Honorifics and abbreviated titles that never speak without the name they precede. */
  honorifics: string[];
  /** Words after the head of a phrase that open a clause (relative pronouns, complementisers). */
  clauseMarkers: string[];
  /**
   * "بحسب ما نقلته وكالة X", "كما ذكرت صحيفة X": "what" before a reporting verb; the source is
   * the phrase after the verb.
   */
  reportedWhat: string[];
  /**
   * Verbal nouns that open the object of a cue ("أعلن الجيش مقتل …", "نفت الشرطة وجود …",
   * "أكدت الوزارة صحة …"): a speaker phrase that reaches one has run past its subject.
   */
  objectNouns: string[];
  /** Reporting verbs of that construction, bare; object suffixes (ـه، ـته، ـها) are stripped. */
  reportingVerbs: string[];
  /** Name of the unnamed speaker of a claim whose source the text does not let us resolve. */
  unresolvedSource: string;
}

export const speakerWords: Record<Language, SpeakerWordLists> = {
  en: {
    neverFirst: [
      'when', 'who', 'whom', 'whose', 'which', 'where', 'while', 'whether', 'if', 'because', 'although', 'though',
      "it's", "that's", "there's", 'exactly', 'nothing',
      'according', 'on', 'in', 'at', 'of', 'to', 'for', 'from', 'by', 'with', 'as', 'and', 'or', 'but', 'so', 'that',
      'than', 'after', 'before', 'since', 'until', 'during', 'about', 'into', 'over', 'under', 'also', 'however',
      'meanwhile', 'then', 'there', 'here', 'not', 'yet', 'still', 'even', 'just', 'only', 'what', 'how', 'why',
    ],
    functionWords: [
      'the', 'a', 'an', 'this', 'that', 'these', 'those', 'some', 'any', 'all', 'each', 'every', 'no', 'one', 'other',
      'another', 'such', 'many', 'most', 'more', 'much', 'few', 'both', 'either', 'neither', 'could', 'should',
      'might', 'must', 'do', 'does', 'did', 'u', 's', 'year', 'years', 'week', 'weeks', 'month', 'months', 'weekend',
      'here',
    ],
    fragments: ['number', 'majority', 'most', 'several', 'indeed', 'official', 'anonymity', "it's", "that's", "there's", "here's"],
    pronouns: [
      'he', 'she', 'it', 'they', 'we', 'i', 'you', 'him', 'her', 'them', 'us', 'me', 'his', 'their', 'our', 'its',
      'himself', 'herself', 'themselves', 'someone', 'somebody', 'anyone', 'everyone', 'nobody',
    ],
    verbs: [
      'said', 'says', 'told', 'tells', 'added', 'noted', 'stated', 'announced', 'confirmed', 'wrote', 'argued',
      'warned', 'denied', 'explained', 'is', 'was', 'were', 'are', 'has', 'have', 'had', 'been',
    ],
    dateWords: [
      'january', 'february', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
      'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'yesterday', 'tomorrow', 'tonight',
    ],
    amountWords: [
      'million', 'millions', 'billion', 'billions', 'thousand', 'thousands', 'hundred', 'hundreds', 'percent',
      'dollars', 'dollar', 'euros', 'euro', 'pounds', 'tonnes', 'tons', 'barrels', '$', '€', '£', '%',
    ],
    relationNouns: [],
    possessives: ['his', 'her', 'their', 'its', 'our', 'my', 'your'],
    periodNouns: ['year', 'years', 'in', 'of', 'for', 'since'],
    honorifics: ['mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'sir', 'sen', 'rep', 'gov', 'gen', 'col', 'lt', 'capt', 'st', 'messrs'],
    clauseMarkers: ['according', 'who', 'which', 'that', 'whom', 'whose', 'he', 'she', 'they', 'it', 'we', 'i'],
    reportedWhat: [],
    objectNouns: [],
    reportingVerbs: [],
    unresolvedSource: 'unidentified source',
  },
  fr: {
    neverFirst: [
      'qui', 'que', "qu'", 'quand', 'lorsque', "lorsqu'", 'où', 'dont', 'si', 'selon', "d'après", 'ainsi', 'alors',
      'puis', 'mais', 'et', 'ou', 'donc', 'car', 'or', 'ni', 'en', 'dans', 'sur', 'pour', 'par', 'avec', 'sans', 'à',
      'au', 'aux', 'on', 'comme', 'aussi', 'également', 'toutefois', 'cependant', 'pourtant', 'enfin', 'ensuite',
      'déjà', 'encore', 'après', 'avant', 'depuis', 'pendant', 'lors', 'parmi', 'entre', 'chez', 'contre', 'vers',
      'ne', 'pas', 'y', 'même', 'peut-être', 'notamment', 'surtout',
    ],
    functionWords: [
      'le', 'la', 'les', "l'", 'un', 'une', 'des', 'de', 'du', "d'", 'ce', 'cet', 'cette', 'ces', 'son', 'sa', 'ses',
      'leur', 'leurs', 'mon', 'ma', 'mes', 'notre', 'nos', 'votre', 'vos', 'tout', 'tous', 'toute', 'toutes', 'chaque',
      'plusieurs', 'certains', 'certaines', 'autre', 'autres', "s'", "c'", "n'", "j'", 'sa part', 'pour sa part',
    ],
    fragments: ['nombre', 'majorité', 'plupart', 'effectivement', 'officiel', 'officielle', 'anonymat', 'affaires', "c'est"],
    pronouns: [
      'il', 'elle', 'ils', 'elles', 'lui', 'eux', 'nous', 'vous', 'je', "j'", 'on', 'celui', 'celle', 'ceux', 'celles',
      'celui-ci', 'celle-ci', 'quelqu\'un', 'personne',
    ],
    verbs: [
      'dit', 'déclaré', 'affirmé', 'indiqué', 'ajouté', 'estimé', 'expliqué', 'précisé', 'souligné', 'annoncé',
      'est', 'sont', 'était', 'a', 'ont', 'avait', 'sera', 'été',
    ],
    dateWords: [
      'janvier', 'février', 'avril', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
      'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'hier', "aujourd'hui", 'demain',
    ],
    amountWords: [
      'million', 'millions', 'milliard', 'milliards', 'mille', 'centaines', 'milliers', 'dizaines', 'dollars',
      'dollar', 'euros', 'euro', 'livres', 'francs', 'dinars', 'tonnes', 'barils', 'pour cent', '%', '$', '€',
    ],
    relationNouns: [],
    possessives: ['son', 'sa', 'ses', 'leur', 'leurs', 'notre', 'nos', 'votre', 'vos', 'mon', 'ma', 'mes'],
    periodNouns: ['année', 'an', 'en', 'de', 'pour', 'depuis'],
    honorifics: ['m', 'mm', 'mme', 'mmes', 'mlle', 'dr', 'me', 'pr', 'monsieur', 'madame', 'mademoiselle', 'messieurs', 'mgr'],
    clauseMarkers: ['selon', 'qui', 'que', "qu'", 'dont', 'il', 'elle', 'ils', 'elles', "s'"],
    reportedWhat: [],
    objectNouns: [],
    reportingVerbs: [],
    unresolvedSource: 'source non identifiée',
  },
  ar: {
    neverFirst: [
      'عندما', 'حين', 'حينما', 'لما', 'إذا', 'إذ', 'لو', 'لكن', 'لكنه', 'لكنها', 'ولكن', 'بل', 'ثم', 'أو', 'أم',
      'كما', 'بينما', 'فيما', 'حيث', 'الذي', 'التي', 'الذين', 'اللذين', 'اللتين', 'اللواتي', 'من', 'في', 'على',
      'إلى', 'عن', 'مع', 'أن', 'إن', 'بأن', 'لأن', 'منذ', 'حتى', 'بعد', 'قبل', 'خلال', 'وفق', 'بحسب', 'حسب',
      'أيضا', 'كذلك', 'هناك', 'هنا', 'قد', 'فقد', 'وقد', 'لقد', 'لم', 'لن', 'لا', 'ليس', 'هل', 'ما', 'ماذا', 'مما',
      'عما', 'بما', 'إنما', 'فإن', 'وإن', 'فيه', 'فيها', 'فيهم', 'به', 'بها', 'له', 'لها', 'لهم', 'عليه', 'عليها',
      'منه', 'منها', 'عنه', 'عنها', 'إثر', 'عقب', 'أثناء', 'لدى', 'عند', 'بين', 'ضد', 'عبر', 'نحو', 'تجاه', 'إزاء',
      'ضمن', 'دون', 'قبيل', 'الآن', 'سابقا', 'لاحقا', 'مؤخرا', 'حاليا', 'وقت', 'بـ', 'لـ', 'وما', 'ولا', 'ولم', 'وهو', 'وهي',
    ],
    functionWords: [
      'هؤلاء', 'أولئك', 'جميع', 'تكون', 'الصدد', 'السياق', 'وقت', 'لاحق', 'سابق', 'متأخر', 'رسميا', 'علنا', 'مجددا',
      'كثيرا', 'خصوصا', 'بشأن', 'عدة', 'أحد', 'إحدى', 'أكثر', 'ثلاث', 'أربع', 'خمس',
    ],
    // Mined from single-word speakers on bulk news: each stood for a truncated or misread slot.
    fragments: [
      'صادر', 'صادرة', 'عدد', 'غالبية', 'معظم', 'حصيلة', 'النقاب', 'الربع', 'بالفعل', 'بمثابة', 'لنا', 'لي', 'حساسيات',
      'أحدث', 'تبادل', 'وجود', 'جديدة', 'جديد', 'أولية', 'أولي', 'سري', 'رسمي', 'رسمية', 'حكومي', 'حكومية', 'صوت',
      'موجة', 'خطوة', 'ضعف', 'قائمة', 'تبني', 'بالتزامن', 'الاجتماع', 'اسمه', 'اسمها', 'هويته', 'هويتها',
      'أبناء', 'فرع',
    ],
    pronouns: [
      'هو', 'هي', 'هم', 'هن', 'هما', 'أنا', 'نحن', 'أنت', 'أنتم', 'إنه', 'إنها', 'إنهم', 'أنه', 'أنها', 'أنهم',
      'لكنه', 'لكنها', 'لكنهم', 'بدوره', 'بدورها', 'نفسه', 'نفسها', 'وهو', 'وهي',
    ],
    verbs: [
      'تم', 'يتم', 'أصبح', 'أصبحت', 'بات', 'باتت', 'صاغته', 'صاغها', 'أورد', 'أوردت', 'جاء', 'ورد', 'نقل', 'نقلت', 'مضى',
      'نشر', 'نشرت', 'رفض', 'رفضت', 'قدم', 'دعا', 'دعت', 'طالب', 'طالبت', 'شن', 'شنت', 'أطلق', 'التقى', 'زار', 'بدأ',
      'أدان', 'أدانت', 'داعيا', 'داعية', 'مطالبا', 'طالبا', 'معربا', 'متحدثا', 'مضت', 'أردف', 'أردفت', 'يتضمن',
      'تتضمن', 'تتابع', 'يتابع', 'كتب', 'كتبت', 'تنص', 'ينص', 'يقدر', 'تقدر', 'يزور', 'تزور', 'مهاجما', 'منتقدا',
      'مشيدا', 'مطالبة',
    ],
    dateWords: [
      'يناير', 'فبراير', 'أبريل', 'إبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر',
      'كانون', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران', 'تموز', 'أيلول', 'تشرين', 'الأحد', 'الاثنين', 'الثلاثاء',
      'الأربعاء', 'الخميس', 'السبت', 'أمس', 'غدا', 'ليل', 'مؤخرا', 'سابقا', 'لاحقا', 'حاليا', 'آنذاك', 'حينها', 'الماضي', 'الماضية', 'المقبل', 'المقبلة', 'الجاري',
    ],
    amountWords: [
      'مليون', 'ملايين', 'مليار', 'مليارات', 'ألف', 'آلاف', 'دولار', 'دولارات', 'يورو', 'جنيه', 'ريال', 'درهم',
      'دينار', 'ليرة', 'بالمئة', 'بالمائة', 'طن', 'برميل', '%',
    ],
    relationNouns: [
      'نظير', 'نظيرة', 'زوج', 'زوجة', 'شقيق', 'شقيقة', 'ابن', 'ابنة', 'والد', 'والدة', 'محامي', 'محامية', 'محامو',
      'أنصار', 'مؤيدو', 'معارضو', 'أقارب', 'عائلة', 'أسرة', 'ذوو', 'ممثلو', 'مساعد', 'مساعدو',
    ],
    possessives: [],
    periodNouns: ['عام', 'العام', 'للعام', 'لعام', 'سنة', 'السنة', 'للسنة', 'منذ', 'في'],
    honorifics: ['السيد', 'السيدة', 'الدكتور', 'الدكتورة', 'د', 'المهندس', 'الحاج', 'الأستاذ', 'الأستاذة', 'سيادة', 'فخامة', 'سمو', 'معالي'],
    clauseMarkers: ['وفقا', 'طبقا', 'نقلا', 'بحسب', 'حسب', 'وفق', 'الذي', 'التي', 'الذين', 'اللذين', 'اللتين', 'اللواتي', 'أن', 'إن', 'بأن', 'أنه', 'أنها', 'إنه', 'إنها', 'فإنه', 'فإن'],
    reportedWhat: ['ما', 'لما', 'مما', 'كما', 'بما'],
    // Mined from the speaker phrases the engine produced on the bulk corpus; none is a name.
    objectNouns: [
      'مقتل', 'مصرع', 'إلغاء', 'حدوث', 'وقوع', 'عدم', 'وجود', 'صحة', 'قصف', 'شن', 'سقوط', 'إصابة', 'اعتقال',
      'توقيف', 'إطلاق', 'فرض', 'رفض', 'سحب', 'تعليق', 'إغلاق', 'بدء', 'وفاة', 'ارتفاع', 'انخفاض', 'تراجع',
      'نتائج', 'انتهاء', 'استمرار', 'اعتزام', 'نية', 'التزام', 'إمكانية', 'احتمال', 'تورط',
    ],
    reportingVerbs: [
      'نقل', 'نقلت', 'ذكر', 'ذكرت', 'أفاد', 'أفادت', 'أعلن', 'أعلنت', 'قال', 'قالت', 'أورد', 'أوردت', 'جاء', 'ورد',
      'نشر', 'نشرت', 'صرح', 'صرحت', 'أكد', 'أكدت', 'أوضح', 'أوضحت', 'أظهر', 'أظهرت', 'أشار', 'أشارت', 'كتب', 'كتبت',
      'كشف', 'كشفت', 'بث', 'بثت', 'تقول', 'يقول', 'تضمن', 'تضمنت', 'وصف', 'وصفت', 'علم', 'علمت', 'أكده', 'روى', 'روت',
    ],
    unresolvedSource: 'مصدر غير محدد',
  },
};
