// Diplomatic titles held "لدى" a state or a body ("سفير فرنسا لدى الأمم المتحدة", "مندوب روسيا
// لدى مجلس الأمن"): after them لدى stays inside the speaker's role instead of closing the
// speaker phrase. Written in normal spelling, without the article; matching folds them.
export const arabicEnvoyNouns: readonly string[] = ['سفير', 'سفيرة', 'مندوب', 'مندوبة', 'ممثل', 'ممثلة', 'مبعوث', 'مبعوثة'];
