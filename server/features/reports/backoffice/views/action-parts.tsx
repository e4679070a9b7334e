import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../../../platform/errors.js';
import { CsrfField } from '../../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { FieldError, TextAreaField } from '../../../../platform/views/form-fields.js';
import { type TemplateKind, type TemplateRow, templateText } from '../../core/note-templates.js';
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
  /** Whether this action's panel is open (see openAction). */
  open?: boolean;
}

export function fieldsOf(action: WorkflowAction, state: ActionState) {
  const failed = state.failed?.action === action ? state.failed : undefined;
  const prefill = state.prefill?.action === action ? state.prefill.note : undefined;
  return {
    value: (field: string) => failed?.values[field] ?? (field === 'note' ? prefill : undefined),
    error: (field: string) => failed?.errors[`${action}-${field}`],
  };
}

/** The step a report usually needs next in each status (screening comes first while a report waits for it). */
const nextStep: Record<string, WorkflowAction> = {
  received: 'forward',
  forwarded: 'accept',
  accepted: 'done',
  in_progress: 'done',
  done: 'reopen',
  rejected: 'reopen',
  external: 'reopen',
};

/**
 * The action whose panel is open: the one that failed or got a template, else the report's usual next step when
 * the actor may take it, else the first one offered.
 */
export function openAction(props: { detail: StaffReportDetail; state: ActionState; shown: readonly WorkflowAction[] }) {
  const { detail, state, shown } = props;
  const wanted = state.failed?.action ?? state.prefill?.action;
  if (wanted && shown.includes(wanted)) return wanted;
  if (detail.report.needsScreening && shown.includes('screening')) return 'screening';
  const next = nextStep[detail.report.status];
  return next && shown.includes(next) ? next : shown[0];
}

/**
 * One action as a disclosure (`<details>`, works without JavaScript): its title as the summary, then explanation,
 * the form-level error (status changed meanwhile) and the form. Only the open action's form shows, so the panel
 * stays short.
 */
export function ActionSection({
  ctx,
  detail,
  action,
  state,
  children,
  open,
  templates,
}: {
  ctx: PageContext;
  detail: StaffReportDetail;
  action: WorkflowAction;
  state: ActionState;
  children: ComponentChildren;
  open?: boolean;
  templates?: TemplateRow[];
}) {
  const { t } = ctx.i18n;
  const id = `aktion-${action}`;
  const formError = fieldsOf(action, state).error('form');
  return (
    <details id={id} class="bs-report-action" open={open || Boolean(formError)}>
      <summary class="bs-report-action__summary" id={`${id}-heading`}>
        {t(`reports-admin.actions.${action}.title`)}
      </summary>
      <div class="bs-report-action__body">
        <p class="kern-body" id={`${id}-text`}>
          {t(`reports-admin.actions.${action}.text`)}
        </p>
        <FieldError ctx={ctx} id={`${action}-form`} message={formError} />
        <form
          method="post"
          action={`/admin/meldungen/${detail.report.id}/${actionPaths[action as keyof typeof actionPaths]}`}
          novalidate
          class="bs-form"
          aria-labelledby={`${id}-heading`}
        >
          <CsrfField ctx={ctx} />
          {templates && (
            <TemplatePicker ctx={ctx} detail={detail} state={state} templates={templates} action={action} />
          )}
          {children}
          <div class="kern-btn-wrapper">
            <button type="submit" class="kern-btn kern-btn--primary" aria-describedby={`${id}-text`}>
              <span class="kern-label">{t(`reports-admin.actions.${action}.submit`)}</span>
            </button>
          </div>
        </form>
      </div>
    </details>
  );
}

/** The templates that fit an action's note and the report's category (templates without a category fit all). */
export function fittingTemplates(templates: TemplateRow[], action: WorkflowAction, categoryId: number): TemplateRow[] {
  const kind = templateKindOf[action];
  if (!kind) return [];
  return templates.filter((x) => x.status === kind && (x.categoryId === null || x.categoryId === categoryId));
}

/**
 * The template chooser inside an action's form. "Insert" adds the template's text to what is typed: with JavaScript
 * in place (client/note-templates.ts), without it the form goes to `…/vorlage`, which renders the page again with
 * the typed text and the template's text below it (nothing typed is lost).
 */
export function TemplatePicker({ ctx, detail, action, templates }: FormProps & { action: WorkflowAction }) {
  const { t } = ctx.i18n;
  const fitting = fittingTemplates(templates, action, detail.report.categoryId);
  if (fitting.length === 0) return null;
  const field = noteActions[action]?.field ?? 'note';
  const id = `${action}-template`;
  return (
    <div class="bs-template-picker" data-note-templates={`${action}-${field}`}>
      <input type="hidden" name="templateAction" value={action} />
      <div class="kern-form-input">
        <label class="kern-label" for={id}>
          {t('reports-admin.actions.template')}
        </label>
        <div class="kern-hint" id={`${id}-hint`}>
          {t('reports-admin.actions.templateHint')}
        </div>
        <div class="kern-form-input__select-wrapper">
          <select class="kern-form-input__select" id={id} name="vorlage" aria-describedby={`${id}-hint`}>
            {fitting.map((x) => (
              <option key={x.id} value={String(x.id)} data-text={templateText(x, detail.report.language)}>
                {x.title}
              </option>
            ))}
          </select>
        </div>
      </div>
      <button
        type="submit"
        class="kern-btn kern-btn--secondary"
        formaction={`/admin/meldungen/${detail.report.id}/vorlage#aktion-${action}`}
        formnovalidate
        data-note-template-insert
      >
        <span class="kern-label">{t('reports-admin.actions.useTemplate')}</span>
      </button>
    </div>
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
    <ActionSection {...props} templates={props.templates}>
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
