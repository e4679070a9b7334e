import type { FieldErrors } from '../../../platform/errors.js';
import { AdminLayout, Notice, PostButton } from '../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../platform/views/context.js';
import { ErrorSummary, TextField } from '../../../platform/views/form-fields.js';
import type { Open311Client } from '../keys-service.js';

function ClientTable({ ctx, clients }: { ctx: PageContext; clients: Open311Client[] }) {
  const { t } = ctx.i18n;
  const columns = ['name', 'prefix', 'created', 'lastUsed', 'status', 'actions'] as const;
  return (
    <div class="bs-table-scroll">
      <table class="kern-table kern-table--striped" id="open311-clients">
        <caption class="kern-title">{t('open311.keys.caption', { count: clients.length })}</caption>
        <thead class="kern-table__head">
          <tr class="kern-table__row">
            {columns.map((c) => (
              <th scope="col" class="kern-table__header" key={c}>
                {t(`open311.keys.columns.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {clients.map((c) => (
            <tr class="kern-table__row" key={c.id}>
              <th scope="row" class="kern-table__header" id={`client-${c.id}`}>
                {c.name}
              </th>
              <td class="kern-table__cell">
                <code>{c.keyPrefix}…</code>
              </td>
              <td class="kern-table__cell">
                {ctx.i18n.dateTime(c.createdAt)}
                {c.createdByName && (
                  <>
                    <br />
                    {t('open311.keys.createdBy', { name: c.createdByName })}
                  </>
                )}
              </td>
              <td class="kern-table__cell">
                {c.lastUsedAt ? ctx.i18n.dateTime(c.lastUsedAt) : t('open311.keys.never')}
              </td>
              <td class="kern-table__cell">
                <span class={`kern-badge kern-badge--${c.revokedAt ? 'warning' : 'success'}`}>
                  <span class="kern-label">
                    {c.revokedAt
                      ? t('open311.keys.status.revoked', { date: ctx.i18n.date(c.revokedAt, 'medium') })
                      : t('open311.keys.status.active')}
                  </span>
                </span>
              </td>
              <td class="kern-table__cell">
                {!c.revokedAt && (
                  <PostButton
                    ctx={ctx}
                    action={`/admin/open311/${c.id}/revoke`}
                    label={t('open311.keys.revoke')}
                    describedBy={`client-${c.id}`}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The Open311 page of the back office: where the interface is, its API keys, a form for a new key. */
export function Open311KeysPage({
  ctx,
  clients,
  endpoint,
  name = '',
  errors,
}: {
  ctx: PageContext;
  clients: Open311Client[];
  endpoint: string;
  name?: string;
  errors?: FieldErrors;
}) {
  const { t } = ctx.i18n;
  return (
    <AdminLayout ctx={ctx} title={t('open311.keys.title')}>
      <h1 class="kern-heading-large">{t('open311.keys.title')}</h1>
      {ctx.query.done === 'revoked' && <Notice kind="success" title={t('open311.keys.notices.revoked')} />}
      <ErrorSummary ctx={ctx} errors={errors} />
      <p class="kern-body">{t('open311.keys.intro')}</p>
      <ul class="kern-list">
        <li>
          {t('open311.keys.endpoint')} <code>{endpoint}/v2/</code>
        </li>
        <li>
          {t('open311.keys.discovery')}{' '}
          <a class="kern-link" href="/open311/discovery.json">
            {endpoint}/discovery.json
          </a>
        </li>
      </ul>
      <section aria-labelledby="keys-heading" class="bs-section">
        <h2 class="kern-heading-medium" id="keys-heading">
          {t('open311.keys.listTitle')}
        </h2>
        {clients.length === 0 ? (
          <p class="kern-body">{t('open311.keys.empty')}</p>
        ) : (
          <ClientTable ctx={ctx} clients={clients} />
        )}
      </section>
      <section aria-labelledby="create-heading" class="bs-section">
        <h2 class="kern-heading-medium" id="create-heading">
          {t('open311.keys.createTitle')}
        </h2>
        <form method="post" action="/admin/open311" novalidate class="bs-form">
          <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
          <TextField
            ctx={ctx}
            name="name"
            label={t('open311.keys.name')}
            hint={t('open311.keys.nameHint')}
            value={name}
            error={errors?.name}
            required
            maxLength={120}
            autocomplete="off"
          />
          <div class="kern-btn-wrapper">
            <button type="submit" class="kern-btn kern-btn--primary">
              <span class="kern-label">{t('open311.keys.create')}</span>
            </button>
          </div>
        </form>
      </section>
    </AdminLayout>
  );
}

/** Shows a new key exactly once (the response is never cached). */
export function Open311KeyShownPage({
  ctx,
  client,
  apiKey,
}: {
  ctx: PageContext;
  client: Open311Client;
  apiKey: string;
}) {
  const { t } = ctx.i18n;
  return (
    <AdminLayout ctx={ctx} title={t('open311.keys.shown.title')}>
      <h1 class="kern-heading-large">{t('open311.keys.shown.title')}</h1>
      <Notice kind="success" title={t('open311.keys.shown.notice', { name: client.name })} />
      <section aria-labelledby="key-heading" class="bs-section">
        <h2 class="kern-heading-medium" id="key-heading">
          {t('open311.keys.shown.keyTitle')}
        </h2>
        <p class="kern-body">
          <code class="bs-secret" id="api-key">
            {apiKey}
          </code>
        </p>
        <p class="kern-body">{t('open311.keys.shown.keyText')}</p>
      </section>
      <p>
        <a class="kern-link" href="/admin/open311">
          {t('open311.keys.shown.toList')}
        </a>
      </p>
    </AdminLayout>
  );
}
