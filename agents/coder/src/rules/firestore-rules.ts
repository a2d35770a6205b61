import { writeRoles, type AppModel, type ModelInfo } from "../analyze.js";
import { indent, rulesString } from "../naming.js";
import { validFunction } from "./field-checks.js";

type Helper = "signedIn" | "isUser" | "hasRole";

const HELPERS: Record<Helper, string> = {
  signedIn: `function signedIn() {\n  return request.auth != null;\n}`,
  isUser: `function isUser(uid) {\n  return request.auth != null && request.auth.uid == uid;\n}`,
  hasRole: [
    `// Roles are custom claims (\`roles: ["admin"]\`), set through the runtime's admin API.`,
    `function hasRole(roles) {`,
    `  return request.auth != null && ('roles' in request.auth.token)`,
    `    && request.auth.token.roles is list && request.auth.token.roles.hasAny(roles);`,
    `}`,
  ].join("\n"),
};

/** What a policy means, for the comment above its match. */
function policyNote(info: ModelInfo): string {
  const { kind, roles } = info.model.access;
  if (info.serverWritten) {
    const reads =
      kind === "owner"
        ? "each user reads their own"
        : kind === "public-read" || kind === "public"
          ? "anyone reads"
          : "signed-in users read";
    return `${reads}; the app's functions write`;
  }
  if (kind === "public-read" && roles)
    return `anyone reads; holders of ${roles.join(" or ")} write`;
  return POLICY_NOTES[kind]!;
}

const POLICY_NOTES: Record<string, string> = {
  owner: "each user reads and writes only their own",
  shared: "signed-in users read all; each writes only their own",
  "public-read": "anyone reads; each signed-in user writes only their own",
  role: "signed-in users read; holders of the roles write",
  public: "anyone reads and writes (the plan asked for it)",
};

/**
 * `firestore.rules` from the plan's access policies. Deny by default: only the matches below
 * allow anything, each for its policy, with the owner checked on create (`request.resource`)
 * and on read, update and delete (`resource`), and every write validated field by field.
 */
export function firestoreRules(app: AppModel): string {
  const used = new Set<Helper>();
  const roots = app.models.filter((m) => m.ancestors.length === 0);
  const blocks = roots.map((m) => matchBlock(app, m, used));
  const n = app.notifications;
  if (n && !n.model)
    blocks.push(notificationsBlock(n.collection, n.recipientField, n.readField ?? "read", used));
  const functions = [
    ...(["signedIn", "isUser", "hasRole"] as const)
      .filter((h) => used.has(h))
      .map((h) => HELPERS[h]),
    ...app.models.filter((m) => !m.serverWritten).map(validFunction),
  ];
  return [
    `rules_version = '2';`,
    ``,
    `// Generated from the plan's access policies. Deny by default: a request is allowed only`,
    `// when an allow below accepts it; paths that no match names are refused.`,
    `service cloud.firestore {`,
    `  match /databases/{database}/documents {`,
    indent(functions.join("\n\n"), 2),
    ``,
    indent(blocks.join("\n\n"), 2),
    `  }`,
    `}`,
    ``,
  ].join("\n");
}

function matchBlock(app: AppModel, info: ModelInfo, used: Set<Helper>): string {
  const children = app.models.filter((m) => m.ancestors.at(-1) === info);
  const body = [...allowLines(app, info, used), ...children.map((c) => matchBlock(app, c, used))];
  return [
    `// ${info.name} (${info.model.collection}): ${policyNote(info)}.`,
    `match /${info.model.collection}/{${info.varName}Id} {`,
    indent(body.join("\n"), 1),
    `}`,
  ].join("\n");
}

function allowLines(app: AppModel, info: ModelInfo, used: Set<Helper>): string[] {
  const owner = info.ownerField;
  const kind = info.model.access.kind;
  const roles = writeRoles(info, app.plan);
  const after = "request.resource.data";
  const before = "resource.data";
  const isUser = (v: string) => (used.add("isUser"), `isUser(${v})`);
  const signedIn = () => (used.add("signedIn"), "signedIn()");
  const hasRole = () => (
    used.add("hasRole"),
    `hasRole([${(roles ?? []).map(rulesString).join(", ")}])`
  );

  const read =
    kind === "owner" && owner
      ? isUser(`${before}.${owner}`)
      : kind === "public-read" || kind === "public"
        ? "true"
        : signedIn();
  const lines = [`allow read: if ${read};`];
  if (info.serverWritten) {
    lines.push(`// Written only by the app's functions, which the rules do not restrict.`);
    const n = app.notifications;
    if (n?.model === info && n.readField && owner) {
      // Its recipient may still mark it read, and change nothing else.
      lines.push(
        `allow update: if ${isUser(`${before}.${owner}`)}`,
        `  && ${after}.diff(${before}).affectedKeys().hasOnly([${rulesString(n.readField)}])`,
        `  && ${after}.${n.readField} is bool;`,
      );
    }
    return lines;
  }
  const valid = `valid${info.name}(${after})`;
  const parent = info.ancestors.at(-1);
  const parentExists = parent
    ? `exists(/databases/$(database)/documents/${[...info.ancestors]
        .map((a) => `${a.model.collection}/$(${a.varName}Id)`)
        .join("/")})`
    : undefined;
  const unchanged = [owner, "createdAt"]
    .filter((f): f is string => f !== undefined)
    .map((f) => `${after}.${f} == ${before}.${f}`);
  let create: string[];
  let update: string[];
  let remove: string;
  if (roles) {
    create = [hasRole(), ...(owner ? [`${after}.${owner} == request.auth.uid`] : [])];
    update = [hasRole()];
    remove = hasRole();
  } else if (kind === "public") {
    create = [];
    update = [];
    remove = "true";
  } else {
    create = [isUser(`${after}.${owner}`)];
    update = [isUser(`${before}.${owner}`)];
    remove = isUser(`${before}.${owner}`);
  }
  const join = (parts: string[]) => parts.join("\n    && ");
  lines.push(
    `allow create: if ${join([...create, ...(parentExists ? [parentExists] : []), valid])};`,
  );
  lines.push(`allow update: if ${join([...update, ...unchanged, valid])};`);
  lines.push(`allow delete: if ${remove};`);
  return lines;
}

function notificationsBlock(
  collection: string,
  recipient: string,
  read: string,
  used: Set<Helper>,
): string {
  used.add("isUser");
  return [
    `// Notifications: written by the app's functions; each user reads theirs and marks them read.`,
    `match /${collection}/{notificationId} {`,
    `  allow read, delete: if isUser(resource.data.${recipient});`,
    `  allow update: if isUser(resource.data.${recipient})`,
    `    && request.resource.data.diff(resource.data).affectedKeys().hasOnly([${rulesString(read)}])`,
    `    && request.resource.data.${read} is bool;`,
    `}`,
  ].join("\n");
}
