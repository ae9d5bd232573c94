// Loaded in <head>, not deferred: the class below hides the rows' save buttons before the first paint.
// With htmx working, a row's selects save on change, so their buttons are only for browsers without it.
if (window.htmx) document.documentElement.classList.add('has-htmx');

// A live refresh of a claim row (the claim changed somewhere) must not throw away what the reviewer is
// doing in that row. While one of its forms is being sent, the refresh is dropped: the answer redraws the
// row as it is then (and keeps a refusal's message, which a refresh would erase). While one of its selects
// has focus, the redraw waits until focus leaves the row.
(() => {
  const isLiveRefresh = (ctx) => ctx.sourceElement instanceof HTMLTableRowElement
    && ctx.sourceElement.classList.contains('claim-row')
    && ctx.request && ctx.request.method === 'GET';
  const isBusy = (row) => row.querySelector('form.htmx-request') !== null
    || (document.activeElement instanceof HTMLSelectElement && row.contains(document.activeElement));
  const refresh = (row) => {
    delete row.dataset.refreshWaiting;
    window.htmx.trigger(document.body, `claim:${row.id.replace('claim-', '')}`);
  };

  document.addEventListener('htmx:before:swap', (event) => {
    const { ctx } = event.detail;
    if (!isLiveRefresh(ctx) || !isBusy(ctx.sourceElement)) return;
    event.preventDefault();
    ctx.sourceElement.dataset.refreshWaiting = '1';
  });

  document.addEventListener('focusout', (event) => {
    const row = event.target instanceof Element ? event.target.closest('tr.claim-row[data-refresh-waiting]') : null;
    if (!row || (event.relatedTarget instanceof Node && row.contains(event.relatedTarget))) return;
    // Focus moves after this event: let it land before deciding.
    setTimeout(() => { if (row.isConnected && !isBusy(row)) refresh(row); }, 0);
  });
})();
