import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { seedTestAddresses } from '../../../test/factories/addresses.js';
import {
  createCategory,
  createExternalBody,
  createReport,
  createTestDepartment,
} from '../../../test/factories/reports.js';
import { createStaff, getPage, login, postForm } from '../../../test/factories/users.js';

type Session = { cookie: string; csrf: string };
let t: TestApp;
let bsc: Session;
let staffA: Session;
let deptA: number;
let deptB: number;
let categoryId: number;

beforeAll(async () => {
  t = await buildTestApp();
  await seedTestAddresses(t.deps);
  deptA = await createTestDepartment(t.deps, 'Umweltbetrieb');
  deptB = await createTestDepartment(t.deps, 'Amt für Verkehr');
  categoryId = await createCategory(t.deps, { code: 'wilder-muell' });
  bsc = await login(t, await createStaff(t, { role: 'bsc_agent' }));
  staffA = await login(t, await createStaff(t, { role: 'department_staff', departmentIds: [deptA] }));
});
afterAll(() => t.close());

interface ReportState {
  status: string;
  department_id: number | null;
  external_body_id: number | null;
  closed_at: Date | null;
  merged_into_id: number | null;
  hidden: boolean;
  abusive: boolean;
  needs_screening: boolean;
  public_description: string | null;
  description: string;
  description_personal: boolean;
  supporter_count: number;
}

async function state(id: number): Promise<ReportState> {
  const { rows } = await t.db.query<ReportState>(
    `SELECT status, department_id, external_body_id, closed_at, merged_into_id, hidden, abusive, needs_screening,
            public_description, description, description_personal, supporter_count FROM reports WHERE id = $1`,
    [id],
  );
  return rows[0]!;
}

interface EventRow {
  id: number;
  kind: string;
  status_from: string | null;
  status_to: string | null;
  public: boolean;
  public_note: string | null;
  internal_note: string | null;
  department_id: number | null;
  external_body_id: number | null;
  actor_id: number | null;
}

async function lastEvent(id: number): Promise<EventRow> {
  const { rows } = await t.db.query<EventRow>(
    `SELECT id, kind, status_from, status_to, public, public_note, internal_note, department_id, external_body_id,
            actor_id FROM report_events WHERE report_id = $1 ORDER BY id DESC LIMIT 1`,
    [id],
  );
  return rows[0]!;
}

/** The event ids that have a queued notification job. */
async function notifiedEvents(): Promise<number[]> {
  const { jobs } = await t.queue.listJobs({ name: 'reports.notify-status', limit: 1000 });
  return jobs.map((j) => (j.payload as { eventId: number }).eventId);
}

async function auditActions(id: number): Promise<string[]> {
  const { rows } = await t.db.query<{ action: string }>(
    `SELECT action FROM audit_log WHERE entity_type = 'report' AND entity_id = $1 ORDER BY id`,
    [String(id)],
  );
  return rows.map((r) => r.action);
}

const post = (s: Session, id: number, path: string, fields: Record<string, string> = {}) =>
  postForm(t, s, `/admin/meldungen/${id}/${path}`, fields);

