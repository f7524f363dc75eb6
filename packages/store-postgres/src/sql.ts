/**
 * Every SQL statement the store runs, built once per (schema, table). Each operation is ONE statement,
 * so it is atomic on its own and needs no session state: it works the same through PgBouncer in
 * transaction (or statement) mode.
 *
 * Layout: one row per (key, kind).
 * - kind 'record': value (the opaque payload as UTF-8 bytes: bytea, since text cannot hold NUL) + tag
 *   + generation. value IS NULL marks a tombstone, kept so
 *   the next write continues the generation sequence.
 * - kind 'lease':  value = holder (UTF-8), generation = fence. value IS NULL: released.
 * - kind 'events': events = the times of the events still inside the window (trimmed on every write).
 * - kind 'permits': generation = the limiter's theoretical arrival time in µs (GCRA, as core's
 *   `takeFromBucket`), tag = the permits the last call took (so the statement can return it).
 * Every row has expires_at (the database clock decides expiry); rows expired for longer than
 * CLEANUP_GRACE are deleted by `cleanup`.
 */
import { createHash } from "node:crypto";

/** Largest generation a JavaScript number holds exactly. Larger ones count as corrupt (absent). */
export const MAX_GENERATION = "9007199254740991";

/**
 * How long expired rows (and tombstones) are kept. Generations are max(previous + 1, clock ms); once a
 * tombstone is gone the next write starts from the clock alone, which is then at least an hour past
 * the last write, so generations still strictly increase unless the database clock jumps back by more.
 */
export const CLEANUP_GRACE = "1 hour";

/** Rows deleted per cleanup statement, so one cleanup stays cheap on a large backlog. */
export const CLEANUP_BATCH = 500;

/** Quotes an identifier for SQL (doubles embedded quotes). Rejects what Postgres would mangle. */
export function quoteIdent(name: string, what: string): string {
  if (typeof name !== "string" || name.length === 0)
    throw new TypeError(`${what} must be a non-empty string`);
  if (name.includes("\u0000")) throw new TypeError(`${what} must not contain NUL`);
  // Postgres silently truncates identifiers past 63 bytes; two long names could then collide.
  if (Buffer.byteLength(name, "utf8") > 63) throw new TypeError(`${what} must be at most 63 bytes`);
  return `"${name.replaceAll('"', '""')}"`;
}

/** The NOTIFY channel of one table: short and fixed-length whatever the names (channels are identifiers). */
export function channelName(schema: string, table: string): string {
  const hash = createHash("sha256").update(`${schema}\u0000${table}`).digest("hex").slice(0, 16);
  return `zoomkit_store_${hash}`;
}

/** The statements of one table. `$n` placeholders are listed per statement. */
export interface Statements {
  readonly qualified: string;
  readonly channel: string;
  /** $1 qualified table name (quoted): the table exists. */
  readonly tableExists: string;
  /** $1 key → value, tag, generation, expires_in_ms (live record only). */
  readonly get: string;
  /** $1 key, $2 value, $3 tag, $4 ttl ms, $5 channel → generation (expected generation 0). */
  readonly insertRecord: string;
  /** $1 key, $2 value, $3 tag, $4 ttl ms, $5 channel, $6 expected generation → generation. */
  readonly updateRecord: string;
  /** $1 key, $2 tag, $3 channel → one row when deleted. */
  readonly deleteRecord: string;
  /** $1 key, $2 holder, $3 ttl ms → fence. */
  readonly acquireLease: string;
  /** $1 key, $2 holder, $3 fence, $4 ttl ms → one row when renewed. */
  readonly renewLease: string;
  /** $1 key, $2 holder, $3 fence → one row when released. */
  readonly releaseLease: string;
  /** $1 key, $2 window ms → count. */
  readonly recordEvent: string;
  /** $1 key, $2 window ms → count. */
  readonly countEvents: string;
  /** $1 key, $2 want, $3 permits a second, $4 burst → granted (text), tat_us (text), now_us. */
  readonly takePermits: string;
  /** → deleted rows (at most CLEANUP_BATCH). */
  readonly cleanup: string;
}

const nowMs = "floor(extract(epoch FROM now()) * 1000)::bigint";
const ms = (param: string) => `(${param}::float8 * interval '1 millisecond')`;

/** A record is live only when every field a reader needs is sane; anything else reads as absent. */
const liveRecord = `(r.value IS NOT NULL AND r.tag IS NOT NULL AND r.expires_at > now()
      AND r.generation BETWEEN 1 AND ${MAX_GENERATION})`;
