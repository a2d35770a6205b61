import type { LogLine } from "../types.js";

/**
 * Lines of `GET /containers/{id}/logs?stdout=1&stderr=1&timestamps=1` for a container without a
 * TTY: frames of an 8-byte header (stream type at byte 0: 1 stdout, 2 stderr; payload length,
 * big-endian, at bytes 4–7) then the payload, each line starting with an RFC 3339 timestamp.
 */
export function parseDockerLogs(buffer: Buffer): LogLine[] {
  const lines: LogLine[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const type = buffer[offset];
    const size = buffer.readUInt32BE(offset + 4);
    const payload = buffer.subarray(offset + 8, offset + 8 + size).toString("utf8");
    offset += 8 + size;
    if (type !== 1 && type !== 2) continue;
    const stream = type === 1 ? "stdout" : "stderr";
    // One frame is one log entry: a line, or the start of a line too long for one entry.
    for (const piece of payload.split("\n")) {
      if (piece) lines.push(toLogLine(stream, piece));
    }
  }
  return lines;
}

function toLogLine(stream: LogLine["stream"], text: string): LogLine {
  const space = text.indexOf(" ");
  const at = space > 0 ? Date.parse(text.slice(0, space)) : Number.NaN;
  return Number.isNaN(at)
    ? { stream, line: text, at: Date.now() }
    : { stream, line: text.slice(space + 1), at };
}
