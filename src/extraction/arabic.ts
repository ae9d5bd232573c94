// Arabic morphology helpers shared by speaker, outlet and classification rules.
// Keys are folded (see normalize.ts): alef variants → ا, ة → ه, ى → ي.

/** Remove a conjunction and the definite article to get the bare noun. */
export function arabicStem(key: string): string {
  let k = key;
  if (k.length > 3 && (k.startsWith('و') || k.startsWith('ف'))) {
    const rest = k.slice(1);
    if (rest.startsWith('ال') || rest.startsWith('بال') || rest.startsWith('لل')) k = rest;
  }
  if (k.startsWith('بال') && k.length > 4) return k.slice(3);
  if (k.startsWith('لل') && k.length > 3) return k.slice(2);
  if (k.startsWith('ال') && k.length > 3) return k.slice(2);
  return k;
}

/** Definite (ال-prefixed, possibly after و/ف/ب/ك/ل) words are never personal names. */
export function isArabicDefinite(key: string): boolean {
  return /^(?:[وف]?(?:ال|بال|كال|لل))/.test(key) && key.length > 3;
}

/**
 * A preposition glued to the first word of a speaker phrase ("لمنظمة", "للتقرير", "بالوزارة"):
 * the bare word and how many folded characters to skip, when `known` accepts the bare word.
 * "لل" is لـ + the article with its alef elided, so the bare word gets its article back.
 */
export function stripAttachedPreposition(key: string, known: (bare: string) => boolean): { strip: number; key: string } | null {
  if (key.length < 4 || !/^[لبك]/.test(key)) return null;
  if (key.startsWith('لل')) {
    const bare = 'ال' + key.slice(2);
    return known(bare) ? { strip: 2, key: bare } : null;
  }
  const bare = key.slice(1);
  return known(bare) ? { strip: 1, key: bare } : null;
}
