/** One line per command; `winky --help` prints them all. */
export const COMMANDS = [
  {
    name: "dev",
    summary: "start Postgres, Redis, Docker and the runtime, orchestrator and studio (npm start)",
  },
  {
    name: "emulators:start",
    summary: "the runtime alone on embedded Postgres with one project (--import, --export-on-exit)",
  },
  {
    name: "rules check",
    summary: "check rules files: compiler-style errors and warnings; exit 1 on errors",
  },
  {
    name: "rules test",
    summary: "run every cases.json under the folders; ends with 'N passed, M failed'",
  },
  {
    name: "audit verify",
    summary:
      "recompute a project's audit-trail hash chain from a runtime (--url, --project, --key-file)",
  },
  {
    name: "events replay",
    summary:
      "run a selection of the event log through the triggers again (--from, --to, --kind, --path)",
  },
  {
    name: 'new "<prompt>"',
    summary:
      "plan, preview, code, test, review, smoke, commit and deploy an app (--yes, --out, --json)",
  },
  {
    name: "runs list|show <id>",
    summary: "the generation runs of this data dir, newest first; one run's steps and result",
  },
  {
    name: "runs resume <id>",
    summary: "continue a run after a crash or Ctrl-C, from the last step it finished",
  },
  {
    name: "runs approve|reject <id>",
    summary: "answer the approval a run waits for (--comment says why)",
  },
  {
    name: "users roles <email>",
    summary:
      "show or change a user's roles (--grant, --revoke, repeatable; --project, --url, --key-file)",
  },
  {
    name: "secrets set|list|delete",
    summary:
      "the local secret store (--scope: winky-platform, or a project); set reads the value from stdin",
  },
  {
    name: "teams create <slug>",
    summary: "a team, its owner (--owner email) and their first API token, shown once; teams list",
  },
  {
    name: "import firebase <dir>",
    summary:
      "a Firebase project's compatibility report, then rules, indexes, data, users, files into a new project (--project, --report-only, --json)",
  },
  {
    name: "export",
    summary:
      "a project back out in the Firebase folder layout import reads (--project, --out, --url, --key-file, --json)",
  },
  {
    name: "sync firebase",
    summary:
      "mirror a project's document writes to Cloud Firestore (--project, --firestore-project, --token-file, --once)",
  },
  { name: "help", summary: "show this help" },
] as const;

export const EMULATOR_OPTIONS = [
  ["--project <id>", "the project to create or reuse (default demo)"],
  ["--port <n>", "runtime port (default 4000, or WINKY_EMULATOR_PORT)"],
  ["--rules <file>", "deploy this firestore.rules on start"],
  ["--indexes <file>", "deploy this firestore.indexes.json on start"],
  ["--import <dir>", "load documents.json (and firestore.indexes.json) from an export"],
  ["--export-on-exit <dir>", "write documents.json and firestore.indexes.json there on Ctrl-C"],
  ["--data-dir <dir>", "where its data lives (default ./.winky/emulator)"],
] as const;

export const NEW_OPTIONS = [
  ["--yes, -y", "approve the plan and the result for local use (recorded as such)"],
  ["--out <dir>", "also write the app's files to this new or empty directory"],
  ["--json", "print one JSON object at the end (progress goes to standard error)"],
  ["--name <app>", "the app's name: its project and repository (default: from the prompt)"],
  [
    "--engine offline|model",
    "model: OPENAI_API_KEY/OPENAI_BASE_URL + WINKY_MODEL (the default when set); offline: none",
  ],
  ["--data-dir, --runtime-port", "as for dev; a running winky dev on the data dir is used"],
] as const;

export const IMPORT_OPTIONS = [
  ["--project <id>", "the new project (default: .firebaserc's default, or the old layout's name)"],
  ["--report-only", "print the compatibility report and write nothing"],
  ["--json", "the report (and what was imported) as one JSON object"],
  ["--data, --users, --storage", "firestore-data/, auth-users.json, storage-files/ elsewhere"],
  ["--url, --key-file", "the runtime and its operator key (default: the emulator's)"],
] as const;

export const DEV_OPTIONS = [
  ["--data-dir <dir>", "where local data lives (default: ./.winky, or WINKY_DATA_DIR)"],
  ["--studio-port <n>", "studio port (default 3000, or WINKY_STUDIO_PORT)"],
  ["--runtime-port <n>", "runtime port (default 4000, or WINKY_RUNTIME_PORT)"],
  ["--orchestrator-port <n>", "orchestrator port (default 4100, or WINKY_ORCHESTRATOR_PORT)"],
] as const;

export function helpText(): string {
  const width = Math.max(
    ...COMMANDS.map((c) => c.name.length),
    ...DEV_OPTIONS.map((o) => o[0].length),
    ...NEW_OPTIONS.map((o) => o[0].length),
    ...EMULATOR_OPTIONS.map((o) => o[0].length),
    ...IMPORT_OPTIONS.map((o) => o[0].length),
  );
  const commands = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  const options = DEV_OPTIONS.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`);
  return [
    "Usage: winky <command> [options]",
    "",
    "Commands:",
    ...commands,
    "",
    "Options for dev:",
    ...options,
    "",
    "Options for new and runs:",
    ...NEW_OPTIONS.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
    "",
    "Options for emulators:start:",
    ...EMULATOR_OPTIONS.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
    "",
    "Options for import firebase:",
    ...IMPORT_OPTIONS.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
    "",
    "Global options:",
    `  ${"-h, --help".padEnd(width)}  show this help`,
    `  ${"-v, --version".padEnd(width)}  print the version`,
    "",
    "Environment: DATABASE_URL and REDIS_URL use those servers instead of starting embedded ones;",
    "DOCKER_HOST points at another Docker engine.",
    "",
  ].join("\n");
}
