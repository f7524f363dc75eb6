// Holds our OpenAPI document to Zoom's own description: for every operation we describe, the path,
// method, operationId, parameters, success status and every declared schema property must match
// Zoom's (types, formats, enums, defaults, limits, required lists). Descriptions are ours and ignored.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

type Doc = Record<string, unknown>;
type Schema = Record<string, unknown>;

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
// CI clones the repository into a folder with shared/ beside it; never an absolute path.
const zoomFile = fileURLToPath(
  new URL("../shared/zoom/openapi/zoom-meetings-api.json", `file://${repoRoot}`),
);
const ourFile = fileURLToPath(new URL("../openapi/zoom-api.yaml", import.meta.url));
const haveZoom = existsSync(zoomFile);
const METHODS = ["get", "put", "post", "delete", "patch"] as const;

function resolve(doc: Doc, node: unknown): Schema {
  let current = node as Schema;
  for (let hops = 0; typeof current?.$ref === "string"; hops++) {
    if (hops > 20) throw new Error(`$ref cycle at ${String(current.$ref)}`);
    const parts = (current.$ref as string).replace(/^#\//, "").split("/");
    current = parts.reduce<unknown>((at, key) => (at as Doc)[key], doc) as Schema;
  }
  return current ?? {};
}

/** Resolves refs and merges allOf parts, so `A allOf [B, {…}]` compares like one flat object. */
function flatten(doc: Doc, node: unknown): Schema {
  const schema = resolve(doc, node);
  if (!Array.isArray(schema.allOf)) return schema;
  const merged: Schema = { ...schema, properties: {}, required: [] };
  delete merged.allOf;
  for (const part of [schema, ...(schema.allOf as unknown[])]) {
    const flat = part === schema ? { ...schema, allOf: undefined } : flatten(doc, part);
    Object.assign(merged.properties as Schema, flat.properties ?? {});
    (merged.required as string[]).push(...((flat.required as string[]) ?? []));
    if (flat.type) merged.type = flat.type;
  }
  if ((merged.required as string[]).length === 0) delete merged.required;
  return merged;
}

/** "string", "integer", or "integer|string" for a oneOf of those types. */
function typeOf(doc: Doc, schema: Schema): string | undefined {
  const variants = (schema.oneOf ?? schema.anyOf) as unknown[] | undefined;
  if (variants) return [...new Set(variants.map((v) => typeOf(doc, flatten(doc, v))))].sort().join("|");
  if (schema.type) return String(schema.type);
  return schema.properties ? "object" : undefined;
}

/** An enum as a sorted set of strings (Zoom repeats values in a few enums). */
const sorted = (values: unknown) => [...new Set(((values as unknown[]) ?? []).map(String))].sort();

const variantsOf = (schema: Schema) => (schema.oneOf ?? schema.anyOf) as unknown[] | undefined;

function compareSchema(ours: Doc, zoom: Doc, a: unknown, b: unknown, where: string, out: string[]): void {
  const o = flatten(ours, a);
  const z = flatten(zoom, b);
  const [ov, zv] = [variantsOf(o), variantsOf(z)];
  // A union on both sides: every variant of ours must match one of Zoom's, field by field.
  if (ov && zv) {
    ov.forEach((variant, i) => {
      const attempts = zv.map((theirs) => {
        const problems: string[] = [];
        compareSchema(ours, zoom, variant, theirs, `${where} (variant ${i + 1})`, problems);
        return problems;
      });
      const best = attempts.reduce((x, y) => (y.length < x.length ? y : x));
      out.push(...best);
    });
    return;
  }
  const [ot, zt] = [typeOf(ours, o), typeOf(zoom, z)];
  if (ot !== zt) out.push(`${where}: type ${ot} vs Zoom's ${zt}`);
  // Formats and enums must match both ways; defaults and limits only when we state them.
  for (const key of ["format", "default", "maxLength", "maximum", "minimum"]) {
    const strict = key === "format" && z.format !== undefined;
    if ((o[key] !== undefined || strict) && JSON.stringify(o[key]) !== JSON.stringify(z[key]))
      out.push(`${where}: ${key} ${JSON.stringify(o[key])} vs Zoom's ${JSON.stringify(z[key])}`);
  }
  if (
    (o.enum !== undefined || z.enum !== undefined) &&
    JSON.stringify(sorted(o.enum)) !== JSON.stringify(sorted(z.enum))
  )
    out.push(`${where}: enum ${JSON.stringify(o.enum)} vs Zoom's ${JSON.stringify(z.enum)}`);
  if (ot === "object" && JSON.stringify(sorted(o.required)) !== JSON.stringify(sorted(z.required)))
    out.push(
      `${where}: required ${JSON.stringify(o.required ?? [])} vs Zoom's ${JSON.stringify(z.required ?? [])}`,
    );
  for (const [name, property] of Object.entries((o.properties as Schema) ?? {})) {
    const theirs = (z.properties as Schema | undefined)?.[name];
    if (theirs === undefined) out.push(`${where}.${name}: not in Zoom's schema`);
    else compareSchema(ours, zoom, property, theirs, `${where}.${name}`, out);
  }
  if (ot === "array") compareSchema(ours, zoom, o.items, z.items, `${where}[]`, out);
}

function parametersOf(doc: Doc, path: string, method: string): Map<string, Schema> {
  const item = (doc.paths as Doc)[path] as Doc;
  const all = [
    ...((item.parameters as unknown[]) ?? []),
    ...(((item[method] as Doc).parameters as unknown[]) ?? []),
  ];
  return new Map(all.map((p) => resolve(doc, p)).map((p) => [`${p.in}:${p.name}`, p]));
}

function jsonSchemaOf(doc: Doc, node: unknown): unknown {
  return (resolve(doc, node).content as Doc | undefined)?.["application/json"]
    ? ((resolve(doc, node).content as Doc)["application/json"] as Doc).schema
    : undefined;
}

/** The rate-limit label and classic scopes that Zoom's description states in an operation's prose. */
function zoomLabels(op: Doc): { category: string | undefined; scopes: string[] } {
  const text = String(op.description ?? "");
  const category = /Rate Limit Label[^`]*`([^`]+)`/.exec(text)?.[1];
  const from = text.search(/Scopes?\**:/);
  if (from < 0) return { category, scopes: [] };
  const rest = text.slice(from);
  const end = rest.search(/Rate Limit Label|Prerequisite|Granular/);
  const segment = end < 0 ? rest : rest.slice(0, end);
  const scopes = [...segment.matchAll(/`([a-z_]+(?::[a-z_]+)+)`/g)].map((m) => m[1] as string);
  return { category, scopes: [...new Set(scopes)].sort() };
}

/** The extensions the operations table is generated from: x-rate-limit-category and x-scopes. */
function extensionProblems(doc: Doc, op: Doc, where: string): string[] {
  const out: string[] = [];
  const category = op["x-rate-limit-category"];
  if (!["Light", "Medium", "Heavy", "Resource-intensive"].includes(String(category)))
    out.push(`${where}: x-rate-limit-category ${JSON.stringify(category)} is not a Zoom label`);
  const scopes = op["x-scopes"] as Doc | undefined;
  const classic = scopes?.classic;
  if (!Array.isArray(classic) || classic.length === 0 || !classic.every((c) => SCOPE.test(String(c))))
    out.push(`${where}: x-scopes.classic must list classic scope names`);
  const granular = scopes?.granular;
  if (granular === "unknown") {
    if (scopes?.["granular-source"] !== undefined)
      out.push(`${where}: an unknown granular list has no source`);
  } else if (
    !Array.isArray(granular) ||
    granular.length === 0 ||
    !granular.every((g) => GRANULAR.test(String(g)))
  )
    out.push(`${where}: x-scopes.granular must list granular scope names or be "unknown"`);
  else {
    const sources = ((doc.info as Doc)["x-scope-sources"] as Doc | undefined) ?? {};
    if (!(String(scopes?.["granular-source"]) in sources))
      out.push(`${where}: x-scopes.granular-source must name an entry of info.x-scope-sources`);
  }
  return out;
}

/** Classic scopes: resource, optional level (`meeting:read:admin`, `user_info:read`). */
const SCOPE = /^[a-z_]+:(?:read|write|master)(?::(?:admin|master))?$/;
/** Granular scopes: service, action, data claim, optional level (`meeting:read:list_meetings:admin`). */
const GRANULAR = /^[a-z_]+:(?:read|write|update|delete):[a-z_]+(?::(?:admin|master))?$/;

/** Every difference between our document and Zoom's, as readable lines (empty when they agree). */
function parityProblems(ours: Doc, zoom: Doc): string[] {
  const out: string[] = [];
  for (const [path, item] of Object.entries(ours.paths as Doc)) {
    for (const method of METHODS) {
      const op = (item as Doc)[method] as Doc | undefined;
      if (!op) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const theirs = ((zoom.paths as Doc)[path] as Doc | undefined)?.[method] as Doc | undefined;
      if (!theirs) {
        out.push(`${where}: not in Zoom's description`);
        continue;
      }
      if (op.operationId !== theirs.operationId)
        out.push(`${where}: operationId ${op.operationId} vs Zoom's ${theirs.operationId}`);
      const labels = zoomLabels(theirs);
      if (op["x-rate-limit-category"] !== labels.category)
        out.push(
          `${where}: x-rate-limit-category ${op["x-rate-limit-category"]} vs Zoom's ${labels.category}`,
        );
      const classic = [...(((op["x-scopes"] as Doc | undefined)?.classic as string[]) ?? [])].sort();
      if (JSON.stringify(classic) !== JSON.stringify(labels.scopes))
        out.push(
          `${where}: x-scopes.classic ${JSON.stringify(classic)} vs Zoom's ${JSON.stringify(labels.scopes)}`,
        );
      const zoomParams = parametersOf(zoom, path, method);
      for (const [key, p] of parametersOf(ours, path, method)) {
        const z = zoomParams.get(key);
        if (!z) out.push(`${where} parameter ${key}: not in Zoom's`);
        else {
          if (Boolean(p.required) !== Boolean(z.required))
            out.push(`${where} parameter ${key}: required differs`);
          compareSchema(ours, zoom, p.schema, z.schema, `${where} parameter ${key}`, out);
        }
      }
      for (const [key, z] of zoomParams)
        if (z.required && !parametersOf(ours, path, method).has(key))
          out.push(`${where}: Zoom's required parameter ${key} missing`);
      const statuses = (o: Doc) => Object.keys(o.responses as Doc).filter((s) => s.startsWith("2"));
      if (JSON.stringify(statuses(op)) !== JSON.stringify(statuses(theirs)))
        out.push(`${where}: success ${statuses(op)} vs Zoom's ${statuses(theirs)}`);
      for (const status of Object.keys(theirs.responses as Doc).filter((s) => !s.startsWith("2"))) {
        const mine = (op.responses as Doc)[status];
        if (!mine) out.push(`${where}: Zoom documents ${status}, we do not`);
        else if (!JSON.stringify(resolve(ours, mine)).includes('"#/components/schemas/Error"'))
          out.push(`${where}: ${status} does not use the Error body`);
      }
      const body = op.requestBody ? resolve(ours, op.requestBody) : undefined;
      const zoomBody = theirs.requestBody ? resolve(zoom, theirs.requestBody) : undefined;
      if (Boolean(body) !== Boolean(zoomBody) || Boolean(body?.required) !== Boolean(zoomBody?.required))
        out.push(`${where}: request body presence/required differs`);
      if (body && zoomBody)
        compareSchema(
          ours,
          zoom,
          jsonSchemaOf(ours, body),
          jsonSchemaOf(zoom, zoomBody),
          `${where} body`,
          out,
        );
      for (const status of statuses(op)) {
        const mine = jsonSchemaOf(ours, (op.responses as Doc)[status]);
        const zoomSchema = jsonSchemaOf(zoom, (theirs.responses as Doc)[status]);
        if (Boolean(mine) !== Boolean(zoomSchema)) out.push(`${where} ${status}: JSON body presence differs`);
        else if (mine) compareSchema(ours, zoom, mine, zoomSchema, `${where} ${status}`, out);
      }
    }
  }
  return out;
}

const loadOurs = () => parse(readFileSync(ourFile, "utf8")) as Doc;

/** Every operation of a document with a readable `METHOD /path` label. */
function operationsOf(doc: Doc): { op: Doc; where: string }[] {
  return Object.entries(doc.paths as Doc).flatMap(([path, item]) =>
    METHODS.flatMap((m) =>
      (item as Doc)[m] ? [{ op: (item as Doc)[m] as Doc, where: `${m.toUpperCase()} ${path}` }] : [],
    ),
  );
}

describe("our OpenAPI document", () => {
  it("describes the operations a meetings and webinars service calls, with Zoom's operationIds", () => {
    const ids = operationsOf(loadOurs()).map(({ op }) => op.operationId);
    expect(ids.length).toBeGreaterThanOrEqual(60);
    expect(ids.sort()).toEqual(
      [
        // meetings, their invitation and invite links
        "meeting",
        "meetingCreate",
        "meetingDelete",
        "meetingInvitation",
        "meetingInviteLinksCreate",
        "meetingStatus",
        "meetingUpdate",
        "meetings",
        // registrants and the registration form
        "meetingRegistrantCreate",
        "meetingRegistrantGet",
        "meetingRegistrantQuestionUpdate",
        "meetingRegistrantStatus",
        "meetingRegistrants",
        "meetingRegistrantsQuestionsGet",
        "meetingregistrantdelete",
        // polls
        "meetingPollCreate",
        "meetingPollDelete",
        "meetingPollGet",
        "meetingPollUpdate",
        "meetingPolls",
        // past meetings
        "listPastMeetingPolls",
        "pastMeetingDetails",
        "pastMeetingParticipants",
        "pastMeetings",
        // cloud recordings
        "recordingDelete",
        "recordingDeleteOne",
        "recordingGet",
        "recordingSettingUpdate",
        "recordingSettingsUpdate",
        "recordingStatusUpdate",
        "recordingsList",
        // webinars, registrants, panelists, past webinars
        "deleteWebinarRegistrant",
        "listWebinarParticipants",
        "pastWebinars",
        "webinar",
        "webinarAbsentees",
        "webinarCreate",
        "webinarDelete",
        "webinarPanelistCreate",
        "webinarPanelistDelete",
        "webinarPanelists",
        "webinarPanelistsDelete",
        "webinarRegistrantCreate",
        "webinarRegistrantGet",
        "webinarRegistrantStatus",
        "webinarRegistrants",
        "webinarStatus",
        "webinarUpdate",
        "webinars",
        // users and their settings
        "user",
        "userCreate",
        "userDelete",
        "userEmail",
        "userSettings",
        "userSettingsUpdate",
        "userStatus",
        "userUpdate",
        "users",
        // reports
        "reportMeetingDetails",
        "reportMeetingParticipants",
        "reportMeetings",
        "reportWebinarDetails",
        "reportWebinarParticipants",
      ].sort(),
    );
  });

  it("records every operation's rate-limit category and scopes, with a source for granular names", () => {
    const doc = loadOurs();
    const problems = operationsOf(doc).flatMap(({ op, where }) => extensionProblems(doc, op, where));
    expect(problems).toEqual([]);
  });

  it("reports a missing category, a malformed scope and a granular list without a source", () => {
    const doc = loadOurs();
    const ops = operationsOf(doc);
    const [first, second, third] = ops.map(({ op }) => op);
    delete first!["x-rate-limit-category"];
    ((second!["x-scopes"] as Doc).classic as string[]).push("meeting write");
    delete (third!["x-scopes"] as Doc)["granular-source"];
    const problems = ops.slice(0, 3).flatMap(({ op, where }) => extensionProblems(doc, op, where));
    expect(problems).toEqual([
      `${ops[0]!.where}: x-rate-limit-category undefined is not a Zoom label`,
      `${ops[1]!.where}: x-scopes.classic must list classic scope names`,
      `${ops[2]!.where}: x-scopes.granular-source must name an entry of info.x-scope-sources`,
    ]);
  });

  it("models Zoom's error body and the token endpoint's answers as components", () => {
    const schemas = (loadOurs().components as Doc).schemas as Doc;
    expect(Object.keys((schemas.Error as Schema).properties as Doc).sort()).toEqual([
      "code",
      "errors",
      "message",
    ]);
    expect(Object.keys((schemas.OAuthTokenResponse as Schema).properties as Doc).sort()).toEqual(
      ["access_token", "api_url", "expires_in", "scope", "token_type"].sort(),
    );
    expect(schemas.OAuthErrorResponse).toBeDefined();
  });
});

describe.skipIf(!haveZoom && process.env.CI !== "true")("parity with Zoom's description", () => {
  const zoom = () => {
    if (!existsSync(zoomFile))
      throw new Error(
        `Zoom's OpenAPI description is missing at ${zoomFile}: put shared/ beside the repository.`,
      );
    return JSON.parse(readFileSync(zoomFile, "utf8")) as Doc;
  };

  it("reads Zoom's Meetings API description (OpenAPI 3.0, 312 operations)", () => {
    const doc = zoom();
    const operations = Object.values(doc.paths as Doc).flatMap((item) =>
      METHODS.filter((method) => (item as Doc)[method] !== undefined),
    );
    expect(String(doc.openapi)).toMatch(/^3\.0\./);
    expect(operations).toHaveLength(312);
  });

  it("matches Zoom's paths, operationIds, parameters, statuses and schema fields", () => {
    expect(parityProblems(loadOurs(), zoom())).toEqual([]);
  });

  it("reports a field whose type, enum or presence differs from Zoom's", () => {
    const ours = loadOurs();
    const schemas = (ours.components as Doc).schemas as Doc;
    ((schemas.MeetingCommon as Schema).properties as Doc).id = { type: "string" };
    ((schemas.Meeting as Schema).allOf as Schema[])[1] = {
      properties: { invented_field: { type: "string" } },
    };
    (schemas.UserStatus as Schema).enum = ["active", "gone"];
    const problems = parityProblems(ours, zoom());
    expect(problems).toContain("GET /meetings/{meetingId} 200.id: type string vs Zoom's integer");
    expect(problems).toContain("GET /meetings/{meetingId} 200.invented_field: not in Zoom's schema");
    expect(problems.some((p) => p.startsWith("GET /users/{userId} 200.status: enum"))).toBe(true);
  });

  it("reports a rate-limit category, classic scope or union variant that differs from Zoom's", () => {
    const ours = loadOurs();
    const create = ((ours.paths as Doc)["/users/{userId}/meetings"] as Doc).post as Doc;
    create["x-rate-limit-category"] = "Light";
    (create["x-scopes"] as Doc).classic = ["meeting:write:admin"];
    const settings = ((ours.components as Doc).schemas as Doc).UserSettings as Schema;
    const schedule = (settings.properties as Doc).schedule_meeting as Schema;
    ((schedule.properties as Doc).audio_type as Schema).enum = ["both", "voip"];
    const problems = parityProblems(ours, zoom());
    expect(problems).toContain("POST /users/{userId}/meetings: x-rate-limit-category Light vs Zoom's Medium");
    expect(problems).toContain(
      'POST /users/{userId}/meetings: x-scopes.classic ["meeting:write:admin"] vs Zoom\'s ["meeting:write","meeting:write:admin"]',
    );
    expect(
      problems.some((p) =>
        p.startsWith("GET /users/{userId}/settings 200 (variant 1).schedule_meeting.audio_type: enum"),
      ),
    ).toBe(true);
  });

  it("reports a parameter or status that differs from Zoom's", () => {
    const ours = loadOurs();
    const params = (ours.components as Doc).parameters as Doc;
    (params.MeetingIdPath as Schema).schema = { type: "string" };
    const create = ((ours.paths as Doc)["/users/{userId}/meetings"] as Doc).post as Doc;
    const responses = create.responses as Doc;
    responses["200"] = responses["201"];
    delete responses["201"];
    delete responses["300"];
    const problems = parityProblems(ours, zoom());
    expect(problems).toContain(
      "DELETE /meetings/{meetingId} parameter path:meetingId: type string vs Zoom's integer",
    );
    expect(problems).toContain("POST /users/{userId}/meetings: success 200 vs Zoom's 201");
    expect(problems).toContain("POST /users/{userId}/meetings: Zoom documents 300, we do not");
  });
});
