import { z } from "zod";
import { parseBody } from "../admin/parse-body.js";
import { invalidArgument } from "../errors/runtime-error.js";
import { globProblem } from "./glob.js";
import { fileField, MAX_SITE_FILES, SHA256_HEX, sitePathProblem } from "./site-paths.js";

// Headers a rule may not set: they describe the message itself, and the server computes them.
const RESERVED_HEADERS = new Set([
  "connection",
  "content-length",
  "etag",
  "keep-alive",
  "transfer-encoding",
  "upgrade",
]);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$/;

const HeaderRule = z
  .object({
    source: z.string().superRefine((source, ctx) => {
      const problem = globProblem(source);
      if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
    }),
    headers: z.record(z.string(), z.string().max(4096)).superRefine((headers, ctx) => {
      const names = Object.keys(headers);
      if (names.length === 0 || names.length > 50) {
        ctx.addIssue({ code: "custom", message: "a rule sets 1 to 50 headers" });
      }
      for (const [name, value] of Object.entries(headers)) {
        const problem = !HEADER_NAME.test(name)
          ? "is not a header name"
          : RESERVED_HEADERS.has(name.toLowerCase())
            ? "is set by the server and cannot be overridden"
            : /[^\t\x20-\x7e]/.test(value)
              ? "has a value with a character other than printable ASCII or tab"
              : null;
        if (problem) ctx.addIssue({ code: "custom", path: [name], message: problem });
      }
    }),
  })
  .strict();

/** How a version is served: stored with it, so a rollback brings back its config too. */
export const HostingConfig = z
  .object({
    /** Paths that do not look like files get `/index.html` (a single-page app's routes). */
    spa: z.boolean().default(true),
    /** `/about` serves `/about.html`. */
    cleanUrls: z.boolean().default(false),
    /** Extra response headers for paths matching `source`; later rules win. */
    headers: z.array(HeaderRule).max(100).default([]),
  })
  .strict();

export type HostingConfig = z.infer<typeof HostingConfig>;

const CreateVersionBody = z
  .object({
    files: z.record(z.string(), z.unknown()),
    config: HostingConfig.default(HostingConfig.parse({})),
  })
  .strict();

/** A new version's manifest (path → SHA-256) and config, checked. */
export interface VersionRequest {
  files: Map<string, string>;
  config: HostingConfig;
}

/** How many problems one answer lists; a build of thousands of bad names needs only a few. */
const SHOWN_PROBLEMS = 20;

/**
 * Checks `POST …/admin/hosting/versions`: `{ files: { "/index.html": "<sha256>", … }, config? }`.
 * Every bad entry is named by its path (`files["/a/../b"]: a path may not have a '..' segment`).
 *
 * @throws RuntimeError invalid-argument, before anything is written.
 */
export function parseVersionRequest(body: unknown): VersionRequest {
  const { files, config } = parseBody(CreateVersionBody, body);
  const entries = Object.entries(files);
  if (entries.length === 0) throw invalidArgument("files: a version needs at least one file");
  if (entries.length > MAX_SITE_FILES) {
    throw invalidArgument(
      `files: a version may hold at most ${MAX_SITE_FILES} files, not ${entries.length}`,
    );
  }
  const problems: string[] = [];
  for (const [path, hash] of entries) {
    const problem =
      sitePathProblem(path) ??
      (typeof hash === "string" && SHA256_HEX.test(hash)
        ? null
        : "the value must be the file's SHA-256 as 64 lowercase hex digits");
    if (problem !== null) problems.push(`${fileField(path)}: ${problem}`);
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, SHOWN_PROBLEMS);
    const more = problems.length - shown.length;
    throw invalidArgument(
      `invalid request: ${shown.join("; ")}${more > 0 ? `; and ${more} more` : ""}`,
      { problems: shown },
    );
  }
  return { files: new Map(entries as [string, string][]), config };
}
