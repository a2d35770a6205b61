import { isBlobStoreError, type BlobStoreErrorCode } from "@winky/blob-store";
import { isSecretStoreError, type SecretStoreErrorCode } from "@winky/secrets";
import { isRulesSyntaxError } from "@winky/rules";
import { isAuthError } from "../auth/core/errors.js";
import {
  isDocumentTooLargeError,
  isDocumentValueError,
  isInvalidPathError,
} from "../documents/model/errors.js";
import { RuntimeError, isRuntimeError, type ErrorCode } from "./runtime-error.js";

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message: string;
  validation?: unknown;
}

/**
 * Maps anything thrown in a request to a RuntimeError, at the edge, in one place. Client
 * mistakes Fastify detects (bad JSON, body too large, wrong content type) keep their meaning;
 * everything unknown becomes `internal` with a message that leaks nothing.
 */
const SECRET_CODES: Record<SecretStoreErrorCode, ErrorCode> = {
  "not-found": "not-found",
  "invalid-name": "invalid-argument",
  "invalid-argument": "invalid-argument",
  "too-large": "invalid-argument",
  unavailable: "unavailable",
  corrupt: "internal",
};

/**
 * Storage errors. `offset-mismatch` is `aborted` (409) with `details.expectedOffset`: the
 * resumable route also sets `Range` so Cloud Storage clients resume where they should.
 * `invalid-range` (416 in HTTP) has no code of its own here: `out-of-range` (400).
 */
const BLOB_CODES: Record<BlobStoreErrorCode, ErrorCode> = {
  "not-found": "not-found",
  "invalid-name": "invalid-argument",
  "invalid-argument": "invalid-argument",
  "invalid-range": "out-of-range",
  "precondition-failed": "failed-precondition",
  "offset-mismatch": "aborted",
  "too-large": "resource-exhausted",
  unavailable: "unavailable",
};

export function toRuntimeError(e: unknown): RuntimeError {
  if (isRuntimeError(e)) return e;
  if (isBlobStoreError(e)) {
    const code = BLOB_CODES[e.code];
    return new RuntimeError(code, code === "unavailable" ? "storage is unavailable" : e.message, {
      reason: e.code,
      ...(e.expectedOffset !== undefined ? { expectedOffset: e.expectedOffset } : {}),
    });
  }
  if (isAuthError(e)) {
    const details = e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : undefined;
    return new RuntimeError(e.runtimeCode, e.message, { reason: e.code, ...details });
  }
  if (isSecretStoreError(e)) {
    // A store that cannot answer is the platform's fault, not the caller's; never a value.
    const code = SECRET_CODES[e.code];
    return new RuntimeError(code, code === "internal" ? "internal error" : e.message, {
      reason: e.code,
    });
  }
  if (isDocumentValueError(e) || isInvalidPathError(e))
    return new RuntimeError("invalid-argument", e.message);
  if (isDocumentTooLargeError(e)) return new RuntimeError("invalid-argument", e.message);
  if (isRulesSyntaxError(e)) {
    return new RuntimeError("invalid-argument", e.message, {
      file: e.file,
      line: e.location.line,
      column: e.location.column,
    });
  }
  const f = e as FastifyLikeError;
  if (typeof f?.statusCode === "number" && f.statusCode >= 400 && f.statusCode < 500) {
    if (f.statusCode === 413)
      return new RuntimeError("resource-exhausted", "the request body is too large");
    if (f.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
      return new RuntimeError(
        "invalid-argument",
        "Content-Type: the header is not a media type (type/subtype)",
        { field: "Content-Type" },
      );
    }
    if (f.statusCode === 415) return new RuntimeError("invalid-argument", f.message);
    if (f.code === "FST_ERR_CTP_INVALID_JSON_BODY" || f.code === "FST_ERR_CTP_EMPTY_JSON_BODY") {
      return new RuntimeError("invalid-argument", "the request body is not valid JSON");
    }
    if (f.statusCode === 404) return new RuntimeError("not-found", f.message);
    return new RuntimeError("invalid-argument", f.message);
  }
  return new RuntimeError("internal", "internal error");
}
