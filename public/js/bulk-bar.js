// Choosing a status or a reviewer in the bulk bar chooses that action too, so the radio buttons never
// disagree with the value the user just picked. Delegated from document: the bar is re-rendered by htmx.
document.addEventListener('change', (event) => {
  const select = event.target;
  if (!(select instanceof HTMLSelectElement) || !select.form || select.form.id !== 'bulk-form' || select.value === '') return;
  const action = { status: 'status', assignee: 'assign' }[select.name];
  const radio = action && select.form.querySelector(`input[name="action"][value="${action}"]`);
  if (radio) radio.checked = true;
});
