import { AdminLayout, CsrfField, Notice } from '../../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { describedBy, FieldError, SelectField, TextField } from '../../../../platform/views/form-fields.js';
import { problemPlace } from '../messages.js';
import type { LineProblem } from '../problems.js';
import type { WasteOverview } from '../upload-service.js';
import { WasteOverviewTables } from './overview.js';
import { SimpleTable } from './table.js';

export interface ImportFormValues {
  route: string;
  binType: string;
  season: string;
  address: string;
}

export const emptyImportValues: ImportFormValues = { route: '', binType: '', season: '', address: '' };

/** How many problems the page lists before it only counts. */
export const maxProblemsShown = 200;

function Problems({ ctx, problems }: { ctx: PageContext; problems: LineProblem[] }) {
  const { t } = ctx.i18n;
  const k = (key: string, o?: Record<string, unknown>) => t(`waste-admin.import.${key}`, o);
  const shown = problems.slice(0, maxProblemsShown);
  return (
    <div id="problems">
      <Notice kind="danger" title={k('errorsTitle')} />
      <SimpleTable
        caption={k('errorsCount', { count: problems.length })}
        headers={[k('errorLine'), k('errorField'), k('errorText')]}
        rows={shown.map((p) => [
          problemPlace(t, p),
          <code key="f">{p.field}</code>,
          t(`waste-admin.problems.${p.key}`, { ...p.values }),
        ])}
      />
      {problems.length > shown.length && (
        <p class="kern-body">{k('errorsMore', { count: problems.length - shown.length })}</p>
      )}
    </div>
  );
}

/** The upload form (multipart, works without JavaScript), the problems of a rejected file, the current data. */
export function WasteImportPage(p: {
  ctx: PageContext;
  overview: WasteOverview;
  values: ImportFormValues;
  fileError?: string;
  problems?: LineProblem[];
  notice?: { kind: 'success' | 'warning'; text: string };
}) {
  const { t, lang } = p.ctx.i18n;
  const k = (key: string) => t(`waste-admin.import.${key}`);
  const fileError = p.fileError ? k(p.fileError) : undefined;
  return (
    <AdminLayout ctx={p.ctx} title={k('title')}>
      <h1 class="kern-heading-large">{k('title')}</h1>
      {p.notice && <Notice kind={p.notice.kind} title={p.notice.text} />}
      <p class="kern-body">{k('intro')}</p>
      <p class="kern-body">
        <a class="kern-link" href="/admin/abfall/import/format">
          {k('formatLink')}
        </a>
      </p>
      {p.problems && p.problems.length > 0 && <Problems ctx={p.ctx} problems={p.problems} />}
      <form method="post" action="/admin/abfall/import" enctype="multipart/form-data" novalidate class="bs-form">
        <CsrfField ctx={p.ctx} />
        <div class={`kern-form-input${fileError ? ' kern-form-input--error' : ''}`}>
          <label class="kern-label" for="file">
            {k('fileLabel')}
          </label>
          <div class="kern-hint" id="file-hint">
            {k('fileHint')}
          </div>
          <input
            class={`kern-form-input__input${fileError ? ' kern-form-input__input--error' : ''}`}
            id="file"
            name="file"
            type="file"
            accept=".csv,.txt,.ics,text/csv,text/calendar"
            required
            aria-describedby={describedBy('file', 'hint', fileError)}
            aria-invalid={fileError ? 'true' : undefined}
          />
          <FieldError ctx={p.ctx} id="file-error" message={fileError} />
        </div>
        <fieldset class="kern-fieldset">
          <legend class="kern-label">{k('icalLegend')}</legend>
          <p class="kern-hint">{k('icalHint')}</p>
          <TextField
            ctx={p.ctx}
            name="address"
            label={k('address')}
            hint={k('addressHint')}
            value={p.values.address}
            optional
            maxLength={200}
          />
          <TextField ctx={p.ctx} name="route" label={k('route')} value={p.values.route} optional maxLength={60} />
          <SelectField
            ctx={p.ctx}
            name="binType"
            label={k('binType')}
            empty={k('binTypeFromSummary')}
            value={p.values.binType}
            options={p.overview.binTypes.map((b) => ({ value: b.key, label: b.name[lang] ?? b.key }))}
          />
          <SelectField
            ctx={p.ctx}
            name="season"
            label={k('season')}
            empty={k('seasonFromDate')}
            value={p.values.season}
            options={p.overview.seasons.map((s) => ({ value: s.key, label: s.key }))}
          />
        </fieldset>
        <div class="kern-btn-wrapper">
          <button type="submit" class="kern-btn kern-btn--primary">
            <span class="kern-label">{k('preview')}</span>
          </button>
        </div>
      </form>
      <WasteOverviewTables ctx={p.ctx} overview={p.overview} />
    </AdminLayout>
  );
}
