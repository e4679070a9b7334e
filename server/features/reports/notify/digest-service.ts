import type { Deps } from '../../../platform/deps.js';
import { sendMail } from '../../../platform/mail/index.js';
import { localDateString } from '../../../platform/time.js';
import { listDepartments } from '../../departments/service.js';
import { listUsers, type StaffUser } from '../../users/service.js';
import { isWorkingDay, workingDaysBetween } from '../core/working-days.js';
import {
  claimDigestMail,
  deleteDigestMailsBefore,
  type OverdueReportRow,
  releaseDigestMail,
  selectOverdueReports,
} from './queries.js';
import { type DigestLine, digestMail } from './views/digest-mail.js';

/** Digest records are only needed while a digest may be retried. */
const digestRecordDays = 30;

/** Where a staff member opens a report in the back office. */
export const backOfficeReportPath = (id: number) => `/admin/meldungen/${id}`;

export interface DigestResult {
  /** false on weekends and public holidays: no digest then. */
  workingDay: boolean;
  overdue: number;
  /** Mails sent (or, in a dry run, that would be sent). */
  mails: number;
  alreadySent: number;
  dryRun?: boolean;
}

/** Reports still with the BSC: never forwarded, or returned by a department. */
const unassigned = (r: OverdueReportRow) => r.status === 'received' || r.department_id === null;

interface Digest {
  staff: StaffUser;
  heading: { kind: 'department'; department: string } | { kind: 'unassigned' };
  reports: OverdueReportRow[];
}

function planDigests(rows: OverdueReportRow[], users: StaffUser[], departmentNames: Map<number, string>): Digest[] {
  const active = users.filter((u) => !u.disabled);
  const digests: Digest[] = [];
  const bsc = rows.filter(unassigned);
  if (bsc.length > 0) {
    for (const staff of active.filter((u) => u.role === 'bsc_agent')) {
      digests.push({ staff, heading: { kind: 'unassigned' }, reports: bsc });
    }
  }
  const byDepartment = new Map<number, OverdueReportRow[]>();
  for (const r of rows) {
    if (unassigned(r) || r.department_id === null) continue;
    byDepartment.set(r.department_id, [...(byDepartment.get(r.department_id) ?? []), r]);
  }
  for (const staff of active.filter((u) => u.role === 'department_staff')) {
    // One mail per person, even when bound to several departments.
    for (const departmentId of staff.departmentIds) {
      const reports = byDepartment.get(departmentId);
      if (!reports) continue;
      const department = departmentNames.get(departmentId) ?? String(departmentId);
      const existing = digests.find((d) => d.staff.id === staff.id);
      if (existing && existing.heading.kind === 'department') {
        existing.heading.department += `, ${department}`;
        existing.reports = [...existing.reports, ...reports];
      } else {
        digests.push({ staff, heading: { kind: 'department', department }, reports });
      }
    }
  }
  for (const d of digests) d.reports.sort((a, b) => a.due_at.getTime() - b.due_at.getTime() || a.id - b.id);
  return digests;
}

/**
 * On working days (public holidays of the municipality's region excepted), mails each department's staff one list
 * of their overdue open reports and each BSC agent one list of the overdue reports nobody has taken on. Nothing is
 * sent when nothing is overdue; a retry of the same day skips those already mailed. `day` is the run's slot.
 */
export async function sendOverdueDigests(deps: Deps, options: { dryRun: boolean; at?: Date }): Promise<DigestResult> {
  const m = deps.config.municipality;
  const now = options.at ?? deps.now();
  const day = localDateString(now, m.timeZone);
  if (!isWorkingDay(new Date(`${day}T00:00:00Z`), m.holidayRegion)) {
    return { workingDay: false, overdue: 0, mails: 0, alreadySent: 0 };
  }
  const rows = await selectOverdueReports(deps.db, m.id, now);
  const result: DigestResult = { workingDay: true, overdue: rows.length, mails: 0, alreadySent: 0 };
  if (rows.length === 0) return result;
  const [users, departments] = await Promise.all([listUsers(deps, m.id), listDepartments(deps.db, m.id)]);
  const digests = planDigests(rows, users, new Map(departments.map((d) => [d.id, d.name])));
  if (options.dryRun) return { ...result, mails: digests.length, dryRun: true };

  const lang = m.defaultLanguage;
  for (const d of digests) {
    const lines: DigestLine[] = d.reports.map((r) => ({
      reference: r.reference,
      category: r.category_name[lang] ?? r.category_name.de,
      overdueDays: Math.max(workingDaysBetween(r.due_at, now, m.holidayRegion, m.timeZone), 0),
      status: r.status,
      href: `${deps.config.publicUrl}${backOfficeReportPath(r.id)}`,
    }));
    const mail = digestMail({
      lang,
      municipality: m,
      heading: d.heading,
      lines,
      backOffice: `${deps.config.publicUrl}/admin/meldungen/ueberfaellig`,
    });
    const claim = { municipalityId: m.id, day, staffUserId: d.staff.id, at: deps.now() };
    const sent = await claimDigestMail(deps.db, claim);
    if (sent) {
      try {
        await sendMail(deps, { ...mail, to: d.staff.email, language: lang, kind: 'reports.overdue-digest' });
      } catch (err) {
        await releaseDigestMail(deps.db, claim);
        throw err;
      }
    }
    if (sent) result.mails++;
    else result.alreadySent++;
  }
  return result;
}

/** Deletes digest bookkeeping older than a month; returns how many rows. */
export async function purgeDigestRecords(deps: Deps): Promise<number> {
  const before = new Date(deps.now().getTime() - digestRecordDays * 24 * 60 * 60 * 1000);
  return deleteDigestMailsBefore(deps.db, deps.config.municipality.id, before.toISOString().slice(0, 10));
}
