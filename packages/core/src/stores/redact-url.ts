/**
 * Keeping connection secrets out of messages, logs and causes. URLs (`redis://user:pass@host`,
 * `postgres://...?password=...`) and key-value connection strings (`host=... password='...'`) name
 * a user and a password, and drivers echo them in their errors.
 */
import { createRedactor, type Redactor } from "./store-error.js";

/** Query or key-value parameters whose values are secret (password, sslpassword, token, api_key...). */
const SECRET_PARAMETER = /pass|pwd|secret|token|key|auth|credential/i;
/** Parameters that name the user (redacted with the password, since together they are a login). */
const USER_PARAMETER = /^(user|username|usr)$/i;

/**
 * `text` with the credentials of every URL and connection string in it replaced by `***`: the user
 * and password of `scheme://user:password@host`, and the values of password-like and user
 * parameters (`?password=`, `&sslpassword=`, `password='a b'`, `user=`). Safe on any text, for
 * messages from drivers that may echo a connection string.
 *
 * @example
 * ```ts
 * redactUrl("postgres://app:s3cret@db:5432/zoom?sslpassword=x&sslmode=require");
 * // "postgres://***:***@db:5432/zoom?sslpassword=***&sslmode=require"
 * ```
 */
export function redactUrl(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@]*)@/gi, (_, scheme: string, userInfo: string) =>
      userInfo.includes(":") ? `${scheme}***:***@` : `${scheme}***@`,
    )
    .replace(
      /(^|[\s?&;])([a-z_][a-z0-9_.-]*)=('(?:[^'\\]|\\.)*'|[^\s&;#]*)/gi,
      (whole, before: string, name: string) =>
        SECRET_PARAMETER.test(name) || USER_PARAMETER.test(name) ? `${before}${name}=***` : whole,
    );
}

/**
 * A redactor that removes every secret of the given connection strings from a text: the whole
 * string, its password raw and URL-decoded, and the values of its password-like parameters; then
 * whatever {@link redactUrl} finds (a driver may quote the URL in another form). `undefined` and
 * empty entries are skipped.
 *
 * @example
 * ```ts
 * const redact = createConnectionRedactor([options.url]);
 * throw new MyStoreError("store_error", "get", `my store: get failed: ${redact(error.message)}`);
 * ```
 */
export function createConnectionRedactor(connections: Iterable<string | undefined>): Redactor {
  const secrets = new Set<string>();
  for (const connection of connections) {
    if (!connection) continue;
    secrets.add(connection);
    const url = URL.canParse(connection) ? new URL(connection) : undefined;
    if (url?.password) {
      secrets.add(url.password);
      secrets.add(safeDecode(url.password));
    }
    for (const match of connection.matchAll(/([a-z_][a-z0-9_.-]*)=('(?:[^'\\]|\\.)*'|[^\s&;#]+)/gi)) {
      const [, name = "", raw = ""] = match;
      if (!SECRET_PARAMETER.test(name)) continue;
      secrets.add(raw);
      secrets.add(safeDecode(raw.replace(/^'|'$/g, "")));
    }
  }
  const exact = createRedactor(secrets);
  return (text) => redactUrl(exact(text));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
