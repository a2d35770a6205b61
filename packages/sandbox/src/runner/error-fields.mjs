// What the runner sends of a thrown Error besides its message and stack: its `code` and
// `details`, as Firebase's HttpsError carries them, so a host can pass a function's deliberate
// refusal to its caller. Plain Node ESM beside runner.mjs (mounted with it, unbuilt).
import { Buffer } from "node:buffer";

/** ERROR_FIELD_LIMITS in src/types.ts: what the host takes of an Error's `code` and `details`. */
const MAX_CODE_LENGTH = 64;
const MAX_DETAILS_BYTES = 10 * 1024;

/**
 * The Error's `code` when a string within the limit, and its `details` when a JSON object
 * within the limit. Details the host would refuse are dropped here and `log` says why, so the
 * function's author finds out from the invocation's log.
 * @param {unknown} error
 * @param {(line: string) => void} log
 * @returns {{ code?: string, details?: object }}
 */
export function errorFields(error, log) {
  if (!(error instanceof Error)) return {};
  let code;
  let details;
  try {
    ({ code, details } = /** @type {{ code?: unknown, details?: unknown }} */ (error));
  } catch {
    return {}; // a getter that throws: the error is its message alone
  }
  /** @type {{ code?: string, details?: object }} */
  const fields = {};
  if (typeof code === "string" && code.length > 0 && code.length <= MAX_CODE_LENGTH) {
    fields.code = code;
  }
  if (details === undefined) return fields;
  let why;
  try {
    const json = JSON.stringify(details);
    const parsed = json === undefined ? undefined : JSON.parse(json);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      why = "they are not a JSON object";
    } else if (Buffer.byteLength(json ?? "") > MAX_DETAILS_BYTES) {
      why = `they are larger than ${MAX_DETAILS_BYTES} bytes of JSON`;
    } else {
      fields.details = parsed;
    }
  } catch (cause) {
    why = `they are not JSON (${cause instanceof Error ? cause.message : String(cause)})`;
  }
  if (why) log(`the error's details were dropped: ${why}`);
  return fields;
}
