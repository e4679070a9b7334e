import type { Deps } from '../../../platform/deps.js';
import { AppError, type FieldErrors, notFound } from '../../../platform/errors.js';
import { i18nFor, type Language, supportedLanguages } from '../../../platform/i18n.js';
import { type CitizenMailOutcome, sendCitizenMail } from '../../../platform/mail/index.js';
import {
  enqueuePush,
  type PushMessage,
  type PushSubscriptionInput,
  removeSubscriptionTopic,
  savePushSubscription,
} from '../../../platform/push/index.js';
import { localDateString } from '../../../platform/time.js';
import { findAddressByText, getAddress } from '../../addresses/service.js';
import { districtExists } from '../core/districts-queries.js';
import {
  hashStatusToken,
  looksLikeStatusToken,
  newStatusNonce,
  statusTokenFor,
  statusTokenKey,
} from '../core/status-token.js';
import { streetOf } from '../core/visibility.js';
import {
  type AlertHitRow,
  type AlertRow,
  claimDigestDay,
  countPushAlertsOf,
  deleteDeliveriesBefore,
  deleteStaleAlerts,
  insertAlert,
  insertDeliveries,
  releaseDigestDay,
  selectAlertById,
  selectAlertByTokenHash,
  selectDigestHits,
  takePushHits,
  updateAlertConfirmed,
  updateAlertEnded,
  updateConfirmationMail,
  updateEmailAlertsEnded,
} from './queries.js';
import { alertConfirmationMail, alertDigestMail, type DigestSection } from './views/mails.js';

/*
 * Area alerts: new public reports in a district or within a radius of an address, by e-mail (double opt-in, one
 * digest a day at most, counted against the daily cap per address) or by push (one message per new public report,
 * without personal data: reference, category, street and district). The manage link (token = HMAC of a stored
 * nonce, like status links) confirms, shows and ends an alert; mails carry RFC 8058 one-click headers that end every
 * alert to that address.
 */

/** The push engine's counting topic of these messages. */
export const alertPushTopic = 'report-alerts';
/** The radii offered (metres). */
export const alertRadii = [250, 500, 1000, 2000] as const;
/** A confirmation link is valid this long; the purge deletes the pending alert afterwards. */
export const pendingHours = 48;
/** Ended alerts are kept this long (the manage page still says "ended"), then deleted. */
export const endedKeepDays = 7;
/** Delivery records are kept this long (longer than any window below). */
export const deliveriesKeepDays = 14;
/** A digest lists public reports created up to this long ago (a report screened late still comes). */
const digestWindowDays = 7;
/** Push announces public reports created up to this long ago. */
const pushWindowHours = 48;
/** At most this many pushes per alert and run; the rest follow at the next run. */
const pushesPerAlertAndRun = 10;
/** A new-report push is worth little after a day. */
const pushTtlSeconds = 24 * 3600;

const hour = 3600 * 1000;
const day = 24 * hour;

/** The pages of area alerts. */
export const alertsPath = '/meldungen/benachrichtigungen';
export const alertSentPath = `${alertsPath}/gesendet`;
export const alertEndedPath = `${alertsPath}/beendet`;
export const alertManagePath = (token: string) => `${alertsPath}/${token}`;
/** The RFC 8058 one-click endpoint (API scope). */
export const alertOneClickPath = (token: string) => `/api/reports/alerts/unsubscribe/${token}`;

const tokenKey = (deps: Deps) => statusTokenKey(deps.config.sessionSecret);
const tokenOf = (deps: Deps, nonce: string) => statusTokenFor(tokenKey(deps), nonce);
const link = (deps: Deps, path: string) => `${deps.config.publicUrl.replace(/\/$/, '')}${path}`;

const emailPattern = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:".]+(\.[^\s@<>()[\]\\,;:".]+)+$/u;

/** What a subscriber chose as the area. */
export interface AreaInput {
  area: string;
  districtId?: number | undefined;
  /** The address as typed (resolved with the register) unless the autocomplete gave its id. */
  address?: string | undefined;
  addressId?: number | undefined;
  radius?: number | undefined;
}

