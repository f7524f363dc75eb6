/**
 * Redis key names. The provider's keys carry a `{...}` hash tag per credential; every Redis key a
 * script touches for one store key (the data key, its high-water mark) keeps that tag, so a script
 * never spans two Redis Cluster slots.
 */

/** The Redis keys and pub/sub channel behind one store key. */
export interface RedisKeys {
  /** The record, lease or event set. */
  readonly data: string;
  /** Per-key state that outlives `data`: the generation or fence high-water mark, or an event series' longest window. */
  readonly mark: string;
  /** Where writes and deletes of `data` are published. */
  readonly channel: string;
}

/**
 * True when Redis Cluster would hash only a tag of `key`: the text between the first `{` and the
 * first `}` after it, when not empty (the rule of the Redis Cluster specification, "hash tags").
 */
export function hasHashTag(key: string): boolean {
  const open = key.indexOf("{");
  if (open < 0) return false;
  const close = key.indexOf("}", open + 1);
  return close > open + 1;
}

/**
 * Builds the keys for `key` under `prefix` (the namespace and its separator, or ""). A key without a
 * hash tag is wrapped in one, so its derived keys still share its slot.
 */
export function redisKeys(prefix: string, key: string): RedisKeys {
  const data = hasHashTag(prefix + key) ? prefix + key : `${prefix}{${key}}`;
  return { data, mark: `${data}#mark`, channel: `${data}#changed` };
}
