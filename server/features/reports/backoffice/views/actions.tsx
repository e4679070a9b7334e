import { CsrfField } from '../../../../platform/views/admin-layout.js';
import {
  CheckboxField,
  FieldError,
  SelectField,
  TextAreaField,
  TextField,
} from '../../../../platform/views/form-fields.js';
import {
  ActionSection,
  type ActionState,
  actionPaths,
  type FormProps,
  fieldsOf,
  NoteAction,
  NoteField,
  openAction,
  templateKindOf,
} from './action-parts.js';

export { type ActionState, actionPaths, templateKindOf };

// The action forms of the report page, one per workflow action, and the list of those the actor may take now.

function ForwardAction(props: FormProps) {
  const { ctx, detail, state } = props;
  const { t } = ctx.i18n;
  const f = fieldsOf('forward', state);
  const r = detail.report;
  // The suggestion (routing rule or the category's default) is preselected unless the report is already there.
  const suggestion = r.suggestedDepartmentId !== r.departmentId ? r.suggestedDepartmentId : null;
  const preselected = f.value('departmentId') ?? (suggestion === null ? '' : String(suggestion));
  return (
    <ActionSection {...props} action="forward">
      <SelectField
        ctx={ctx}
        name="departmentId"
        id="forward-departmentId"
        label={t('reports-admin.actions.forward.department')}
        hint={
          r.suggestedDepartment
            ? t('reports-admin.actions.forward.suggested', { department: r.suggestedDepartment })
            : undefined
        }
        empty={t('reports-admin.actions.choose')}
        value={preselected}
        options={detail.departments.map((d) => ({ value: String(d.id), label: d.name }))}
        error={f.error('departmentId')}
        required
      />
      <NoteField
        ctx={ctx}
        action="forward"
        state={state}
        required={false}
        label={t('reports-admin.actions.forward.note')}
        hint={t('reports-admin.actions.internalHint')}
      />
    </ActionSection>
  );
}

function ExternalAction(props: FormProps) {
  const { ctx, detail, state } = props;
  const { t } = ctx.i18n;
  const f = fieldsOf('external', state);
  return (
    <ActionSection {...props} action="external" templates={props.templates}>
      <SelectField
        ctx={ctx}
        name="externalBodyId"
        id="external-externalBodyId"
        label={t('reports-admin.actions.external.body')}
        empty={t('reports-admin.actions.choose')}
        value={f.value('externalBodyId')}
        options={detail.externalBodies.map((b) => ({ value: String(b.id), label: b.name }))}
        error={f.error('externalBodyId')}
        required
      />
      <NoteField
        ctx={ctx}
        action="external"
        state={state}
        required
        label={t('reports-admin.actions.external.note')}
        hint={t('reports-admin.actions.publicHint')}
      />
    </ActionSection>
  );
}

function MergeAction(props: FormProps) {
  const { ctx, state } = props;
  const { t } = ctx.i18n;
  const f = fieldsOf('merge', state);
  return (
    <ActionSection {...props} action="merge">
      <TextField
        ctx={ctx}
        name="reference"
        id="merge-reference"
        label={t('reports-admin.actions.merge.reference')}
        hint={t('reports-admin.actions.merge.referenceHint')}
        value={f.value('reference')}
        error={f.error('reference')}
        autocomplete="off"
        required
        maxLength={40}
      />
      <NoteField
        ctx={ctx}
        action="merge"
        state={state}
        required={false}
        label={t('reports-admin.actions.merge.note')}
        hint={t('reports-admin.actions.internalHint')}
      />
    </ActionSection>
  );
}

function ModerateAction(props: FormProps) {
  const { ctx, detail, state } = props;
  const { t } = ctx.i18n;
  const f = fieldsOf('moderate', state);
  const r = detail.report;
  const failed = state.failed?.action === 'moderate';
  return (
    <ActionSection {...props} action="moderate">
      <TextAreaField
        ctx={ctx}
        name="publicDescription"
        id="moderate-publicDescription"
        label={t('reports-admin.actions.moderate.publicText')}
        hint={t('reports-admin.actions.moderate.publicTextHint')}
        value={f.value('publicDescription') ?? r.publicDescription ?? r.description}
        error={f.error('publicDescription')}
        maxLength={4000}
        rows={6}
        optional
      />
      <CheckboxField
        name="personal"
        id="moderate-personal"
        label={t('reports-admin.actions.moderate.personal')}
        hint={t('reports-admin.actions.moderate.personalHint')}
        checked={failed ? f.value('personal') === '1' : r.descriptionPersonal}
      />
    </ActionSection>
  );
}

