// Arabic verbal nouns (مصادر) by their derived patterns. After a person's name
// a verbal noun is the object of the cue, never a part of the name: in "وأكدت
// أنغيلا ميركل تسوية الخلاف" the speaker is "أنغيلا ميركل". Patterns are written
// over folded spelling (أ/إ/آ → ا, ة → ه, ى → ي), "C" standing for any letter.
// Given names and surnames that share a pattern are listed so they stay in the name;
// extend that list when a name is cut (`npm run --silent audit:speakers -- FILE`).

/** Derived verbal-noun patterns, "C" being one letter. */
export const verbalNounPatterns: readonly string[] = [
  'تCCيC', // تفعيل: تطبيق، تجميد، تمرير، تخصيص
  'تCCCه', // تفعلة: تسوية، تعزية، تهدئة
  'اCCاC', // إفعال: إطلاق، إلغاء، إجراء
  'اCتCاC', // افتعال: اعتراض، اختيار، انتخاب
  'استCCاC', // استفعال: استقبال، استئناف
];

/** Prepositions glued to a verbal noun that is still the cue's object ("بتطبيق", "لتعزيز"). */
export const verbalNounPrefixes: readonly string[] = ['ب', 'ل'];

/** Names (and the proper adjective تركية) spelled on one of these patterns: they stay in a name. */
export const namesLikeVerbalNouns: readonly string[] = [
  'توفيق', 'تيسير', 'تغريد', 'تسنيم', 'تيمية', 'إقبال', 'إيمان', 'إسلام', 'إحسان', 'إكرام', 'إنعام', 'إسراء',
  'تركية', 'إسحاق', 'إدوار', 'إيفان', 'إلهام', 'إلياس', 'انتصار', 'ابتسام', 'ابتهال', 'اعتماد', 'ابتكار', 'امتثال', 'اعتدال',
];
