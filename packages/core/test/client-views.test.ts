/**
 * One client for several descriptions: `withPaths` views share the token provider, the pipeline (its
 * hooks, retries, timeouts) and the base URL of the client they come from. Against the simulator over
 * real HTTP; `fixtures/zoom-phone.ts` stands in for a second product's generated paths.
 */
import { DEFAULT_APP, DEFAULT_USERS, startZoomSimulator, type ZoomSimulator } from "@zoomkit/simulator";
import { afterEach, describe, expect, it } from "vitest";
import { createZoomClient, type ZoomClient, type ZoomEventMap } from "../src/index.js";
import type { paths as PhonePaths } from "./fixtures/zoom-phone.js";

/** A stand-in for another product's paths that the simulator serves (its users). */
interface UsersProductPaths {
  "/users/{userId}": {
    get: {
      parameters: { path: { userId: string } };
      responses: { 200: { content: { "application/json": { id?: string; email?: string } } } };
    };
  };
}

let sim: ZoomSimulator | undefined;
let zoom: ZoomClient | undefined;

afterEach(async () => {
  await zoom?.close();
  await sim?.close();
  zoom = undefined;
  sim = undefined;
});

describe("withPaths", () => {
  it("serves another description through the same tokens, pipeline and options", async () => {
    sim = await startZoomSimulator();
    const retries: ZoomEventMap["retry"][] = [];
    const authorizations: (string | null)[] = [];
    zoom = createZoomClient({
      accountId: DEFAULT_APP.accountId,
      clientId: DEFAULT_APP.clientId,
      clientSecret: DEFAULT_APP.clientSecret,
      oauthUrl: sim.oauthUrl,
      baseUrl: sim.baseUrl,
      retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 },
      hooks: { retry: (e) => retries.push(e) },
      fetch: async (input, init) => {
        const request = new Request(input, init);
        if (request.url.includes("/v2/")) authorizations.push(request.headers.get("authorization"));
        return fetch(input, init);
      },
    });
    const own = await zoom.GET("/users/{userId}", { params: { path: { userId: DEFAULT_USERS[0]!.email } } });
    expect(own.data?.email).toBe(DEFAULT_USERS[0]!.email);

    const users = zoom.withPaths<UsersProductPaths>();
    expect(users.tokens).toBe(zoom.tokens);
    sim.control.set({ api: { failNext: 1 } }); // the view's first attempt gets a 500: the client's retry option applies
    const other = await users.GET("/users/{userId}", {
      params: { path: { userId: DEFAULT_USERS[1]!.email } },
    });
    expect(other.data?.email).toBe(DEFAULT_USERS[1]!.email);
    expect(retries).toEqual([
      expect.objectContaining({ method: "GET", path: "/v2/users/{email}", status: 500 }),
    ]);

    const phone = users.withPaths<PhonePaths>();
    const { response } = await phone.GET("/phone/users", {});
    expect(response.url).toBe(`${sim.baseUrl}/phone/users`); // the base URL given once
    expect(zoom.tokens.stats().mints.total).toBe(1);
    expect(new Set(authorizations).size).toBe(1);
    expect(authorizations).toHaveLength(4);

    // A view refuses dot-segment path parameters like the client does.
    await expect(users.GET("/users/{userId}", { params: { path: { userId: ".." } } })).rejects.toMatchObject({
      code: "invalid_path_parameter",
    });
  });

  it("closes the one token provider from any view", async () => {
    sim = await startZoomSimulator();
    zoom = createZoomClient({
      accountId: DEFAULT_APP.accountId,
      clientId: DEFAULT_APP.clientId,
      clientSecret: DEFAULT_APP.clientSecret,
      oauthUrl: sim.oauthUrl,
      baseUrl: sim.baseUrl,
    });
    await zoom.withPaths<PhonePaths>().close();
    await expect(zoom.tokens.getToken()).rejects.toMatchObject({ code: "closed" });
  });
});
