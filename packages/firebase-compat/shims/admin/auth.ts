// firebase-admin/auth over `context.users`: the lookups and custom claims the runtime gives
// functions. Other Admin Auth calls fail with a code naming the call, so a port sees them.
import { currentContext, type RuntimeUser } from "../context.js";

/** A user as firebase-admin's UserRecord shows the fields Winky has. */
export interface UserRecord {
  uid: string;
  email?: string;
  emailVerified: boolean;
  disabled: boolean;
  customClaims?: Record<string, unknown>;
  providerData: unknown[];
  metadata: { creationTime?: string; lastSignInTime?: string };
  toJSON(): Record<string, unknown>;
}

export function userRecord(
  user: Omit<RuntimeUser, "customClaims" | "disabled"> &
    Partial<Pick<RuntimeUser, "customClaims" | "disabled">>,
  createdAt?: string,
): UserRecord {
  const record = {
    uid: user.uid,
    ...(user.email ? { email: user.email } : {}),
    emailVerified: user.emailVerified,
    disabled: user.disabled ?? false,
    ...(user.customClaims && Object.keys(user.customClaims).length > 0
      ? { customClaims: user.customClaims }
      : {}),
    providerData: [],
    metadata: createdAt ? { creationTime: new Date(createdAt).toUTCString() } : {},
  };
  return { ...record, toJSON: () => ({ ...record }) };
}

/** firebase-admin's FirebaseAuthError shape: `code` is "auth/<reason>". */
class FirebaseAuthError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const notFound = (what: string) =>
  new FirebaseAuthError(
    "auth/user-not-found",
    `There is no user record corresponding to the provided ${what}.`,
  );

function unsupported(call: string): never {
  throw new Error(`unimplemented: firebase-admin auth().${call}() is not available on Winky`);
}

export class Auth {
  async getUser(uid: string): Promise<UserRecord> {
    const user = await currentContext().users.get(uid);
    if (!user) throw notFound("identifier");
    return userRecord(user);
  }
  async getUserByEmail(email: string): Promise<UserRecord> {
    const user = await currentContext().users.getByEmail(email);
    if (!user) throw notFound("email");
    return userRecord(user);
  }
  async setCustomUserClaims(uid: string, claims: Record<string, unknown> | null): Promise<void> {
    await currentContext().users.setCustomClaims(uid, claims);
  }
  createUser(): never {
    return unsupported("createUser");
  }
  updateUser(): never {
    return unsupported("updateUser");
  }
  deleteUser(): never {
    return unsupported("deleteUser");
  }
  listUsers(): never {
    return unsupported("listUsers");
  }
  verifyIdToken(): never {
    return unsupported("verifyIdToken");
  }
  createCustomToken(): never {
    return unsupported("createCustomToken");
  }
}

let defaultAuth: Auth | undefined;

export function getAuth(): Auth {
  defaultAuth ??= new Auth();
  return defaultAuth;
}
