/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** How far the page is wider than the window (0 when it does not scroll sideways). */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
}

/**
 * Visible controls whose text does not fit in them: buttons, inputs and labels whose content is wider
 * than their box, and selects with an option label that, once chosen, would not fit beside the drop-down
 * arrow, laid out in the select's own font (a select's scrollWidth never says so).
 */
export function clippedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const ARROW_PX = 16;
    const describe = (element: Element, text: string | null | undefined, needed: number, has: number) =>
      `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${element.getAttribute('name') ? `[name=${element.getAttribute('name')}]` : ''}: “${(text ?? '').trim().replace(/\s+/g, ' ').slice(0, 60)}” needs ${Math.round(needed)} px, has ${Math.round(has)}`;
    const shown = (element: Element) => {
      const box = element.getBoundingClientRect();
      // Visually hidden labels are 1 px boxes on purpose.
      return box.width > 1 && box.height > 1 && getComputedStyle(element).visibility !== 'hidden';
    };
    const problems: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>('button, input, label')) {
      if (!shown(element) || (element instanceof HTMLInputElement && element.type === 'hidden')) continue;
      if (element.scrollWidth > element.clientWidth + 1) problems.push(describe(element, element instanceof HTMLInputElement ? element.value || element.placeholder : element.textContent, element.scrollWidth, element.clientWidth));
    }
    for (const select of document.querySelectorAll('select')) {
      if (!shown(select) || select.multiple || select.options.length === 0) continue;
      const style = getComputedStyle(select);
      // A select sized to its content grows with the option chosen; any other must fit its longest option.
      const options = (style as CSSStyleDeclaration & { fieldSizing?: string }).fieldSizing === 'content' ? [...select.selectedOptions] : [...select.options];
      const probe = document.createElement('span');
      probe.style.font = style.font;
      probe.style.whiteSpace = 'pre';
      probe.style.position = 'absolute';
      probe.style.visibility = 'hidden';
      document.body.append(probe);
      const widths = options.map((option) => {
        probe.textContent = option.textContent;
        return { text: option.textContent, width: probe.getBoundingClientRect().width };
      });
      probe.remove();
      const widest = widths.reduce((a, b) => (b.width > a.width ? b : a));
      const needed = widest.width + parseFloat(style.paddingInlineStart) + parseFloat(style.paddingInlineEnd) + ARROW_PX;
      if (needed > select.clientWidth + 1) problems.push(describe(select, widest.text, needed, select.clientWidth));
    }
    return problems;
  });
}

/**
 * Fields showing a placeholder in the direction its words do not read in: an empty `dir="auto"` field is
 * left to right, so an Arabic placeholder in it reads in the wrong order ("كلمات أو \"عبارة\"").
 */
export function misdirectedPlaceholders(page: Page): Promise<string[]> {
  return page.locator('input:placeholder-shown, textarea:placeholder-shown').evaluateAll((fields) => fields.flatMap((field) => {
    const placeholder = field.getAttribute('placeholder') ?? '';
    const firstStrong = /[A-Za-z\u00C0-\u024F]|[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/.exec(placeholder)?.[0];
    if (!firstStrong || field.getBoundingClientRect().width <= 1) return [];
    const wanted = /[A-Za-z\u00C0-\u024F]/.test(firstStrong) ? 'ltr' : 'rtl';
    const shown = getComputedStyle(field).direction;
    return shown === wanted ? [] : [`${field.tagName.toLowerCase()}[name=${field.getAttribute('name')}]: “${placeholder}” drawn ${shown}`];
  }));
}

/** Short labels (links and buttons of a bar) whose text breaks over two lines, "API / tokens". */
export function labelsBrokenAcrossLines(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((elements) => elements.flatMap((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    // Pieces in different faces sit at different heights on one line; a piece entirely below another is on a new line.
    const pieces = [...range.getClientRects()].filter((rect) => rect.width > 0);
    const broken = pieces.some((upper) => pieces.some((lower) => lower.top >= upper.bottom - 1));
    return broken ? [`${element.tagName.toLowerCase()}: “${element.textContent!.trim().replace(/\s+/g, ' ')}” on more than one line`] : [];
  }));
}

export interface AxeProblem {
  rule: string;
  impact: string;
  help: string;
  where: string[];
}

/**
 * axe-core's serious and critical violations on the page as it is now. The page's context must bypass
 * the CSP (`bypassCSP: true`), which allows no script the app does not serve.
 */
export async function seriousAccessibilityProblems(page: Page): Promise<AxeProblem[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SCRIPT });
  return page.evaluate(async () => {
    interface AxeResult { id: string; impact?: string | null; help: string; nodes: Array<{ html: string; failureSummary?: string }> }
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeResult[] }> } }).axe;
    // Elements are named by their markup: building a unique CSS selector for each checked node is a fifth of axe's time.
    const { violations } = await axe.run(document, { resultTypes: ['violations'], selectors: false });
    return violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        rule: violation.id,
        impact: violation.impact!,
        help: violation.help,
        where: violation.nodes.slice(0, 5).map((node) => `${node.html.slice(0, 160)} — ${(node.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200)}`),
      }));
  });
}
