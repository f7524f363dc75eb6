/** How a driver's error becomes a PostgresStoreError: its code by what went wrong, its cause sanitised. */
import { inspect } from "node:util";
import { createConnectionRedactor } from "@zoomkit/core";
import { describe, expect, it } from "vitest";
import { toStoreError } from "../src/errors.js";
import { PostgresStoreError } from "../src/index.js";

const PASSWORD = "pg-s3cret";
const redact = createConnectionRedactor([`postgres://app:${PASSWORD}@db:5432/zoom`]);
const pgError = (code: string, message = "boom") =>
  Object.assign(new Error(message), { code, severity: "ERROR" });

describe("toStoreError", () => {
  it("tells unreachable (connection, resources, shutdown, errno) from a statement's error", () => {
    const cases: Array<[unknown, string]> = [
      [pgError("08006"), "store_unavailable"],
      [pgError("53300", "too many connections"), "store_unavailable"],
      [pgError("57P01", "terminating connection due to administrator command"), "store_unavailable"],
      [Object.assign(new Error("write EPIPE"), { code: "EPIPE" }), "store_unavailable"],
      [Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }), "store_unavailable"],
      [new Error("Connection terminated unexpectedly"), "store_unavailable"],
      [pgError("22003", "bigint out of range"), "store_error"],
      [pgError("40P01", "deadlock detected"), "store_error"],
      [pgError("42P01", 'relation "t" does not exist'), "store_misconfigured"],
      [pgError("28P01", "password authentication failed"), "store_misconfigured"],
      [pgError("57014", "canceling statement due to statement timeout"), "store_timeout"],
    ];
    for (const [error, code] of cases) {
      const wrapped = toStoreError(error, "get", "postgres store", redact);
      expect(wrapped, (error as Error).message).toBeInstanceOf(PostgresStoreError);
      expect(wrapped.code, (error as Error).message).toBe(code);
      expect(wrapped.operation).toBe("get");
    }
  });

  it("keeps a sanitised copy as cause: name, code and a message without the password", () => {
    const raw = Object.assign(
      pgError("08006", `could not connect to postgres://app:${PASSWORD}@db:5432/zoom`),
      {
        client: { connectionParameters: { password: PASSWORD } },
      },
    );
    const wrapped = toStoreError(raw, "get", "postgres store", redact);
    const cause = wrapped.cause as Error & { code?: unknown };
    expect(Object.getPrototypeOf(cause)).toBe(Error.prototype);
    expect(cause.code).toBe("08006");
    expect(wrapped.sqlState).toBe("08006");
    expect(inspect(wrapped, { depth: 10 })).not.toContain(PASSWORD);
  });
});
