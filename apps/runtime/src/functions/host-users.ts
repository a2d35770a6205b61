import type { JsonValue } from "@winky/sandbox";
import { emailKey, MAX_USER_PAGE, type UserAdmin } from "../auth/core/index.js";
import type { UserRecord } from "../auth/core/users.js";
import { invalidArgument, notFound } from "../errors/runtime-error.js";

/**
 * What functions may do with their project's users: the admin API's own operations, so a
 * function's claims are checked exactly as an admin's (`validateCustomClaims`).
 */
export type FunctionUsers = Pick<UserAdmin, "get" | "list" | "setCustomClaims">;

/** The host API's user operations (`context.users`), by `op`. */
export const USER_OPS = ["users.get", "users.getByEmail", "users.setCustomClaims"] as const;

/** True when `op` is one of {@link USER_OPS}. */
export const isUserOp = (op: unknown): op is (typeof USER_OPS)[number] =>
  (USER_OPS as readonly unknown[]).includes(op);

/**
 * Answers a user operation in `projectId` (the sandbox's, never one the request names):
 * `{ op: "users.get", uid }` and `{ op: "users.getByEmail", email }` → the user or null;
 * `{ op: "users.setCustomClaims", uid, claims }` (null clears them) → the updated user, or a
 * not-found error. Users appear as Firebase's Admin SDK shows the fields functions need:
 * `{ uid, email, emailVerified, disabled, customClaims }` (no password hash, no sign-in times).
 */
export async function handleUserOp(
  users: FunctionUsers,
  projectId: string,
  body: Record<string, JsonValue>,
): Promise<JsonValue> {
  switch (body.op) {
    case "users.get": {
      const user = await users.get(projectId, uidOf(body.uid));
      return user ? view(user) : null;
    }
    case "users.getByEmail": {
      const user = await findByEmail(users, projectId, body.email);
      return user ? view(user) : null;
    }
    case "users.setCustomClaims": {
      const uid = uidOf(body.uid);
      // Firebase's `setCustomUserClaims(uid, null)` removes them all.
      const claims = body.claims === null ? {} : body.claims;
      const user = await users.setCustomClaims(projectId, uid, claims);
      if (!user) throw notFound(`no user '${uid}'`);
      return view(user);
    }
    default:
      throw invalidArgument(`op: expected one of ${USER_OPS.join(", ")}`);
  }
}

function uidOf(uid: JsonValue | undefined): string {
  if (typeof uid !== "string" || uid.length === 0 || uid.length > 128) {
    throw invalidArgument("uid: expected a string of 1 to 128 characters");
  }
  return uid;
}

/**
 * The user with this email (compared as sign-in does, by `emailKey`), or null. The auth core
 * offers admins no lookup by email, so this pages through the project's users, a thousand at a
 * time: fine for the apps functions serve (an admin granting a role), linear in their users.
 */
async function findByEmail(
  users: FunctionUsers,
  projectId: string,
  email: JsonValue | undefined,
): Promise<UserRecord | null> {
  if (typeof email !== "string") throw invalidArgument("email: expected a string");
  const key = emailKey(email);
  let pageToken: string | undefined;
  do {
    const page = await users.list(projectId, {
      limit: MAX_USER_PAGE,
      ...(pageToken ? { pageToken } : {}),
    });
    const found = page.users.find((u) => u.email !== null && u.email.toLowerCase() === key);
    if (found) return found;
    pageToken = page.nextPageToken;
  } while (pageToken);
  return null;
}

function view(user: UserRecord): JsonValue {
  return {
    uid: user.uid,
    email: user.email,
    emailVerified: user.emailVerified,
    disabled: user.disabled,
    customClaims: user.customClaims,
  };
}
