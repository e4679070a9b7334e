// The report page's "insert template" button: with JavaScript the template's text is added to the note where the
// cursor is (or at the end), without a page load; what was typed stays. Without JavaScript the button sends the
// form to the server, which renders the page again with both texts (see backoffice/pages.tsx).

/** The typed text with the template inserted at the selection, separated by blank lines. */
export function insertText(typed: string, start: number, end: number, text: string): { value: string; caret: number } {
  const before = typed.slice(0, start).replace(/\s+$/, '');
  const after = typed.slice(end).replace(/^\s+/, '');
  const head = before ? `${before}\n\n` : '';
  const tail = after ? `\n\n${after}` : '';
  return { value: `${head}${text}${tail}`, caret: head.length + text.length };
}

export function initNoteTemplates(root: ParentNode): void {
  for (const picker of root.querySelectorAll<HTMLElement>('[data-note-templates]')) {
    const button = picker.querySelector<HTMLButtonElement>('[data-note-template-insert]');
    const select = picker.querySelector<HTMLSelectElement>('select');
    const note = document.getElementById(picker.dataset.noteTemplates ?? '');
    if (!button || !select || !(note instanceof HTMLTextAreaElement)) continue;
    button.addEventListener('click', (event) => {
      const text = select.selectedOptions[0]?.dataset.text;
      if (!text) return;
      event.preventDefault();
      // Where the cursor was when the note lost focus; the end when it never had it.
      const focused = note.dataset.touched === '1';
      const start = focused ? note.selectionStart : note.value.length;
      const end = focused ? note.selectionEnd : note.value.length;
      const { value, caret } = insertText(note.value, start, end, text);
      note.value = value;
      note.focus();
      note.setSelectionRange(caret, caret);
    });
    note.addEventListener('focus', () => {
      note.dataset.touched = '1';
    });
  }
}
