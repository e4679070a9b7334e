import { AdminLayout, Notice } from '../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../platform/views/context.js';
import { ListTable } from '../../../platform/views/list-table.js';
import type { Office, Service } from '../model.js';

const notices = ['created', 'saved', 'deleted', 'officeCreated', 'officeSaved'] as const;

/** The back office's list of services and offices, with the ways to create, edit and import. */
export function ServiceAdminListPage({
  ctx,
  services,
  offices,
}: {
  ctx: PageContext;
  services: Service[];
  offices: Office[];
}) {
  const { t } = ctx.i18n;
  const notice = notices.find((n) => ctx.query.done === n);
  const officeName = new Map(offices.map((o) => [o.id, o.name.de]));
  return (
    <AdminLayout ctx={ctx} title={t('services.admin.title')}>
      <h1 class="kern-heading-large">{t('services.admin.title')}</h1>
      {notice && <Notice kind="success" title={t(`services.admin.notices.${notice}`)} />}
      <p class="kern-body">{t('services.admin.intro')}</p>
      <ul class="bs-link-list">
        <li>
          <a class="kern-link" href="/admin/leistungen/neu">
            {t('services.admin.newService')}
          </a>
        </li>
        <li>
          <a class="kern-link" href="/admin/leistungen/stellen/neu">
            {t('services.admin.newOffice')}
          </a>
        </li>
        <li>
          <a class="kern-link" href="/admin/leistungen/import">
            {t('services.admin.import')}
          </a>
        </li>
      </ul>
      {services.length === 0 ? (
        <p class="kern-body">{t('services.admin.empty')}</p>
      ) : (
        <ListTable
          caption={t('services.admin.services', { count: services.length })}
          item={{
            header: t('services.fields.name_de'),
            href: (s) => `/admin/leistungen/${s.id}`,
            name: (s) => s.name.de,
          }}
          rows={services}
          columns={[
            { header: t('services.fields.office'), cell: (s) => officeName.get(s.officeId) ?? '—' },
            { header: t('services.fields.name_en'), cell: (s) => s.name.en ?? '—' },
            { header: t('services.fields.updated'), cell: (s) => ctx.i18n.date(s.updatedAt, 'medium') },
          ]}
        />
      )}
      <h2 class="kern-heading-medium">{t('services.admin.offices')}</h2>
      {offices.length === 0 ? (
        <p class="kern-body">{t('services.admin.noOffices')}</p>
      ) : (
        <ListTable
          caption={t('services.admin.officesCaption', { count: offices.length })}
          item={{
            header: t('services.fields.name_de'),
            href: (o) => `/admin/leistungen/stellen/${o.id}`,
            name: (o) => o.name.de,
          }}
          rows={offices}
          columns={[
            { header: t('services.fields.key'), cell: (o) => <code>{o.key}</code> },
            { header: t('services.fields.street'), cell: (o) => `${o.street}, ${o.postcode} ${o.city}` },
            { header: t('services.fields.updated'), cell: (o) => ctx.i18n.date(o.updatedAt, 'medium') },
          ]}
        />
      )}
    </AdminLayout>
  );
}
