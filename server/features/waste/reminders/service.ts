import type { Deps } from '../../../platform/deps.js';
import { AppError, type FieldErrors } from '../../../platform/errors.js';
import { i18nFor, type Language, supportedLanguages } from '../../../platform/i18n.js';
import {
  enqueuePushFromSelect,
  type PushSubscriptionInput,
  removeSubscriptionTopic,
  savePushSubscription,
  withdrawPendingPush,
} from '../../../platform/push/index.js';
import { today } from '../core/dates.js';
import { listBinTypes, nextCollections } from '../core/service.js';
import {
  countReminders,
  countSelected,
  deleteReminder,
  findReminderByTokenHash,
  type ReminderRow,
  selectDedupeKeys,
  slotMessagesSelect,
  updateReminder,
  upsertReminder,
} from './queries.js';
import {
  collectionDayFor,
  formatReminderTime,
  type LocalSlot,
  localSlotOf,
  parseReminderTime,
  type ReminderMode,
  reminderModes,
  reminderTtlSeconds,
  reminderUrgency,
} from './slots.js';
import {
  hashReminderToken,
  looksLikeReminderToken,
  newReminderNonce,
  reminderManagePath,
  reminderTokenFor,
  reminderTokenKey,
  reminderTokenPads,
} from './token.js';

// Waste reminders: opt-in, change and cancel by the manage link, and the scheduled run of one slot.

export const pushTopic = 'waste';

/** A citizen's choices: bin type keys, evening (the day before) or morning (the day), and the time 'HH:MM'. */
export interface ReminderChoices {
  binTypeKeys: string[];
  mode: string;
  time: string;
  language: Language;
}

type CheckedChoices = { binTypeKeys: string[]; mode: ReminderMode; hour: number; minute: number; language: Language };

/** Validates choices against the municipality's bin types and the offered times; field errors bins, mode, time. */
async function checkChoices(deps: Deps, c: ReminderChoices): Promise<CheckedChoices> {
  const errors: FieldErrors = {};
  const known = new Set((await listBinTypes(deps.db, deps.config.municipality.id)).map((b) => b.key));
  const binTypeKeys = [...new Set(c.binTypeKeys)];
  if (binTypeKeys.length === 0) errors.bins = 'waste-reminders.errors.binsRequired';
  else if (binTypeKeys.some((k) => !known.has(k))) errors.bins = 'waste-reminders.errors.binsUnknown';
  const mode = reminderModes.find((m) => m === c.mode);
  if (!mode) errors.mode = 'waste-reminders.errors.mode';
  const time = mode ? parseReminderTime(mode, c.time) : undefined;
  if (mode && !time) errors.time = 'waste-reminders.errors.time';
  if (!mode || !time || Object.keys(errors).length > 0) {
    throw new AppError('validation_failed', 'Invalid reminder choices', errors);
  }
  return { binTypeKeys, mode, ...time, language: c.language };
}

function newToken(deps: Deps) {
  const nonce = newReminderNonce();
  const token = reminderTokenFor(reminderTokenKey(deps.config.sessionSecret), nonce);
  return { nonce, token, tokenHash: hashReminderToken(token) };
}

/**
 * Opts a push subscription in for an address: saves the subscription (the engine validates it: field errors
 * endpoint, keys.p256dh, keys.auth) and the reminder in one transaction. Subscribing the same browser for the same
 * address again replaces the choices and the link. Throws validation_failed (bins, mode, time, address).
 * Returns the manage token.
 */
export async function subscribeWasteReminder(
  deps: Deps,
  input: ReminderChoices & { subscription: PushSubscriptionInput; addressId: number },
): Promise<{ token: string; managePath: string; reminder: ReminderRow }> {
  const m = deps.config.municipality;
  const choices = await checkChoices(deps, input);
  const next = await nextCollections(deps.db, m.id, input.addressId, today(deps.now(), m.timeZone));
  if (next.length === 0) {
    throw new AppError('validation_failed', 'No collections known for this address', {
      address: 'waste-reminders.errors.address',
    });
  }
  const { nonce, token, tokenHash } = newToken(deps);
  const reminder = await deps.db.transaction(async (tx) => {
    const saved = await savePushSubscription(deps, m.id, input.subscription, pushTopic, { db: tx });
    return upsertReminder(tx, m.id, {
      ...choices,
      subscriptionId: saved.id,
      addressId: input.addressId,
      nonce,
      tokenHash,
      now: deps.now(),
    });
  });
  return { token, managePath: reminderManagePath(token), reminder };
}

/** The reminder of a manage token, with its address line; undefined for unknown or malformed tokens. */
export async function findReminderByToken(deps: Pick<Deps, 'db' | 'config'>, token: string) {
  if (!looksLikeReminderToken(token)) return undefined;
  return findReminderByTokenHash(deps.db, deps.config.municipality.id, hashReminderToken(token));
}

