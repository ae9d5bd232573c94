/**
 * Text cut to at most `max` characters (code points, so no surrogate pair is split) at a word
 * boundary, with an ellipsis when anything was cut. Whitespace runs count as one space.
 */
export function shortenAtWord(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  if (chars.length <= max) return flat;
  const head = chars.slice(0, max - 1).join('');
  const space = head.lastIndexOf(' ');
  // A single very long word is cut inside it rather than dropped whole.
  const cut = space >= (max - 1) / 2 ? head.slice(0, space) : head;
  return `${trimTrailingPunctuation(cut)}…`;
}

/** A cut text does not end on a comma, colon, dash or opening quote before its ellipsis. */
export function trimTrailingPunctuation(text: string): string {
  return text.replace(/[\s,،;؛:.\-–—"«“(]+$/u, '');
}
