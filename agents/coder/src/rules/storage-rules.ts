import { writeRoles, type AppModel, type ModelInfo } from "../analyze.js";
import { indent, rulesString } from "../naming.js";

/** Content types that are safe to serve back when the plan names none for files. */
const DEFAULT_FILE_TYPES = ["application/pdf", "text/plain", "image/png", "image/jpeg"];

/** `image/*` → `image/.*`; dots and pluses matched literally (the rules' regexes are RE2). */
export function contentTypePattern(types: readonly string[]): string {
  return types
    .map((t) => t.replace(/\./g, "[.]").replace(/\+/g, "[+]").replace(/\*/g, ".*"))
    .join("|");
}

/** The content types a model's uploads may have. */
function typesOf(app: AppModel, info: ModelInfo): string[] {
  const types = new Set<string>();
  if (info.fields.some((f) => f.type === "image"))
    for (const t of app.storage.imageTypes) types.add(t);
  if (info.fields.some((f) => f.type === "file")) {
    const files = app.storage.fileTypes.length > 0 ? app.storage.fileTypes : DEFAULT_FILE_TYPES;
    for (const t of files) types.add(t);
  }
  return [...types].sort();
}

/**
 * `storage.rules`: uploads go to `users/{uid}/<collection>/<file>`; only that user writes
 * there (a role model's uploads also need the role), within the plan's size limit and content
 * types; reads follow the model's access policy. Deny by default: nothing else is allowed.
 */
export function storageRules(app: AppModel): string {
  const uploading = app.models.filter((m) =>
    m.fields.some((f) => f.type === "image" || f.type === "file"),
  );
  const maxBytes = app.storage.maxFileMb * 1024 * 1024;
  const needsRole = uploading.some((m) => writeRoles(m, app.plan));
  const helpers = [
    `function isUser(uid) {\n  return request.auth != null && request.auth.uid == uid;\n}`,
    `function validUpload(types) {\n  return request.resource.size <= ${maxBytes}\n    && request.resource.contentType.matches(types);\n}`,
    ...(needsRole
      ? [
          `function hasRole(roles) {\n  return request.auth != null && ('roles' in request.auth.token)\n    && request.auth.token.roles is list && request.auth.token.roles.hasAny(roles);\n}`,
        ]
      : []),
  ];
  const folders = new Map<string, ModelInfo>();
  for (const m of uploading)
    if (!folders.has(m.model.collection)) folders.set(m.model.collection, m);
  const blocks = [...folders.values()].map((m) => {
    const kind = m.model.access.kind;
    const read =
      kind === "owner"
        ? "isUser(uid)"
        : kind === "public-read" || kind === "public"
          ? "true"
          : "request.auth != null";
    const roles = writeRoles(m, app.plan);
    const writer = roles
      ? `isUser(uid) && hasRole([${roles.map(rulesString).join(", ")}])`
      : "isUser(uid)";
    return [
      `// ${m.name} uploads (${m.model.access.kind}), at most ${app.storage.maxFileMb} MB.`,
      `match /users/{uid}/${m.model.collection}/{fileName} {`,
      `  allow read: if ${read};`,
      `  allow create, update: if ${writer} && validUpload(${rulesString(contentTypePattern(typesOf(app, m)))});`,
      `  allow delete: if ${writer};`,
      `}`,
    ].join("\n");
  });
  return [
    `rules_version = '2';`,
    ``,
    `// Generated from the plan. Deny by default: only the uploads below are allowed.`,
    `service firebase.storage {`,
    `  match /b/{bucket}/o {`,
    ...(blocks.length > 0
      ? [indent(helpers.join("\n\n"), 2), ``, indent(blocks.join("\n\n"), 2)]
      : [`    // The plan has no uploads: nothing is readable or writable.`]),
    `  }`,
    `}`,
    ``,
  ].join("\n");
}
