import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../../../platform/errors.js';
import { CsrfField, TextField } from '../../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../../platform/views/context.js';
import type { TemplateKind, TemplateRow } from '../../core/note-templates.js';
import type { WorkflowAction } from '../../core/policy.js';
import { CheckboxField, FieldError, SelectField, TextAreaField } from '../../core/views/admin-components.js';
import type { StaffReportDetail } from '../inbox-service.js';

/** URL segment of each action's POST handler (under /admin/meldungen/<id>/). */
export const actionPaths: Record<Exclude<WorkflowAction, 'photo'>, string> = {
  forward: 'weiterleiten',
  accept: 'annehmen',
  return: 'zurueckgeben',
  progress: 'in-bearbeitung',
  done: 'erledigt',
  reject: 'ablehnen',
  external: 'extern',
  reopen: 'wiedereroeffnen',
  publicNote: 'oeffentliche-notiz',
  note: 'notiz',
  merge: 'zusammenfuehren',
  moderate: 'text',
  abusive: 'missbrauch',
  screening: 'freigeben',
};

/** The template kind whose texts fit an action's public note. */
export const templateKindOf: Partial<Record<WorkflowAction, TemplateKind>> = {
  accept: 'accepted',
  progress: 'in_progress',
  done: 'done',
  reject: 'rejected',
  external: 'external',
  publicNote: 'note',
};

/** The form that failed (values and errors keyed by field) and a note filled in from a template. */
export interface ActionState {
  failed?: { action: WorkflowAction; values: Record<string, string>; errors: FieldErrors };
  prefill?: { action: WorkflowAction; note: string };
}

interface FormProps {
  ctx: PageContext;
  detail: StaffReportDetail;
  state: ActionState;
  templates: TemplateRow[];
}

function fieldsOf(action: WorkflowAction, state: ActionState) {
  const failed = state.failed?.action === action ? state.failed : undefined;
  const prefill = state.prefill?.action === action ? state.prefill.note : undefined;
  return {
    value: (field: string) => failed?.values[field] ?? (field === 'note' ? prefill : undefined),
    error: (field: string) => failed?.errors[`${action}-${field}`],
  };
}

/** One action: heading, explanation, the form-level error (status changed meanwhile) and the form. */
function ActionSection({
  ctx,
  detail,
  action,
  state,
  children,
  before,
}: {
  ctx: PageContext;
  detail: StaffReportDetail;
  action: WorkflowAction;
  state: ActionState;
  children: ComponentChildren;
  before?: ComponentChildren;
}) {
  const { t } = ctx.i18n;
  const id = `aktion-${action}`;
  const formError = fieldsOf(action, state).error('form');
  return (
    <section id={id} aria-labelledby={`${id}-heading`} class="bs-report-action">
      <h3 class="kern-heading-small" id={`${id}-heading`}>
        {t(`reports-admin.actions.${action}.title`)}
      </h3>
      <p class="kern-body" id={`${id}-text`}>
        {t(`reports-admin.actions.${action}.text`)}
      </p>
      <FieldError ctx={ctx} id={`${action}-form`} message={formError} />
      {before}
      <form
        method="post"
        action={`/admin/meldungen/${detail.report.id}/${actionPaths[action as keyof typeof actionPaths]}`}
        novalidate
        class="bs-form"
      >
        <CsrfField ctx={ctx} />
        {children}
        <div class="kern-btn-wrapper">
          <button type="submit" class="kern-btn kern-btn--primary" aria-describedby={`${id}-text`}>
            <span class="kern-label">{t(`reports-admin.actions.${action}.submit`)}</span>
          </button>
        </div>
      </form>
    </section>
  );
}

