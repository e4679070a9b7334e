import type { ComponentChildren } from 'preact';
import { AdminLayout, Notice } from '../../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { ReportsNav } from '../../core/views/admin-components.js';
import { reportStyles } from '../../core/views/styles.js';

/**
 * The shell of the Mängelmelder's settings lists (routing rules, note templates, external bodies): heading,
 * sub-navigation, the notice after a change, intro, "create" button, and the table or the empty message. Texts
 * come from `reports-admin.<section>.{title,intro,create,empty,caption,notices.*}`; children are the table's
 * head and body.
 */
export function SettingsListPage(p: {
  ctx: PageContext;
  section: 'rules' | 'templates' | 'externalBodies';
  createHref: string;
  notices: readonly string[];
  count: number;
  /** Shown below the intro. */
  extra?: ComponentChildren;
  children: ComponentChildren;
}) {
  const { t } = p.ctx.i18n;
  const key = (name: string) => `reports-admin.${p.section}.${name}`;
  const notice = p.notices.find((n) => p.ctx.query.done === n);
  return (
    <AdminLayout ctx={p.ctx} title={t(key('title'))} styles={reportStyles()}>
      <h1 class="kern-heading-large">{t(key('title'))}</h1>
      <ReportsNav ctx={p.ctx} />
      {notice && <Notice kind="success" title={t(key(`notices.${notice}`))} />}
      <p class="kern-body">{t(key('intro'))}</p>
      {p.extra}
      <p>
        <a class="kern-btn kern-btn--primary" href={p.createHref}>
          <span class="kern-label">{t(key('create'))}</span>
        </a>
      </p>
      {p.count === 0 ? (
        <p class="kern-body">{t(key('empty'))}</p>
      ) : (
        <div class="bs-table-scroll">
          <table class="kern-table kern-table--striped">
            <caption class="kern-title">{t(key('caption'), { count: p.count })}</caption>
            {p.children}
          </table>
        </div>
      )}
    </AdminLayout>
  );
}
