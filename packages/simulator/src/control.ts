/**
 * The run-time control surface in JS. `routes/control.ts` exposes the same operations over HTTP under
 * `/__sim/`, so a simulator started by one process can be driven by others. The per-app verbs
 * (`deactivateApp`, `rotateSecret`, ...) come from the incidents table; this file only wires them.
 */
import type { z } from "zod";
import type { AnyVerb, VerbContext } from "./incidents/incident.js";
import { APP_VERBS, type AppVerbMethods, defaultIncidents } from "./incidents/index.js";
import { meetingBody } from "./meeting-body.js";
import type { SeedWebinar } from "./seed-webinars.js";
import type { SeedMeeting, SeedParticipant } from "./seeds.js";
import type { Simulation } from "./simulation.js";
import type { SimulatorStats } from "./state/stats.js";
import type { AppState } from "./state/token-registry.js";
import {
  describeIssues,
  problemText,
  publicSwitches,
  type SimulatorSwitches,
  type SwitchesPatch,
} from "./switches.js";
import type { UrlValidationResult } from "./types.js";
import { webinarBody } from "./webinar-body.js";

/**
 * Switches and incidents at run time. The per-app verbs (see the README's incident table) take an
 * optional `clientId` that defaults to the first app.
 */
export interface SimulatorControl extends AppVerbMethods {
  /** The current switches (the webhook secret shown as a fingerprint). */
  switches(): SimulatorSwitches;
  /** Merges a patch into the switches; throws a `TypeError` naming each invalid field. */
  set(patch: SwitchesPatch): SimulatorSwitches;
  /** Puts meetings in place; returns their bodies as `GET /meetings/{id}` would. */
  seedMeetings(meetings: SeedMeeting[]): Record<string, unknown>[];
  /** Starts a meeting as if its host joined (`meeting.started`); ending it (`PUT .../status`) records a past meeting. */
  startMeeting(meetingId: number | string, participants?: SeedParticipant[]): void;
  /** Puts webinars in place; returns their bodies as `GET /webinars/{id}` would. */
  seedWebinars(webinars: SeedWebinar[]): Record<string, unknown>[];
  /** Starts a webinar as if its host joined (`webinar.started`); ending it (`PUT .../status`) records a past webinar. */
  startWebinar(webinarId: number | string, participants?: SeedParticipant[]): void;
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
  const verbs = Object.fromEntries(
    Object.entries(APP_VERBS as Record<string, AnyVerb>).map(([name, verb]) => [
      name,
      (...args: never[]) => {
        const { clientId, body } = verb.args(...args);
        return runVerb(sim, verb, clientId, parseBody(verb.body, body));
      },
    ]),
  ) as AppVerbMethods;
  return {
    ...verbs,
    switches: () => publicSwitches(sim.switches),
    set: (patch) => {
      sim.set(patch);
      return publicSwitches(sim.switches);
    },
    seedMeetings: (meetings) => sim.seedMeetings(meetings).map((m) => meetingBody(m, sim.url)),
    startMeeting: (meetingId, participants = []) => {
      const record = [...sim.registry.apps.values()]
        .map((a) => sim.meetings.get(a.accountId, String(meetingId)))
        .find((m) => m !== undefined);
      if (!record) throw new RangeError(`No simulated meeting has id ${meetingId}`);
      sim.startMeeting(record, participants);
    },
    seedWebinars: (webinars) => sim.seedWebinars(webinars).map((w) => webinarBody(w, sim.url)),
    startWebinar: (webinarId, participants = []) => {
      const record = [...sim.registry.apps.values()]
        .map((a) => sim.webinars.get(a.accountId, String(webinarId)))
        .find((w) => w !== undefined);
      if (!record) throw new RangeError(`No simulated webinar has id ${webinarId}`);
      sim.startWebinar(record, participants);
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

/**
 * Runs a verb on a validated body, for JS and HTTP alike. An unknown client id is a `RangeError` (HTTP
 * 404); a switch the verb sets that fails validation is a `TypeError` (HTTP 400).
 */
export function runVerb(
  sim: Simulation,
  verb: AnyVerb,
  clientId: string | undefined,
  body: unknown,
): unknown {
  const app = (): AppState => {
    const id = clientId ?? sim.registry.apps.keys().next().value;
    const found = id === undefined ? undefined : sim.registry.apps.get(id);
    if (!found) throw new RangeError(`No simulated app has client id ${clientId}`);
    return found;
  };
  const ctx: VerbContext<z.ZodRawShape> = {
    clientId,
    app,
    state: () => sim.switches.incidents[app().clientId] ?? defaultIncidents(),
    set: (values) => sim.set({ incidents: { [app().clientId]: values } }),
    registry: sim.registry,
  };
  return verb.run(ctx, body as never);
}

function parseBody(schema: z.ZodType, body: unknown): unknown {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new TypeError(`Invalid arguments: ${problemText(describeIssues(parsed.error))}`);
  return parsed.data;
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
