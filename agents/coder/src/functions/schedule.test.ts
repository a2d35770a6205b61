import { describe, expect, it } from "vitest";
import { cronOf } from "./schedule.js";

describe("cronOf", () => {
  it("keeps cron as it is", () => {
    expect(cronOf("0 8 * * *")).toBe("0 8 * * *");
    expect(cronOf("*/15 * * * 1-5")).toBe("*/15 * * * 1-5");
    expect(cronOf("@daily")).toBe("@daily");
  });

  it("reads common phrases", () => {
    expect(cronOf("every hour")).toBe("0 * * * *");
    expect(cronOf("daily at 8pm")).toBe("0 20 * * *");
    expect(cronOf("every week at 9:30")).toBe("30 9 * * 1");
    expect(cronOf("every 10 minutes")).toBe("*/10 * * * *");
  });

  it("falls back to 03:00 daily", () => {
    expect(cronOf("now and then")).toBe("0 3 * * *");
  });
});
