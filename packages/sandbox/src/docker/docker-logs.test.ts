import { describe, expect, it } from "vitest";
import { parseDockerLogs } from "./docker-logs.js";

function frame(stream: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe("parseDockerLogs", () => {
  it("demultiplexes stdout and stderr frames and reads their timestamps", () => {
    const buffer = Buffer.concat([
      frame(1, "2024-05-01T10:00:00.123456789Z hello\n"),
      frame(2, "2024-05-01T10:00:01.000000000Z FATAL ERROR: heap\n"),
    ]);
    expect(parseDockerLogs(buffer)).toEqual([
      { stream: "stdout", line: "hello", at: Date.parse("2024-05-01T10:00:00.123Z") },
      { stream: "stderr", line: "FATAL ERROR: heap", at: Date.parse("2024-05-01T10:00:01Z") },
    ]);
  });

  it("keeps a line without a timestamp and ignores a truncated frame", () => {
    const lines = parseDockerLogs(
      Buffer.concat([frame(1, "no stamp\n"), frame(2, "x").subarray(0, 5)]),
    );
    expect(lines).toEqual([{ stream: "stdout", line: "no stamp", at: expect.any(Number) }]);
  });
});
