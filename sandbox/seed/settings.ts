/* Billing and app settings: a few presets per seed, shared by reference between
 * customers (they are never mutated), which keeps 50,000 customers small in memory. */
import type { AppSettings, BillingItem, BillingSettings } from '../wire';
import type { Rng } from './random';
import { chance, intBetween, pick } from './random';

const round = (n: number): number => Math.round(n * 10000) / 10000;

function item(rng: Rng, unit: number): BillingItem {
  return {
    baseCost: round(rng() * 20),
    rawUnitMultiplier: pick(rng, [1, 1, 1, 60, 0.5]),
    unitCost: round(unit * (0.5 + rng())),
    allowance: pick(rng, [0, 0, 100, 500, 1000, 2500]),
  };
}

export function billingSettings(rng: Rng): BillingSettings {
  return {
    base: item(rng, 10),
    localNumbers: item(rng, 1),
    tollFreeNumbers: item(rng, 2),
    inboundVoiceCalls: item(rng, 0.01),
    outboundVoiceCalls: item(rng, 0.015),
    inboundFaxes: item(rng, 0.05),
    outboundFaxes: item(rng, 0.05),
    inboundSmsMessages: item(rng, 0.0075),
    outboundSmsMessages: item(rng, 0.0079),
    aiInsights: item(rng, 0.02),
    aiLiveMinutes: item(rng, 0.06),
  };
}

export function appSettings(rng: Rng): AppSettings {
  return {
    enablePhoneNumberManagement: chance(rng, 0.7),
    enableDeviceManagement: chance(rng, 0.6),
    enableDialer: chance(rng, 0.8),
    enableCallHistory: chance(rng, 0.9),
    showFileNameInMessageCenter: chance(rng, 0.3),
    chakraTheme: pick(rng, ['blue', 'teal', 'purple', 'gray', 'orange']),
    customCss: chance(rng, 0.2) ? `.header { background: #${intBetween(rng, 0, 0xffffff).toString(16).padStart(6, '0')}; }` : '',
  };
}

export function presets<T>(rng: Rng, count: number, make: (rng: Rng) => T): T[] {
  return Array.from({ length: count }, () => make(rng));
}