interface ResolvedArea {
  districtId: number | null;
  placeLabel: string | null;
  lat: number | null;
  lon: number | null;
  radiusM: number | null;
}

const errorKey = (k: string) => `reports-alerts.errors.${k}`;

async function resolveArea(deps: Deps, input: AreaInput, errors: FieldErrors): Promise<ResolvedArea | undefined> {
  const m = deps.config.municipality.id;
  if (input.area === 'district') {
    if (input.districtId === undefined) errors.districtId = errorKey('districtRequired');
    else if (!(await districtExists(deps.db, m, input.districtId))) errors.districtId = errorKey('districtUnknown');
    else return { districtId: input.districtId, placeLabel: null, lat: null, lon: null, radiusM: null };
    return undefined;
  }
  if (input.area !== 'radius') {
    errors.area = errorKey('areaRequired');
    return undefined;
  }
  const text = (input.address ?? '').trim();
  let address: Awaited<ReturnType<typeof findAddressByText>>;
  if (input.addressId !== undefined) {
    address = await getAddress(deps.db, m, input.addressId).catch(() => undefined);
  } else if (text) {
    address = await findAddressByText(deps.db, m, text.slice(0, 200));
  }
  if (!address) errors.address = errorKey(text || input.addressId !== undefined ? 'addressUnknown' : 'addressRequired');
  const radius = input.radius;
  if (radius === undefined || !(alertRadii as readonly number[]).includes(radius)) errors.radius = errorKey('radius');
  if (!address || errors.radius) return undefined;
  const label = `${address.street} ${address.house_number}${address.house_number_suffix}`;
  return { districtId: null, placeLabel: label, lat: address.lat, lon: address.lon, radiusM: radius ?? null };
}

function newToken(deps: Deps): { nonce: string; token: string; hash: string } {
  const nonce = newStatusNonce();
  const token = tokenOf(deps, nonce);
  return { nonce, token, hash: hashStatusToken(token) };
}

/**
 * Subscribes an address by e-mail: stores a pending alert and queues its one confirmation mail in the same
 * transaction. Nothing is sent until the link's page is confirmed. Throws validation_failed with field errors.
 */
export async function subscribeByEmail(
  deps: Deps,
  input: AreaInput & { email: string; language: Language },
): Promise<void> {
  const errors: FieldErrors = {};
  // In the form's order, so the error summary lists them as the fields come.
  const area = await resolveArea(deps, input, errors);
  const email = input.email.trim();
  if (!email) errors.email = errorKey('emailRequired');
  else if (email.length > 254 || !emailPattern.test(email)) errors.email = errorKey('emailInvalid');
  if (!area || Object.keys(errors).length > 0) {
    throw new AppError('validation_failed', 'The alert has invalid fields', errors);
  }
  const t = newToken(deps);
  await deps.db.transaction(async (tx) => {
    const id = await insertAlert(tx, {
      municipalityId: deps.config.municipality.id,
      channel: 'email',
      email,
      subscriptionId: null,
      ...area,
      language: input.language,
      tokenNonce: t.nonce,
      tokenHash: t.hash,
      now: deps.now(),
      confirmed: false,
    });
    await deps.jobs.enqueue(alertConfirmJobName, { alertId: id }, { tx });
  });
}

/** The job that sends an alert's confirmation mail (named here, defined in jobs.ts). */
export const alertConfirmJobName = 'reports.alert-confirm';

/**
 * Subscribes a browser by push: the subscription is the opt-in, so the alert runs at once. Returns the manage
 * path. Throws validation_failed (area fields or the engine's subscription fields).
 */
