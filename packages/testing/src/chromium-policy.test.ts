import { describe, expect, it } from "vitest";
import { chromiumPolicy, findChromium } from "./chromium-policy.js";

describe("findChromium", () => {
  const only =
    (...files: string[]) =>
    async (file: string) =>
      files.includes(file);

  it("takes the first executable of the usual places", async () => {
    const found = await findChromium(
      {},
      only("/usr/bin/google-chrome", "/usr/bin/chromium-browser"),
    );
    expect(found).toEqual({
      path: "/usr/bin/chromium-browser",
      detail: "/usr/bin/chromium-browser",
    });
  });

  it("takes CHROMIUM_PATH when set, and only it", async () => {
    expect(await findChromium({ CHROMIUM_PATH: "/opt/chrome" }, only("/opt/chrome"))).toEqual({
      path: "/opt/chrome",
      detail: "/opt/chrome",
    });
    expect(
      await findChromium({ CHROMIUM_PATH: "/opt/missing" }, only("/usr/bin/chromium")),
    ).toEqual({ path: null, detail: "CHROMIUM_PATH=/opt/missing is not an executable file" });
  });

  it("says where it looked when there is none", async () => {
    const found = await findChromium({}, only());
    expect(found.path).toBeNull();
    expect(found.detail).toContain("/usr/bin/chromium");
    expect(found.detail).toContain("CHROMIUM_PATH");
  });

  it("finds nothing at a path that does not exist on this machine", async () => {
    const found = await findChromium({ CHROMIUM_PATH: "/nonexistent/winky/chromium" });
    expect(found.path).toBeNull();
  });
});

describe("chromiumPolicy", () => {
  const missing = { path: null, detail: "no Chromium at /usr/bin/chromium" };

  it("runs browser tests when Chromium is there", () => {
    expect(
      chromiumPolicy({ path: "/usr/bin/chromium", detail: "/usr/bin/chromium" }, { CI: "true" }),
    ).toEqual({ action: "run" });
  });

  it("skips them loudly on a developer machine without Chromium", () => {
    const verdict = chromiumPolicy(missing, {});
    expect(verdict.action).toBe("skip");
    expect(verdict.action === "skip" && verdict.banner).toContain(
      "no Chromium at /usr/bin/chromium",
    );
  });

  it("fails them under CI=true without Chromium", () => {
    expect(chromiumPolicy(missing, { CI: "true" })).toEqual({
      action: "fail",
      message: "CI=true and no Chromium: no Chromium at /usr/bin/chromium",
    });
  });
});
