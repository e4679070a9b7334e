import { describe, expect, it } from 'vitest';
import { insertText } from './note-templates.js';

describe('inserting a note template', () => {
  it('adds the template where the cursor is, blank lines around it, nothing typed lost', () => {
    expect(insertText('', 0, 0, 'Danke!')).toEqual({ value: 'Danke!', caret: 6 });
    expect(insertText('Guten Tag,', 10, 10, 'Danke!')).toEqual({ value: 'Guten Tag,\n\nDanke!', caret: 18 });
    expect(insertText('Guten Tag,\n\nGruß', 10, 10, 'Danke!').value).toBe('Guten Tag,\n\nDanke!\n\nGruß');
    // A selection is replaced by the template.
    expect(insertText('A XXX B', 2, 5, 'T').value).toBe('A\n\nT\n\nB');
  });
});
