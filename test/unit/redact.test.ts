import { describe, expect, it } from 'vitest';
import { EMAIL_REDACTION, findEmailAddresses, redactEmailAddresses, redactEmailAddressesInHtml, redactSlice } from '../../src/text/redact.ts';

describe('e-mail redaction of text', () => {
  it.each([
    ['a1@example.org'],
    ['a2\\@example.org'],
    ['a3&#64;example.org'],
    ['a4&#x40;example.org'],
    ['a5&commat;example.org'],
    ['**b5**@example.org'],
    ['i10＠example.org'],
    ['i11﹫example.org'],
    ['z\u200B@example.org'],
    ['mailto:m&#64;example.org'],
    ['mailto:p%40example.org'],
    ['nour@مثال.مصر'],
  ])('removes %s', (address) => {
    expect(redactEmailAddresses(`Write to ${address}, today.`)).toBe(`Write to ${EMAIL_REDACTION}, today.`);
  });

  it('leaves text without an address as it is, entities and all', () => {
    for (const text of ['AT&T & co &amp; @handle', 'تواصل معنا عبر الموقع', 'price: 5 @ 3', '']) expect(redactEmailAddresses(text)).toBe(text);
  });

  it('knows every character that NFKC folds into an at sign', () => {
    for (let codePoint = 0; codePoint <= 0x10ffff; codePoint += 1) {
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
      const char = String.fromCodePoint(codePoint);
      if (char !== '@' && char.normalize('NFKC') === '@') expect(redactEmailAddresses(`x${char}example.org`), `U+${codePoint.toString(16)}`).toBe(EMAIL_REDACTION);
    }
  });

  it('redacts a slice of a text with the addresses found in the whole of it, the marker where the address starts', () => {
    const text = 'before a@example.org after';
    const ranges = findEmailAddresses(text);
    const cut = text.indexOf('@');
    expect(redactSlice(text, ranges, 0, cut) + '|' + redactSlice(text, ranges, cut, text.length)).toBe(`before ${EMAIL_REDACTION}| after`);
  });
});

describe('e-mail redaction of HTML', () => {
  it('finds an address across inline markup and keeps the markup', () => {
    expect(redactEmailAddressesInHtml('<p>x <strong>b5</strong>@example.org y</p>')).toBe(`<p>x <strong>${EMAIL_REDACTION}</strong> y</p>`);
  });

  it('unlinks links to an address and keeps their text', () => {
    const html = redactEmailAddressesInHtml('<p><a href="mailto:m@example.org" rel="nofollow">write to us</a> or <a href="https://x.example/?to=m@example.org">form</a> or <a href="https://x.example/?to=m%40example.org">this</a></p>');
    expect(html).toBe('<p>write to us or form or this</p>');
  });

  it('decodes entities in text before looking, and escapes text again after', () => {
    expect(redactEmailAddressesInHtml('<p>a3&amp;#64;example.org &lt;b&gt; عربي</p>')).toBe(`<p>${EMAIL_REDACTION} &lt;b&gt; عربي</p>`);
  });

  it('does not join text across blocks into an address', () => {
    const html = '<p>a</p><p>@b.org</p>';
    expect(redactEmailAddressesInHtml(html)).toBe(html);
  });
});
