/**
 * The string encodings of {@link uploadString}, as Firebase defines them: `raw` (the string's
 * UTF-8 bytes), `base64`, `base64url` and `data_url` (`data:[<type>][;base64],<data>`). Decoded
 * here, without `atob` or `Buffer`, so it runs the same in browsers and Node and refuses
 * what `atob` would silently skip (whitespace, the other alphabet's characters).
 */
import { invalidArgument } from "../errors.js";

/** How {@link uploadString} reads its string. */
export type StringFormat = "raw" | "base64" | "base64url" | "data_url";

/** Firebase's names for the {@link StringFormat}s: `StringFormat.DATA_URL` reads the same. */
export const StringFormat = Object.freeze({
  RAW: "raw",
  BASE64: "base64",
  BASE64URL: "base64url",
  DATA_URL: "data_url",
} as const);

/** What a string decodes to: its bytes, and the content type a data URL names. */
export interface DecodedString {
  bytes: Uint8Array;
  contentType?: string;
}

const STANDARD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const DATA_URL = /^data:([^,]*?)(;base64)?,(.*)$/s;

/**
 * Decodes `value` written in `format`.
 * @throws WinkyError invalid-argument naming the format and, for base64, the bad character
 *   and its position.
 */
export function decodeString(value: string, format: StringFormat): DecodedString {
  if (typeof value !== "string") {
    throw invalidArgument(`uploadString(): the value must be a string, got ${typeof value}`);
  }
  switch (format) {
    case "raw":
      return { bytes: new TextEncoder().encode(value) };
    case "base64":
      return { bytes: decodeBase64(value, STANDARD, "base64") };
    case "base64url":
      return { bytes: decodeBase64(value, URL_SAFE, "base64url") };
    case "data_url":
      return decodeDataUrl(value);
    default:
      throw invalidArgument(
        `uploadString(): unknown format ${JSON.stringify(format)}; expected raw, base64, base64url or data_url`,
      );
  }
}

/** Padding (`=`) is optional, but when present must complete the last group of four. */
export function decodeBase64(text: string, alphabet: string, format: string): Uint8Array {
  const body = text.replace(/={1,2}$/, "");
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let bits = 0;
  let count = 0;
  let at = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = alphabet.indexOf(body[i]!);
    if (digit < 0) {
      const char = body[i]!;
      const hint =
        format === "base64" && /[-_]/.test(char)
          ? " (- and _ belong to base64url: use that format)"
          : format === "base64url" && /[+/]/.test(char)
            ? " (+ and / belong to base64: use that format)"
            : "";
      throw invalidArgument(
        `uploadString(): the string is not valid ${format}: ${JSON.stringify(char)} at position ${i}${hint}`,
        { position: i },
      );
    }
    bits = (bits << 6) | digit;
    count += 6;
    if (count >= 8) {
      count -= 8;
      out[at++] = (bits >> count) & 0xff;
    }
  }
  const padded = body.length !== text.length;
  if ((padded && text.length % 4 !== 0) || body.length % 4 === 1) {
    throw invalidArgument(
      `uploadString(): the string is not valid ${format}: its length does not fit whole bytes`,
    );
  }
  return out;
}

function decodeDataUrl(value: string): DecodedString {
  const match = DATA_URL.exec(value);
  if (!match) {
    throw invalidArgument(
      "uploadString(): the string is not a data URL: expected 'data:[<mediatype>][;base64],<data>'",
    );
  }
  const mediaType = match[1]!;
  const data = match[3]!;
  let bytes: Uint8Array;
  if (match[2]) {
    bytes = decodeBase64(data, STANDARD, "base64 (in the data URL)");
  } else {
    let text: string;
    try {
      text = decodeURIComponent(data);
    } catch {
      throw invalidArgument("uploadString(): the data URL has a malformed percent-encoding");
    }
    bytes = new TextEncoder().encode(text);
  }
  // `data:,x` names no type: the upload keeps its default, as Firebase does.
  return mediaType === "" ? { bytes } : { bytes, contentType: mediaType };
}
