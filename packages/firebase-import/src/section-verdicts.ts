// Verdicts for firebase.json's sections other than hosting: what the runtime has (documents
// with rules and composite indexes, storage with rules, functions in sandboxes, auth with
// email/password, anonymous and OIDC, one emulator) and what it lacks (Realtime Database,
// Remote Config, Data Connect, Extensions, App Hosting, AI Logic).
import { keyName, type FirebaseSection, type SectionEntry } from "./firebase-json.js";
import type { JsonMember } from "./json-node.js";
import { describeKind, preview } from "./json-node.js";
import { makeItem, type ReportItem, type Verdict } from "./report.js";
import { UNSUPPORTED_SECTIONS } from "./unsupported-products.js";

type KeyVerdict = (member: JsonMember, entry: SectionEntry) => [Verdict, string, string?];

const DEPLOY_HOOK: KeyVerdict = () => [
  "needs-change",
  "deploy hooks are not run by winky: run these commands in your build before deploying",
];
const unknownKey: KeyVerdict = (m) => [
  "not-understood",
  `"${m.key}" = ${preview(m.value)}: not a key of this section the importer knows`,
];

const FUNCTIONS: Record<string, KeyVerdict> = {
  source: (m) => [
    "needs-change",
    `functions in ${preview(m.value)} are written against firebase-functions; winky runs each function as one module with a default handler(event, context) and its trigger given at deploy (HTTP, callable, document, auth, storage, schedule map one to one): each export is rewritten to that shape`,
  ],
  codebase: (m) => [
    "maps",
    `codebase ${preview(m.value)}: a grouping only; winky function names are per project, so names must be unique across codebases`,
  ],
  runtime: (m) =>
    m.value.kind === "string" && !m.value.value.startsWith("nodejs")
      ? [
          "unsupported",
          `runtime ${m.value.value}: the sandboxes run Node.js only`,
          "rewrite the functions in TypeScript or JavaScript",
        ]
      : ["maps", `runtime ${preview(m.value)}: functions run on the sandbox's Node.js`],
  ignore: () => ["maps", "files matching these globs are left out of the function bundles"],
  predeploy: DEPLOY_HOOK,
  postdeploy: DEPLOY_HOOK,
  configDir: () => [
    "needs-change",
    "parameterised config (.env files): set each value as a winky secret and read it from process.env",
  ],
  disallowLegacyRuntimeConfig: () => [
    "maps",
    "winky has no functions.config(): secrets reach process.env",
  ],
  prefix: () => [
    "needs-change",
    "function-name prefixes: deploy each function under its full name",
  ],
  remoteSource: () => [
    "unsupported",
    "functions fetched from a remote repository",
    "clone the repository and import its functions folder",
  ],
  kit: () => [
    "unsupported",
    "function kits",
    "write the kit's functions as ordinary winky functions",
  ],
  instances: () => [
    "unsupported",
    "function kit instances",
    "deploy each instance as its own function",
  ],
  sourcePackage: () => [
    "unsupported",
    "function kit packages",
    "deploy the package's handlers as functions",
  ],
};

const FIRESTORE: Record<string, KeyVerdict> = {
  rules: (m) => [
    "maps",
    `security rules in ${preview(m.value)}: winky evaluates Firestore rules (its syntax is checked below)`,
  ],
  indexes: (m) => ["maps", `composite indexes in ${preview(m.value)} (each index is listed below)`],
  database: (m) =>
    m.value.kind === "string" && m.value.value !== "(default)"
      ? [
          "needs-change",
          `named database ${m.value.value}: a winky project has one document database, so it becomes its own project`,
        ]
      : ["maps", "the (default) database"],
  location: (m) => ["maps", `location ${preview(m.value)}: data lives where the runtime runs`],
  edition: (m) =>
    m.value.kind === "string" && m.value.value !== "standard"
      ? ["unsupported", `edition ${m.value.value}`, "the Firestore-style (standard) documents API"]
      : ["maps", "standard edition"],
  dataAccessMode: () => [
    "unsupported",
    "data access mode (MongoDB-compatible access)",
    "the Firestore-style documents API",
  ],
  target: (m) => ["maps", `target ${preview(m.value)}`],
  predeploy: DEPLOY_HOOK,
  postdeploy: DEPLOY_HOOK,
};

