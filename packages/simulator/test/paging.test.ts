import { describe, expect, test } from "vitest";
import { api, json, manualClock, sharedSimulatorWithToken } from "./helpers.js";

const clock = manualClock();
const shared = sharedSimulatorWithToken({ now: clock.now });

const list = async (query: string) => {
  const response = await api(shared.sim, "GET", `/users?${query}`, { token: shared.token });
  return { status: response.status, body: await json(response) };
};

describe("next_page_token", () => {
  test("lives 15 minutes, then answers 400 with code 300 as Zoom does", async () => {
    const first = await list("page_size=1");
    const token = first.body.next_page_token as string;
    expect(token).not.toBe("");
    clock.advance(15 * 60_000 - 1);
    expect((await list(`page_size=1&next_page_token=${token}`)).status).toBe(200);
    clock.advance(1);
    expect(await list(`page_size=1&next_page_token=${token}`)).toEqual({
      status: 400,
      body: { code: 300, message: "The next page token is invalid or expired." },
    });
  });

  test("a token belongs to its list: another list's token is refused the same way", async () => {
    const users = await list("page_size=1");
    const other = await api(
      shared.sim,
      "GET",
      `/users/me/recordings?next_page_token=${users.body.next_page_token}`,
      { token: shared.token },
    );
    expect(other.status).toBe(400);
    expect((await json(other)).message).toBe("The next page token is invalid or expired.");
  });
});
