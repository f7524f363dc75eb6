/** `when`: how the CLI prints a moment next to now (`token status`, `circuit status`, doctor lines). */
import { describe, expect, it } from "vitest";
import { when } from "../src/report.js";

const NOW = Date.parse("2026-12-02T12:00:00.000Z");

describe("when", () => {
  it("calls a moment under half a second ago past, not future (a token minted just before the command ran)", () => {
    expect(when(NOW - 400, NOW)).toBe("2026-12-02T11:59:59.600Z (0 s ago)");
    expect(when(NOW - 1, NOW)).toMatch(/\(0 s ago\)$/);
  });

  it("calls now and later future", () => {
    expect(when(NOW, NOW)).toMatch(/\(in 0 s\)$/);
    expect(when(NOW + 400, NOW)).toMatch(/\(in 0 s\)$/);
    expect(when(NOW + 30_000, NOW)).toMatch(/\(in 30 s\)$/);
  });

  it("switches to minutes at 2 min and hours at 2 h", () => {
    expect(when(NOW - 119_000, NOW)).toMatch(/\(119 s ago\)$/);
    expect(when(NOW - 30 * 60_000, NOW)).toMatch(/\(30 min ago\)$/);
    expect(when(NOW + 3 * 3_600_000, NOW)).toMatch(/\(in 3 h\)$/);
  });
});
