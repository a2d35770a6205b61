// Report items for what the analyzer found: one per function (what it becomes on winky, or
// what to change, or why it has no equivalent), per secret, param and functions.config() read.
import { formatSource, makeItem, type ReportItem } from "../report.js";
import { isSecretName, type FunctionOptions } from "./options.js";
import type { UnresolvedExport } from "./discover.js";
import type { SdkUse } from "./sdk-uses.js";
import type { TriggerReading } from "./trigger-targets.js";
import { AREA, type DiscoveredFunction, type RuntimeTrigger } from "./types.js";

export const FUNCTION_NAME = /^[a-zA-Z][\w-]{0,62}$/;
const PROJECT = "<project>";

/** `functions.users-onCreate`, or `functions[api].users-onCreate` for a named codebase. */
export function itemName(codebase: string, name: string): string {
  return codebase === "default" ? `functions.${name}` : `functions[${codebase}].${name}`;
}

export function describeTrigger(trigger: RuntimeTrigger, name: string): string {
  switch (trigger.kind) {
    case "callable":
      return `callable: POST /v1/projects/${PROJECT}/functions/${name}:call`;
    case "http":
      return `http: /v1/projects/${PROJECT}/http/${name}`;
    case "document":
      return `document ${trigger.event} on ${trigger.path}`;
    case "auth":
      return `auth user ${trigger.event}`;
    case "storage":
      return `storage object ${trigger.event}${trigger.prefix ? ` under ${trigger.prefix}` : ""}`;
    case "schedule":
      return `schedule "${trigger.schedule}" in ${trigger.timeZone ?? "UTC"}`;
  }
}

export function functionItem(fn: DiscoveredFunction, reading: TriggerReading): ReportItem {
  const name = itemName(fn.codebase, fn.name);
  const from = `${fn.firebaseTrigger} (${fn.generation === 1 ? "1st" : "2nd"} gen)`;
  const { notes, changes } = reading.options;
  if (reading.unsupported) {
    return makeItem(
      AREA,
      name,
      fn.source,
      "unsupported",
      `${from}: ${reading.unsupported.why}`,
      reading.unsupported.alternative,
    );
  }
  const problems = [...changes];
  if (!FUNCTION_NAME.test(fn.name)) {
    problems.push(
      `the name ${fn.name} is not a winky function name (a letter, then up to 62 letters, digits, _ or -): rename the export`,
    );
  }
  const becomes = fn.trigger ? `${from} → ${describeTrigger(fn.trigger, fn.name)}` : from;
  const extras = [
    ...(fn.memoryMb === undefined ? [] : [`memoryMb ${fn.memoryMb}`]),
    ...(fn.timeoutMs === undefined ? [] : [`timeoutMs ${fn.timeoutMs}`]),
    ...(fn.secrets.length === 0 ? [] : [`secrets ${fn.secrets.join(", ")}`]),
    ...notes,
  ];
  const detail = [becomes, ...extras, ...problems].join("; ");
  return makeItem(
    AREA,
    name,
    fn.source,
    problems.length > 0 || !fn.trigger ? "needs-change" : "maps",
    detail,
  );
}

export function unresolvedItem(codebase: string, unresolved: UnresolvedExport): ReportItem {
  const name = itemName(codebase, unresolved.exportPath.join("-"));
  return makeItem(
    AREA,
    name,
    unresolved.source,
    "not-understood",
    `${formatSource(unresolved.source)}: ${unresolved.reason}; the analyzer cannot tell whether or how it deploys: write it as a direct firebase-functions trigger, or port it by hand`,
  );
}

export function useItem(use: SdkUse): ReportItem {
  const where = formatSource(use.source);
  if (use.name === undefined) {
    const what = use.kind === "secret" ? "a secret" : "a param";
    return makeItem(
      AREA,
      `${use.kind}s.?`,
      use.source,
      "not-understood",
      `${where}: ${what} whose name is computed: name it with a literal`,
    );
  }
  if (use.kind === "config") {
    const env = configEnvName(use.name);
    const detail =
      use.name === ""
        ? `${where}: functions.config() is gone (also deprecated by Firebase): store each value it holds as a secret and read it from process.env`
        : `${where}: functions.config() is gone (also deprecated by Firebase): store ${use.name} as the secret ${env} and read process.env.${env}`;
    return makeItem(
      AREA,
      `functions.config().${use.name}`.replace(/\.$/, ""),
      use.source,
      "needs-change",
      detail,
    );
  }
  if (use.kind === "secret") {
    if (!isSecretName(use.name)) {
      return makeItem(
        AREA,
        `secrets.${use.name}`,
        use.source,
        "needs-change",
        `${where}: winky secret names are upper case letters, digits and _: rename ${use.name}`,
      );
    }
    return makeItem(
      AREA,
      `secrets.${use.name}`,
      use.source,
      "maps",
      `winky secrets set ${use.name} --scope ${PROJECT}; functions that list it read process.env.${use.name} (for ${use.name}.value())`,
    );
  }
  const env = configEnvName(use.name);
  return makeItem(
    AREA,
    `params.${use.name}`,
    use.source,
    "needs-change",
    `${where}: define${capitalize(use.paramKind ?? "string")}("${use.name}") has no winky equivalent: set it with \`winky secrets set ${env} --scope ${PROJECT}\` (or as an environment value at deploy) and read process.env.${env}`,
  );
}

/** "stripe.key" → "STRIPE_KEY": what an environment or secret name can carry. */
export function configEnvName(path: string): string {
  let out = "";
  for (const ch of path.toUpperCase())
    out += (ch >= "A" && ch <= "Z") || (ch >= "0" && ch <= "9") ? ch : "_";
  return out !== "" && out[0] !== undefined && out[0] >= "0" && out[0] <= "9" ? `_${out}` : out;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export function globalOptionsItem(use: SdkUse, globals: FunctionOptions): ReportItem {
  const applied = [
    ...(globals.memoryMb === undefined ? [] : [`memoryMb ${globals.memoryMb}`]),
    ...(globals.timeoutMs === undefined ? [] : [`timeoutMs ${globals.timeoutMs}`]),
    ...(globals.secrets.length === 0 ? [] : [`secrets ${globals.secrets.join(", ")}`]),
  ];
  const detail = [
    applied.length === 0
      ? "setGlobalOptions: nothing in it changes how winky deploys"
      : `setGlobalOptions: every 2nd gen function gets ${applied.join(", ")} unless it sets its own`,
    ...globals.notes,
    ...globals.changes,
  ].join("; ");
  const verdict = globals.changes.length > 0 ? "needs-change" : "maps";
  return makeItem(AREA, "functions.setGlobalOptions", use.source, verdict, detail);
}
