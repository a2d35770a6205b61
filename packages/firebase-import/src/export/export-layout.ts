// The files that describe an exported project: firebase.json naming everything the importer
// reads back, .firebaserc, and a README saying which command imports each users file into
// Firebase (the two hash algorithms need two `firebase auth:import` runs).
import type { SiteVersion } from "@winky/admin-client";
import type { UsersExport } from "./export-users.js";

/** The file and folder names of the layout, shared with the importer's defaults. */
export const LAYOUT = {
  firestoreRules: "firestore.rules",
  storageRules: "storage.rules",
  indexes: "firestore.indexes.json",
  documents: "firestore-data/documents.json",
  users: "auth-users.json",
  hashConfig: "auth-hash-config.txt",
  standardUsers: "auth-users.standard-scrypt.json",
  standardHashConfig: "auth-hash-config.standard-scrypt.txt",
  storage: "storage-files",
  site: "public",
  functions: "functions-winky",
} as const;

export interface LayoutParts {
  firestoreRules: boolean;
  storageRules: boolean;
  indexes: boolean;
  site: SiteVersion | null;
}

/** firebase.json: only the sections there is something for. */
export function firebaseJson(parts: LayoutParts): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  if (parts.firestoreRules || parts.indexes) {
    json.firestore = {
      ...(parts.firestoreRules ? { rules: LAYOUT.firestoreRules } : {}),
      ...(parts.indexes ? { indexes: LAYOUT.indexes } : {}),
    };
  }
  if (parts.storageRules) json.storage = { rules: LAYOUT.storageRules };
  if (parts.site) {
    const { spa, cleanUrls, headers } = parts.site.config;
    json.hosting = {
      public: LAYOUT.site,
      // firebase init's list: the importer and firebase deploy skip these whatever it says.
      ignore: ["firebase.json", "**/.*", "**/node_modules/**"],
      ...(spa ? { rewrites: [{ source: "**", destination: "/index.html" }] } : {}),
      cleanUrls,
      ...(headers.length > 0
        ? {
            headers: headers.map((rule) => ({
              source: rule.source,
              headers: Object.entries(rule.headers).map(([key, value]) => ({ key, value })),
            })),
          }
        : {}),
    };
  }
  return json;
}

export function firebaserc(project: string): Record<string, unknown> {
  return { projects: { default: project } };
}

/** README.md of the folder: what is where, and how each part goes back into Firebase. */
export function readme(project: string, users: UsersExport): string {
  const lines = [
    `# ${project}, exported by \`winky export\``,
    "",
    `\`winky import firebase <this folder> --project <id>\` imports it all into a new Winky project.`,
    "The folder is in Firebase's layout; to deploy it to Firebase instead:",
    "",
    "- rules, indexes and the site: `firebase deploy --only firestore,storage,hosting`",
    "- documents: `firestore-data/documents.json` holds Firestore REST documents (write them with the Admin SDK)",
    "- storage files: `gsutil -m cp -r 'storage-files/*' gs://<bucket>/`",
  ];
  if (users.firebase.importFlags) {
    lines.push(
      `- users still on Firebase's hash: \`firebase auth:import ${LAYOUT.users} ${users.firebase.importFlags}\` (values in ${LAYOUT.hashConfig})`,
    );
  } else {
    lines.push(`- users without passwords: \`firebase auth:import ${LAYOUT.users}\``);
  }
  if (users.standard.importFlags) {
    lines.push(
      `- users Winky rehashed: \`firebase auth:import ${LAYOUT.standardUsers} ${users.standard.importFlags}\``,
      "  (Winky normalises passwords to Unicode NFC before hashing and Firebase does not: a password typed in another normal form, rare outside some macOS input, will not match in Firebase)",
    );
  }
  lines.push(
    `- functions: \`${LAYOUT.functions}/\` holds each function's deployed source and settings in Winky's own layout (not firebase-functions code)`,
    "",
    `${LAYOUT.hashConfig} holds the project's signer key: keep this folder out of Git.`,
  );
  if (users.leftWithoutPassword.length > 0) {
    lines.push(
      "",
      "Users exported without their password (they need a password reset):",
      ...users.leftWithoutPassword.map((u) => `- ${u.uid}: ${u.reason}`),
    );
  }
  return `${lines.join("\n")}\n`;
}
