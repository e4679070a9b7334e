import type { FieldErrors } from '../../../../platform/errors.js';
import { AdminLayout } from '../../../../platform/views/admin-layout.js';
import { assetUrl } from '../../../../platform/views/assets.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { Fact } from '../../../../platform/views/description-list.js';
import {
  ChoiceGroup,
  ErrorSummary,
  FieldError,
  SelectField,
  TextAreaField,
} from '../../../../platform/views/form-fields.js';
import { ListTable } from '../../../../platform/views/list-table.js';
import type { ApplicationRow } from '../../core/applications-queries.js';
import type { OfficeKeyRow } from '../../core/office-keys-queries.js';
import { type InboxItem, staffStatuses } from '../service.js';

/** Service titles by slug and office names by key. */
export interface Names {
  titles: Map<string, string>;
  offices: Map<string, string>;
}

// The office's inbox: the list, one application (opened in the browser with the office's key) and the keys page.

export function InboxListPage({
  ctx,
  rows,
  offices,
  office,
  names,
}: {
  ctx: PageContext;
  rows: ApplicationRow[];
  offices: string[];
  office?: string;
  names: Names;
}) {
  const { t } = ctx.i18n;
  return (
    <AdminLayout ctx={ctx} title={t('applications.inbox.title')}>
      <h1 class="kern-heading-large">{t('applications.inbox.title')}</h1>
      <p class="kern-body">{t('applications.inbox.intro')}</p>
      <p class="kern-body">
        <a class="kern-link" href="/admin/antraege/schluessel">
          {t('applications.keys.title')}
        </a>
      </p>
      <form method="get" action="/admin/antraege" class="bs-filter">
        <SelectField
          ctx={ctx}
          name="amt"
          label={t('applications.inbox.office')}
          value={office ?? ''}
          empty={t('applications.inbox.allOffices')}
          options={offices.map((o) => ({ value: o, label: names.offices.get(o) ?? o }))}
        />
        <button class="kern-btn kern-btn--secondary" type="submit">
          <span class="kern-label">{t('applications.inbox.filter')}</span>
        </button>
      </form>
      {rows.length === 0 ? (
        <p class="kern-body">{t('applications.inbox.empty')}</p>
      ) : (
        <ListTable
          caption={t('applications.inbox.caption', { count: rows.length })}
          item={{
            header: t('applications.status.reference'),
            href: (r) => `/admin/antraege/${r.id}`,
            name: (r) => r.reference,
          }}
          columns={[
            { header: t('applications.status.service'), cell: (r) => names.titles.get(r.formSlug) ?? r.formSlug },
            { header: t('applications.inbox.office'), cell: (r) => names.offices.get(r.officeKey) ?? r.officeKey },
            { header: t('applications.status.sentAt'), cell: (r) => ctx.i18n.dateTime(r.createdAt) },
            { header: t('applications.status.current'), cell: (r) => t(`applications.statuses.${r.status}`) },
          ]}
          rows={rows}
        />
      )}
    </AdminLayout>
  );
}

