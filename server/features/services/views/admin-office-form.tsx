import type { FieldErrors } from '../../../platform/errors.js';
import { AdminFormPage, formFields } from '../../../platform/views/admin-form.js';
import type { PageContext } from '../../../platform/views/context.js';
import { TextAreaField, TextField } from '../../../platform/views/form-fields.js';
import { dayText, weekdayOrder } from '../hours.js';
import type { Office } from '../model.js';
import { weekdayName } from './office-hours.js';

const textFields = [
  'key',
  'name_de',
  'name_en',
  'street',
  'postcode',
  'city',
  'postal_address',
  'phone',
  'email',
  'appointment_url',
  'hours_note_de',
  'hours_note_en',
  'accessibility_de',
  'accessibility_en',
  ...weekdayOrder.map((d) => `hours_${d}` as const),
] as const;
export const officeTextFields = textFields;
export type OfficeFormValues = Record<(typeof textFields)[number], string>;

export function officeValues(o?: Office): OfficeFormValues {
  const hours = Object.fromEntries(weekdayOrder.map((d) => [`hours_${d}`, o ? dayText(o.hours, d) : '']));
  return {
    key: o?.key ?? '',
    name_de: o?.name.de ?? '',
    name_en: o?.name.en ?? '',
    street: o?.street ?? '',
    postcode: o?.postcode ?? '',
    city: o?.city ?? '',
    postal_address: o?.postalAddress ?? '',
    phone: o?.phone ?? '',
    email: o?.email ?? '',
    appointment_url: o?.appointmentUrl ?? '',
    hours_note_de: o?.hoursNote.de ?? '',
    hours_note_en: o?.hoursNote.en ?? '',
    accessibility_de: o?.accessibility.de ?? '',
    accessibility_en: o?.accessibility.en ?? '',
    ...(hours as Record<`hours_${(typeof weekdayOrder)[number]}`, string>),
  };
}

export function OfficeFormPage(p: {
  ctx: PageContext;
  office?: Office;
  values: OfficeFormValues;
  errors?: FieldErrors;
}) {
  const { ctx, office, values, errors } = p;
  const { t } = ctx.i18n;
  const f = (name: string) => t(`services.fields.${name}`);
  const field = formFields(ctx, values, errors);
  const title = office ? t('services.admin.editOffice', { name: office.name.de }) : t('services.admin.newOffice');
  return (
    <AdminFormPage
      ctx={ctx}
      title={title}
      back={{ href: '/admin/leistungen', label: t('services.admin.back') }}
      errors={errors}
      action={office ? `/admin/leistungen/stellen/${office.id}` : '/admin/leistungen/stellen'}
      submitLabel={t(office ? 'services.admin.save' : 'services.admin.create')}
    >
      <TextField {...field('name_de')} label={f('name_de')} required maxLength={200} />
      <TextField {...field('name_en')} label={f('name_en')} hint={t('services.admin.englishHint')} optional />
      <TextField {...field('key')} label={f('key')} hint={t('services.admin.keyHint')} optional maxLength={60} />
      <TextField {...field('street')} label={f('street')} required maxLength={200} />
      <TextField {...field('postcode')} label={f('postcode')} required maxLength={5} />
      <TextField {...field('city')} label={f('city')} required maxLength={200} />
      <TextAreaField
        {...field('postal_address')}
        label={f('postal_address')}
        hint={t('services.admin.postalHint')}
        optional
        rows={3}
      />
      <TextField {...field('phone')} type="tel" label={f('phone')} autocomplete="off" optional maxLength={60} />
      <TextField {...field('email')} type="email" label={f('email')} autocomplete="off" optional maxLength={200} />
      <TextField {...field('appointment_url')} label={f('appointment_url')} optional />
      <fieldset class="kern-fieldset">
        <legend class="kern-label">{f('hours')}</legend>
        <p class="kern-hint">{t('services.admin.hoursHint')}</p>
        {weekdayOrder.map((d) => (
          <TextField key={d} {...field(`hours_${d}`)} label={weekdayName(ctx.i18n.lang, d)} optional maxLength={100} />
        ))}
      </fieldset>
      <TextField {...field('hours_note_de')} label={f('hours_note_de')} optional maxLength={600} />
      <TextField {...field('hours_note_en')} label={f('hours_note_en')} optional maxLength={600} />
      <TextAreaField {...field('accessibility_de')} label={f('accessibility_de')} optional rows={2} />
      <TextAreaField {...field('accessibility_en')} label={f('accessibility_en')} optional rows={2} />
    </AdminFormPage>
  );
}
