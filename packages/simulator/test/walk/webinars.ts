/** Walk: webinars, their registrants and panelists, past webinars and absentees, and their errors. */
import type { Walk } from "./walk.js";

export async function walkWebinars(w: Walk): Promise<void> {
  const created = await w.call("POST", "/users/me/webinars", 201, {
    topic: "Launch",
    type: 5,
    start_time: "2031-02-01T16:00:00Z",
    duration: 45,
    timezone: "Europe/Berlin",
    settings: { approval_type: 1, question_and_answer: { enable: true } },
  });
  const id = created.id as number;
  await w.call("GET", "/users/me/webinars?page_size=1", 200);
  await w.call("GET", `/webinars/${id}`, 200);
  await w.call("PATCH", `/webinars/${id}`, 204, { agenda: "what is new" });
  const reg = await w.call("POST", `/webinars/${id}/registrants`, 201, {
    first_name: "Ada",
    email: "ada@example.com",
  });
  const registrantId = reg.registrant_id as string;
  await w.call("GET", `/webinars/${id}/registrants?status=pending`, 200);
  await w.call("GET", `/webinars/${id}/registrants/${registrantId}`, 200);
  await w.call("PUT", `/webinars/${id}/registrants/status`, 204, {
    action: "approve",
    registrants: [{ id: registrantId }],
  });
  await w.call("POST", `/webinars/${id}/panelists`, 201, {
    panelists: [{ name: "Grace", email: "grace@example.com" }],
  });
  const panelists = await w.call("GET", `/webinars/${id}/panelists`, 200);
  const panelistId = (panelists.panelists as { id: string }[])[0]!.id;
  await w.call("DELETE", `/webinars/${id}/panelists/${panelistId}`, 204);
  await w.call("DELETE", `/webinars/${id}/panelists/${panelistId}`, 404);
  await w.call("DELETE", `/webinars/${id}/panelists`, 204);
  w.sim.control.startWebinar(id, [{ name: "Linus", user_email: "linus@example.com" }]);
  await w.call("DELETE", `/webinars/${id}`, 400);
  await w.call("PUT", `/webinars/${id}/status`, 204, { action: "end" });
  await w.call("GET", `/past_webinars/${id}/instances`, 200);
  const past = await w.call("GET", `/past_webinars/${id}/participants?page_size=1`, 200);
  await w.call("GET", `/past_webinars/${id}/absentees`, 200);
  await w.call("GET", `/past_webinars/${id}/participants?next_page_token=${past.next_page_token}x`, 400);
  await w.call("DELETE", `/webinars/${id}/registrants/${registrantId}`, 204);
  await w.call("DELETE", `/webinars/${id}/registrants/${registrantId}`, 400);
  await w.call("GET", `/webinars/${id}/registrants/${registrantId}`, 404);

  const plain = await w.call("POST", "/users/me/webinars", 201, {});
  await w.call("POST", `/webinars/${plain.id}/registrants`, 400, {
    first_name: "Ada",
    email: "ada@example.com",
  });
  await w.call("GET", `/webinars/${plain.id}/registrants`, 400);
  await w.call("PUT", `/webinars/${plain.id}/registrants/status`, 400, { action: "approve" });
  await w.call("GET", `/past_webinars/${plain.id}/instances`, 404);
  await w.call("GET", `/past_webinars/${plain.id}/participants`, 404);
  await w.call("GET", `/past_webinars/${plain.id}/absentees`, 404);
  await w.call("POST", "/users/me/webinars", 400, { type: 2 });
  await w.call("PATCH", `/webinars/${plain.id}`, 400, { duration: "long" });
  await w.call("PUT", `/webinars/${plain.id}/status`, 400, { action: "pause" });
  await w.call("POST", `/webinars/${plain.id}/panelists`, 400, {
    panelists: [{ name: "x", email: "not-an-email" }],
  });
  await w.call("GET", "/users/me/webinars?type=past", 400);
  // The daily cap counts webinar creates and updates apart from meetings': 429 by default, or 300.
  w.sim.control.set({ dailyCap: 1, dailyCapAs: 429 });
  await w.call("PATCH", `/webinars/${plain.id}`, 204, { topic: "once" });
  await w.call("POST", "/users/me/webinars", 429, {});
  w.sim.control.set({ dailyCapAs: 300 });
  await w.call("PATCH", `/webinars/${plain.id}`, 300, { topic: "twice" });
  w.sim.control.set({ dailyCap: null, dailyCapAs: 429 });
  await w.call("DELETE", `/webinars/${plain.id}`, 204);

  const gone = "12345678901";
  await w.call("GET", "/users/nobody@example.com/webinars", 404);
  await w.call("POST", "/users/nobody@example.com/webinars", 404, {});
  for (const [method, path] of [
    ["GET", `/webinars/${gone}`],
    ["PATCH", `/webinars/${gone}`],
    ["DELETE", `/webinars/${gone}`],
    ["PUT", `/webinars/${gone}/status`],
    ["GET", `/webinars/${gone}/registrants`],
    ["POST", `/webinars/${gone}/registrants`],
    ["GET", `/webinars/${gone}/registrants/abc`],
    ["DELETE", `/webinars/${gone}/registrants/abc`],
    ["PUT", `/webinars/${gone}/registrants/status`],
    ["GET", `/webinars/${gone}/panelists`],
    ["POST", `/webinars/${gone}/panelists`],
    ["DELETE", `/webinars/${gone}/panelists`],
    ["DELETE", `/webinars/${gone}/panelists/abc`],
  ] as const) {
    const body =
      method === "PUT"
        ? { action: path.endsWith("status") && path.includes("registrants") ? "approve" : "end" }
        : method === "POST" && path.endsWith("panelists")
          ? { panelists: [{ name: "x", email: "x@example.com" }] }
          : method === "POST" && path.endsWith("registrants")
            ? { first_name: "x", email: "x@example.com" }
            : method === "PATCH"
              ? {}
              : undefined;
    await w.call(method, path, 404, body);
  }
}