/** The reminder of a manage token; throws not_found. */
export async function getReminderByToken(deps: Pick<Deps, 'db' | 'config'>, token: string) {
  const r = await findReminderByToken(deps, token);
  if (!r) throw new AppError('not_found', 'Reminder not found');
  return r;
}

/** Changes bins, mode and time of the reminder of a manage token. Throws not_found, validation_failed. */
export async function changeWasteReminder(deps: Deps, token: string, choices: ReminderChoices): Promise<void> {
  const r = await getReminderByToken(deps, token);
  const checked = await checkChoices(deps, choices);
  await updateReminder(deps.db, deps.config.municipality.id, r.id, { ...checked, now: deps.now() });
}

/**
 * Cancels the reminder of a manage token; the subscription leaves the waste topic when it has no reminder left
 * (and is deleted when no feature uses it any more). Throws not_found.
 */
export async function cancelWasteReminder(deps: Deps, token: string): Promise<void> {
  const r = await getReminderByToken(deps, token);
  const m = deps.config.municipality.id;
  await deps.db.transaction(async (tx) => {
    const deleted = await deleteReminder(tx, m, r.id);
    if (deleted && deleted.left === 0) await removeSubscriptionTopic(tx, m, deleted.subscriptionId, pushTopic);
  });
}

/** Active reminders (usage figures). */
export function countWasteReminders(deps: Pick<Deps, 'db' | 'config'>): Promise<number> {
  return countReminders(deps.db, deps.config.municipality.id);
}

/** The notification texts of a mode per language, with %BINS% and %ADDRESS% for the run to fill in. */
function slotTexts(mode: ReminderMode, timeZone: string) {
  return Object.fromEntries(
    supportedLanguages.map((lang) => {
      const { t } = i18nFor(lang, timeZone);
      const vars = { bins: '%BINS%', address: '%ADDRESS%' };
      return [
        lang,
        { title: t(`waste-reminders.push.${mode}.title`, vars), body: t(`waste-reminders.push.${mode}.body`, vars) },
      ];
    }),
  );
}

export interface SlotRun {
  slot: LocalSlot;
  mode: ReminderMode | null;
  collectionDay: string | null;
  enqueued: number;
  /** Pending messages of this slot withdrawn because their day no longer has a chosen bin (a run after an import). */
  withdrawn: number;
}

/**
 * Queues the reminders of the local slot an instant belongs to (Europe/Berlin wall clock, half hours): evening
 * reminders of that time for collections on the next day, morning ones for the same day; one message per reminder
 * listing all its chosen bins collected that day, in one INSERT … SELECT. Repeating a slot queues nothing twice
 * (dedupe key per slot and reminder). With `jobs`, delivery is requested in the same transaction.
 */
export async function sendSlotReminders(
  deps: Pick<Deps, 'db' | 'config'> & { jobs?: Deps['jobs'] },
  at: Date,
  options: { dryRun?: boolean } = {},
): Promise<SlotRun> {
  const m = deps.config.municipality;
  const slot = localSlotOf(at, m.timeZone);
  const time = formatReminderTime(slot);
  const mode = reminderModes.find((md) => parseReminderTime(md, time));
  if (!mode) return { slot, mode: null, collectionDay: null, enqueued: 0, withdrawn: 0 };
  const collectionDay = collectionDayFor(mode, slot.date);
  const slotKey = `${slot.date}:${time}`;
  const { sql, params } = slotMessagesSelect({
    municipalityId: m.id,
    slotKey,
    collectionDay,
    mode,
    hour: slot.hour,
    minute: slot.minute,
    pads: reminderTokenPads(reminderTokenKey(deps.config.sessionSecret)),
    manageUrlPrefix: `${deps.config.publicUrl.replace(/\/$/, '')}${reminderManagePath('')}`,
    texts: slotTexts(mode, m.timeZone),
    fallbackLanguage: 'de',
    ttl: reminderTtlSeconds(at, collectionDay, m.timeZone),
    urgency: reminderUrgency(mode),
  });
  const { enqueued, withdrawn } = await deps.db.transaction(async (tx) => {
    if (options.dryRun) return { enqueued: await countSelected(tx, sql, params), withdrawn: 0 };
    const keys = await selectDedupeKeys(tx, sql, params);
    const n = await enqueuePushFromSelect(tx, m.id, sql, params, deps.jobs ? { jobs: deps.jobs } : {});
    // Run again after an import: a reminder whose day has no chosen bin any more must not go out.
    return { enqueued: n, withdrawn: await withdrawPendingPush(tx, m.id, `waste:${slotKey}:`, keys) };
  });
  return { slot, mode, collectionDay, enqueued, withdrawn };
}
