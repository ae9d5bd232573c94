import type { Language } from '../types.ts';

// Words that tell a speaker name apart from the words around it. A speaker is
// a person, an organisation or a role description; none of these lists can be
// one on its own. Entries are written in normal spelling: they are folded like
// the text before matching. Extend a list when the engine names an impossible
// speaker on real news.

export interface SpeakerWordLists {
  /** Words that never open a name: relatives, conjunctions, prepositions, sentence adverbs. */
  neverFirst: string[];
  /** Words that cannot stand alone as a speaker: determiners, particles, adverbs. */
  functionWords: string[];
  /** Personal and demonstrative pronouns, with their attached forms. */
  pronouns: string[];
  /** Verbs that the cue scanner may leave inside a speaker slot. */
  verbs: string[];
  /** Month names and date words: a name never contains them. */
  dateWords: string[];
  /** Currency and amount words: "5 million dollars" is not a speaker. */
  amountWords: string[];
  /** Titles, honorifics and role nouns that are not a speaker without a name or an organisation. */
  titles: string[];
  /** Words that mark a clause inside the phrase (relative pronouns, complementisers). */
  clauseMarkers: string[];
}

export const speakerWords: Record<Language, SpeakerWordLists> = {
  en: {
    neverFirst: [
      'when', 'who', 'whom', 'whose', 'which', 'where', 'while', 'whether', 'if', 'because', 'although', 'though',
      'according', 'on', 'in', 'at', 'of', 'to', 'for', 'from', 'by', 'with', 'as', 'and', 'or', 'but', 'so', 'that',
      'than', 'after', 'before', 'since', 'until', 'during', 'about', 'into', 'over', 'under', 'also', 'however',
      'meanwhile', 'then', 'there', 'here', 'not', 'yet', 'still', 'even', 'just', 'only',
    ],
    functionWords: [
      'the', 'a', 'an', 'this', 'that', 'these', 'those', 'some', 'any', 'all', 'each', 'every', 'no', 'one', 'other',
      'another', 'such', 'many', 'most', 'more', 'much', 'few', 'both', 'either', 'neither', 'what', 'how', 'why',
      'is', 'was', 'were', 'are', 'be', 'been', 'has', 'have', 'had', 'will', 'would', 'can', 'could', 'should', 'may',
      'might', 'must', 'do', 'does', 'did', 'u', 's',
    ],
    pronouns: [
      'he', 'she', 'it', 'they', 'we', 'i', 'you', 'him', 'her', 'them', 'us', 'me', 'his', 'their', 'our', 'its',
      'himself', 'herself', 'themselves', 'someone', 'somebody', 'anyone', 'everyone', 'nobody',
    ],
    verbs: [
      'said', 'says', 'say', 'told', 'tell', 'tells', 'added', 'adds', 'noted', 'stated', 'announced', 'confirmed',
      'reported', 'wrote', 'claimed', 'argued', 'warned', 'denied', 'explained', 'is', 'was', 'were', 'are', 'has',
      'have', 'had',
    ],
    dateWords: [
      'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november',
      'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'yesterday', 'tomorrow',
      'tonight',
    ],
    amountWords: [
      'million', 'millions', 'billion', 'billions', 'thousand', 'thousands', 'hundred', 'hundreds', 'percent',
      'dollars', 'dollar', 'euros', 'euro', 'pounds', 'tonnes', 'tons', 'barrels', '$', '€', '£', '%',
    ],
    titles: [
      'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'sir', 'lord', 'lady', 'sen', 'rep', 'gov', 'gen', 'col', 'lt', 'capt',
      'president', 'minister', 'prime minister', 'foreign minister', 'spokesman', 'spokeswoman', 'spokesperson',
      'secretary', 'director', 'chief', 'head', 'leader', 'official', 'king', 'queen', 'prince', 'general',
    ],
    clauseMarkers: ['who', 'which', 'that', 'whom', 'whose', 'he', 'she', 'they', 'it', 'said', 'told', 'says'],
  },
  fr: {
    neverFirst: [
      'qui', 'que', "qu'", 'quand', 'lorsque', "lorsqu'", 'où', 'dont', 'si', 'selon', 'd’après', 'ainsi', 'alors',
      'puis', 'mais', 'et', 'ou', 'donc', 'car', 'or', 'ni', 'en', 'dans', 'sur', 'pour', 'par', 'avec', 'sans', 'à',
      'au', 'aux', 'de', 'du', 'des', 'on', 'comme', 'aussi', 'également', 'toutefois', 'cependant', 'pourtant',
      'enfin', 'ensuite', 'déjà', 'encore', 'après', 'avant', 'depuis', 'pendant', 'lors', 'parmi', 'entre', 'chez',
      'contre', 'vers', 'ne', 'pas', 'y',
    ],
    functionWords: [
      'le', 'la', 'les', "l'", 'un', 'une', 'des', 'ce', 'cet', 'cette', 'ces', 'son', 'sa', 'ses', 'leur', 'leurs',
      'mon', 'ma', 'mes', 'notre', 'nos', 'votre', 'vos', 'tout', 'tous', 'toute', 'toutes', 'chaque', 'plusieurs',
      'certains', 'certaines', 'autre', 'autres', 'est', 'sont', 'était', 'été', 'a', 'ont', 'avait', 'sera', "d'",
    ],
    pronouns: [
      'il', 'elle', 'ils', 'elles', 'lui', 'eux', 'nous', 'vous', 'je', "j'", 'on', 'celui', 'celle', 'ceux', 'celles',
      'celui-ci', 'celle-ci', 'ce dernier', 'cette dernière', 'quelqu\'un', 'personne',
    ],
    verbs: [
      'dit', 'déclaré', 'affirmé', 'indiqué', 'ajouté', 'estimé', 'expliqué', 'précisé', 'souligné', 'annoncé',
      'est', 'sont', 'était', 'a', 'ont', 'avait', 'sera',
    ],
    dateWords: [
      'janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre',
      'décembre', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'hier', "aujourd'hui",
      'demain',
    ],
    amountWords: [
      'million', 'millions', 'milliard', 'milliards', 'mille', 'centaines', 'milliers', 'dizaines', 'dollars',
      'dollar', 'euros', 'euro', 'livres', 'francs', 'dinars', 'tonnes', 'barils', 'pour cent', '%', '$', '€',
    ],
    titles: [
      'm', 'mm', 'mme', 'mmes', 'mlle', 'dr', 'me', 'pr', 'monsieur', 'madame', 'le ministre', 'la ministre',
      'ministre', 'président', 'présidente', 'le président', 'la présidente', 'porte-parole', 'le porte-parole',
      'directeur', 'directrice', 'chef', 'le chef', 'secrétaire', 'roi', 'le roi', 'premier ministre',
      'le premier ministre', 'général', 'le général', 'responsable',
    ],
    clauseMarkers: ['qui', 'que', "qu'", 'dont', 'il', 'elle', 'ils', 'elles', 'a', 'ont', 'est'],
  },
  ar: {
    neverFirst: [
      'عندما', 'حين', 'حينما', 'لما', 'إذا', 'إذ', 'لو', 'لكن', 'لكنه', 'لكنها', 'ولكن', 'بل', 'ثم', 'أو', 'أم',
      'كما', 'بينما', 'فيما', 'حيث', 'الذي', 'التي', 'الذين', 'اللذين', 'اللتين', 'اللواتي', 'من', 'في', 'على',
      'إلى', 'الى', 'عن', 'مع', 'أن', 'إن', 'بأن', 'لأن', 'منذ', 'حتى', 'بعد', 'قبل', 'خلال', 'وفق', 'بحسب',
      'حسب', 'أيضا', 'كذلك', 'هناك', 'هنا', 'قد', 'فقد', 'وقد', 'لقد', 'لم', 'لن', 'لا', 'ليس', 'هل', 'ما', 'ماذا',
      'مما', 'عما', 'بما', 'إنما', 'فإن', 'وإن', 'فيه', 'فيها', 'به', 'بها', 'له', 'لها', 'عليه', 'عليها', 'منه',
      'منها', 'إثر', 'عقب', 'أثناء', 'لدى', 'عند', 'بين', 'ضد', 'عبر', 'نحو', 'تجاه', 'إزاء', 'ضمن', 'دون',
    ],
    functionWords: [
      'هذا', 'هذه', 'ذلك', 'تلك', 'هؤلاء', 'أولئك', 'كل', 'بعض', 'أي', 'غير', 'جميع', 'كان', 'كانت', 'يكون',
      'تكون', 'مثل', 'جدا', 'فقط', 'أمام', 'وراء', 'فوق', 'تحت', 'اليوم', 'أمس', 'غدا', 'يوم',
    ],
    pronouns: [
      'هو', 'هي', 'هم', 'هن', 'هما', 'أنا', 'نحن', 'أنت', 'أنتم', 'إنه', 'إنها', 'إنهم', 'أنه', 'أنها', 'أنهم',
      'لكنه', 'لكنها', 'لكنهم', 'بدوره', 'بدورها', 'نفسه', 'نفسها',
    ],
    verbs: [
      'قال', 'قالت', 'يقول', 'تقول', 'أضاف', 'أضافت', 'أكد', 'أكدت', 'أوضح', 'أوضحت', 'أشار', 'أشارت', 'ذكر',
      'ذكرت', 'أعلن', 'أعلنت', 'تم', 'يتم', 'كان', 'كانت', 'أصبح', 'أصبحت', 'بات', 'باتت', 'صاغته', 'صاغها',
      'العثور',
    ],
    dateWords: [
      'يناير', 'فبراير', 'مارس', 'أبريل', 'إبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر',
      'ديسمبر', 'كانون', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران', 'تموز', 'آب', 'أيلول', 'تشرين', 'الأحد',
      'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت', 'اليوم', 'أمس', 'غدا', 'الماضي', 'الماضية',
      'المقبل', 'المقبلة', 'الجاري',
    ],
    amountWords: [
      'مليون', 'ملايين', 'مليار', 'مليارات', 'ألف', 'آلاف', 'دولار', 'دولارات', 'يورو', 'جنيه', 'ريال', 'درهم',
      'دينار', 'ليرة', 'بالمئة', 'بالمائة', 'طن', 'برميل', '%',
    ],
    titles: [
      'الرئيس', 'رئيس', 'الوزير', 'وزير', 'وزيرة', 'الوزيرة', 'وزير الخارجية', 'المتحدث', 'المتحدث باسم',
      'الناطق', 'الناطق باسم', 'المتحدثة', 'الناطقة', 'السيد', 'السيدة', 'الدكتور', 'الدكتورة', 'الشيخ', 'الأستاذ',
      'الملك', 'الأمير', 'الجنرال', 'اللواء', 'العميد', 'العقيد', 'المدير', 'النائب', 'السفير', 'رئيس الوزراء',
      'الأمين العام', 'المسؤول',
    ],
    clauseMarkers: ['الذي', 'التي', 'الذين', 'اللذين', 'اللتين', 'أن', 'إن', 'بأن', 'أنه', 'أنها', 'إنه', 'إنها'],
  },
};
