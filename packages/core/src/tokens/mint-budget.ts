/**
 * Mint accounting: mints per credential per rolling hour, counted in the store for the whole fleet
 * (and in this process while the store is unavailable). A budget turns a mint storm into an error
 * instead of a lockout by Zoom.
 */
import { ZoomAuthError } from "../errors.js";

export const HOUR_MS = 60 * 60_000;

/** Events in a rolling window, counted in this process. */
export interface LocalWindow {
  record(): number;
  count(): number;
}

/** The per-process rolling window used while the store cannot count for the fleet. */
export function createLocalWindow(windowMs: number, now: () => number): LocalWindow {
  const times: number[] = [];
  const prune = (at: number): void => {
    while (times.length > 0 && times[0]! <= at - windowMs) times.shift();
  };
  return {
    record(): number {
      const at = now();
      prune(at);
      times.push(at);
      return times.length;
    },
    count(): number {
      prune(now());
      return times.length;
    },
  };
}

export function budgetExhaustedError(count: number, budget: number, who: string): ZoomAuthError {
  return new ZoomAuthError(
    "mint_budget_exhausted",
    `${count} tokens were minted in the last hour for ${who}, reaching the budget of ${budget} (mintBudgetPerHour). Something is minting far more than a fleet should (one token per credential, refreshed ahead of expiry): check for processes that do not share a token store, for a token store that keeps losing its records, or for tokens being refused. Requests fail until the hourly count drops below the budget.`,
  );
}
