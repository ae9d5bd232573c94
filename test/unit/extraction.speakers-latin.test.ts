import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extraction/index.ts';
import type { Language } from '../../src/extraction/index.ts';

/** Speaker name of the claim whose text contains `fragment`. */
function speakerOf(text: string, language: Language, fragment: string): string | undefined {
  const claim = extract(text, { language }).claims.find((c) => c.text.includes(fragment));
  return claim?.speaker.name;
}

describe('English and French pronouns', () => {
  it('never points "he" to a group quoted as a whole', () => {
    const text = [
      'Paul Grant, the mayor, was watching from the town hall.',
      'Demonstrators said the square was full by noon.',
      'The crowd had been peaceful, he said.',
    ].join('\n');
    expect(speakerOf(text, 'en', 'crowd had been peaceful')).toBe('Paul Grant');
  });

  it('lets "he" continue one unnamed witness until a named person enters', () => {
    const text = [
      'The parade went on for hours.',
      'According to one bystander, the floats were larger than last year.',
      'The bands played until dusk, he said.',
      'Nora Vance, the festival director, greeted the visitors.',
      'The event would return next spring, she said.',
    ].join('\n');
    expect(speakerOf(text, 'en', 'bands played until dusk')).toBe('one bystander');
    expect(speakerOf(text, 'en', 'return next spring')).toBe('Nora Vance');
  });

  it('does not let "il" fall on a source the text never gave', () => {
    const text = [
      'Paul Girard, le ministre désigné, a rencontré les syndicats hier.',
      'Il devrait présenter son équipe vendredi, même s\'il a souligné qu\'il voulait du temps.',
      'Le gouvernement doit durer deux ans, a-t-il dit.',
    ].join('\n');
    expect(speakerOf(text, 'fr', 'durer deux ans')).toBe('Paul Girard');
  });
});

describe('French and English speaker slots', () => {
  it('reads the subject past an adverbial between auxiliary and participle', () => {
    const text = 'Le budget a été voté hier. Le président de la Commission, Jean Morel, a pour sa part dit que le calendrier serait tenu.';
    expect(speakerOf(text, 'fr', 'calendrier serait tenu')).toBe('Jean Morel');
    const other = 'Le budget a été voté hier. Marc Lenoir a quant à lui déclaré que rien n\'était joué.';
    expect(speakerOf(other, 'fr', 'rien n')).toBe('Marc Lenoir');
  });

  it('takes the name in apposition after a role phrase the slot stopped at', () => {
    const fr = 'Les marchés ont reculé. Selon le président du club, Paul Girard, la saison sera longue.';
    expect(speakerOf(fr, 'fr', 'saison sera longue')).toBe('Paul Girard');
    const en = 'Markets fell. According to the head of the central bank, Paul Girard, the recovery will be slow.';
    expect(speakerOf(en, 'en', 'recovery will be slow')).toBe('Paul Girard');
  });

  it('keeps a French adjective after the role noun in the role, not the name', () => {
    const text = 'Le sommet a commencé. « Nous tiendrons nos engagements », a déclaré la ministre mexicaine des Affaires étrangères, Patricia Lopez.';
    expect(speakerOf(text, 'fr', 'tiendrons nos engagements')).toBe('Patricia Lopez');
  });

  it('registers a person introduced after a role and a comma, for a later mention by a synonymous title', () => {
    const fr = 'Le premier ministre, Lucas Papas, a parlé lundi. "Nous avons besoin de soutien", a déclaré le chef du gouvernement, qui parlait au Parlement.';
    expect(speakerOf(fr, 'fr', 'besoin de soutien')).toBe('Lucas Papas');
    const en = 'The prime minister, Lucas Papas, spoke on Monday. "We need support," the head of government said.';
    expect(speakerOf(en, 'en', 'need support')).toBe('Lucas Papas');
  });

  it('reads capitalised words after an article as the description of an unnamed source, not a name', () => {
    const text = 'Rents rose again. A Home Office source said the plan was dropped. A New York family claims that the landlord ignored them.';
    expect(speakerOf(text, 'en', 'plan was dropped')).toBe('A Home Office source');
    expect(speakerOf(text, 'en', 'landlord ignored them')).toBe('A New York family');
  });

  it('lets a document named by its article alone speak for the source quoted last', () => {
    const fr = 'Les délits ont augmenté, selon les statistiques du FBI publiées lundi. Selon ces chiffres, le nombre total est passé de 107 à 160.';
    expect(speakerOf(fr, 'fr', 'nombre total')).toBe('FBI');
    const en = 'Crime rose, the Home Office said on Monday. The report said the number of cases doubled.';
    expect(speakerOf(en, 'en', 'cases doubled')).toBe('Home Office');
  });

  it('reads an English phrase ending in an institution head as the institution', () => {
    const text = 'Five men were held in a raid, Pakistan\'s US embassy told the BBC. Prices rose, John Smith of the central bank said.';
    expect(speakerOf(text, 'en', 'held in a raid')).toBe("Pakistan's US embassy");
    expect(speakerOf(text, 'en', 'Prices rose')).toBe('John Smith');
  });

  it('lets a relative pronoun speak for a single capitalised name before it', () => {
    const text = 'La crise avantage clairement le président Obama, qui a déclaré que la reprise viendrait. Les marchés ont chuté.';
    expect(speakerOf(text, 'fr', 'reprise viendrait')).toBe('Obama');
  });

  it('reads a speaker phrase past the dots of initials (U.S., U.N.)', () => {
    const text = 'Talks stalled again. A senior U.S. official said the deal was close. The search continues, according to U.N. officials.';
    expect(speakerOf(text, 'en', 'deal was close')).toBe('A senior U.S. official');
    expect(speakerOf(text, 'en', 'search continues')).toBe('U.N. officials');
  });

  it('leaves "ainsi" between auxiliary and participle out of the speaker mention', () => {
    const claim = extract('Le sommet a commencé. Paul Girard a ainsi déclaré que la croissance était faible.', { language: 'fr' }).claims[0];
    expect(claim?.speaker.mention?.text).toBe('Paul Girard');
  });

  it('takes a subject pronoun after an opening adverbial as the subject', () => {
    const text = 'Paul Grant, the mayor, opened the fair. Last year he added that the town needed a new bridge. In a statement issued from his office he said the budget was tight.';
    expect(speakerOf(text, 'en', 'new bridge')).toBe('Paul Grant');
    expect(speakerOf(text, 'en', 'budget was tight')).toBe('Paul Grant');
  });
});