function AbusiveAction(props: FormProps) {
  const { ctx, detail } = props;
  const { t } = ctx.i18n;
  const abusive = detail.report.abusive;
  return (
    <details id="aktion-abusive" class="bs-report-action" open={props.open}>
      <summary class="bs-report-action__summary" id="aktion-abusive-heading">
        {t('reports-admin.actions.abusive.title')}
      </summary>
      <div class="bs-report-action__body">
        <p class="kern-body" id="aktion-abusive-text">
          {t(abusive ? 'reports-admin.actions.abusive.textMarked' : 'reports-admin.actions.abusive.text')}
        </p>
        <form method="post" action={`/admin/meldungen/${detail.report.id}/missbrauch`} class="bs-inline-form">
          <CsrfField ctx={ctx} />
          <input type="hidden" name="abusive" value={abusive ? '0' : '1'} />
          <button type="submit" class="kern-btn kern-btn--secondary" aria-describedby="aktion-abusive-text">
            <span class="kern-label">
              {t(abusive ? 'reports-admin.actions.abusive.unmark' : 'reports-admin.actions.abusive.submit')}
            </span>
          </button>
        </form>
      </div>
    </details>
  );
}

/** The actions shown now: what policy.ts allows (photo reviews sit beside the photos; screening only when needed). */
export function shownActions(detail: FormProps['detail']) {
  const shown = detail.actions.filter((a) => a !== 'photo' && (a !== 'screening' || detail.report.needsScreening));
  // A report waiting for screening is screened first: that step leads the list.
  return shown.includes('screening') ? ['screening' as const, ...shown.filter((a) => a !== 'screening')] : shown;
}

/**
 * One compact panel with only the actions the actor may take now, each a disclosure with its form (a POST with
 * CSRF); the first one (or the one that failed or got a template) is open. None when there are none.
 */
export function ReportActions(props: FormProps) {
  const { ctx, detail } = props;
  const { t } = ctx.i18n;
  const shown = shownActions(detail);
  if (shown.length === 0) {
    return (
      <section aria-labelledby="actions-heading" class="bs-report-actions">
        <h2 class="kern-heading-medium" id="actions-heading">
          {t('reports-admin.actions.heading')}
        </h2>
        {props.state.failed &&
          Object.entries(props.state.failed.errors).map(([id, message]) => (
            <FieldError key={id} ctx={ctx} id={id} message={message} />
          ))}
        <p class="kern-body">{t('reports-admin.actions.none')}</p>
      </section>
    );
  }
  // A form sent for an action the report's status no longer offers: its message stands above the others.
  const stale = props.state.failed && !shown.includes(props.state.failed.action) ? props.state.failed : undefined;
  const open = openAction({ detail, state: props.state, shown });
  return (
    <section aria-labelledby="actions-heading" class="bs-report-actions">
      <h2 class="kern-heading-medium" id="actions-heading">
        {t('reports-admin.actions.heading')}
      </h2>
      <p class="kern-body kern-hint">{t('reports-admin.actions.intro')}</p>
      {stale &&
        Object.entries(stale.errors).map(([id, message]) => (
          <FieldError key={id} ctx={ctx} id={id} message={message} />
        ))}
      {shown.map((action) => {
        const p = { ...props, open: action === open };
        switch (action) {
          case 'forward':
            return <ForwardAction key={action} {...p} />;
          case 'external':
            return <ExternalAction key={action} {...p} />;
          case 'merge':
            return <MergeAction key={action} {...p} />;
          case 'moderate':
            return <ModerateAction key={action} {...p} />;
          case 'abusive':
            return <AbusiveAction key={action} {...p} />;
          case 'screening':
            return (
              <ActionSection key={action} {...p} action="screening">
                {null}
              </ActionSection>
            );
          default:
            return <NoteAction key={action} {...p} action={action} templates={props.templates} />;
        }
      })}
    </section>
  );
}