export function InboxItemPage({
  ctx,
  item,
  errors,
  values,
  names,
}: {
  ctx: PageContext;
  item: InboxItem;
  names: Names;
  errors?: FieldErrors;
  values?: { status: string; message: string };
}) {
  const { t } = ctx.i18n;
  const a = item.application;
  return (
    <AdminLayout ctx={ctx} title={a.reference} scripts={[assetUrl('application-inbox.js')]}>
      <p class="kern-body">
        <a class="kern-link" href="/admin/antraege">
          {t('applications.inbox.back')}
        </a>
      </p>
      <h1 class="kern-heading-large">{t('applications.status.title', { reference: a.reference })}</h1>
      {ctx.query.done === 'status' && (
        <div class="kern-alert kern-alert--success" role="status">
          <div class="kern-alert__body">
            <p class="kern-body">{t('applications.inbox.statusSaved')}</p>
          </div>
        </div>
      )}
      <dl class="kern-description-list">
        <Fact term={t('applications.status.service')}>{names.titles.get(a.formSlug) ?? a.formSlug}</Fact>
        <Fact term={t('applications.inbox.office')}>{names.offices.get(a.officeKey) ?? a.officeKey}</Fact>
        <Fact term={t('applications.status.sentAt')}>{ctx.i18n.dateTime(a.createdAt)}</Fact>
        <Fact term={t('applications.status.current')}>{t(`applications.statuses.${a.status}`)}</Fact>
        <Fact term={t('applications.inbox.key')}>{a.kid}</Fact>
        <Fact term={t('applications.status.encryption')}>{t(`applications.status.encryptedBy.${a.encryptedBy}`)}</Fact>
      </dl>
      <section
        aria-labelledby="content-title"
        class="bs-app-decrypt"
        data-jwe={a.dataJwe}
        data-kid={a.kid}
        data-files={JSON.stringify(item.files.map((f) => ({ id: f.id, jwe: f.jwe })))}
      >
        <h2 class="kern-heading-medium" id="content-title">
          {t('applications.inbox.content')}
        </h2>
        <p class="kern-body">{t('applications.inbox.decryptIntro')}</p>
        <p class="kern-body" data-no-js>
          {t('applications.inbox.needsJs')}
        </p>
        <div class="kern-form-input" data-js-only hidden>
          <label class="kern-label" for="office-key">
            {t('applications.inbox.keyFile', { kid: a.kid })}
          </label>
          <input class="kern-form-input__input" type="file" id="office-key" accept=".json,.jwk,application/json" />
        </div>
        <div aria-live="polite" data-decrypted />
        <p class="kern-body">
          <a class="kern-link" href={`/admin/antraege/${a.id}/antrag.jwe`}>
            {t('applications.inbox.downloadJwe')}
          </a>
        </p>
      </section>
      <section aria-labelledby="history-title">
        <h2 class="kern-heading-medium" id="history-title">
          {t('applications.status.history')}
        </h2>
        <ol class="kern-list">
          {item.events.map((e) => (
            <li key={e.id}>
              <strong>{ctx.i18n.dateTime(e.createdAt)}</strong>
              {` – ${t(`applications.inbox.sender.${e.sender}`)}`}
              {e.status ? `: ${t(`applications.statuses.${e.status}`)}` : ''}
              {e.message && <p class="kern-body">{e.message}</p>}
              {e.files.length > 0 && (
                <ul class="kern-list">
                  {e.files.map((f) => (
                    <li key={f.id}>{f.name}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="change-title">
        <h2 class="kern-heading-medium" id="change-title">
          {t('applications.inbox.change')}
        </h2>
        <ErrorSummary ctx={ctx} errors={errors} />
        <form method="post" action={`/admin/antraege/${a.id}/status`} class="bs-form" enctype="multipart/form-data">
          <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
          <SelectField
            ctx={ctx}
            name="status"
            label={t('applications.inbox.newStatus')}
            value={values?.status ?? ''}
            error={errors?.status}
            empty={t('applications.inbox.keepStatus')}
            options={staffStatuses.map((s) => ({ value: s, label: t(`applications.statuses.${s}`) }))}
          />
          <TextAreaField
            ctx={ctx}
            name="message"
            label={t('applications.inbox.message')}
            hint={t('applications.inbox.messageHint')}
            value={values?.message ?? ''}
            error={errors?.message}
            maxLength={5000}
            optional
          />
          <div class={`kern-form-input${errors?.dokumente ? ' kern-form-input--error' : ''}`}>
            <label class="kern-label" for="dokumente">
              {t('applications.inbox.documents')}
              <span class="kern-label__optional"> – {t('admin.form.optional')}</span>
            </label>
            <div class="kern-hint" id="dokumente-hint">
              {t('applications.inbox.documentsHint')}
            </div>
            <input
              class="kern-form-input__input"
              type="file"
              id="dokumente"
              name="dokumente"
              multiple
              accept="application/pdf,image/jpeg,image/png"
              aria-describedby={errors?.dokumente ? 'dokumente-hint dokumente-error' : 'dokumente-hint'}
            />
            <FieldError ctx={ctx} id="dokumente-error" message={errors?.dokumente} />
          </div>
          <button class="kern-btn kern-btn--primary" type="submit">
            <span class="kern-label">{t('applications.inbox.save')}</span>
          </button>
        </form>
      </section>
    </AdminLayout>
  );
}

export function KeysPage({
  ctx,
  offices,
  names,
  errors,
  values,
  departments,
  assigned,
}: {
  ctx: PageContext;
  offices: { office: string; key?: OfficeKeyRow }[];
  names: Names;
  errors?: FieldErrors;
  values?: { office: string; jwk: string };
  departments: { id: number; name: string }[];
  assigned: Map<string, number[]>;
}) {
  const { t } = ctx.i18n;
  return (
    <AdminLayout ctx={ctx} title={t('applications.keys.title')} scripts={[assetUrl('application-inbox.js')]}>
      <p class="kern-body">
        <a class="kern-link" href="/admin/antraege">
          {t('applications.inbox.back')}
        </a>
      </p>
      <h1 class="kern-heading-large">{t('applications.keys.title')}</h1>
      <p class="kern-body">{t('applications.keys.intro')}</p>
      {ctx.query.done === 'key' && (
        <div class="kern-alert kern-alert--success" role="status">
          <div class="kern-alert__body">
            <p class="kern-body">{t('applications.keys.saved')}</p>
          </div>
        </div>
      )}
      <dl class="kern-description-list">
        {offices.map((o) => (
          <Fact key={o.office} term={names.offices.get(o.office) ?? o.office}>
            {o.key
              ? t('applications.keys.current', { kid: o.key.kid, date: ctx.i18n.date(o.key.createdAt, 'medium') })
              : t('applications.keys.none')}
          </Fact>
        ))}
      </dl>
      <h2 class="kern-heading-medium">{t('applications.keys.newTitle')}</h2>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action="/admin/antraege/schluessel" data-key-form>
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <SelectField
          ctx={ctx}
          name="office"
          label={t('applications.inbox.office')}
          value={values?.office ?? offices[0]?.office}
          options={offices.map((o) => ({ value: o.office, label: names.offices.get(o.office) ?? o.office }))}
          error={errors?.office}
        />
        <p class="kern-body" data-js-only hidden>
          <button class="kern-btn kern-btn--secondary" type="button" data-generate-key>
            <span class="kern-label">{t('applications.keys.generate')}</span>
          </button>
        </p>
        <TextAreaField
          ctx={ctx}
          name="jwk"
          label={t('applications.keys.publicKey')}
          hint={t('applications.keys.publicKeyHint')}
          value={values?.jwk ?? ''}
          error={errors?.jwk}
          rows={6}
        />
        <button class="kern-btn kern-btn--primary" type="submit">
          <span class="kern-label">{t('applications.keys.save')}</span>
        </button>
      </form>
      <h2 class="kern-heading-medium" id="departments-title">
        {t('applications.keys.departmentsTitle')}
      </h2>
      <p class="kern-body">{t('applications.keys.departmentsIntro')}</p>
      {ctx.query.done === 'departments' && (
        <div class="kern-alert kern-alert--success" role="status">
          <div class="kern-alert__body">
            <p class="kern-body">{t('applications.keys.departmentsSaved')}</p>
          </div>
        </div>
      )}
      {offices.map((o) => (
        <form key={o.office} method="post" action="/admin/antraege/zustaendigkeit" class="bs-form">
          <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
          <input type="hidden" name="office" value={o.office} />
          <ChoiceGroup
            ctx={ctx}
            name={`departments-${o.office}`}
            legend={names.offices.get(o.office) ?? o.office}
            type="checkbox"
            options={departments.map((d) => ({ value: String(d.id), label: d.name }))}
            selected={(assigned.get(o.office) ?? []).map(String)}
          />
          <button class="kern-btn kern-btn--secondary" type="submit">
            <span class="kern-label">{t('applications.keys.departmentsSave')}</span>
          </button>
        </form>
      ))}
    </AdminLayout>
  );
}