export async function subscribeByPush(
  deps: Deps,
  input: AreaInput & { subscription: PushSubscriptionInput; language: Language },
): Promise<{ managePath: string }> {
  const errors: FieldErrors = {};
  const area = await resolveArea(deps, input, errors);
  if (!area || Object.keys(errors).length > 0) {
    throw new AppError('validation_failed', 'The alert has invalid fields', errors);
  }
  const m = deps.config.municipality.id;
  const t = newToken(deps);
  await deps.db.transaction(async (tx) => {
    const { id } = await savePushSubscription(deps, m, input.subscription, alertPushTopic, { db: tx });
    await insertAlert(tx, {
      municipalityId: m,
      channel: 'push',
      email: null,
      subscriptionId: id,
      ...area,
      language: input.language,
      tokenNonce: t.nonce,
      tokenHash: t.hash,
      now: deps.now(),
      confirmed: true,
    });
  });
  return { managePath: alertManagePath(t.token) };
}

/** An alert as its manage page shows it. */
export interface AlertView {
  channel: 'email' | 'push';
  state: 'pending' | 'expired' | 'active' | 'ended';
  area: AreaText;
}

/** The area in words: a district's name, or the radius and the address's label. */
export type AreaText = { kind: 'district'; name: string } | { kind: 'radius'; radius: number; place: string };

function areaOf(a: Pick<AlertRow, 'district_name' | 'place_label' | 'radius_m'>): AreaText {
  return a.radius_m !== null
    ? { kind: 'radius', radius: a.radius_m, place: a.place_label ?? '' }
    : { kind: 'district', name: a.district_name ?? '' };
}

/** The area as one line of text in a language. */
export function areaLine(t: (key: string, vars?: Record<string, unknown>) => string, area: AreaText): string {
  return area.kind === 'district'
    ? t('reports-alerts.area.district', { name: area.name })
    : t('reports-alerts.area.radius', { radius: area.radius, place: area.place });
}

function stateOf(deps: Deps, a: AlertRow): AlertView['state'] {
  if (a.ended_at) return 'ended';
  if (a.confirmed_at) return 'active';
  return a.created_at.getTime() < deps.now().getTime() - pendingHours * hour ? 'expired' : 'pending';
}

async function alertByToken(deps: Deps, token: string): Promise<AlertRow | undefined> {
  if (!looksLikeStatusToken(token)) return undefined;
  return selectAlertByTokenHash(deps.db, deps.config.municipality.id, hashStatusToken(token));
}

/** The alert of a manage token; undefined for unknown (or purged) tokens. */
export async function findAlertByToken(deps: Deps, token: string): Promise<AlertView | undefined> {
  const a = await alertByToken(deps, token);
  return a && { channel: a.channel, state: stateOf(deps, a), area: areaOf(a) };
}

/** Confirms a pending e-mail alert (double opt-in); false when it was not pending (or expired). Throws not_found. */
export async function confirmAlert(deps: Deps, token: string): Promise<boolean> {
  const a = await alertByToken(deps, token);
  if (!a) throw notFound('Alert');
  const now = deps.now();
  return updateAlertConfirmed(deps.db, a.id, now, new Date(now.getTime() - pendingHours * hour));
}

/** Ends an alert (a push alert also gives its topic back to the engine when it was the last one of that browser). */
async function endAlert(deps: Deps, a: AlertRow): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await updateAlertEnded(tx, a.id, deps.now());
    if (a.subscription_id !== null && (await countPushAlertsOf(tx, a.subscription_id)) === 0) {
      await removeSubscriptionTopic(tx, a.municipality_id, a.subscription_id, alertPushTopic);
    }
  });
}

/**
 * Ends the alert of a manage token, or with `all` every e-mail alert to its address. Throws not_found for unknown
 * tokens.
 */
export async function unsubscribeAlert(deps: Deps, token: string, options: { all?: boolean } = {}): Promise<void> {
  const a = await alertByToken(deps, token);
  if (!a) throw notFound('Alert');
  if (options.all && a.email) {
    await updateEmailAlertsEnded(deps.db, a.municipality_id, a.email, deps.now());
    return;
  }
  await endAlert(deps, a);
}

/** RFC 8058 one-click: ends every e-mail alert to the address of the token's alert (the "list" of the mail). */
export async function unsubscribeOneClick(deps: Deps, token: string): Promise<void> {
  await unsubscribeAlert(deps, token, { all: true });
}

/** How a mail to a subscriber ended. */
export type AlertMailOutcome = CitizenMailOutcome;

