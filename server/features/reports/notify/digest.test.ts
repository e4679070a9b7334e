import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobDefinitions } from '../../../jobs.js';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { createReport, createTestDepartment } from '../../../test/factories/reports.js';
import { createStaff, type TestStaff } from '../../../test/factories/users.js';
import { closedPort, type SmtpStub, startSmtp } from '../../../test/smtp.js';
import { setUserDisabled } from '../../users/service.js';

const log = pino({ level: 'silent' });
const day = 24 * 60 * 60 * 1000;

let smtp: SmtpStub;
let t: TestApp;
const staff: Record<string, TestStaff> = {};
const refs: Record<string, { id: number; reference: string }> = {};

// Wednesday 25 November 2026, 07:00 in Bielefeld.
const wednesday = new Date('2026-11-25T06:00:00Z');

beforeAll(async () => {
  smtp = await startSmtp();
  t = await buildTestApp({ env: { SMTP_URL: smtp.url } });
  t.clock.now = wednesday;
  const umwelt = await createTestDepartment(t.deps, 'Umweltbetrieb');
  const verkehr = await createTestDepartment(t.deps, 'Amt für Verkehr');
  staff.umwelt = await createStaff(t, { role: 'department_staff', departmentIds: [umwelt] });
  staff.both = await createStaff(t, { role: 'department_staff', departmentIds: [umwelt, verkehr] });
  staff.verkehr = await createStaff(t, { role: 'department_staff', departmentIds: [verkehr] });
  staff.disabled = await createStaff(t, { role: 'department_staff', departmentIds: [verkehr] });
  staff.bsc = await createStaff(t, { role: 'bsc_agent' });
  staff.admin = await createStaff(t, { role: 'admin' });
  await setUserDisabled(t.deps, t.config.municipality.id, staff.disabled.id, true, { id: null, label: 'test' });

  const past = (days: number) => new Date(wednesday.getTime() - days * day);
  const make = (status: 'received' | 'accepted' | 'in_progress' | 'done', departmentId: number | null, due: Date) =>
    createReport(t.deps, { status, departmentId, createdAt: past(20), dueAt: due });
  refs.umweltLate = await make('accepted', umwelt, past(7));
  refs.umweltOnTime = await make('in_progress', umwelt, new Date(wednesday.getTime() + day));
  refs.umweltDone = await make('done', umwelt, past(7));
  refs.verkehrLate = await make('in_progress', verkehr, past(2));
  refs.unassigned = await make('received', null, past(1));
  refs.returned = await make('received', null, past(9));
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const runDigest = (dryRun = false) => t.queue.runNow('reports.overdue-digest', {}, { dryRun, log });
const mailsTo = (s: TestStaff) => smtp.messages.filter((m) => m.to.includes(s.email));

describe('reports.overdue-digest', () => {
  it('is scheduled on weekday mornings and supports dry runs', () => {
    const def = jobDefinitions.find((d) => d.name === 'reports.overdue-digest');
    expect(def?.schedule?.cron).toBe('0 7 * * 1-5');
    expect(def?.supportsDryRun).toBe(true);
  });

  it('counts in a dry run and sends nothing', async () => {
    expect(await runDigest(true)).toEqual({ workingDay: true, overdue: 4, mails: 4, alreadySent: 0, dryRun: true });
    expect(smtp.messages).toHaveLength(0);
  });

  it('mails each department’s staff their overdue reports and the BSC the unassigned ones, once a day', async () => {
    expect(await runDigest()).toEqual({ workingDay: true, overdue: 4, mails: 4, alreadySent: 0 });

    const [umwelt] = mailsTo(staff.umwelt!);
    expect(mailsTo(staff.umwelt!)).toHaveLength(1);
    expect(umwelt?.subject).toBe('Überfällige Meldungen für Umweltbetrieb: 1');
    expect(umwelt?.text).toContain(refs.umweltLate!.reference);
    expect(umwelt?.text).toContain(`${t.config.publicUrl}/admin/meldungen/${refs.umweltLate!.id}`);
    // 7 calendar days before a Wednesday: the Wednesday before, so 5 working days overdue.
    expect(umwelt?.text).toContain('Überfällig seit (Arbeitstagen): 5');
    expect(umwelt?.text).toContain('Stand: Von der zuständigen Stelle angenommen');
    for (const r of [refs.umweltOnTime, refs.umweltDone, refs.verkehrLate, refs.unassigned]) {
      expect(umwelt?.text).not.toContain(r!.reference);
    }
    expect(umwelt?.html).toContain(`<a href="${t.config.publicUrl}/admin/meldungen/${refs.umweltLate!.id}">`);

    const [both] = mailsTo(staff.both!);
    expect(mailsTo(staff.both!)).toHaveLength(1);
    expect(both?.text).toContain(refs.umweltLate!.reference);
    expect(both?.text).toContain(refs.verkehrLate!.reference);

    const [verkehr] = mailsTo(staff.verkehr!);
    expect(verkehr?.text).toContain(refs.verkehrLate!.reference);
    expect(verkehr?.text).not.toContain(refs.umweltLate!.reference);

    const [bsc] = mailsTo(staff.bsc!);
    expect(bsc?.subject).toBe('Überfällige Meldungen ohne Zuständigkeit: 2');
    // The longest overdue first.
    const returnedAt = bsc!.text.indexOf(refs.returned!.reference);
    expect(returnedAt).toBeGreaterThan(0);
    expect(bsc!.text.indexOf(refs.unassigned!.reference)).toBeGreaterThan(returnedAt);
    expect(bsc?.text).not.toContain(refs.umweltLate!.reference);

    expect(mailsTo(staff.admin!)).toEqual([]);
    expect(mailsTo(staff.disabled!)).toEqual([]);

    expect(await runDigest()).toEqual({ workingDay: true, overdue: 4, mails: 0, alreadySent: 4 });
    expect(smtp.messages).toHaveLength(4);
  });

  it('sends nothing on weekends and public holidays', async () => {
    const before = smtp.messages.length;
    t.clock.now = new Date('2026-11-28T06:00:00Z'); // Saturday
    expect(await runDigest()).toMatchObject({ workingDay: false, mails: 0 });
    t.clock.now = new Date('2026-12-25T06:00:00Z'); // Christmas Day, a Friday
    expect(await runDigest()).toMatchObject({ workingDay: false, mails: 0 });
    expect(smtp.messages.length).toBe(before);
  });

  it('sends nothing when nothing is overdue', async () => {
    const quiet = await buildTestApp({ env: { SMTP_URL: smtp.url } });
    try {
      quiet.clock.now = wednesday;
      await createStaff(quiet, { role: 'bsc_agent' });
      await createReport(quiet.deps, { dueAt: new Date(wednesday.getTime() + day) });
      const before = smtp.messages.length;
      expect(await quiet.queue.runNow('reports.overdue-digest', {}, { dryRun: false, log })).toEqual({
        workingDay: true,
        overdue: 0,
        mails: 0,
        alreadySent: 0,
      });
      expect(smtp.messages.length).toBe(before);
    } finally {
      await quiet.close();
    }
  });

  it('fails while the SMTP server is down and sends the digest on the retry', async () => {
    const port = await closedPort();
    const down = await buildTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    let back: SmtpStub | undefined;
    try {
      down.clock.now = wednesday;
      const agent = await createStaff(down, { role: 'bsc_agent' });
      await createReport(down.deps, { dueAt: new Date(wednesday.getTime() - day) });
      const digest = () => down.queue.runNow('reports.overdue-digest', {}, { dryRun: false, log });
      await expect(digest()).rejects.toThrow(/ECONNREFUSED|connect/i);
      back = await startSmtp({ port });
      expect(await digest()).toMatchObject({ mails: 1, alreadySent: 0 });
      expect(back.messages.map((m) => m.to)).toEqual([[agent.email]]);
    } finally {
      await down.close();
      await back?.close();
    }
  });
});
