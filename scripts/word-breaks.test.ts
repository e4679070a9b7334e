import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// "No word breaks inside words on phones" ("Schlaglo|ch"): `overflow-wrap: anywhere` and `word-break: break-all`
// split words at any letter, so they are allowed only on rules for URLs and secrets (API keys), which have no words to
// keep whole.
const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'client', 'styles');

/** Each rule's selector with the declarations directly inside it (nesting flattened to the innermost selector). */
function rules(scss: string): { selector: string; body: string }[] {
  const out: { selector: string; body: string }[] = [];
  const stack: { selector: string; body: string }[] = [];
  let text = '';
  for (const ch of scss.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '')) {
    if (ch === '{') {
      stack.push({ selector: text.trim(), body: '' });
      text = '';
    } else if (ch === '}') {
      const rule = stack.pop();
      if (rule) out.push({ ...rule, body: rule.body + text });
      text = '';
    } else if (ch === ';') {
      const top = stack.at(-1);
      if (top) top.body += `${text};`;
      text = '';
    } else text += ch;
  }
  return out;
}

describe('stylesheets', () => {
  it('split words at any letter only for URLs and secrets', () => {
    const offenders = readdirSync(dir)
      .filter((f) => f.endsWith('.scss'))
      .flatMap((f) =>
        rules(readFileSync(join(dir, f), 'utf8'))
          .filter((r) => /overflow-wrap:\s*anywhere|word-break:\s*break-all/.test(r.body))
          .filter((r) => !/url|secret/i.test(r.selector))
          .map((r) => `${f}: ${r.selector}`),
      );
    expect(offenders).toEqual([]);
  });
});
