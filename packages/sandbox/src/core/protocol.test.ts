import { describe, expect, it } from "vitest";
import { ERROR_FIELD_LIMITS } from "../types.js";
import { LineReader, invokeLine, parseRunnerFrame } from "./protocol.js";

function reader(max = 100) {
  const lines: string[] = [];
  let overflowed = 0;
  const r = new LineReader(
    max,
    (line) => lines.push(line),
    () => (overflowed += 1),
  );
  return { r, lines, overflowed: () => overflowed };
}

describe("LineReader", () => {
  it("joins lines split across chunks and splits chunks holding several", () => {
    const { r, lines } = reader();
    r.push(Buffer.from('{"a":'));
    r.push(Buffer.from('1}\n{"b":2}\n{"c"'));
    r.push(Buffer.from(":3}\n"));
    expect(lines).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
  });

  it("decodes a UTF-8 character split between two chunks", () => {
    const { r, lines } = reader();
    const bytes = Buffer.from("é€\n");
    r.push(bytes.subarray(0, 1));
    r.push(bytes.subarray(1, 4));
    r.push(bytes.subarray(4));
    expect(lines).toEqual(["é€"]);
  });

  it("stops at a line longer than its limit and says so once", () => {
    const { r, lines, overflowed } = reader(10);
    r.push(Buffer.from("short\n" + "x".repeat(11)));
    r.push(Buffer.from("more\nlater\n"));
    expect(lines).toEqual(["short"]);
    expect(overflowed()).toBe(1);
  });
});

describe("parseRunnerFrame", () => {
  it("accepts the frames of the protocol", () => {
    expect(parseRunnerFrame('{"t":"ready"}')).toEqual({ t: "ready" });
    expect(parseRunnerFrame('{"t":"result","id":3,"result":{"x":[1]}}')).toEqual({
      t: "result",
      id: 3,
      result: { x: [1] },
    });
    expect(parseRunnerFrame('{"t":"log","id":1,"stream":"stderr","line":"oops","at":5}')).toEqual({
      t: "log",
      id: 1,
      stream: "stderr",
      line: "oops",
      at: 5,
    });
    expect(parseRunnerFrame('{"t":"error","id":2,"message":"m","stack":"s","fatal":true}')).toEqual(
      { t: "error", id: 2, message: "m", stack: "s", fatal: true },
    );
  });

  it("keeps the logs of a load error that are well formed, and only those", () => {
    const frame = parseRunnerFrame(
      JSON.stringify({
        t: "load-error",
        message: "bad",
        logs: [{ stream: "stdout", line: "ok", at: 1 }, { stream: "tty", line: "x" }, "junk"],
      }),
    );
    expect(frame).toEqual({
      t: "load-error",
      message: "bad",
      logs: [{ stream: "stdout", line: "ok", at: 1 }],
    });
  });

  it("keeps an error's code and details within their limits, and drops them past", () => {
    const error = (fields: object) =>
      parseRunnerFrame(JSON.stringify({ t: "error", id: 1, message: "m", ...fields }));
    expect(error({ code: "not-found", details: { field: "x", n: [1] } })).toEqual({
      t: "error",
      id: 1,
      message: "m",
      code: "not-found",
      details: { field: "x", n: [1] },
      fatal: false,
    });
    const limit = ERROR_FIELD_LIMITS.detailsBytes;
    // {"s":"…"} is 8 bytes around the string; "é" is two bytes of UTF-8.
    expect(error({ details: { s: "x".repeat(limit - 8) } })).toHaveProperty("details");
    for (const fields of [
      { code: "", details: [1, 2] },
      { code: "x".repeat(ERROR_FIELD_LIMITS.codeLength + 1), details: "text" },
      { code: 404, details: null },
      { details: { s: "é".repeat(limit / 2) } },
    ]) {
      const frame = error(fields);
      expect(frame, JSON.stringify(fields).slice(0, 80)).toEqual({
        t: "error",
        id: 1,
        message: "m",
        fatal: false,
      });
    }
  });

  it("rejects what is not a frame: bad JSON, unknown types, missing or bad ids", () => {
    for (const line of [
      "not json",
      "[]",
      '{"t":"shutdown"}',
      '{"t":"result","result":1}',
      '{"t":"result","id":"1","result":1}',
      '{"t":"result","id":1.5,"result":1}',
      '{"t":"log","id":1,"stream":"stdout"}',
      '{"t":"error"}',
    ]) {
      expect(parseRunnerFrame(line), line).toBeUndefined();
    }
  });

  it("writes invoke frames the runner can parse", () => {
    const line = invokeLine(9, 1500, '{"a":"b"}');
    expect(line.endsWith("\n")).toBe(true);
    expect(JSON.parse(line)).toEqual({ t: "invoke", id: 9, timeoutMs: 1500, event: { a: "b" } });
  });
});
