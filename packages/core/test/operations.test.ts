import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { getZoomOperation, getZoomOperationById, matchZoomOperation, zoomOperations } from "../src/index.js";

const document = parse(readFileSync(new URL("../openapi/zoom-api.yaml", import.meta.url), "utf8")) as {
  paths: Record<string, Record<string, { operationId: string; "x-rate-limit-category": string }>>;
};

/** A concrete request path for a template: every parameter replaced by a plausible value. */
const concrete = (template: string) => template.replace(/\{[^}]+\}/g, "85746065123");

describe("the operations table", () => {
  it("holds every operation of the document with its category", () => {
    const expected = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({
        key: `${method.toUpperCase()} ${path}`,
        id: op.operationId,
        category: op["x-rate-limit-category"],
      })),
    );
    expect(zoomOperations.map((op) => `${op.method} ${op.path}`).sort()).toEqual(
      expected.map((e) => e.key).sort(),
    );
    for (const e of expected) {
      const [method, path] = e.key.split(" ") as [string, string];
      expect(getZoomOperation(method, path)).toMatchObject({ operationId: e.id, category: e.category });
    }
  });

  it("looks operations up by method and template, and by operationId", () => {
    const create = getZoomOperation("post", "/users/{userId}/meetings");
    expect(create).toEqual({
      operationId: "meetingCreate",
      method: "POST",
      path: "/users/{userId}/meetings",
      category: "Medium",
      scopes: {
        classic: ["meeting:write:admin", "meeting:write"],
        granular: ["meeting:write:meeting", "meeting:write:meeting:admin"],
      },
    });
    expect(getZoomOperationById("meetingCreate")).toBe(create);
    expect(getZoomOperation("GET", "/users/{userId}/meetings/{meetingId}")).toBeUndefined();
    expect(getZoomOperationById("reportMeetings")?.scopes.granular).toBeNull();
  });

  it("matches a concrete request of every operation back to that operation", () => {
    for (const op of zoomOperations) {
      expect(matchZoomOperation(op.method, concrete(op.path))?.operationId, `${op.method} ${op.path}`).toBe(
        op.operationId,
      );
    }
  });

  it("prefers literal segments to parameters, and keeps looking when a literal leads nowhere", () => {
    expect(matchZoomOperation("GET", "/v2/users/email?email=a%40b.c")?.operationId).toBe("userEmail");
    expect(matchZoomOperation("GET", "/v2/users/host@example.com")?.operationId).toBe("user");
    expect(matchZoomOperation("PUT", "/v2/meetings/1/registrants/status")?.operationId).toBe(
      "meetingRegistrantStatus",
    );
    expect(matchZoomOperation("GET", "/v2/meetings/1/registrants/questions")?.operationId).toBe(
      "meetingRegistrantsQuestionsGet",
    );
    expect(matchZoomOperation("DELETE", "/v2/meetings/1/registrants/abcDEF")?.operationId).toBe(
      "meetingregistrantdelete",
    );
    // "status" is a registrant id for GET: only PUT has a literal /status route.
    expect(matchZoomOperation("GET", "/v2/meetings/1/registrants/status")?.operationId).toBe(
      "meetingRegistrantGet",
    );
  });

  it("reads absolute URLs on any host, URL objects, and paths without the base path", () => {
    expect(
      matchZoomOperation("DELETE", "https://api-eu.zoom.us/v2/meetings/85746065?occurrence_id=1")
        ?.operationId,
    ).toBe("meetingDelete");
    expect(
      matchZoomOperation("get", new URL("http://127.0.0.1:4000/v2/users?status=active"))?.operationId,
    ).toBe("users");
    expect(matchZoomOperation("GET", "/users/me/recordings")?.operationId).toBe("recordingsList");
    expect(matchZoomOperation("GET", "/api/zoom/users", "/api/zoom")?.operationId).toBe("users");
    expect(matchZoomOperation("PUT", "/v2/meetings/1/recordings/status")?.operationId).toBe(
      "recordingStatusUpdate",
    );
  });

  it("answers undefined for requests the document does not describe", () => {
    expect(matchZoomOperation("POST", "/v2/meetings/1")).toBeUndefined();
    expect(matchZoomOperation("GET", "/v2/phone/users")).toBeUndefined();
    expect(matchZoomOperation("GET", "/v2/meetings/")).toBeUndefined();
    expect(matchZoomOperation("GET", "/v2")).toBeUndefined();
  });
});