const languageOf = (deps: Deps, lang: string): Language =>
  (supportedLanguages as readonly string[]).includes(lang) &&
  (deps.config.municipality.languages as readonly string[]).includes(lang)
    ? (lang as Language)
    : deps.config.municipality.defaultLanguage;

/** Sends a pending alert's confirmation mail at most once; 'skipped' when it is not pending (or was sent). */
export async function sendAlertConfirmation(deps: Deps, alertId: number): Promise<AlertMailOutcome | 'skipped'> {
  const a = await selectAlertById(deps.db, alertId);
  if (!a?.email || a.confirmed_at || a.ended_at || a.confirmation_sent_at) return 'skipped';
  if (!(await updateConfirmationMail(deps.db, a.id, deps.now()))) return 'skipped';
  const lang = languageOf(deps, a.language);
  const { t } = i18nFor(lang, deps.config.municipality.timeZone);
  const mail = alertConfirmationMail({
    lang,
    municipality: deps.config.municipality,
    area: areaLine(t, areaOf(a)),
    link: link(deps, alertManagePath(tokenOf(deps, a.token_nonce))),
  });
  try {
    return await sendCitizenMail(deps, { ...mail, to: a.email, language: lang, kind: 'reports.alert-confirm' });
  } catch (err) {
    await updateConfirmationMail(deps.db, a.id, null);
    throw err;
  }
}

/** Where a report is, as announcements say it: street (never a house number) and district. */
function placeOf(h: AlertHitRow): string {
  const street = streetOf({ street: h.street, address_label: h.address_label });
  return [street, h.report_district].filter(Boolean).join(', ');
}

const categoryOf = (h: AlertHitRow, lang: Language) => h.category_name[lang] ?? h.category_name.de;

export interface DigestRunResult {
  /** Addresses with something new. */
  subscribers: number;
  mails: number;
  reports: number;
  capped: number;
  refused: number;
  alreadySent: number;
  dryRun?: boolean;
}

/**
 * The daily digest: one mail per address listing the new public reports of its running alerts (one section each),
 * at most one a day (claimed per alert and local day before sending); nothing when nothing is new. A capped or
 * capped mail's reports stay new for the next day's digest; an address the mail server refuses for good ends its alerts.
 */
export async function sendAlertDigests(deps: Deps, options: { dryRun: boolean; at?: Date }): Promise<DigestRunResult> {
  const m = deps.config.municipality;
  const now = options.at ?? deps.now();
  const today = localDateString(now, m.timeZone);
  const hits = await selectDigestHits(deps.db, {
    municipalityId: m.id,
    since: new Date(now.getTime() - digestWindowDays * day),
    until: now,
    day: today,
  });
  const byAddress = new Map<string, AlertHitRow[]>();
  for (const h of hits) {
    const key = (h.email ?? '').toLowerCase();
    byAddress.set(key, [...(byAddress.get(key) ?? []), h]);
  }
  const result: DigestRunResult = {
    subscribers: byAddress.size,
    mails: 0,
    reports: 0,
    capped: 0,
    refused: 0,
    alreadySent: 0,
  };
  if (options.dryRun) return { ...result, mails: byAddress.size, reports: hits.length, dryRun: true };

  for (const rows of byAddress.values()) {
    const first = rows[0]!;
    const alertIds = [...new Set(rows.map((r) => r.alert_id))];
    const claimed = await claimDigestDay(deps.db, alertIds, today);
    const mine = rows.filter((r) => claimed.includes(r.alert_id));
    if (mine.length === 0) {
      result.alreadySent++;
      continue;
    }
    const lang = languageOf(deps, first.language);
    const { t } = i18nFor(lang, m.timeZone);
    const sections: DigestSection[] = [];
    for (const id of claimed) {
      const of = mine.filter((r) => r.alert_id === id);
      const a = of[0]!;
      sections.push({
        area: areaLine(t, areaOf(a)),
        manage: link(deps, alertManagePath(tokenOf(deps, a.token_nonce))),
        reports: of.map((h) => ({
          reference: h.reference,
          category: categoryOf(h, lang),
          place: placeOf(h),
          href: link(deps, `/meldungen/${h.reference}`),
        })),
      });
    }
    const firstToken = tokenOf(deps, mine[0]!.token_nonce);
    const mail = alertDigestMail({
      lang,
      municipality: m,
      sections,
      unsubscribeAll: link(deps, alertManagePath(firstToken)),
    });
    let outcome: AlertMailOutcome;
    try {
      outcome = await sendCitizenMail(deps, {
        ...mail,
        to: first.email ?? '',
        language: lang,
        kind: 'reports.alert-digest',
        unsubscribeUrl: link(deps, alertOneClickPath(firstToken)),
      });
    } catch (err) {
      await releaseDigestDay(deps.db, claimed, today);
      throw err;
    }
    if (outcome === 'sent') {
      result.mails++;
      result.reports += mine.length;
      await insertDeliveries(
        deps.db,
        mine.map((h) => ({ alertId: h.alert_id, reportId: h.report_id })),
        deps.now(),
      );
    } else if (outcome === 'capped') result.capped++;
    else {
      // The mail server refuses the address for good (5xx): its alerts end, retrying daily cannot help.
      result.refused++;
      await updateEmailAlertsEnded(deps.db, m.id, first.email ?? '', deps.now());
    }
  }
  return result;
}

