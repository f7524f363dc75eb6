/**
 * Registrant routes, the same for meetings and webinars: list (by `status`, paged), register, get, delete
 * and approve/deny/cancel. Each kind supplies its event lookup (404 when unknown) and its answers for
 * "registration is not on" and "no such registrant", which Zoom words differently for the two.
 */
import type { Hono } from "hono";
import { z } from "zod";
import { check, readBody } from "../body-check.js";
import type { SimContext, SimEnv } from "../http.js";
import { zoomTime } from "../meeting-body.js";
import type { OperationId } from "../operations.js";
import { registrantInput, registrantStatusInput } from "../registrant-input.js";
import type { Simulation } from "../simulation.js";
import { type RegistrantBook, registrantBody } from "../state/registrants.js";
import { type EventSubject, registrationPayload } from "../webhook-events.js";
import { pageByIndex, pageRequest } from "./paging.js";

/** What registrant routes need to know of a meeting or webinar. */
export interface RegistrantEvent {
  /** The meeting or webinar, as its registration webhook events name it. */
  subject: EventSubject;
  id: number;
  topic: string;
  startTime: number | undefined;
  book: RegistrantBook;
  /** 0 or 1 with registration on; 2 without. */
  approvalType: number;
  joinUrl: string;
}

export interface RegistrantKind {
  /** e.g. `/v2/webinars/:webinarId`. */
  base: string;
  /** The webhook events' prefix: `meeting.registration_created`, `webinar.registration_created`, ... */
  events: "meeting" | "webinar";
  ops: { list: OperationId; create: OperationId; get: OperationId; remove: OperationId; status: OperationId };
  /** The event, or the answer for an unknown one. */
  find(c: SimContext, sim: Simulation): RegistrantEvent | Response;
  notRequired(c: SimContext, event: RegistrantEvent): Response;
  unknownRegistrant(c: SimContext, id: string, forDelete: boolean): Response;
  /** The `id` of a registration answer: the meeting id as an integer, the webinar id as a string. */
  createdId(event: RegistrantEvent): number | string;
}

/** The event each status action sends, per registrant whose status it changes. */
const STATUS_EVENTS = {
  approve: "registration_approved",
  deny: "registration_denied",
  cancel: "registration_cancelled",
} as const;

const listQuery = z.looseObject({ status: z.enum(["pending", "approved", "denied"]).optional() });

/** Mounts the status route before `/:registrantId`, so `PUT .../registrants/status` is not read as an id. */
export function registerRegistrantRoutes(app: Hono<SimEnv>, sim: Simulation, kind: RegistrantKind): void {
  const base = `${kind.base}/registrants`;
  const withEvent =
    (handle: (c: SimContext, event: RegistrantEvent) => Response | Promise<Response>) => (c: SimContext) => {
      const event = kind.find(c, sim);
      return "book" in event ? handle(c, event) : event;
    };
  app.put(
    `${base}/status`,
    sim.api(kind.ops.status),
    withEvent((c, e) => setStatus(c, sim, kind, e)),
  );
  app.all(`${base}/status`, (c) => sim.methodNotAllowed(c, "PUT"));
  app.get(
    base,
    sim.api(kind.ops.list),
    withEvent((c, e) => list(c, sim, kind, e)),
  );
  app.post(
    base,
    sim.api(kind.ops.create),
    withEvent((c, e) => create(c, sim, kind, e)),
  );
  app.all(base, (c) => sim.methodNotAllowed(c, "GET, POST"));
  const one = `${base}/:registrantId`;
  app.get(
    one,
    sim.api(kind.ops.get),
    withEvent((c, e) => get(c, kind, e)),
  );
  app.delete(
    one,
    sim.api(kind.ops.remove),
    withEvent((c, e) => remove(c, kind, e)),
  );
  app.all(one, (c) => sim.methodNotAllowed(c, "GET, DELETE"));
}

function list(c: SimContext, sim: Simulation, kind: RegistrantKind, event: RegistrantEvent): Response {
  if (event.approvalType === 2) return kind.notRequired(c, event);
  const query = check(c, listQuery, c.req.query());
  if (!query.ok) return query.response;
  const status = query.value.status ?? "approved";
  const key = `registrants|${kind.base}|${event.id}|${status}`;
  const request = pageRequest(c, sim.cursors, key);
  if (!request.ok) return request.response;
  const { items, envelope } = pageByIndex(event.book.list(status), request, sim.cursors, key);
  return c.json(
    { ...envelope, page_number: 1, registrants: items.map((r) => registrantBody(r, event.joinUrl)) },
    200,
  );
}

async function create(
  c: SimContext,
  sim: Simulation,
  kind: RegistrantKind,
  event: RegistrantEvent,
): Promise<Response> {
  const body = await readBody(c, sim.maxBodyBytes, registrantInput);
  if (!body.ok) return body.response;
  if (event.approvalType === 2) return kind.notRequired(c, event);
  const isNew = event.book.byEmail(body.value.email) === undefined;
  const registrant = event.book.register(body.value, event.approvalType, sim.now());
  if (isNew) {
    sim.webhooks.emit(
      `${kind.events}.registration_created`,
      registrationPayload(event.subject, registrant, event.joinUrl),
    );
  }
  const joined = registrantBody(registrant, event.joinUrl);
  return c.json(
    {
      id: kind.createdId(event),
      registrant_id: registrant.id,
      topic: event.topic,
      ...(event.startTime === undefined ? {} : { start_time: zoomTime(event.startTime) }),
      join_url: joined.join_url,
    },
    201,
  );
}

function get(c: SimContext, kind: RegistrantKind, event: RegistrantEvent): Response {
  const id = c.req.param("registrantId") ?? "";
  const registrant = event.book.get(id);
  return registrant
    ? c.json(registrantBody(registrant, event.joinUrl), 200)
    : kind.unknownRegistrant(c, id, false);
}

function remove(c: SimContext, kind: RegistrantKind, event: RegistrantEvent): Response {
  const id = c.req.param("registrantId") ?? "";
  return event.book.remove(id) ? c.body(null, 204) : kind.unknownRegistrant(c, id, true);
}

async function setStatus(
  c: SimContext,
  sim: Simulation,
  kind: RegistrantKind,
  event: RegistrantEvent,
): Promise<Response> {
  const body = await readBody(c, sim.maxBodyBytes, registrantStatusInput);
  if (!body.ok) return body.response;
  if (event.approvalType === 2) return kind.notRequired(c, event);
  const { action } = body.value;
  const name = `${kind.events}.${STATUS_EVENTS[action]}`;
  for (const r of event.book.setStatus(action, body.value.registrants)) {
    sim.webhooks.emit(name, registrationPayload(event.subject, r, event.joinUrl, event.subject.host));
  }
  return c.body(null, 204);
}
