import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRenderer, templateReloadRequested } from '../../src/http/render.ts';

describe('template cache', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function viewsWith(body: string): string {
    dir = mkdtempSync(path.join(tmpdir(), 'isnad-views-'));
    writeFileSync(path.join(dir, 'greeting.eta'), body);
    return dir;
  }

  it('compiles a template once and keeps it, whatever NODE_ENV says', () => {
    const renderer = createRenderer(viewsWith('first <%= it.name %>'));
    expect(renderer.render('greeting', { name: 'سارة' })).toBe('first سارة');
    writeFileSync(path.join(dir, 'greeting.eta'), 'second <%= it.name %>');
    expect(renderer.render('greeting', { name: 'سارة' })).toBe('first سارة');
  });

  it('reads templates afresh when reload is asked for', () => {
    const renderer = createRenderer(viewsWith('first <%= it.name %>'), { reload: true });
    expect(renderer.render('greeting', { name: 'x' })).toBe('first x');
    writeFileSync(path.join(dir, 'greeting.eta'), 'second <%= it.name %>');
    expect(renderer.render('greeting', { name: 'x' })).toBe('second x');
  });

  it('reloads only when ISNAD_TEMPLATE_RELOAD is set, as npm run dev does', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'isnad-views-'));
    expect(templateReloadRequested({})).toBe(false);
    expect(templateReloadRequested({ NODE_ENV: 'development' })).toBe(false);
    expect(templateReloadRequested({ ISNAD_TEMPLATE_RELOAD: '1' })).toBe(true);
  });
});
