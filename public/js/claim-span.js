// Span fields of the claim forms: "Use selection as the claim" turns the words selected in the article
// text into start/end offsets, and the preview shows the words the numbers point at. Offsets are UTF-16
// code units into the article body, which is exactly the text content of .article-body (the marks and
// bidi isolates around its words add no characters). The server recomputes the text from the offsets.
(() => {
  const textOf = (fieldset) => document.querySelector(`${fieldset.dataset.spanSource} .article-body`);

  /** Offsets of a range inside the article text, with the spaces at either edge left out. */
  function offsetsOf(range, source) {
    const before = document.createRange();
    before.selectNodeContents(source);
    before.setEnd(range.startContainer, range.startOffset);
    let start = before.toString().length;
    let end = start + range.toString().length;
    const body = source.textContent;
    while (start < end && /\s/.test(body[start])) start += 1;
    while (end > start && /\s/.test(body[end - 1])) end -= 1;
    return { start, end };
  }

  function showPreview(fieldset) {
    const source = textOf(fieldset);
    const preview = fieldset.querySelector('[data-span-preview]');
    if (!source || !preview) return;
    const start = Number(fieldset.querySelector('[data-span-start]').value);
    const end = Number(fieldset.querySelector('[data-span-end]').value);
    const body = source.textContent;
    const valid = Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= body.length;
    preview.textContent = valid ? `«${body.slice(start, end)}»` : '';
  }

  /** The part of a range inside the article text (a triple click or a long drag runs past its edges), or null. */
  function rangeWithin(range, source) {
    if (!range.intersectsNode(source)) return null;
    const inside = document.createRange();
    inside.selectNodeContents(source);
    if (range.compareBoundaryPoints(Range.START_TO_START, inside) > 0) inside.setStart(range.startContainer, range.startOffset);
    if (range.compareBoundaryPoints(Range.END_TO_END, inside) < 0) inside.setEnd(range.endContainer, range.endOffset);
    return inside;
  }

  // The selection is remembered as it is made: pressing the button must not depend on it surviving the click.
  const lastSelection = new WeakMap();
  document.addEventListener('selectionchange', () => {
    const selection = document.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    const range = selection.getRangeAt(0);
    for (const fieldset of document.querySelectorAll('[data-span-editor]')) {
      const source = textOf(fieldset);
      const inside = source && rangeWithin(range, source);
      if (inside && !inside.collapsed) lastSelection.set(fieldset, offsetsOf(inside, source));
    }
  });

  for (const fieldset of document.querySelectorAll('[data-span-editor]')) {
    const button = fieldset.querySelector('[data-use-selection]');
    if (!textOf(fieldset) || !button) continue;
    button.hidden = false;
    button.addEventListener('click', () => {
      const span = lastSelection.get(fieldset);
      if (!span || span.end <= span.start) {
        // The words come from the page, in the reader's language.
        fieldset.querySelector('[data-span-preview]').textContent = fieldset.dataset.noSelection || '';
        return;
      }
      fieldset.querySelector('[data-span-start]').value = String(span.start);
      fieldset.querySelector('[data-span-end]').value = String(span.end);
      showPreview(fieldset);
    });
    fieldset.addEventListener('input', () => showPreview(fieldset));
    showPreview(fieldset);
  }

  // The speaker field is named for its form; the suggestion endpoint reads the typed words as ?q=.
  document.addEventListener('htmx:config:request', (event) => {
    const { sourceElement, request } = event.detail.ctx;
    const param = sourceElement && sourceElement.dataset && sourceElement.dataset.suggestParam;
    if (!param || !(request.body instanceof FormData)) return;
    request.body.delete(sourceElement.name);
    request.body.set(param, sourceElement.value);
  });
})();
