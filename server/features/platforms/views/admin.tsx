import type { FieldErrors } from '../../../platform/errors.js';
import { ActionSection, AdminFormPage, formFields } from '../../../platform/views/admin-form.js';
import { AdminLayout, CsrfField, Notice } from '../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../platform/views/context.js';
import { ChoiceGroup, TextAreaField, TextField } from '../../../platform/views/form-fields.js';
import { interfaceNames, platformInterfaces } from '../interfaces.js';
import type { Platform } from '../present.js';
import { limits } from '../validation.js';

const notices = ['created', 'saved', 'deleted', 'moved'] as const;
const base = '/admin/datenplattformen';

function Move(p: { ctx: PageContext; id: number; name: string; first: boolean; last: boolean }) {
  const { t } = p.ctx.i18n;
  return (
    <div class="bs-actions">
      {(['hoch', 'runter'] as const).map((d) =>
        (d === 'hoch' ? p.first : p.last) ? null : (
          <form key={d} method="post" action={`${base}/${p.id}/${d}`} class="bs-inline-form">
            <CsrfField ctx={p.ctx} />
            <button type="submit" class="kern-btn kern-btn--tertiary">
              <span class="kern-label">
                {t(d === 'hoch' ? 'platforms.admin.moveUp' : 'platforms.admin.moveDown')}
                <span class="kern-sr-only">{`: ${p.name}`}</span>
              </span>
            </button>
          </form>
        ),
      )}
    </div>
  );
}

/** The editors' list of data platforms in their public order. */
export function PlatformListPage({ ctx, platforms }: { ctx: PageContext; platforms: Platform[] }) {
  const { t } = ctx.i18n;
  const notice = notices.find((n) => ctx.query.done === n);
  return (
    <AdminLayout ctx={ctx} title={t('platforms.admin.title')}>
      <h1 class="kern-heading-large">{t('platforms.admin.title')}</h1>
      {notice && <Notice kind="success" title={t(`platforms.admin.notices.${notice}`)} />}
      <p class="kern-body bs-lead">{t('platforms.admin.intro')}</p>
      <p class="bs-actions">
        <a class="kern-btn kern-btn--primary" href={`${base}/neu`}>
          <span class="kern-label">{t('platforms.admin.create')}</span>
        </a>
        <a class="kern-link" href="/datenplattformen">
          {t('platforms.admin.view')}
        </a>
      </p>
      <ol class="kern-list kern-list--number">
        {platforms.map((p, i) => (
          <li key={p.id} id={`plattform-${p.id}`}>
            <a class="kern-link" href={`${base}/${p.id}`}>
              {p.name.de}
            </a>
            <span class="bs-muted">{` (${p.url ?? t('platforms.admin.noUrl')})`}</span>
            <Move ctx={ctx} id={p.id} name={p.name.de} first={i === 0} last={i === platforms.length - 1} />
          </li>
        ))}
      </ol>
    </AdminLayout>
  );
}

export interface PlatformFormValues {
  nameDe: string;
  nameEn: string;
  offersDe: string;
  offersEn: string;
  operatorDe: string;
  operatorEn: string;
  url: string;
  slug: string;
  interfaces: string[];
}

export const platformValues = (p?: Platform): PlatformFormValues => ({
  nameDe: p?.name.de ?? '',
  nameEn: p?.name.en ?? '',
  offersDe: p?.offers.de ?? '',
  offersEn: p?.offers.en ?? '',
  operatorDe: p?.operator.de ?? '',
  operatorEn: p?.operator.en ?? '',
  url: p?.url ?? '',
  slug: p?.slug ?? '',
  interfaces: p?.interfaces ?? [],
});

/** Create or edit a data platform. */
export function PlatformFormPage(p: {
  ctx: PageContext;
  platform?: Platform;
  values: PlatformFormValues;
  errors?: FieldErrors;
}) {
  const { ctx, platform } = p;
  const { t } = ctx.i18n;
  const { interfaces, ...text } = p.values;
  const field = formFields(ctx, text, p.errors);
  return (
    <AdminFormPage
      ctx={ctx}
      title={t(platform ? 'platforms.admin.editTitle' : 'platforms.admin.newTitle')}
      back={{ href: base, label: t('platforms.admin.back') }}
      errors={p.errors}
      action={platform ? `${base}/${platform.id}` : base}
      submitLabel={t(platform ? 'platforms.admin.save' : 'platforms.admin.createSubmit')}
      after={
        platform && (
          <>
            <p class="kern-body bs-muted bs-section">
              {`${t('platforms.updated')} `}
              <time datetime={platform.updatedAt.toISOString()}>{ctx.i18n.dateTime(platform.updatedAt)}</time>
            </p>
            <ActionSection
              ctx={ctx}
              id="delete"
              title={t('platforms.admin.deleteHeading')}
              text={t('platforms.admin.deleteText')}
              action={`${base}/${platform.id}/loeschen`}
              label={t('platforms.admin.delete')}
            />
          </>
        )
      }
    >
      <TextField {...field('nameDe')} label={t('platforms.fields.nameDe')} required maxLength={limits.name} />
      <TextAreaField {...field('offersDe')} label={t('platforms.fields.offersDe')} required maxLength={limits.offers} />
      <TextField
        {...field('operatorDe')}
        label={t('platforms.fields.operatorDe')}
        required
        maxLength={limits.operator}
      />
      <TextField
        {...field('url')}
        label={t('platforms.fields.url')}
        hint={t('platforms.admin.urlHint')}
        optional
        maxLength={limits.url}
      />
      <ChoiceGroup
        ctx={ctx}
        name="interfaces"
        type="checkbox"
        legend={t('platforms.fields.interfaces')}
        options={platformInterfaces.map((i) => ({ value: i, label: interfaceNames[i] }))}
        selected={interfaces}
        error={p.errors?.interfaces}
      />
      <TextField {...field('nameEn')} label={t('platforms.fields.nameEn')} optional maxLength={limits.name} />
      <TextAreaField {...field('offersEn')} label={t('platforms.fields.offersEn')} optional maxLength={limits.offers} />
      <TextField
        {...field('operatorEn')}
        label={t('platforms.fields.operatorEn')}
        optional
        maxLength={limits.operator}
      />
      <TextField
        {...field('slug')}
        label={t('platforms.fields.slug')}
        hint={t('platforms.admin.slugHint')}
        optional
        maxLength={limits.slug}
      />
    </AdminFormPage>
  );
}
