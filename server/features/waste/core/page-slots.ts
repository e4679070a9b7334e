import type { VNode } from 'preact';
import type { PageContext } from '../../../platform/views/context.js';
import type { BinType } from './types.js';

// Slots one room of the Abfallkalender fills in another's page without importing it: the reminders room registers
// its opt-in form at start, the citizen room's address page renders whatever is registered (nothing otherwise).

/** What the address page knows that the reminder opt-in needs. */
export interface AddressSlotInput {
  addressId: number;
  binTypes: BinType[];
}

export type AddressSlot = (ctx: PageContext, input: AddressSlotInput) => VNode | null;

let reminderSlot: AddressSlot | undefined;

/** Registers the address page's reminder opt-in (called once by the reminders room's pages). */
export function setAddressReminderSlot(slot: AddressSlot): void {
  reminderSlot = slot;
}

/** The reminder opt-in for an address page, or null when no room registered one. */
export function renderAddressReminderSlot(ctx: PageContext, input: AddressSlotInput): VNode | null {
  return reminderSlot ? reminderSlot(ctx, input) : null;
}
