import type { I18n } from '../../platform/i18n.js';
import type { DemoCredential } from '../users/demo.js';

/** Pads to a visible width (the strings are plain text; umlauts count as one). */
const pad = (s: string, width: number) => s + ' '.repeat(Math.max(0, width - [...s].length));

/**
 * The demo staff credentials as a framed text block marked DEMO, for the console and the credentials file:
 * role, name, e-mail and password per line, the login URL and where the file is.
 */
export function credentialsBox(i18n: I18n, staff: DemoCredential[], where: { loginUrl: string; file: string }): string {
  const { t } = i18n;
  const role = (c: DemoCredential) =>
    `${t(`auth.roles.${c.role}`, { defaultValue: c.role })}${c.department ? ` (${c.department})` : ''}`;
  const headers = [
    t('demo.credentials.role'),
    t('demo.credentials.name'),
    t('demo.credentials.email'),
    t('demo.credentials.password'),
  ];
  const rows = staff.map((c) => [role(c), c.displayName, c.email, c.password]);
  const widths = headers.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...(r[i] ?? '')].length)));
  const table = [headers, ...rows].map((r) =>
    r
      .map((cell, i) => pad(cell, widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  const lines = [
    t('demo.credentials.title'),
    t('demo.credentials.warning'),
    '',
    ...table,
    '',
    t('demo.credentials.login', { url: where.loginUrl }),
    t('demo.credentials.savedTo', { file: where.file }),
  ];
  const width = Math.max(...lines.map((l) => [...l].length));
  const bar = '═'.repeat(width + 2);
  return `\n╔${bar}╗\n${lines.map((l) => `║ ${pad(l, width)} ║`).join('\n')}\n╚${bar}╝\n\n`;
}
