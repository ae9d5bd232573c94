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
