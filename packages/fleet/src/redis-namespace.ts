/** Removes every key of a fleet's Redis namespace (keys carry it as a prefix or inside a hash tag). */
import { createClient } from "@keyv/redis";

/** Deletes every key whose name contains `namespace`; resolves how many. */
export async function clearRedisNamespace(url: string, namespace: string): Promise<number> {
  const client = createClient({ url });
  client.on("error", () => {});
  await client.connect();
  let removed = 0;
  try {
    for await (const keys of client.scanIterator({ MATCH: `*${namespace}*`, COUNT: 500 })) {
      if (keys.length > 0) removed += await client.del(keys);
    }
  } finally {
    client.destroy();
  }
  return removed;
}
