/**
 * Which tokens stay valid when a new one is minted (FACTS.md, "Token endpoint"). Its own module because
 * both the switches and the token registry need it, and the registry must not import the switches.
 */
import { z } from "zod";

/**
 * - `multi`: tokens coexist until they expire (Zoom since mid-2023).
 * - `invalidate-previous`: each mint revokes the app's older tokens (Zoom before that).
 * - `{ maxLive: N }`: only the app's N newest tokens work.
 */
export const tokenModelSchema = z.union([
  z.literal("multi"),
  z.literal("invalidate-previous"),
  z.strictObject({ maxLive: z.number().int().positive() }),
]);

/** Which tokens stay valid when a new one is minted: `"multi"`, `"invalidate-previous"` or `{ maxLive: N }`. */
export type TokenModel = z.output<typeof tokenModelSchema>;
