const SPEAKERS = ['Smith', 'Haddad', 'Dupont', 'Nakamura'];
const OUTLETS = ['Reuters', 'AFP', 'the BBC', 'Al Jazeera'];

/**
 * An English article with one attributed claim per line. Each line describes its speaker anew
 * ("Smith, the director of unit 7, told AFP …"), so every speaker gathers an alias per claim:
 * the shape that made ingestion grow with the square of the claims.
 */
export function articleWithClaims(claimCount: number, salt = ''): string {
  return Array.from(
    { length: claimCount },
    (_, i) => `${SPEAKERS[i % SPEAKERS.length]}, the director of unit ${i}${salt}, told ${OUTLETS[i % OUTLETS.length]} that the budget for item ${i} would rise.`,
  ).join('\n');
}

/** Many short lines, one claim each, all from one speaker whose aliases grow with every line. */
export function shortLinesWithClaims(lineCount: number): string {
  return Array.from({ length: lineCount }, (_, i) => `The spokesman for district ${i} said prices rose.`).join('\n');
}
