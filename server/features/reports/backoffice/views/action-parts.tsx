import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../../../platform/errors.js';
import { CsrfField } from '../../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { FieldError, SelectField, TextAreaField } from '../../../../platform/views/form-fields.js';
import type { TemplateKind, TemplateRow } from '../../core/note-templates.js';
import type { WorkflowAction } from '../../core/policy.js';
import type { StaffReportDetail } from '../inbox-service.js';

// The pieces every action form of the report page shares: paths, state, section, template picker, note field.

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

export interface FormProps {
  ctx: PageContext;
  detail: StaffReportDetail;
  state: ActionState;
  templates: TemplateRow[];
}

export function fieldsOf(action: WorkflowAction, state: ActionState) {
  const failed = state.failed?.action === action ? state.failed : undefined;
  const prefill = state.prefill?.action === action ? state.prefill.note : undefined;
  return {
    value: (field: string) => failed?.values[field] ?? (field === 'note' ? prefill : undefined),
    error: (field: string) => failed?.errors[`${action}-${field}`],
  };
}

/** One action: heading, explanation, the form-level error (status changed meanwhile) and the form. */
export function ActionSection({
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
export function TemplatePicker({ ctx, detail, action, templates }: FormProps & { action: WorkflowAction }) {
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

export function NoteField({
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
export const noteActions: Partial<Record<WorkflowAction, { required: boolean; public: boolean; field?: string }>> = {
  accept: { required: false, public: true },
  return: { required: true, public: false, field: 'reason' },
  progress: { required: false, public: true },
  done: { required: true, public: true },
  reject: { required: true, public: true },
  reopen: { required: false, public: true },
  publicNote: { required: true, public: true },
  note: { required: true, public: false },
};

export function NoteAction(props: FormProps & { action: WorkflowAction }) {
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
