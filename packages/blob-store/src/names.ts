import { BlobStoreError, quote } from "./errors.js";

/** Firebase Storage's limit on an object name, in UTF-8 bytes. */
export const MAX_NAME_BYTES = 1024;

// A lone surrogate has no UTF-8 form; two different names would be stored as the same bytes.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const BUCKET = /^[a-z0-9](?:[a-z0-9.-]{1,61})[a-z0-9]$/;

/**
 * Whether `text` holds a C0 control, DEL or a C1 control: never meaningful in a path, and
 * CR/LF would split a header or a log line.
 */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

/**
 * Why `name` is not a valid object name, or null when it is. One rule set for every store:
 * non-empty, at most 1024 UTF-8 bytes, well-formed Unicode, no control character, no
 * backslash, no leading `/`, no empty, `.` or `..` segment — and the same holds for every
 * repeated percent-decoding of the name. Stores never decode names, but a proxy, a URL
 * router or a later version of the runtime might, and `%2e%2e/` must not become `../` there.
 */
export function objectNameProblem(name: unknown): string | null {
  if (typeof name !== "string") return "it is not a string";
  if (name.length === 0) return "it is empty";
  const bytes = Buffer.byteLength(name, "utf8");
  if (bytes > MAX_NAME_BYTES) return `it is ${bytes} bytes long, more than ${MAX_NAME_BYTES}`;
  if (LONE_SURROGATE.test(name)) return "it is not well-formed Unicode";
  let form = name;
  for (let decoded = false; ; decoded = true) {
    const problem = structureProblem(form);
    if (problem !== null) return decoded ? `once percent-decoded, ${problem}` : problem;
    const next = percentDecode(form);
    if (next === form) return null;
    form = next;
  }
}

function structureProblem(form: string): string | null {
  if (hasControlCharacter(form)) return "it contains a control character";
  if (form.includes("\\")) return "it contains a backslash";
  if (form.startsWith("/")) return "it starts with /";
  for (const segment of form.split("/")) {
    if (segment === "") return "it has an empty segment (// or a trailing /)";
    if (segment === "." || segment === "..") return `it has a ${quote(segment)} segment`;
  }
  return null;
}

/**
 * One round of percent-decoding that never throws: `%XX` becomes byte XX, anything else stays,
 * and the bytes are read as UTF-8 (bad sequences become U+FFFD, which passes no check it
 * should fail). Each round that changes the text makes it shorter, so the loop above ends.
 */
export function percentDecode(text: string): string {
  if (!/%[0-9a-fA-F]{2}/.test(text)) return text;
  const bytes: number[] = [];
  for (let i = 0; i < text.length;) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === "%" && /^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 3;
    } else {
      const codePoint = text.codePointAt(i) ?? 0;
      const char = String.fromCodePoint(codePoint);
      bytes.push(...Buffer.from(char, "utf8"));
      i += char.length;
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/**
 * Returns `name` when it is a valid object name.
 * @throws {BlobStoreError} `invalid-name`, naming the object and the rule it breaks.
 */
export function assertObjectName(bucket: string, name: unknown): string {
  const problem = objectNameProblem(name);
  if (problem === null) return name as string;
  const shown = typeof name === "string" ? quote(name) : String(name);
  throw new BlobStoreError(
    "invalid-name",
    `Invalid object name ${shown} in bucket ${quote(bucket)}: ${problem}.`,
    { bucket, name: typeof name === "string" ? name : undefined },
  );
}

/** Why `bucket` is not a valid bucket name, or null. */
export function bucketNameProblem(bucket: unknown): string | null {
  if (typeof bucket !== "string") return "it is not a string";
  // The S3 rules, so that every bucket can become an S3 bucket; `--` is kept free for the
  // S3 store's own staging bucket.
  if (!BUCKET.test(bucket)) {
    return "use 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit";
  }
  if (/\.\.|\.-|-\.|--/.test(bucket)) return "it contains .., .-, -. or --";
  if (/^\d+\.\d+\.\d+\.\d+$/.test(bucket)) return "it looks like an IP address";
  return null;
}

/**
 * Returns `bucket` when it is a valid bucket name: 3 to 63 characters of `a-z 0-9 . -`, as S3
 * and Cloud Storage require, so a bucket name can never be a path.
 * @throws {BlobStoreError} `invalid-name`.
 */
export function assertBucketName(bucket: unknown): string {
  const problem = bucketNameProblem(bucket);
  if (problem === null) return bucket as string;
  const shown = typeof bucket === "string" ? quote(bucket) : String(bucket);
  throw new BlobStoreError("invalid-name", `Invalid bucket name ${shown}: ${problem}.`, {
    bucket: typeof bucket === "string" ? bucket : undefined,
  });
}

/**
 * Returns a list prefix when it is valid: empty, or text whose complete segments (those
 * followed by `/`) would be valid in a name. The last, partial segment only filters names,
 * so `users/..` may match `users/..hidden`, but it must hold no control character.
 * @throws {BlobStoreError} `invalid-argument`.
 */
export function assertPrefix(bucket: string, prefix: unknown): string {
  if (prefix === undefined || prefix === "") return "";
  const cut = typeof prefix === "string" ? prefix.lastIndexOf("/") : -1;
  const problem =
    typeof prefix !== "string"
      ? "it is not a string"
      : Buffer.byteLength(prefix) > MAX_NAME_BYTES
        ? `it is longer than ${MAX_NAME_BYTES} bytes`
        : hasControlCharacter(prefix) || prefix.includes("\\")
          ? "it contains a control character or a backslash"
          : cut >= 0
            ? objectNameProblem(prefix.slice(0, cut))
            : null;
  if (problem === null) return prefix as string;
  throw new BlobStoreError(
    "invalid-argument",
    `Invalid list prefix ${typeof prefix === "string" ? quote(prefix) : String(prefix)} in bucket ${quote(bucket)}: ${problem}.`,
    { bucket },
  );
}

/** Sorts names the way S3 and Cloud Storage list them: by their UTF-8 bytes. */
export function compareNames(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}
