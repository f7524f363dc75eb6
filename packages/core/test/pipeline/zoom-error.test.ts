import { describe, expect, it } from "vitest";
import { parseZoomError } from "../../src/pipeline/zoom-error.js";
import { clientUnder, scriptedZoom } from "./helpers.js";

describe("parseZoomError", () => {
  it("reads Zoom's JSON body with its validation errors", () => {
    const body = {
      code: 300,
      message: "Validation Failed.",
      errors: [{ field: "settings.timezone", message: "Invalid field." }, { message: "no field" }, "junk"],
    };
    expect(parseZoomError(body)).toEqual({
      format: "json",
      code: 300,
      message: "Validation Failed.",
      errors: [{ field: "settings.timezone", message: "Invalid field." }, { message: "no field" }],
    });
  });

  it("keeps a text or HTML body as text", () => {
    expect(parseZoomError("<html><body>Bad gateway</body></html>")).toEqual({
      format: "text",
      text: "<html><body>Bad gateway</body></html>",
    });
  });

  it("handles empty bodies", () => {
    expect(parseZoomError("")).toEqual({ format: "empty" });
    expect(parseZoomError("  \n")).toEqual({ format: "empty" });
    expect(parseZoomError(undefined)).toEqual({ format: "empty" });
    expect(parseZoomError(null)).toEqual({ format: "empty" });
  });

  it("parses JSON text, and accepts a numeric-string code", () => {
    expect(parseZoomError('{"code":"124","message":"Invalid access token."}')).toEqual({
      format: "json",
      code: 124,
      message: "Invalid access token.",
    });
    expect(parseZoomError("[1,2]")).toEqual({ format: "json" });
  });

  it("reads a Response from a clone, leaving the body readable", async () => {
    const response = Response.json({ code: 3001, message: "Meeting does not exist: 1." }, { status: 404 });
    expect(await parseZoomError(response)).toMatchObject({ code: 3001 });
    expect(await response.json()).toEqual({ code: 3001, message: "Meeting does not exist: 1." });
    expect(await parseZoomError(response)).toEqual({ format: "empty" });
  });

  it("parses what the typed client returns as error for JSON, text and empty error bodies", async () => {
    const zoom = scriptedZoom(
      Response.json({ code: 3001, message: "Meeting does not exist: 1." }, { status: 404 }),
      new Response("Service Unavailable", { status: 400, headers: { "content-type": "text/plain" } }),
      new Response(null, { status: 400 }),
    );
    const client = clientUnder(zoom);
    const get = () => client.GET("/meetings/{meetingId}", { params: { path: { meetingId: 1 } } });

    expect(parseZoomError((await get()).error)).toMatchObject({ format: "json", code: 3001 });
    expect(parseZoomError((await get()).error)).toEqual({ format: "text", text: "Service Unavailable" });
    expect(parseZoomError((await get()).error)).toEqual({ format: "empty" });
  });
});
