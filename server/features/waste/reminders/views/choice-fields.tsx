import type { FieldErrors } from '../../../../platform/errors.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { ChoiceGroup, SelectField } from '../../../../platform/views/form-fields.js';
import type { BinType } from '../../core/types.js';
import { type ReminderMode, reminderModes, reminderTimes } from '../slots.js';

/** One select value for mode and time: 'evening-19:00', 'morning-05:30'. */
export const whenValue = (mode: ReminderMode, time: string) => `${mode}-${time}`;

/** 'evening-19:00' → mode and time (unchecked: the service checks them). */
export function parseWhen(value: string): { mode: string; time: string } {
  const [mode = '', time = ''] = value.split('-');
  return { mode, time };
}

/** The reminder's choices: which bins (checkboxes) and when (the evening before at …, on the day at …). */
export function ReminderChoiceFields(p: {
  ctx: PageContext;
  binTypes: BinType[];
  selected: string[];
  when: string;
  errors?: FieldErrors | undefined;
  idPrefix?: string;
}) {
  const { t, lang } = p.ctx.i18n;
  const prefix = p.idPrefix ?? '';
  const whenError = p.errors?.when ?? p.errors?.mode ?? p.errors?.time;
  return (
    <>
      <ChoiceGroup
        ctx={p.ctx}
        name={`${prefix}bins`}
        legend={t('waste-reminders.form.bins')}
        type="checkbox"
        options={p.binTypes.map((b) => ({ value: b.key, label: b.name[lang] ?? b.key }))}
        selected={p.selected}
        {...(p.errors?.bins ? { error: p.errors.bins } : {})}
      />
      <SelectField
        ctx={p.ctx}
        name={`${prefix}when`}
        label={t('waste-reminders.form.when')}
        hint={t('waste-reminders.form.whenHint')}
        value={p.when}
        options={reminderModes.flatMap((mode) =>
          reminderTimes[mode].map((time) => ({
            value: whenValue(mode, time),
            label: t(`waste-reminders.form.${mode}`, { time }),
          })),
        )}
        {...(whenError ? { error: whenError } : {})}
      />
    </>
  );
}