const STORAGE: Record<string, KeyVerdict> = {
  rules: (m) => [
    "maps",
    `storage rules in ${preview(m.value)}: winky evaluates Storage rules (syntax checked below)`,
  ],
  target: (m) => [
    "needs-change",
    `bucket target ${preview(m.value)}: a winky project has one bucket, so each extra target becomes its own project`,
  ],
  bucket: (m) => ["needs-change", `bucket ${preview(m.value)}: a winky project has one bucket`],
  predeploy: DEPLOY_HOOK,
  postdeploy: DEPLOY_HOOK,
};

const SERVED_EMULATORS = ["auth", "firestore", "functions", "hosting", "storage", "hub", "logging"];

const emulatorVerdict: KeyVerdict = (m) => {
  if (SERVED_EMULATORS.includes(m.key)) {
    return [
      "maps",
      `served by \`winky emulators:start\` on its one port (--port, default 4000)${m.value.kind === "object" ? ", not each service's own: point the SDK's connect…Emulator calls at it" : ""}`,
    ];
  }
  if (m.key === "singleProjectMode")
    return ["maps", "the emulator serves exactly one project (--project)"];
  if (m.key === "ui")
    return [
      "unsupported",
      "no emulator UI",
      "the winky CLI (users, rules, events commands) and the admin API",
    ];
  const names: Record<string, string> = {
    database: "Realtime Database",
    dataconnect: "Data Connect",
    extensions: "Extensions",
    apphosting: "App Hosting",
    pubsub: "Pub/Sub",
    eventarc: "Eventarc",
    tasks: "Cloud Tasks",
  };
  const what = names[m.key];
  return what
    ? [
        "unsupported",
        `no ${what} emulator`,
        "see this service's own item for the winky alternative; events run through the runtime's triggers and queue",
      ]
    : unknownKey(m, {} as SectionEntry);
};

const AUTH_PROVIDERS: Record<string, KeyVerdict> = {
  anonymous: () => ["maps", "anonymous sign-in"],
  emailPassword: () => ["maps", "email/password sign-in"],
  googleSignIn: () => [
    "needs-change",
    "Google sign-in: configure Google as an OIDC provider of the project (client id and secret from Google Cloud)",
  ],
};

export function sectionVerdicts(section: FirebaseSection, file: string): ReportItem[] {
  const unsupported = UNSUPPORTED_SECTIONS[section.name];
  if (unsupported) {
    const [product, alternative] = unsupported;
    return section.entries.flatMap((entry) => {
      const parts = entry.members.length > 0 ? entry.members : [undefined];
      return parts.map((m) =>
        makeItem(
          section.name,
          m ? keyName(entry, m.key) : entry.label,
          { file, line: (m?.keyPosition ?? entry.position).line },
          "unsupported",
          `${product}${m ? ` (${m.key} = ${preview(m.value)})` : ""}: winky has no ${product}`,
          alternative,
        ),
      );
    });
  }
  const table: Record<string, KeyVerdict | Record<string, KeyVerdict>> = {
    functions: FUNCTIONS,
    firestore: FIRESTORE,
    storage: STORAGE,
  };
  const items: ReportItem[] = [];
  for (const entry of section.entries) {
    const at = (line: number) => ({ file, line });
    if (entry.value.kind !== "object") {
      items.push(
        makeItem(
          section.name,
          entry.label,
          at(entry.position.line),
          "not-understood",
          `expected an object but found ${describeKind(entry.value)}`,
        ),
      );
      continue;
    }
    if (entry.members.length === 0) {
      items.push(
        makeItem(
          section.name,
          entry.label,
          at(entry.position.line),
          "maps",
          "empty: nothing to import",
        ),
      );
    }
    for (const member of entry.members) {
      const name = keyName(entry, member.key);
      if (section.name === "auth" && member.key === "providers" && member.value.kind === "object") {
        for (const p of member.value.members) {
          const [v, d, a] = (AUTH_PROVIDERS[p.key] ?? unknownKey)(p, entry);
          items.push(makeItem("auth", `${name}.${p.key}`, at(p.keyPosition.line), v, d, a));
        }
        continue;
      }
      const verdicts = table[section.name];
      const verdict =
        section.name === "emulators"
          ? emulatorVerdict
          : typeof verdicts === "object"
            ? (verdicts[member.key] ?? unknownKey)
            : unknownKey;
      const [v, d, a] = verdict(member, entry);
      items.push(makeItem(section.name, name, at(member.keyPosition.line), v, d, a));
    }
  }
  return items;
}
