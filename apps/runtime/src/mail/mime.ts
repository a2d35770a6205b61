// Test support: just enough MIME to read back what nodemailer writes for a text + HTML mail
// (multipart/alternative; 7bit, quoted-printable or base64 parts). Not a general parser.

/**
 * A mail's top-level headers (names lower-cased, folded lines joined) and its two bodies, with
 * line ends back to `\n` as the outbox stores them.
 */
export interface ParsedMail {
  headers: Record<string, string>;
  text: string | null;
  html: string | null;
}

interface Part {
  headers: Record<string, string>;
  body: string;
}

/** Parses a raw RFC 5322 message with CRLF line ends. */
export function parseMime(raw: string): ParsedMail {
  const top = splitPart(raw);
  const leaves = flatten(top);
  const body = (type: string) => {
    const leaf = leaves.find((p) => (p.headers["content-type"] ?? "").startsWith(type));
    return leaf ? decodeBody(leaf).replace(/\r\n/g, "\n") : null;
  };
  return { headers: top.headers, text: body("text/plain"), html: body("text/html") };
}

function splitPart(raw: string): Part {
  const end = raw.indexOf("\r\n\r\n");
  const head = end === -1 ? raw : raw.slice(0, end);
  const body = end === -1 ? "" : raw.slice(end + 4);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function flatten(part: Part): Part[] {
  const type = part.headers["content-type"] ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!type.startsWith("multipart/") || !boundary) return [part];
  return part.body
    .split(`--${boundary}`)
    .slice(1, -1)
    .flatMap((chunk) => flatten(splitPart(chunk.replace(/^\r\n/, ""))));
}

function decodeBody(part: Part): string {
  const encoding = (part.headers["content-transfer-encoding"] ?? "7bit").toLowerCase();
  const body = part.body.replace(/\r\n$/, "");
  if (encoding === "base64") return Buffer.from(body, "base64").toString("utf8");
  if (encoding !== "quoted-printable") return body;
  const bytes: number[] = [];
  const unwrapped = body.replace(/=\r\n/g, "");
  for (let i = 0; i < unwrapped.length; i++) {
    const hex = unwrapped[i] === "=" ? unwrapped.slice(i + 1, i + 3) : "";
    if (/^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(unwrapped.charCodeAt(i));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}
