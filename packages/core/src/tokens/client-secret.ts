/**
 * Reads the client secret option on every use: a string as it is, a function called each time (a
 * rotated secret is picked up without a restart). A function that throws or returns something unusable
 * is a configuration error (`ZoomConfigError`, option `clientSecret`), answered to the caller as a
 * rejection: never a crash, never a raw error, never the returned value in the message.
 */
import { ZoomConfigError } from "../errors.js";

/** What `typeof` says of an unusable return value, with a hint for the usual mistake (an async function). */
function describeReturned(value: unknown): string {
  if (typeof value === "string") return "an empty string";
  if (value === null || value === undefined) return String(value);
  if (typeof (value as { then?: unknown } | undefined)?.then === "function")
    return "a Promise (the function must return the secret itself: read it ahead, for example on a timer)";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * The current secret. Throws `ZoomConfigError` when a function throws (its error is the `cause`; the
 * function is the caller's, so is what it throws) or returns anything but a non-empty string.
 *
 * @example
 * readClientSecret(() => secrets.current, "acc", "cid"); // "the secret"
 */
export function readClientSecret(
  option: string | (() => string),
  accountId: string,
  clientId: string,
): string {
  if (typeof option !== "function") return option;
  const where = `account ${accountId}, client ${clientId}`;
  let secret: unknown;
  try {
    secret = option();
  } catch (error) {
    throw new ZoomConfigError(
      "clientSecret",
      `No client secret for ${where}: the clientSecret function threw${error instanceof Error ? ` (${error.name})` : ""}; see the cause.`,
      { cause: error },
    );
  }
  if (typeof secret === "string" && secret.length > 0) return secret;
  throw new ZoomConfigError(
    "clientSecret",
    `No client secret for ${where}: the clientSecret function returned ${describeReturned(secret)} instead of a non-empty string.`,
  );
}
