import { describe, expect, it } from 'vitest';
import { MAX_NOTE_LENGTH, noteBodyProblem, noteHtml } from '../../src/features/notes/note-body.ts';
import { prepareNoteBody } from '../../src/features/notes/notes.service.ts';
import { ValidationError } from '../../src/errors.ts';

const UNRENDERABLE = ['>'.repeat(19_000) + ' a', '1. '.repeat(6_666), '**'.repeat(4_000) + 'a' + '**'.repeat(4_000)];
const SLOW = '_*a'.repeat(6_666);

function refusal(body: string): string {
  try {
    prepareNoteBody(body);
  } catch (error) {
    if (error instanceof ValidationError) return String(error.fieldErrors.body ?? '');
    throw error;
  }
  throw new Error('the note was accepted');
}

describe('note limits', () => {
  it.each([...UNRENDERABLE, SLOW])('refuse a note marked cannot render or takes seconds on (%#)', (body) => {
    expect(refusal(body)).toMatch(/characters|nested|emphasis/);
  });

  it('refuse deep nesting and emphasis floods even within the length limit', () => {
    expect(refusal('> '.repeat(17) + 'deep')).toMatch(/nested 16 deep at most; one line of this note opens 17/);
    expect(refusal('- '.repeat(40) + 'deep')).toMatch(/nested/);
    expect(refusal('**'.repeat(1_000) + 'a' + '**'.repeat(1_000))).toMatch(/emphasis marks/);
    expect(refusal('_*a'.repeat(1_666))).toMatch(/emphasis marks/);
    expect(refusal('x'.repeat(MAX_NOTE_LENGTH + 1))).toBe('A note is limited to 5,000 characters; this one has 5,001. Shorten it or split it into several notes.');
  });

  it('refuse a note whose HTML would dwarf it: one long address repeated through reference links', () => {
    const body = `[x]: https://example.org/${'a'.repeat(4_000)}\n\n${'[x]'.repeat(300)}`;
    expect(body.length).toBeLessThanOrEqual(MAX_NOTE_LENGTH);
    expect(noteBodyProblem(body)).toBeNull();
    expect(refusal(body)).toMatch(/expands into far more than it says/);
  });

  it('look into what only seems to be a code fence', () => {
    expect(refusal('```a`\n' + '_*a'.repeat(1_600))).toMatch(/emphasis marks/);
    expect(refusal('```a`\n' + '> '.repeat(20) + 'deep')).toMatch(/nested/);
  });

  it('count the marks of a line that only looks like a rule', () => {
    expect(refusal('*_'.repeat(2_000))).toMatch(/emphasis marks/);
    expect(noteBodyProblem(['***', '* * *', '___', 'Title', '===', '-'.repeat(700), '_'.repeat(700)].join('\n'))).toBeNull();
  });

  it('accept ordinary notes: quotes, nested lists, emphasis, code full of marks, rules', () => {
    const note = [
      '> The ministry said:',
      '> > “no agreement”',
      '',
      '- **Source**: [statement](https://example.gov/s)',
      '  - *archived* copy',
      '    1. first',
      '',
      '```',
      '>>>>>>>>>>>>>>>>>>>>>>>> ' + '*_'.repeat(400),
      '```',
      '',
      '________________',
      'مصدر **الخبر** غير دقيق',
    ].join('\n');
    expect(noteBodyProblem(note)).toBeNull();
    expect(prepareNoteBody(note).html).toContain('<strong>Source</strong>');
  });

  it('counts emphasis marks per paragraph: a blank line starts afresh', () => {
    const paragraph = '**a** '.repeat(100);
    expect(String(noteBodyProblem([paragraph, paragraph].join('\n')))).toMatch(/emphasis/);
    expect(noteBodyProblem([paragraph, paragraph].join('\n\n'))).toBeNull();
  });
});

describe('stored notes', () => {
  it('show their stored HTML as it is', () => {
    expect(noteHtml({ body: 'ignored', body_html: '<p>kept</p>' })).toBe('<p>kept</p>');
  });

  it('written before HTML was kept are rendered now, headings demoted, or shown as escaped text when marked cannot', () => {
    expect(noteHtml({ body: '# Title\n\n**bold**', body_html: null })).toBe('<h4>Title</h4>\n<p><strong>bold</strong></p>\n');
    for (const body of [...UNRENDERABLE, SLOW + '<script>']) {
      const html = noteHtml({ body, body_html: null });
      expect(html.startsWith('<p>')).toBe(true);
      expect(html).not.toMatch(/<(blockquote|ol|em|strong|script)/);
    }
  });
});
