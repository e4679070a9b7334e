import { AdminLayout, CsrfField, Notice } from '../../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { type ImportPlan, isEmptyPlan } from '../plan.js';
import { changeRows } from '../summary.js';
import { SimpleTable } from './table.js';

/** How many date changes the preview lists before it only counts. */
export const maxChangesShown = 200;

const totalKeys = [
  'rows',
  'routes',
  'newRoutes',
  'newSeasons',
  'added',
  'moved',
  'removed',
  'changed',
  'assigned',
  'reassigned',
  'unassigned',
] as const;

/** The summary of a plan: counts, then the date changes (capped). */
export function PlanSummary({ ctx, plan }: { ctx: PageContext; plan: ImportPlan }) {
  const { t } = ctx.i18n;
  const k = (key: string, o?: Record<string, unknown>) => t(`waste-admin.import.${key}`, o);
  const day = (d: string) => ctx.i18n.date(`${d}T12:00:00Z`, 'medium');
  const { rows, total } = changeRows(plan, maxChangesShown);
  const kindLabel = (kind: string) => k(`change${kind[0]?.toUpperCase()}${kind.slice(1)}`);
  return (
    <>
      <h2 class="kern-heading-medium">{k('totals')}</h2>
      <p class="kern-body">{plan.kind === 'dates' ? k('kindDates') : k('kindAssignments')}</p>
      <dl class="kern-description-list">
        {totalKeys.map((key) => (
          <div class="kern-description-list-item" key={key}>
            <dt class="kern-description-list-item__key">{k(key)}</dt>
            <dd class="kern-description-list-item__value">{ctx.i18n.number(plan.totals[key])}</dd>
          </div>
        ))}
      </dl>
      {rows.length > 0 && (
        <>
          <h2 class="kern-heading-medium">{k('changesTitle')}</h2>
          <SimpleTable
            id="changes"
            caption={k('changesCaption', { max: maxChangesShown })}
            headers={[k('colDate'), k('colChange'), k('colRoute')]}
            rows={rows.map((r) => [
              r.to ? k('movedFrom', { from: day(r.date), to: day(r.to) }) : day(r.date),
              kindLabel(r.kind),
              r.route,
            ])}
          />
          {total > rows.length && <p class="kern-body">{k('changesMore', { count: total - rows.length })}</p>}
        </>
      )}
    </>
  );
}

/** The preview of an uploaded file: nothing changed yet; "Apply" posts the kept upload's id and the plan's digest. */
export function WastePreviewPage(p: {
  ctx: PageContext;
  plan: ImportPlan;
  uploadId: string;
  changedSincePreview?: boolean;
}) {
  const { t } = p.ctx.i18n;
  const k = (key: string, o?: Record<string, unknown>) => t(`waste-admin.import.${key}`, o);
  const title = k('summaryTitle', { file: p.plan.source.fileName });
  const empty = isEmptyPlan(p.plan);
  return (
    <AdminLayout ctx={p.ctx} title={title}>
      <p>
        <a class="kern-link" href="/admin/abfall/import">
          {k('cancel')}
        </a>
      </p>
      <h1 class="kern-heading-large">{title}</h1>
      {p.changedSincePreview && <Notice kind="warning" title={k('conflict')} />}
      <p class="kern-body">{empty ? k('nothingToDo') : k('summaryIntro')}</p>
      <PlanSummary ctx={p.ctx} plan={p.plan} />
      <form method="post" action="/admin/abfall/import/apply" class="bs-form">
        <CsrfField ctx={p.ctx} />
        <input type="hidden" name="upload" value={p.uploadId} />
        <input type="hidden" name="digest" value={p.plan.digest} />
        <div class="kern-btn-wrapper">
          <button type="submit" class="kern-btn kern-btn--primary">
            <span class="kern-label">{k('apply')}</span>
          </button>
          <a class="kern-btn kern-btn--secondary" href="/admin/abfall/import">
            <span class="kern-label">{k('cancel')}</span>
          </a>
        </div>
      </form>
    </AdminLayout>
  );
}
