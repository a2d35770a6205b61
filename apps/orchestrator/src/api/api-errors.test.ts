import { describe, expect, it } from "vitest";
import { z } from "zod";
import { RunStateError } from "../queue/run-control.js";
import { RunInputError } from "../runs/run-service.js";
import { apiErrorOf, describeIssues, inputIssuesOf } from "./api-errors.js";
import { slugFromName } from "./routers/run-actions.js";

describe("input errors", () => {
  it("name each field by its path, array indexes in brackets", () => {
    const schema = z.object({
      items: z.array(z.object({ name: z.string().min(1, "must not be blank") })),
    });
    const result = schema.safeParse({ items: [{ name: "ok" }, { name: "" }] });
    const issues = inputIssuesOf(result.error);
    expect(issues).toEqual([{ path: "items[1].name", message: "must not be blank" }]);
    expect(describeIssues(issues!)).toBe("items[1].name: must not be blank");
  });

  it("call a problem with the whole input `input`", () => {
    const result = z.string().safeParse(3);
    expect(inputIssuesOf(result.error)![0]!.path).toBe("input");
    expect(inputIssuesOf(new Error("no issues"))).toBeUndefined();
  });
});

describe("domain errors at the API's edge", () => {
  it("answer bad run input BAD_REQUEST, a run's state CONFLICT, and an unknown run NOT_FOUND", () => {
    expect(apiErrorOf(new RunInputError("the prompt is empty"))?.code).toBe("BAD_REQUEST");
    expect(apiErrorOf(new RunStateError("finished", "run r ended"))).toMatchObject({
      code: "CONFLICT",
      message: "run r ended",
    });
    expect(apiErrorOf(new RunStateError("not-found", "no run r"))?.code).toBe("NOT_FOUND");
  });

  it("are recognised by name, whichever bundle made them, and leave other errors alone", () => {
    const foreign = Object.assign(new Error("releasing version 3: not finalized"), {
      name: "AdminApiError",
      status: 400,
    });
    expect(apiErrorOf(foreign)?.code).toBe("PRECONDITION_FAILED");
    expect(
      apiErrorOf(Object.assign(new Error("down"), { name: "AdminApiError", status: 503 }))?.code,
    ).toBe("BAD_GATEWAY");
    expect(apiErrorOf(new TypeError("x is undefined"))).toBeUndefined();
    expect(apiErrorOf("a string")).toBeUndefined();
  });
});

describe("app slugs derived from names", () => {
  it("are kebab-case and start with a letter", () => {
    expect(slugFromName("Team Notes!")).toBe("team-notes");
    expect(slugFromName("  Café  Crème ")).toBe("cafe-creme");
    expect(slugFromName("2048 Game")).toBe("game");
    expect(slugFromName("!!!")).toBe("");
  });
});
