import { CsrfField, Notice } from '../../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { Flag } from '../../core/views/admin-components.js';
import type { StaffEvent, StaffPhoto, StaffReport } from '../present.js';

// The report page's photos (with their review buttons) and its history.

const photoActions = [
  ['approved', 'approve'],
  ['hidden', 'hide'],
  ['pending', 'reset'],
] as const;

export function Photos({
  ctx,
  r,
  photos,
  canReview,
}: {
  ctx: PageContext;
  r: StaffReport;
  photos: StaffPhoto[];
  canReview: boolean;
}) {
  const { t } = ctx.i18n;
  return (
    <section aria-labelledby="photos-heading" class="bs-section">
      <h2 class="kern-heading-medium" id="photos-heading">
        {t('reports-admin.detail.photosHeading')}
      </h2>
      {photos.length === 0 ? (
        <p class="kern-body">{t('reports-admin.detail.noPhotos')}</p>
      ) : (
        <ul class="bs-report-photos">
          {photos.map((p, i) => {
            const label = t('reports-admin.detail.photo', { n: i + 1, count: photos.length, reference: r.reference });
            const stateId = `photo-${p.id}-state`;
            return (
              <li key={p.id} id={`foto-${p.id}`}>
                <figure>
                  <a href={`/admin/meldungen/${r.id}/fotos/${p.id}`}>
                    <img src={`/admin/meldungen/${r.id}/fotos/${p.id}`} alt={label} width={p.width} height={p.height} />
                  </a>
                  <figcaption class="kern-body" id={stateId}>
                    {label}: <strong>{t(`reports-admin.photoReview.${p.review}`)}</strong>
                  </figcaption>
                </figure>
                {canReview && (
                  <div class="bs-actions">
                    {photoActions
                      .filter(([review]) => review !== p.review)
                      .map(([review, verb]) => (
                        <form
                          key={review}
                          method="post"
                          action={`/admin/meldungen/${r.id}/fotos/${p.id}`}
                          class="bs-inline-form"
                        >
                          <CsrfField ctx={ctx} />
                          <input type="hidden" name="review" value={review} />
                          <button type="submit" class="kern-btn kern-btn--secondary" aria-describedby={stateId}>
                            <span class="kern-label">{t(`reports-admin.photoActions.${verb}`)}</span>
                          </button>
                        </form>
                      ))}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function EventNote({ ctx, e }: { ctx: PageContext; e: StaffEvent }) {
  const { t } = ctx.i18n;
  return (
    <>
      {e.publicNote && (
        <p class="kern-body bs-report-text">
          <strong>{t('reports-admin.history.publicNote')}</strong> {e.publicNote}
        </p>
      )}
      {e.internalNote && (
        <p class="kern-body bs-report-text">
          <strong>{t('reports-admin.history.internalNote')}</strong> {e.internalNote}
        </p>
      )}
      {!e.publicNote && !e.internalNote && '—'}
    </>
  );
}

export function History({ ctx, events }: { ctx: PageContext; events: StaffEvent[] }) {
  const { t } = ctx.i18n;
  return (
    <section aria-labelledby="history-heading" class="bs-section">
      <h2 class="kern-heading-medium" id="history-heading">
        {t('reports-admin.history.heading')}
      </h2>
      <section
        class="bs-table-scroll"
        tabindex={0}
        aria-label={t('reports-admin.history.caption', { count: events.length })}
      >
        <table class="kern-table kern-table--striped">
          <caption class="kern-title">{t('reports-admin.history.caption', { count: events.length })}</caption>
          <thead class="kern-table__head">
            <tr class="kern-table__row">
              <th scope="col" class="kern-table__header">
                {t('reports-admin.history.time')}
              </th>
              <th scope="col" class="kern-table__header">
                {t('reports-admin.history.event')}
              </th>
              <th scope="col" class="kern-table__header">
                {t('reports-admin.history.visibility')}
              </th>
              <th scope="col" class="kern-table__header">
                {t('reports-admin.history.note')}
              </th>
              <th scope="col" class="kern-table__header">
                {t('reports-admin.history.actor')}
              </th>
            </tr>
          </thead>
          <tbody class="kern-table__body">
            {events.map((e) => (
              <tr class="kern-table__row" key={e.id}>
                <td class="kern-table__cell">
                  <time dateTime={e.at.toISOString()}>{ctx.i18n.dateTime(e.at)}</time>
                </td>
                <th scope="row" class="kern-table__header">
                  {t(`reports-admin.events.${e.kind}`)}
                  {e.statusTo && e.statusFrom !== e.statusTo && (
                    <>
                      <br />
                      <span class="bs-muted">
                        {e.statusFrom ? `${t(`reports-admin.status.${e.statusFrom}`)} → ` : ''}
                        {t(`reports-admin.status.${e.statusTo}`)}
                      </span>
                    </>
                  )}
                  {(e.department || e.externalBody) && (
                    <>
                      <br />
                      <span class="bs-muted">{e.department ?? e.externalBody}</span>
                    </>
                  )}
                </th>
                <td class="kern-table__cell">
                  {e.public ? (
                    <Flag kind="info">{t('reports-admin.history.public')}</Flag>
                  ) : (
                    t('reports-admin.history.internal')
                  )}
                </td>
                <td class="kern-table__cell">
                  <EventNote ctx={ctx} e={e} />
                </td>
                <td class="kern-table__cell">{e.actor ?? t('reports-admin.history.system')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}

/** Klarschiff's rule made visible: a report a department gave back says so, with the reason, at the top. */
export function ReturnedNotice({ ctx, r, events }: { ctx: PageContext; r: StaffReport; events: StaffEvent[] }) {
  const last = events.filter((e) => e.kind === 'forwarded' || e.kind === 'returned').at(-1);
  if (r.status !== 'received' || last?.kind !== 'returned') return null;
  const { t } = ctx.i18n;
  return (
    <Notice
      kind="warning"
      title={t('reports-admin.detail.returned', { department: last.department ?? t('reports-admin.detail.none') })}
    >
      <p class="kern-body bs-report-text">{last.internalNote}</p>
    </Notice>
  );
}
