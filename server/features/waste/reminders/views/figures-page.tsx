import { AdminLayout } from '../../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../../platform/views/context.js';
import type { ReminderFigures } from '../figures.js';

const columns = ['sent', 'accepted', 'gone', 'failed'] as const;

/** /admin/abfall/erinnerungen: active reminders and the pushes of the last two weeks, per day (aggregates only). */
export function FiguresPage({ ctx, figures }: { ctx: PageContext; figures: ReminderFigures }) {
  const { t, number } = ctx.i18n;
  return (
    <AdminLayout ctx={ctx} title={t('waste-reminders.figures.title')}>
      <h1 class="kern-heading-large">{t('waste-reminders.figures.title')}</h1>
      <dl class="kern-description-list">
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('waste-reminders.figures.active')}</dt>
          <dd class="kern-description-list-item__value">{number(figures.activeReminders)}</dd>
        </div>
        {columns.map((c) => (
          <div class="kern-description-list-item" key={c}>
            <dt class="kern-description-list-item__key">{t(`waste-reminders.figures.week.${c}`)}</dt>
            <dd class="kern-description-list-item__value">{number(figures.lastSevenDays[c])}</dd>
          </div>
        ))}
      </dl>
      <div class="bs-table-scroll bs-section">
        <table class="kern-table kern-table--striped">
          <caption class="kern-title">{t('waste-reminders.figures.caption')}</caption>
          <thead class="kern-table__head">
            <tr class="kern-table__row">
              <th scope="col" class="kern-table__header">
                {t('waste-reminders.figures.day')}
              </th>
              {columns.map((c) => (
                <th scope="col" class="kern-table__header" key={c}>
                  {t(`waste-reminders.figures.columns.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody class="kern-table__body">
            {figures.days.map((d) => (
              <tr class="kern-table__row" key={d.day}>
                <th scope="row" class="kern-table__header">
                  {ctx.i18n.date(`${d.day}T12:00:00Z`, 'medium')}
                </th>
                {columns.map((c) => (
                  <td class="kern-table__cell" key={c}>
                    {number(d[c])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="kern-body bs-muted">{t('waste-reminders.figures.note')}</p>
    </AdminLayout>
  );
}
