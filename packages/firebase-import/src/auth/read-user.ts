// One user of an auth:export file, checked field by field: what the runtime cannot take becomes
// a problem naming the line (and stops the import), what it does not keep is counted for the
// report (display names, photos, second factors), never dropped unsaid.
import { memberOf, type JsonObject, type JsonValue } from "../json-node.js";
import type { SourceRef } from "../report.js";
import { mapProvider } from "./auth-providers.js";
import { toStandardBase64 } from "./hash-config.js";

/** A user as the runtime's `POST …/admin/users:import` takes it. */
export interface ImportUser {
  uid: string;
  email: string | null;
  emailVerified: boolean;
  disabled: boolean;
  /** No email, password, phone or provider: an anonymous account (it keeps its uid). */
  anonymous?: boolean;
  /** Standard base64; with `salt`, or neither. */
  passwordHash?: string;
  salt?: string;
  customClaims: Record<string, unknown>;
  createdAt: string;
  lastSignInAt: string | null;
  providers: { providerId: string; subject: string; email: string | null }[];
  /** Where the user is in the file; not sent. */
  source?: SourceRef;
}

export interface UserFindings {
  problems: { at: SourceRef; reason: string }[];
  /** Firebase provider id → the users using it. */
  providers: Map<string, number>;
  /** Users with a display name or photo URL, which Winky accounts do not hold. */
  profiles: number;
  /** Users with a second factor enrolled. */
  mfa: number;
  hashed: number;
  tenants: number;
}

// Firebase uids: 1–128 characters; the runtime stores them as given.
const MAX_UID = 128;

export function readUser(
  entry: JsonObject,
  at: SourceRef,
  findings: UserFindings,
): ImportUser | null {
  const problem = (reason: string) => {
    findings.problems.push({ at, reason });
    return null;
  };
  const text = (key: string) => scalar(memberOf(entry, key)?.value, "string") as string | undefined;
  const flag = (key: string) => scalar(memberOf(entry, key)?.value, "boolean") === true;
  const uid = text("localId");
  if (!uid || uid.length > MAX_UID) return problem("a user needs a localId of 1–128 characters");
  const email = text("email") ?? null;
  const passwordHash = text("passwordHash");
  const salt = text("salt");
  if ((passwordHash === undefined) !== (salt === undefined)) {
    return problem(`user ${uid} has a passwordHash without a salt (or a salt without one)`);
  }
  const createdAt = millis(memberOf(entry, "createdAt")?.value);
  const lastSignInAt = millis(memberOf(entry, "lastSignedInAt")?.value);
  if (createdAt === "bad" || lastSignInAt === "bad") {
    return problem(`user ${uid}: createdAt and lastSignedInAt must be milliseconds since 1970`);
  }
  let customClaims: Record<string, unknown> = {};
  const attributes = text("customAttributes");
  if (attributes !== undefined && attributes.trim() !== "") {
    try {
      const parsed: unknown = JSON.parse(attributes);
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error();
      customClaims = parsed as Record<string, unknown>;
    } catch {
      return problem(`user ${uid}: customAttributes is not a JSON object`);
    }
  }
  if (text("displayName") || text("photoUrl")) findings.profiles++;
  const mfa = memberOf(entry, "mfaInfo")?.value;
  if (mfa?.kind === "array" && mfa.items.length > 0) findings.mfa++;
  if (text("tenantId")) findings.tenants++;
  if (passwordHash !== undefined) {
    findings.hashed++;
    count(findings, "password");
  }
  if (text("phoneNumber")) count(findings, "phone");
  const providers: ImportUser["providers"] = [];
  const infos = memberOf(entry, "providerUserInfo")?.value;
  for (const info of infos?.kind === "array" ? infos.items : []) {
    if (info.kind !== "object") continue;
    const providerId = scalar(memberOf(info, "providerId")?.value, "string") as string | undefined;
    // `password` and `phone` appear here too; they were counted from their own fields.
    if (!providerId || providerId === "password" || providerId === "phone") continue;
    count(findings, providerId);
    const mapping = mapProvider(providerId);
    const subject = scalar(memberOf(info, "rawId")?.value, "string") as string | undefined;
    if (mapping.winkyProvider && subject) {
      const infoEmail = scalar(memberOf(info, "email")?.value, "string") as string | undefined;
      providers.push({ providerId: mapping.winkyProvider, subject, email: infoEmail ?? null });
    }
  }
  const anonymous =
    !email && passwordHash === undefined && providers.length === 0 && !text("phoneNumber");
  if (anonymous) count(findings, "anonymous");
  return {
    uid,
    email,
    emailVerified: flag("emailVerified"),
    disabled: flag("disabled"),
    ...(anonymous ? { anonymous: true } : {}),
    ...(passwordHash !== undefined && salt !== undefined
      ? { passwordHash: toStandardBase64(passwordHash), salt: toStandardBase64(salt) }
      : {}),
    customClaims,
    createdAt: createdAt ?? new Date(0).toISOString(),
    lastSignInAt: lastSignInAt ?? null,
    providers,
    source: at,
  };
}

function count(findings: UserFindings, providerId: string): void {
  findings.providers.set(providerId, (findings.providers.get(providerId) ?? 0) + 1);
}

function scalar(value: JsonValue | undefined, kind: "string" | "boolean"): unknown {
  return value?.kind === kind ? value.value : undefined;
}

/** auth:export writes times as strings of milliseconds ("1486324027000"); numbers are accepted. */
function millis(value: JsonValue | undefined): string | undefined | "bad" {
  if (value === undefined || value.kind === "null") return undefined;
  const raw = value.kind === "string" || value.kind === "number" ? String(value.value) : "";
  // Up to the year 9999: what an ISO date (and the runtime) can hold.
  if (!/^\d{1,15}$/.test(raw) || Number(raw) > Date.UTC(9999, 11, 31, 23, 59, 59, 999)) {
    return "bad";
  }
  return new Date(Number(raw)).toISOString();
}