describe('the workflow', () => {
  it('forward, return with a reason, forward again, accept, in progress, done: statuses, events, mails, audit', async () => {
    const r = await createReport(t.deps, { categoryId, suggestedDepartmentId: deptA });

    expect(
      (await post(bsc, r.id, 'weiterleiten', { departmentId: String(deptA), note: 'Bitte übernehmen' })).statusCode,
    ).toBe(303);
    expect(await state(r.id)).toMatchObject({ status: 'forwarded', department_id: deptA, closed_at: null });
    const forwarded = await lastEvent(r.id);
    expect(forwarded).toMatchObject({
      kind: 'forwarded',
      status_from: 'received',
      status_to: 'forwarded',
      public: false,
      department_id: deptA,
      internal_note: 'Bitte übernehmen',
    });
    expect(await notifiedEvents()).not.toContain(forwarded.id);
    // Forwarding to the department it is already with is refused beside the field.
    const same = await post(bsc, r.id, 'weiterleiten', { departmentId: String(deptA) });
    expect(same.statusCode).toBe(400);
    expect(same.body).toContain('bereits bei dieser Dienststelle');

    // The department returns it: the reason is required; then it is the BSC's again, marked as returned.
    const noReason = await post(staffA, r.id, 'zurueckgeben', { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('id="return-reason-error"');
    expect(
      (await post(staffA, r.id, 'zurueckgeben', { reason: 'Zuständig ist das Amt für Verkehr.' })).statusCode,
    ).toBe(303);
    expect(await state(r.id)).toMatchObject({ status: 'received', department_id: null });
    expect(await lastEvent(r.id)).toMatchObject({
      kind: 'returned',
      status_from: 'forwarded',
      status_to: 'received',
      public: false,
      department_id: deptA,
      internal_note: 'Zuständig ist das Amt für Verkehr.',
    });
    const inbox = await getPage(t, bsc, `/admin/meldungen?q=${r.reference}`);
    expect(inbox.body).toContain('Zurückgegeben');
    expect(inbox.body).toContain('Zuständig ist das Amt für Verkehr.');
    expect((await getPage(t, bsc, `/admin/meldungen/${r.id}`)).body).toContain('Zurückgegeben von Umweltbetrieb');
    expect((await getPage(t, staffA, `/admin/meldungen/${r.id}`)).statusCode).toBe(403);

    await post(bsc, r.id, 'weiterleiten', { departmentId: String(deptA) });
    const accepted = await post(staffA, r.id, 'annehmen', { note: 'Wir kümmern uns.' });
    expect(accepted.headers.location).toBe(`/admin/meldungen/${r.id}?done=accept`);
    expect((await getPage(t, staffA, accepted.headers.location as string)).body).toContain(
      'Die Meldung wurde angenommen.',
    );
    const acceptEvent = await lastEvent(r.id);
    expect(acceptEvent).toMatchObject({ kind: 'accepted', public: true, public_note: 'Wir kümmern uns.' });
    expect(await notifiedEvents()).toContain(acceptEvent.id);
    // No longer "returned" once it went on.
    expect((await getPage(t, bsc, `/admin/meldungen?q=${r.reference}`)).body).not.toContain('Zurückgegeben');

    await post(staffA, r.id, 'in-bearbeitung', {});
    expect(await state(r.id)).toMatchObject({ status: 'in_progress', closed_at: null });
    const progress = await lastEvent(r.id);
    expect(progress).toMatchObject({ kind: 'status', public: true, public_note: null });
    expect(await notifiedEvents()).toContain(progress.id);

    expect((await post(staffA, r.id, 'erledigt', { note: '' })).statusCode).toBe(400);
    await post(staffA, r.id, 'erledigt', { note: 'Der Müll wurde abgeholt.' });
    const done = await state(r.id);
    expect(done.status).toBe('done');
    expect(done.closed_at).toBeInstanceOf(Date);
    const doneEvent = await lastEvent(r.id);
    expect(doneEvent).toMatchObject({
      kind: 'status',
      status_from: 'in_progress',
      status_to: 'done',
      public: true,
      public_note: 'Der Müll wurde abgeholt.',
    });
    expect(await notifiedEvents()).toContain(doneEvent.id);
    expect(await auditActions(r.id)).toEqual([
      'report.forward',
      'report.return',
      'report.forward',
      'report.accept',
      'report.progress',
      'report.done',
    ]);

    // Department staff may not reopen; the BSC may, and reopening clears closed_at.
    expect((await post(staffA, r.id, 'wiedereroeffnen', {})).statusCode).toBe(403);
    await post(bsc, r.id, 'wiedereroeffnen', { note: 'Es liegt wieder Müll dort.' });
    expect(await state(r.id)).toMatchObject({ status: 'accepted', closed_at: null, department_id: deptA });
  });

  it('reject and hand to an external body close the report with a public note', async () => {
    const a = await createReport(t.deps, { categoryId });
    await post(bsc, a.id, 'ablehnen', { note: 'Die Fläche ist in Privatbesitz.' });
    expect(await state(a.id)).toMatchObject({ status: 'rejected', closed_at: expect.any(Date) });
    expect(await lastEvent(a.id)).toMatchObject({ public: true, public_note: 'Die Fläche ist in Privatbesitz.' });

    const body = await createExternalBody(t.deps, 'Deutsche Bahn');
    const b = await createReport(t.deps, { categoryId, departmentId: deptA, status: 'accepted' });
    const missing = await post(staffA, b.id, 'extern', { externalBodyId: '', note: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('id="external-externalBodyId-error"');
    expect(missing.body).toContain('id="external-note-error"');
    await post(staffA, b.id, 'extern', { externalBodyId: String(body), note: 'Die Brücke gehört der Bahn.' });
    expect(await state(b.id)).toMatchObject({
      status: 'external',
      external_body_id: body,
      closed_at: expect.any(Date),
      department_id: deptA,
    });
    const e = await lastEvent(b.id);
    expect(e).toMatchObject({ kind: 'external', external_body_id: body, public: true });
    expect(await notifiedEvents()).toContain(e.id);
    expect((await getPage(t, staffA, `/admin/meldungen/${b.id}`)).body).toContain('Deutsche Bahn');
  });

  it('internal notes are never public; public notes are mailed', async () => {
    const r = await createReport(t.deps, { categoryId });
    await post(bsc, r.id, 'notiz', { note: 'Anrufer klang aufgebracht.' });
    const internal = await lastEvent(r.id);
    expect(internal).toMatchObject({
      kind: 'note',
      public: false,
      public_note: null,
      internal_note: 'Anrufer klang aufgebracht.',
    });
    expect(await notifiedEvents()).not.toContain(internal.id);
    await post(bsc, r.id, 'oeffentliche-notiz', { note: 'Wir prüfen den Ort morgen.' });
    const pub = await lastEvent(r.id);
    expect(pub).toMatchObject({
      kind: 'note',
      public: true,
      public_note: 'Wir prüfen den Ort morgen.',
      internal_note: null,
    });
    expect(await notifiedEvents()).toContain(pub.id);
    expect((await state(r.id)).status).toBe('received');
    const tooLong = await post(bsc, r.id, 'notiz', { note: 'x'.repeat(4001) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('4.000');
  });

  it('merges a duplicate: hidden, closed, reporter and supporters move to the target', async () => {
    const target = await createReport(t.deps, { categoryId, reporterEmail: 'erste@example.org' });
    const dup = await createReport(t.deps, {
      categoryId,
      reporterEmail: 'zweite@example.org',
      notifyEmail: true,
      language: 'en',
    });
    await t.db.query(
      `INSERT INTO report_supporters (municipality_id, report_id, email, notify_email)
       VALUES ((SELECT municipality_id FROM reports WHERE id = $1), $1, 'dritte@example.org', true)`,
      [dup.id],
    );
    await t.db.query('UPDATE reports SET supporter_count = 1 WHERE id = $1', [dup.id]);

    const self = await post(bsc, dup.id, 'zusammenfuehren', { reference: dup.reference });
    expect(self.body).toContain('nicht mit sich selbst');
    expect((await post(bsc, dup.id, 'zusammenfuehren', { reference: target.reference.toLowerCase() })).statusCode).toBe(
      303,
    );
    const d = await state(dup.id);
    expect(d).toMatchObject({ status: 'done', merged_into_id: target.id, hidden: true, supporter_count: 0 });
    expect(d.closed_at).toBeInstanceOf(Date);
    const { rows: supporters } = await t.db.query<{ email: string; notify_email: boolean; language: string }>(
      'SELECT email, notify_email, language FROM report_supporters WHERE report_id = $1 ORDER BY email',
      [target.id],
    );
    expect(supporters).toEqual([
      { email: 'dritte@example.org', notify_email: true, language: 'de' },
      { email: 'zweite@example.org', notify_email: true, language: 'en' },
    ]);
    expect((await state(target.id)).supporter_count).toBe(2);
    const dupEvent = await lastEvent(dup.id);
    expect(dupEvent).toMatchObject({ kind: 'merged', public: true, status_to: 'done' });
    expect(dupEvent.public_note).toContain(target.reference);
    expect(dupEvent.public_note).toContain('You now support that report');
    expect(await notifiedEvents()).toContain(dupEvent.id);
    expect(await lastEvent(target.id)).toMatchObject({ kind: 'merged', public: false });
    expect((await lastEvent(target.id)).internal_note).toContain(dup.reference);

    // A merged report takes only notes; nothing can be merged into it; a closed target is refused.
    const page = await getPage(t, bsc, `/admin/meldungen/${dup.id}`);
    expect(page.body).toContain(`href="/admin/meldungen/${target.id}"`);
    expect(page.body).not.toContain('id="aktion-forward"');
    expect(page.body).toContain('id="aktion-note"');
    const third = await createReport(t.deps, { categoryId });
    expect((await post(bsc, third.id, 'zusammenfuehren', { reference: dup.reference })).body).toContain(
      'selbst schon zusammengeführt',
    );
    const closed = await createReport(t.deps, { categoryId, status: 'done' });
    expect((await post(bsc, third.id, 'zusammenfuehren', { reference: closed.reference })).body).toContain(
      'abgeschlossen',
    );
    expect(await auditActions(dup.id)).toEqual(['report.merge']);
  });

  it('a reporter who already follows the target is not added twice', async () => {
    const target = await createReport(t.deps, { categoryId, reporterEmail: 'same@example.org' });
    const dup = await createReport(t.deps, { categoryId, reporterEmail: 'SAME@example.org' });
    await post(bsc, dup.id, 'zusammenfuehren', { reference: target.reference });
    expect((await state(target.id)).supporter_count).toBe(0);
    const anonymous = await createReport(t.deps, { categoryId, reporterEmail: null, reporterName: null });
    await post(bsc, anonymous.id, 'zusammenfuehren', { reference: target.reference });
    expect((await state(target.id)).supporter_count).toBe(1);
  });

  it('moderation: public text, personal flag, photos, abuse, screening; audit holds no texts', async () => {
    const r = await createReport(t.deps, {
      categoryId,
      description: 'Herr Meier aus Nr. 5 wirft Müll ab',
      photos: 1,
      needsScreening: true,
    });
    await post(bsc, r.id, 'text', { publicDescription: 'Jemand wirft Müll ab', personal: '1' });
    expect(await state(r.id)).toMatchObject({
      description: 'Herr Meier aus Nr. 5 wirft Müll ab',
      public_description: 'Jemand wirft Müll ab',
      description_personal: true,
    });
    expect(await lastEvent(r.id)).toMatchObject({ kind: 'moderated', public: false });
    await post(bsc, r.id, 'text', { publicDescription: '  ' });
    expect(await state(r.id)).toMatchObject({ public_description: null, description_personal: false });

    const { rows } = await t.db.query<{ id: number }>('SELECT id FROM report_photos WHERE report_id = $1', [r.id]);
    const photo = rows[0]!.id;
    expect((await postForm(t, bsc, `/admin/meldungen/${r.id}/fotos/${photo}`, { review: 'approved' })).statusCode).toBe(
      303,
    );
    const review = async () =>
      (await t.db.query<{ review: string }>('SELECT review FROM report_photos WHERE id = $1', [photo])).rows[0]!.review;
    expect(await review()).toBe('approved');
    await postForm(t, bsc, `/admin/meldungen/${r.id}/fotos/${photo}`, { review: 'hidden' });
    expect(await review()).toBe('hidden');
    expect((await postForm(t, bsc, `/admin/meldungen/${r.id}/fotos/${photo}`, { review: 'public' })).statusCode).toBe(
      400,
    );
    expect((await postForm(t, bsc, `/admin/meldungen/${r.id}/fotos/999999`, { review: 'approved' })).statusCode).toBe(
      404,
    );
    expect(await review()).toBe('hidden');

    await post(bsc, r.id, 'missbrauch', { abusive: '1' });
    expect(await state(r.id)).toMatchObject({ abusive: true, hidden: true });
    await post(bsc, r.id, 'missbrauch', { abusive: '0' });
    expect(await state(r.id)).toMatchObject({ abusive: false, hidden: false });

    expect((await getPage(t, bsc, `/admin/meldungen/${r.id}`)).body).toContain('id="aktion-screening"');
    await post(bsc, r.id, 'freigeben');
    expect((await state(r.id)).needs_screening).toBe(false);
    expect((await getPage(t, bsc, `/admin/meldungen/${r.id}`)).body).not.toContain('id="aktion-screening"');
    expect((await post(bsc, r.id, 'freigeben')).statusCode).toBe(409);

    const { rows: audit } = await t.db.query<{ action: string; before: unknown; after: unknown }>(
      `SELECT action, before, after FROM audit_log WHERE entity_type = 'report' AND entity_id = $1 ORDER BY id`,
      [String(r.id)],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'report.moderate',
      'report.moderate',
      'report.photo',
      'report.photo',
      'report.abusive',
      'report.abusive',
      'report.screening',
    ]);
    expect(JSON.stringify(audit)).not.toContain('Meier');
    expect(JSON.stringify(audit)).not.toContain('wirft');
  });

  it('department staff cannot forward, merge or moderate; nothing changes', async () => {
    const r = await createReport(t.deps, { categoryId, departmentId: deptA, status: 'forwarded', photos: 1 });
    const before = await state(r.id);
    const page = await getPage(t, staffA, `/admin/meldungen/${r.id}`);
    for (const hidden of ['aktion-forward', 'aktion-merge', 'aktion-moderate', 'aktion-abusive', 'Foto freigeben']) {
      expect(page.body).not.toContain(hidden);
    }
    for (const [path, fields] of [
      ['weiterleiten', { departmentId: String(deptB) }],
      ['zusammenfuehren', { reference: 'BI-2026-000001' }],
      ['text', { publicDescription: 'x' }],
      ['missbrauch', { abusive: '1' }],
    ] as const) {
      expect((await post(staffA, r.id, path, fields)).statusCode, path).toBe(403);
    }
    expect(await state(r.id)).toEqual(before);
    expect(await auditActions(r.id)).toEqual([]);
  });
});
