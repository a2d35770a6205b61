import { chromiumPath, describeWithChromium } from "@winky/testing";
import { expect, it } from "vitest";
import { NOTES_PLAN } from "../test/notes-plan.js";
import { renderPngs } from "./png.js";
import { wireframes } from "./wireframe/index.js";

describeWithChromium("wireframes as PNG", () => {
  it("renders each screen at its size in real Chromium", async () => {
    const frames = wireframes(NOTES_PLAN);
    const pngs = await renderPngs(frames, { executablePath: chromiumPath() });
    expect(pngs).toHaveLength(frames.length);
    for (const png of pngs) {
      expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
      // IHDR: width and height, big-endian, at bytes 16 and 20.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([375, 667]);
      expect(png.length).toBeGreaterThan(3000); // drawn, not a blank page
    }
  }, 60_000);
});
