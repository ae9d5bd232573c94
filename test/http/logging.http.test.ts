import { afterEach, describe, expect, it } from 'vitest';
import { signIn } from '../support/auth.ts';
import { createTestContext, type TestContext } from '../support/context.ts';

let context: TestContext | undefined;
afterEach(() => context?.close());

describe('request logs', () => {
  it('never carry the session cookie, the Set-Cookie header or the CSRF token', async () => {
    const lines: string[] = [];
    context = await createTestContext({}, { write: (line: string) => void lines.push(line) });
    const editor = await signIn(context, 'editor');
    await editor.post('/shares').set('Authorization', 'Basic c2VjcmV0OnNlY3JldA==').type('form').send({});

    const cookies = lines.join('\n').match(/isnad\.sid=[^;"\s]+/g) ?? [];
    expect(lines.length).toBeGreaterThan(3);
    expect(cookies).toEqual([]);
    const logged = lines.join('\n');
    expect(logged).not.toContain(editor.csrfToken);
    expect(logged).not.toContain('c2VjcmV0OnNlY3JldA==');
    const requestLines = lines.map((line) => JSON.parse(line) as { req?: { headers: Record<string, string> }; res?: { headers: Record<string, unknown> } }).filter((entry) => entry.req);
    expect(requestLines.some((entry) => entry.req!.headers.cookie === '[redacted]')).toBe(true);
    expect(requestLines.some((entry) => entry.req!.headers['x-csrf-token'] === '[redacted]')).toBe(true);
    expect(requestLines.some((entry) => entry.res?.headers['set-cookie'] === '[redacted]')).toBe(true);
  });
});