const liveLease = `(r.value IS NOT NULL AND r.expires_at > now() AND r.generation BETWEEN 1 AND ${MAX_GENERATION})`;
/** max(previous + 1, clock ms); a corrupt (out of range) previous generation restarts from the clock. */
const nextGeneration = `CASE WHEN r.generation BETWEEN 0 AND ${MAX_GENERATION} - 1
      THEN GREATEST(r.generation + 1, ${nowMs}) ELSE ${nowMs} END`;
/** Payload: "<generation> <key>" (generation 0: absent). The key is last so it may contain spaces. */
const notify = (generation: string) => `pg_notify($CH, ${generation}::text || ' ' || $1)`;

/** Builds the statements of `schema`.`table`. */
export function buildStatements(schema: string, table: string): Statements {
  const t = `${quoteIdent(schema, "schema")}.${quoteIdent(table, "table")}`;
  const channel = channelName(schema, table);
  const withChannel = (sql: string, param: string) => sql.replaceAll("$CH", param);
  return {
    qualified: t,
    channel,
    tableExists: "SELECT to_regclass($1) IS NOT NULL AS exists",
    get: `SELECT r.value, r.tag, r.generation::text AS generation,
      ceil(extract(epoch FROM (r.expires_at - now())) * 1000)::float8 AS expires_in_ms
    FROM ${t} AS r WHERE r.key = $1 AND r.kind = 'record' AND ${liveRecord}`,
    insertRecord: withChannel(
      `WITH w AS (
      INSERT INTO ${t} AS r (key, kind, value, tag, generation, expires_at)
      VALUES ($1, 'record', $2, $3, ${nowMs}, now() + ${ms("$4")})
      ON CONFLICT (key, kind) DO UPDATE
        SET value = excluded.value, tag = excluded.tag, generation = ${nextGeneration},
            expires_at = excluded.expires_at
        WHERE NOT ${liveRecord}
      RETURNING r.generation
    ) SELECT w.generation::text AS generation, ${notify("w.generation")} FROM w`,
      "$5",
    ),
    updateRecord: withChannel(
      `WITH w AS (
      UPDATE ${t} AS r
        SET value = $2, tag = $3, generation = ${nextGeneration}, expires_at = now() + ${ms("$4")}
      WHERE r.key = $1 AND r.kind = 'record' AND r.generation = $6::bigint AND ${liveRecord}
      RETURNING r.generation
    ) SELECT w.generation::text AS generation, ${notify("w.generation")} FROM w`,
      "$5",
    ),
    deleteRecord: withChannel(
      `WITH w AS (
      UPDATE ${t} AS r SET value = NULL, tag = NULL, expires_at = LEAST(r.expires_at, now())
      WHERE r.key = $1 AND r.kind = 'record' AND r.tag = $2 AND ${liveRecord}
      RETURNING r.generation
    ) SELECT ${notify("0")} FROM w`,
      "$3",
    ),
    acquireLease: `INSERT INTO ${t} AS r (key, kind, value, generation, expires_at)
      VALUES ($1, 'lease', $2, ${nowMs}, now() + ${ms("$3")})
      ON CONFLICT (key, kind) DO UPDATE
        SET value = excluded.value, tag = NULL, generation = ${nextGeneration},
            expires_at = excluded.expires_at
        WHERE NOT ${liveLease}
      RETURNING r.generation::text AS generation`,
    // Only the live lease with this holder and fence; the fence (generation) is left as it is.
    renewLease: `UPDATE ${t} AS r SET expires_at = now() + ${ms("$4")}
      WHERE r.key = $1 AND r.kind = 'lease' AND r.value = $2 AND r.generation = $3::bigint AND ${liveLease}
      RETURNING r.generation`,
    releaseLease: `UPDATE ${t} AS r SET value = NULL, expires_at = LEAST(r.expires_at, now())
      WHERE r.key = $1 AND r.kind = 'lease' AND r.value = $2 AND r.generation = $3::bigint AND ${liveLease}
      RETURNING r.generation`,
    // The upsert locks the row, so concurrent events on one key are counted one after the other.
    recordEvent: `INSERT INTO ${t} AS r (key, kind, generation, expires_at, events)
      VALUES ($1, 'events', 1, now() + ${ms("$2")}, ARRAY[now()])
      ON CONFLICT (key, kind) DO UPDATE
        SET events = ARRAY(SELECT e FROM unnest(COALESCE(r.events, '{}')) AS e
                           WHERE e > now() - ${ms("$2")} ORDER BY e) || now(),
            expires_at = now() + ${ms("$2")}
      RETURNING cardinality(r.events) AS count`,
    countEvents: `SELECT count(*)::int AS count FROM ${t} AS r, unnest(r.events) AS e
      WHERE r.key = $1 AND r.kind = 'events' AND e > now() - ${ms("$2")}`,
    takePermits: takePermitsStatement(t),
    cleanup: `DELETE FROM ${t} AS r
      WHERE (r.key, r.kind) IN (SELECT key, kind FROM ${t}
                                WHERE expires_at < now() - interval '${CLEANUP_GRACE}' LIMIT ${CLEANUP_BATCH})
        AND r.expires_at < now() - interval '${CLEANUP_GRACE}'
      RETURNING r.key`,
  };
}

