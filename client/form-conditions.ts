// Online application forms: a field whose condition depends on a choice in the same step (data-show-if, from the
// form's definition) is shown only while the choice holds. Without this script every such field is shown with its
// condition in words, and the server ignores the answers of fields whose condition does not hold.

interface Condition {
  field: string;
  equals?: string;
  in?: string[];
}

function chosen(form: HTMLFormElement, name: string): string[] | undefined {
  const inputs = [...form.elements].filter(
    (e): e is HTMLInputElement | HTMLSelectElement =>
      (e instanceof HTMLInputElement || e instanceof HTMLSelectElement) && e.name === name,
  );
  if (inputs.length === 0) return undefined;
  return inputs.flatMap((e) => {
    if (e instanceof HTMLSelectElement) return [e.value];
    if (e.type === 'radio' || e.type === 'checkbox') return e.checked ? [e.value] : [];
    return [e.value];
  });
}

function update(form: HTMLFormElement): void {
  for (const el of form.querySelectorAll<HTMLElement>('[data-show-if]')) {
    let condition: Condition;
    try {
      condition = JSON.parse(el.dataset.showIf ?? '') as Condition;
    } catch {
      continue;
    }
    const values = chosen(form, condition.field);
    if (!values) continue; // a field of an earlier step: the server already decided
    const wanted = condition.in ?? [condition.equals ?? ''];
    const show = values.some((v) => wanted.includes(v));
    el.hidden = !show;
    for (const input of el.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
      'input, select, textarea',
    )) {
      input.disabled = !show;
    }
  }
}

export function initFormConditions(doc: Document): void {
  for (const form of doc.querySelectorAll<HTMLFormElement>('form')) {
    if (!form.querySelector('[data-show-if]')) continue;
    update(form);
    form.addEventListener('change', () => update(form));
  }
}
