import type { FieldErrors } from '../../../platform/errors.js';
import { ActionSection, AdminFormPage, formFields } from '../../../platform/views/admin-form.js';
import type { PageContext } from '../../../platform/views/context.js';
import { ChoiceGroup, SelectField, TextAreaField, TextField } from '../../../platform/views/form-fields.js';
import { type Office, type Service, serviceTopics } from '../model.js';

/** The form's values: text as typed (lists one per line, synonyms comma-separated), topics as chosen. */
export type ServiceFormValues = Record<(typeof textFields)[number], string> & { topics: string[] };

const textFields = [
  'slug',
  'name_de',
  'name_en',
  'synonyms',
  'summary_de',
  'summary_en',
  'description_de',
  'description_en',
  'leistungsschluessel',
  'office',
  'documents_de',
  'documents_en',
  'fees_de',
  'fees_en',
  'processing_time_de',
  'processing_time_en',
  'legal_basis',
  'online_url',
  'online_label_de',
  'online_label_en',
  'appointment_url',
] as const;
export const serviceTextFields = textFields;

/** The values of a stored service (or an empty form), with its office's key. */
export function serviceValues(s?: Service, officeKey = ''): ServiceFormValues {
  return {
    slug: s?.slug ?? '',
    name_de: s?.name.de ?? '',
    name_en: s?.name.en ?? '',
    synonyms: s?.synonyms.join(', ') ?? '',
    summary_de: s?.summary.de ?? '',
    summary_en: s?.summary.en ?? '',
    description_de: s?.description.de ?? '',
    description_en: s?.description.en ?? '',
    leistungsschluessel: s?.leistungsschluessel ?? '',
    office: officeKey,
    documents_de: s?.documents.de.join('\n') ?? '',
    documents_en: s?.documents.en?.join('\n') ?? '',
    fees_de: s?.fees.de ?? '',
    fees_en: s?.fees.en ?? '',
    processing_time_de: s?.processingTime.de ?? '',
    processing_time_en: s?.processingTime.en ?? '',
    legal_basis: s?.legalBasis ?? '',
    online_url: s?.onlineUrl ?? '',
    online_label_de: s?.onlineLabel.de ?? '',
    online_label_en: s?.onlineLabel.en ?? '',
    appointment_url: s?.appointmentUrl ?? '',
    topics: s?.topics ?? [],
  };
}

export function ServiceFormPage(p: {
  ctx: PageContext;
  service?: Service;
  offices: Office[];
  values: ServiceFormValues;
  errors?: FieldErrors;
}) {
  const { ctx, service, values, errors } = p;
  const { t } = ctx.i18n;
  const f = (name: string) => t(`services.fields.${name}`);
  const field = formFields(ctx, values, errors);
  const title = service ? t('services.admin.editService', { name: service.name.de }) : t('services.admin.newService');
  const en = t('services.admin.englishHint');
  return (
    <AdminFormPage
      ctx={ctx}
      title={title}
      back={{ href: '/admin/leistungen', label: t('services.admin.back') }}
      errors={errors}
      action={service ? `/admin/leistungen/${service.id}` : '/admin/leistungen'}
      submitLabel={t(service ? 'services.admin.save' : 'services.admin.create')}
      after={
        service && (
          <>
            <p class="kern-body">
              <a class="kern-link" href={`/leistungen/${service.slug}`}>
                {t('services.admin.view')}
              </a>
            </p>
            <ActionSection
              ctx={ctx}
              id="delete"
              title={t('services.admin.deleteTitle')}
              text={t('services.admin.deleteText')}
              action={`/admin/leistungen/${service.id}/loeschen`}
              label={t('services.admin.delete')}
            />
          </>
        )
      }
    >
      <TextField {...field('name_de')} label={f('name_de')} required maxLength={200} />
      <TextField {...field('name_en')} label={f('name_en')} hint={en} optional maxLength={200} />
      <TextField {...field('slug')} label={f('slug')} hint={t('services.admin.slugHint')} optional maxLength={80} />
      <TextField {...field('synonyms')} label={f('synonyms')} hint={t('services.admin.synonymsHint')} optional />
      <TextAreaField {...field('summary_de')} label={f('summary_de')} required maxLength={600} rows={2} />
      <TextAreaField {...field('summary_en')} label={f('summary_en')} optional maxLength={600} rows={2} />
      <TextAreaField {...field('description_de')} label={f('description_de')} optional maxLength={8000} rows={6} />
      <TextAreaField {...field('description_en')} label={f('description_en')} optional maxLength={8000} rows={6} />
      <SelectField
        {...field('office')}
        label={f('office')}
        required
        empty=""
        options={p.offices.map((o) => ({ value: o.key, label: o.name.de }))}
      />
      <ChoiceGroup
        ctx={ctx}
        name="topics"
        legend={f('topics')}
        type="checkbox"
        options={serviceTopics.map((tp) => ({ value: tp, label: t(`services.topics.${tp}`) }))}
        selected={values.topics}
        error={errors?.topics}
      />
      <TextField
        {...field('leistungsschluessel')}
        label={f('leistungsschluessel')}
        hint={t('services.admin.leikaHint')}
        optional
        maxLength={20}
      />
      <TextAreaField
        {...field('documents_de')}
        label={f('documents_de')}
        hint={t('services.admin.listHint')}
        optional
      />
      <TextAreaField
        {...field('documents_en')}
        label={f('documents_en')}
        hint={t('services.admin.listHint')}
        optional
      />
      <TextField {...field('fees_de')} label={f('fees_de')} optional maxLength={600} />
      <TextField {...field('fees_en')} label={f('fees_en')} optional maxLength={600} />
      <TextField {...field('processing_time_de')} label={f('processing_time_de')} optional maxLength={300} />
      <TextField {...field('processing_time_en')} label={f('processing_time_en')} optional maxLength={300} />
      <TextField {...field('legal_basis')} label={f('legal_basis')} optional maxLength={600} />
      <TextField {...field('online_url')} label={f('online_url')} hint={t('services.admin.onlineHint')} optional />
      <TextField {...field('online_label_de')} label={f('online_label_de')} optional maxLength={300} />
      <TextField {...field('online_label_en')} label={f('online_label_en')} optional maxLength={300} />
      <TextField
        {...field('appointment_url')}
        label={f('appointment_url')}
        hint={t('services.admin.appointmentHint')}
        optional
      />
    </AdminFormPage>
  );
}