function pushTexts(timeZone: string) {
  return Object.fromEntries(supportedLanguages.map((lang) => [lang, i18nFor(lang, timeZone).t] as const)) as Record<
    Language,
    (key: string, vars?: Record<string, unknown>) => string
  >;
}

/**
 * Queues one push per new public report and running push alert (recorded as announced in the same transaction,
 * so a retried run never queues one twice) and asks for delivery. Payload: title, body (category, street,
 * district, reference), the public page's URL and a tag; no personal data.
 */
export async function queueAlertPushes(deps: Deps, options: { dryRun: boolean }): Promise<{ queued: number }> {
  const m = deps.config.municipality;
  const now = deps.now();
  const texts = pushTexts(m.timeZone);
  return deps.db.transaction(async (tx) => {
    const hits = await takePushHits(tx, {
      municipalityId: m.id,
      since: new Date(now.getTime() - pushWindowHours * hour),
      until: now,
      perAlert: pushesPerAlertAndRun,
      at: now,
      dryRun: options.dryRun,
    });
    if (options.dryRun) return { queued: hits.length };
    const messages: PushMessage[] = hits.map((h) => {
      const lang = languageOf(deps, h.language);
      const t = texts[lang];
      return {
        subscriptionId: h.subscription_id!,
        dedupeKey: `report-alerts:${h.alert_id}:${h.report_id}`,
        topic: alertPushTopic,
        payload: {
          title: t('reports-alerts.push.title', { area: areaLine(t, areaOf(h)) }),
          body: t('reports-alerts.push.body', {
            category: categoryOf(h, lang),
            place: placeOf(h),
            reference: h.reference,
          }),
          url: link(deps, `/meldungen/${h.reference}`),
          tag: `report-alert-${h.report_id}`,
        },
        ttl: pushTtlSeconds,
        urgency: 'normal',
      };
    });
    const queued = await enqueuePush(tx, m.id, messages, { jobs: deps.jobs });
    return { queued };
  });
}

/** Nightly: deletes expired pending alerts, ended ones after their keep time, and old delivery records. */
export async function purgeAlerts(
  deps: Deps,
  options: { dryRun: boolean },
): Promise<{ alerts: number; deliveries: number }> {
  const m = deps.config.municipality.id;
  const now = deps.now().getTime();
  const alerts = await deleteStaleAlerts(deps.db, {
    municipalityId: m,
    pendingBefore: new Date(now - pendingHours * hour),
    endedBefore: new Date(now - endedKeepDays * day),
    dryRun: options.dryRun,
  });
  const deliveries = options.dryRun
    ? 0
    : await deleteDeliveriesBefore(deps.db, m, new Date(now - deliveriesKeepDays * day));
  return { alerts, deliveries };
}
