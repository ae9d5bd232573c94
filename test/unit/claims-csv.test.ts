import { seedScale } from '../support/rating-scale.ts';
import { describe, expect, it } from 'vitest';
import type { ClaimView } from '../../src/features/claims/claims.service.ts';
import { CSV_COLUMNS, UTF8_BOM, csvField, csvHeader, csvRow } from '../../src/features/reports/claims-csv.ts';
import { parseCsv } from '../support/csv.ts';

function claim(overrides: Partial<ClaimView> = {}): ClaimView {
  return {
    id: 'c1',
    article_id: 'a1',
    speaker_id: 's1',
    text: 'قال الوزير: "الاتفاق سيوقع قريبا"، وأضاف أن المحادثات مستمرة',
    start_offset: 0,
    end_offset: 10,
    prefix: '',
    suffix: '',
    cue: 'قال',
    kind: 'factual',
    checkworthiness: 0.8333,
    status: 'false',
    version: 2,
    status_changed_by: 'Amira',
    status_changed_at: '2026-11-23T10:00:00.000Z',
    assignee_id: null,
    assigned_at: null,
    attribution_status: 'verbatim',
    article_title: 'آفاق التعاون, العسكري',
    article_language: 'ar',
    article_ingested_at: '2026-11-21T08:00:00.000Z',
    speaker_name: 'سيرغي شويغو',
    speaker_unnamed: 0,
    assignee_name: null,
    hops: [
      { id: 'h1', claim_id: 'c1', outlet_id: 'o1', outlet_name: 'RT Arabic', outlet_kind: 'channel', role: 'interview', position: 1, url: null, status: 'confirmed', evidence_url: null, checked_by: null, checked_at: null },
      { id: 'h2', claim_id: 'c1', outlet_id: 'o2', outlet_name: 'سبوتنيك', outlet_kind: 'agency', role: 'republished', position: 2, url: null, status: 'unconfirmed', evidence_url: null, checked_by: null, checked_at: null },
    ],
    ...overrides,
  };
}

describe('claims CSV', () => {
  it('starts with a UTF-8 byte order mark and a header row', () => {
    const header = csvHeader();
    expect(header.startsWith(UTF8_BOM)).toBe(true);
    expect(Buffer.from(header, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(parseCsv(header.slice(1))).toEqual([[...CSV_COLUMNS]]);
  });

  it('round-trips Arabic text with quotes, commas and line breaks', () => {
    const text = 'قال الوزير: "الاتفاق سيوقع قريبا"،\nوأضاف, أن المحادثات مستمرة';
    const rows = parseCsv(csvHeader().slice(1) + csvRow(claim({ text }), 'https://desk.example/claims/c1', seedScale()));
    const record = Object.fromEntries(CSV_COLUMNS.map((column, index) => [column, rows[1]![index]]));
    expect(record).toMatchObject({
      claim: text,
      claim_url: 'https://desk.example/claims/c1',
      speaker: 'سيرغي شويغو',
      article: 'آفاق التعاون, العسكري',
      status: 'False (rating 1 of 5)',
      status_ar: 'خاطئ',
      attribution: 'Verbatim',
      attribution_ar: 'منقول حرفيًا',
      attribution_chain: 'RT Arabic (interview, confirmed) → سبوتنيك (republished)',
      checkworthiness: '0.83',
    });
    expect(rows).toHaveLength(2);
  });

  it('keeps spreadsheet formulas from running', () => {
    expect(csvField('=HYPERLINK("https://evil.example","x")')).toBe(`"'=HYPERLINK(""https://evil.example"",""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-1)).toBe('-1');
    expect(csvField(null)).toBe('');
  });

  it('writes verdicts as labels, so that no field reads as a spreadsheet boolean', () => {
    for (const status of ['false', 'accurate', 'unverified', 'in_review']) {
      const [, row] = parseCsv(csvHeader().slice(1) + csvRow(claim({ status }), 'https://desk.example/claims/c1', seedScale()));
      for (const field of row!) expect(field.toLowerCase(), `${status}: ${field}`).not.toMatch(/^(true|false)$/);
    }
  });

  it('leaves e-mail addresses out of article texts', () => {
    const row = csvRow(claim({ text: 'write to a3&#64;example.org', speaker_name: 'b5＠example.org', article_title: '**t**@example.org' }), 'https://desk.example/claims/c1', seedScale());
    expect(row).not.toMatch(/example\.org/);
    expect(row.match(/\[e-mail removed\]/g)).toHaveLength(3);
  });
});