/** A GET form that fills the action's note from a template (works without JavaScript). */
function TemplatePicker({ ctx, detail, action, templates }: FormProps & { action: WorkflowAction }) {
  const { t } = ctx.i18n;
  const kind = templateKindOf[action];
  const fitting = templates.filter((x) => x.status === kind);
  if (!kind || fitting.length === 0) return null;
  return (
    <form method="get" action={`/admin/meldungen/${detail.report.id}#aktion-${action}`} class="bs-template-picker">
      <SelectField
        ctx={ctx}
        name="vorlage"
        id={`${action}-template`}
        label={t('reports-admin.actions.template')}
        hint={t('reports-admin.actions.templateHint')}
        options={fitting.map((x) => ({ value: String(x.id), label: x.title }))}
      />
      <button type="submit" class="kern-btn kern-btn--secondary">
        <span class="kern-label">{t('reports-admin.actions.useTemplate')}</span>
      </button>
    </form>
  );
}

function NoteField({
  ctx,
  action,
  state,
  required,
  label,
  hint,
  field = 'note',
}: {
  ctx: PageContext;
  action: WorkflowAction;
  state: ActionState;
  required: boolean;
  label: string;
  hint?: string;
  field?: string;
}) {
  const f = fieldsOf(action, state);
  return (
    <TextAreaField
      ctx={ctx}
      name={field}
      id={`${action}-${field}`}
      label={label}
      hint={hint}
      value={f.value(field)}
      error={f.error(field)}
      required={required}
      optional={!required}
      maxLength={4000}
    />
  );
}

/** Actions whose only field is a note (public or internal, required or not). */
const noteActions: Partial<Record<WorkflowAction, { required: boolean; public: boolean; field?: string }>> = {
  accept: { required: false, public: true },
  return: { required: true, public: false, field: 'reason' },
  progress: { required: false, public: true },
  done: { required: true, public: true },
  reject: { required: true, public: true },
  reopen: { required: false, public: true },
  publicNote: { required: true, public: true },
  note: { required: true, public: false },
};

function NoteAction(props: FormProps & { action: WorkflowAction }) {
  const { ctx, action, state } = props;
  const { t } = ctx.i18n;
  const spec = noteActions[action]!;
  return (
    <ActionSection {...props} before={<TemplatePicker {...props} />}>
      <NoteField
        ctx={ctx}
        action={action}
        state={state}
        required={spec.required}
        field={spec.field}
        label={t(`reports-admin.actions.${action}.note`)}
        hint={t(spec.public ? 'reports-admin.actions.publicHint' : 'reports-admin.actions.internalHint')}
      />
    </ActionSection>
  );
}

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
    <ActionSection {...props} action="external" before={<TemplatePicker {...props} action="external" />}>
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
    <section id="aktion-abusive" aria-labelledby="aktion-abusive-heading" class="bs-report-action">
      <h3 class="kern-heading-small" id="aktion-abusive-heading">
        {t('reports-admin.actions.abusive.title')}
      </h3>
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
    </section>
  );
}

/** Every action the actor may take now, as forms (each a POST with CSRF); none when there are none. */
export function ReportActions(props: FormProps) {
  const { ctx, detail } = props;
  const { t } = ctx.i18n;
  const shown = detail.actions.filter((a) => a !== 'photo' && (a !== 'screening' || detail.report.needsScreening));
  if (shown.length === 0) {
    return (
      <section aria-labelledby="actions-heading" class="bs-section">
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
  return (
    <section aria-labelledby="actions-heading" class="bs-section bs-report-actions">
      <h2 class="kern-heading-medium" id="actions-heading">
        {t('reports-admin.actions.heading')}
      </h2>
      {stale &&
        Object.entries(stale.errors).map(([id, message]) => (
          <FieldError key={id} ctx={ctx} id={id} message={message} />
        ))}
      {shown.map((action) => {
        switch (action) {
          case 'forward':
            return <ForwardAction key={action} {...props} />;
          case 'external':
            return <ExternalAction key={action} {...props} />;
          case 'merge':
            return <MergeAction key={action} {...props} />;
          case 'moderate':
            return <ModerateAction key={action} {...props} />;
          case 'abusive':
            return <AbusiveAction key={action} {...props} />;
          case 'screening':
            return (
              <ActionSection key={action} {...props} action="screening" state={props.state}>
                {null}
              </ActionSection>
            );
          default:
            return <NoteAction key={action} {...props} action={action} />;
        }
      })}
    </section>
  );
}
