/**
 * The run-time control surface in JS. `routes/control.ts` exposes the same operations over HTTP under
 * `/__sim/`, so a simulator started by one process can be driven by others.
 */
import { randomBytes } from "node:crypto";
import { meetingBody } from "./meeting-body.js";
import type { Simulation } from "./simulation.js";
import type { SimulatorStats } from "./state/stats.js";
import { applyPatch, parseSwitchesPatch, publicSwitches } from "./switches.js";
import type {
  RotateSecretOptions,
  SeedMeeting,
  SeedParticipant,
  SimulatorSwitches,
  SwitchesPatch,
  UrlValidationResult,
} from "./types.js";

/** Switches and incidents at run time. Methods that take a `clientId` default to the first app. */
export interface SimulatorControl {
  /** The current switches (the webhook secret shown as a fingerprint). */
  switches(): SimulatorSwitches;
  /** Merges a patch into the switches; throws a `TypeError` naming each invalid field. */
  set(patch: SwitchesPatch): SimulatorSwitches;
  /** App deactivated: minting still works, every API call gets 401 with code 124. */
  deactivateApp(clientId?: string): void;
  reactivateApp(clientId?: string): void;
  /** Takes scopes away from the app and its live tokens (calls that need them get code 4711). */
  removeScopes(scopes: string[], clientId?: string): void;
  restoreScopes(clientId?: string): void;
  /** Rotates the client secret; old and new both mint until the grace period ends. */
  rotateSecret(options?: RotateSecretOptions): { clientId: string; newSecret: string };
  /** Revokes every live token (of one app, or of all). Returns how many. */
  revokeTokens(clientId?: string): number;
  /** Puts meetings in place; returns their bodies as `GET /meetings/{id}` would. */
  seedMeetings(meetings: SeedMeeting[]): Record<string, unknown>[];
  /** Starts a meeting as if its host joined; ending it (`PUT .../status`) records a past meeting. */
  startMeeting(meetingId: number | string, participants?: SeedParticipant[]): void;
  /** Sends `endpoint.url_validation` to the webhook target and checks its answer. */
  sendUrlValidation(): Promise<UrlValidationResult>;
  /** Resolves when every webhook delivery started so far has finished. */
  webhooksIdle(): Promise<void>;
  /** A snapshot of the counters. */
  stats(): SimulatorStats;
  resetStats(): void;
  /** Back to the start options: switches, tokens, meetings, limits and counters. */
  reset(): void;
}

export function createControl(sim: Simulation): SimulatorControl {
  const app = (clientId?: string) => {
    const id = clientId ?? sim.registry.apps.keys().next().value;
    const found = id === undefined ? undefined : sim.registry.apps.get(id);
    if (!found) throw new RangeError(`No simulated app has client id ${clientId}`);
    return found;
  };
  const set = (patch: SwitchesPatch): SimulatorSwitches => {
    const parsed = parseSwitchesPatch(patch);
    if (!parsed.ok) {
      throw new TypeError(
        `Invalid switches: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`,
      );
    }
    applyPatch(sim.switches, parsed.patch);
    return publicSwitches(sim.switches);
  };
  return {
    switches: () => publicSwitches(sim.switches),
    set,
    deactivateApp: (clientId) => void set({ incidents: { [app(clientId).clientId]: { deactivated: true } } }),
    reactivateApp: (clientId) =>
      void set({ incidents: { [app(clientId).clientId]: { deactivated: false } } }),
    removeScopes: (scopes, clientId) => {
      const id = app(clientId).clientId;
      const current = sim.switches.incidents[id]?.removedScopes ?? [];
      set({ incidents: { [id]: { removedScopes: [...new Set([...current, ...scopes])] } } });
    },
    restoreScopes: (clientId) => void set({ incidents: { [app(clientId).clientId]: { removedScopes: [] } } }),
    rotateSecret: (options = {}) => {
      const target = app(options.clientId);
      const newSecret = options.newSecret ?? randomBytes(24).toString("base64url");
      const grace = options.graceSeconds ?? 0;
      if (!(grace >= 0)) throw new RangeError("graceSeconds must be 0 or more");
      sim.registry.rotate(target, newSecret, grace, options.oldTokens ?? "keep");
      return { clientId: target.clientId, newSecret };
    },
    revokeTokens: (clientId) =>
      sim.registry.revokeAll(clientId === undefined ? undefined : app(clientId).clientId),
    seedMeetings: (meetings) => sim.seedMeetings(meetings).map((m) => meetingBody(m, sim.url)),
    startMeeting: (meetingId, participants = []) => {
      const record = [...sim.registry.apps.values()]
        .map((a) => sim.meetings.get(a.accountId, String(meetingId)))
        .find((m) => m !== undefined);
      if (!record) throw new RangeError(`No simulated meeting has id ${meetingId}`);
      sim.startMeeting(record, participants);
    },
    sendUrlValidation: () => sim.webhooks.sendUrlValidation(),
    webhooksIdle: () => sim.webhooks.idle(),
    stats: () => snapshot(sim),
    resetStats: () => {
      sim.counters.reset();
      sim.registry.resetUses();
    },
    reset: () => sim.reset(),
  };
}

export function snapshot(sim: Simulation): SimulatorStats {
  const c = sim.counters;
  return structuredClone({
    mints: c.mints,
    mintErrors: c.mintErrors,
    liveTokens: sim.registry.liveCounts(),
    calls: c.calls,
    unauthorized: c.unauthorized,
    rateLimited: c.rateLimited,
    faults: c.faults,
    tokens: sim.registry.usage(),
    webhooks: c.webhooks,
    urlValidations: c.urlValidations,
  });
}