/**
 * One upsert: the row lock serialises every caller of a limiter across pool clients and processes.
 * `now()` is the statement's start, so a caller that waited for the lock computes with an earlier
 * clock and gets fewer permits, never more. The step is core's `takeFromBucket`, in SQL.
 */
function takePermitsStatement(t: string): string {
  const nowUs = "(extract(epoch FROM now()) * 1000000)::float8";
  const step = "(1000000 / $3::float8)";
  const capacity = "($4::float8 * 1000000 / $3::float8)";
  const grant = (base: string) =>
    `LEAST($2::float8, GREATEST(0, floor((${capacity} - (${base} - ${nowUs})) / ${step} + 1e-6)))`;
  const set = (base: string) => ({
    tag: `${grant(base)}::int::text`,
    generation: `ceil(${base} + ${grant(base)} * ${step})::bigint`,
    expires: `GREATEST(to_timestamp((${base} + ${grant(base)} * ${step}) / 1000000), now())`,
  });
  const fresh = set(nowUs);
  // The TAT never moves back (an older now() must not refill the bucket for others), except a value
  // an hour past any TAT a rate could write: corrupt, it reads as a full bucket (as takeFromBucket).
  const held = set(`GREATEST(CASE WHEN r.generation::float8 > ${nowUs} + ${capacity} + 3600000000
      THEN 0 ELSE r.generation::float8 END, ${nowUs})`);
  return `INSERT INTO ${t} AS r (key, kind, tag, generation, expires_at)
      VALUES ($1, 'permits', ${fresh.tag}, ${fresh.generation}, ${fresh.expires})
      ON CONFLICT (key, kind) DO UPDATE
        SET value = NULL, tag = ${held.tag}, generation = ${held.generation}, expires_at = ${held.expires}
      RETURNING r.tag AS granted, r.generation::text AS tat_us, ${nowUs} AS now_us`;
}

/** The DDL the store needs, statement by statement (idempotent: IF NOT EXISTS throughout). */
export interface MigrationStatements {
  readonly createSchema: string;
  readonly createTable: string;
  readonly createIndex: string;
}

/** Builds the DDL for `schema`.`table`. */
export function migrationStatements(schema: string, table: string): MigrationStatements {
  const s = quoteIdent(schema, "schema");
  const t = `${s}.${quoteIdent(table, "table")}`;
  // Index names share the schema's namespace; derive from the table, cut so the suffix always fits.
  const index = quoteIdent(`${Buffer.from(table).subarray(0, 40).toString()}_expires_at_idx`, "index");
  return {
    createSchema: `CREATE SCHEMA IF NOT EXISTS ${s};`,
    createTable: `CREATE TABLE IF NOT EXISTS ${t} (
  key        text        NOT NULL,
  kind       text        NOT NULL, -- 'record' | 'lease' | 'events' | 'permits'
  value      bytea,                -- record payload or lease holder (UTF-8); NULL = deleted/released
  tag        text,                 -- record tag (token fingerprint)
  generation bigint      NOT NULL, -- record generation or lease fence
  expires_at timestamptz NOT NULL,
  events     timestamptz[],        -- 'events' rows: the events still inside the window
  PRIMARY KEY (key, kind)
);`,
    createIndex: `CREATE INDEX IF NOT EXISTS ${index} ON ${t} (expires_at);`,
  };
}

/**
 * The schema the store needs, as plain SQL for teams that run migrations themselves. The store runs
 * the same statements on first use unless `autoMigrate` is off.
 *
 * @example
 * ```ts
 * import { migrationSql } from "@zoomkit/store-postgres";
 * console.log(migrationSql({ schema: "zoomkit" }));
 * ```
 */
export function migrationSql(options: { schema?: string; table?: string } = {}): string {
  const m = migrationStatements(options.schema ?? DEFAULT_SCHEMA, options.table ?? DEFAULT_TABLE);
  return `${m.createSchema}\n${m.createTable}\n${m.createIndex}\n`;
}

/** Default schema. */
export const DEFAULT_SCHEMA = "public";
/** Default table. */
export const DEFAULT_TABLE = "zoomkit_tokens";
