import type { Deps } from '../../../platform/deps.js';
import { AppError, type FieldErrors } from '../../../platform/errors.js';
import { localDateString } from '../../../platform/time.js';
import { reportStatuses } from '../core/statuses.js';
import { workingDaysBetween } from '../core/working-days.js';
import {
  countFixedAnswers,
  countReportsByCategory,
  countReportsByDistrict,
  countReportsByMonth,
  countReportsByStatus,
  type FiguresWindow,
  selectDoneDurations,
} from './queries.js';

export interface FiguresPeriod {
  /** First month counted, 'YYYY-MM'. */
  from: string;
  /** Last month counted, 'YYYY-MM'. */
  to: string;
}

/** Aggregated counts only: nothing in here can name a person. */
export interface ReportFigures {
  period: FiguresPeriod;
  total: number;
  byMonth: { month: string; count: number }[];
  byCategory: { code: string; name: { de: string; en: string }; count: number }[];
  byDistrict: { key: string | null; name: string | null; count: number }[];
  byStatus: { status: string; count: number }[];
  /** Reports done (status done) in the period and the medians from arrival to done. */
  timeToDone: { reports: number; medianCalendarDays: number | null; medianWorkingDays: number | null };
  /** Reporters' answers to "Ist es behoben?" (asked on closing as done): yes, no, and the reopenings by a no. */
  fixedAnswers: { yes: number; no: number; reopened: number };
}

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** The widest period one request may ask for (keeps answers and the month table bounded). */
export const maxFigureMonths = 120;
const dayMs = 24 * 60 * 60 * 1000;

const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const monthOf = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

/** The default period: the twelve months up to and including the current one (local time). */
export function defaultPeriod(deps: Deps): FiguresPeriod {
  const now = localDateString(deps.now(), deps.config.municipality.timeZone).slice(0, 7);
  return { from: monthOf(monthIndex(now) - 11), to: now };
}

/**
 * Checks a period given as 'YYYY-MM' months (either may be missing: the default fills it). Throws
 * validation_failed with `from` / `to` field errors.
 */
export function checkPeriod(deps: Deps, input: { from?: string; to?: string }): FiguresPeriod {
  const fallback = defaultPeriod(deps);
  const period = { from: input.from || fallback.from, to: input.to || fallback.to };
  const errors: FieldErrors = {};
  if (!monthPattern.test(period.from)) errors.from = 'reports-figures.errors.month';
  if (!monthPattern.test(period.to)) errors.to = 'reports-figures.errors.month';
  if (!errors.from && !errors.to) {
    const span = monthIndex(period.to) - monthIndex(period.from) + 1;
    if (span < 1) errors.to = 'reports-figures.errors.order';
    else if (span > maxFigureMonths) errors.from = 'reports-figures.errors.span';
  }
  if (Object.keys(errors).length > 0) throw new AppError('validation_failed', 'The period is not valid', errors);
  return period;
}

/** The median of numbers, or null for none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const oneDecimal = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

/**
 * Reports per month, category, district and status, and the median time to done in calendar and working days
 * (the region's public holidays excepted), for reports made in the period. Abusive reports are not counted.
 * Computed from the reports themselves, which are never deleted, so the figures stay exact after retention.
 */
export async function getReportFigures(deps: Deps, period: FiguresPeriod): Promise<ReportFigures> {
  const m = deps.config.municipality;
  const w: FiguresWindow = {
    municipalityId: m.id,
    timeZone: m.timeZone,
    from: `${period.from}-01`,
    until: `${monthOf(monthIndex(period.to) + 1)}-01`,
  };
  const [months, byCategory, byDistrict, statuses, durations, fixedAnswers] = await Promise.all([
    countReportsByMonth(deps.db, w),
    countReportsByCategory(deps.db, w),
    countReportsByDistrict(deps.db, w),
    countReportsByStatus(deps.db, w),
    selectDoneDurations(deps.db, w),
    countFixedAnswers(deps.db, w),
  ]);
  const perMonth = new Map(months.map((r) => [r.month, r.count]));
  const byMonth = [];
  for (let i = monthIndex(period.from); i <= monthIndex(period.to); i++) {
    byMonth.push({ month: monthOf(i), count: perMonth.get(monthOf(i)) ?? 0 });
  }
  const perStatus = new Map(statuses.map((r) => [r.status, r.count]));
  const calendarDays = durations.map((d) => (d.closed_at.getTime() - d.created_at.getTime()) / dayMs);
  const workingDays = durations.map((d) => workingDaysBetween(d.created_at, d.closed_at, m.holidayRegion, m.timeZone));
  return {
    period,
    total: byMonth.reduce((sum, r) => sum + r.count, 0),
    byMonth,
    byCategory,
    byDistrict,
    byStatus: reportStatuses.map((status) => ({ status, count: perStatus.get(status) ?? 0 })),
    timeToDone: {
      reports: durations.length,
      medianCalendarDays: oneDecimal(median(calendarDays)),
      medianWorkingDays: oneDecimal(median(workingDays)),
    },
    fixedAnswers,
  };
}
