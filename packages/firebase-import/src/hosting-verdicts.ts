// Hosting keys against apps/runtime/src/hosting: the runtime serves static files with a
// single-page fallback to /index.html (`spa`), `cleanUrls`, and `headers` whose sources are
// globs with `*`, `**`, `?` and `{a,b}`. One live site per project; no other rewrites, no
// redirects, no i18n, no function or Cloud Run rewrites.
import { keyName, type FirebaseSection, type SectionEntry } from "./firebase-json.js";
import type { JsonMember, JsonValue } from "./json-node.js";
import { describeKind, memberOf, preview, stringMember } from "./json-node.js";
import { makeItem, type ReportItem, type Verdict } from "./report.js";

const DEPLOY_HOOKS =
  "hooks are not run by winky: run these commands in your build before deploying";

export function hostingVerdicts(section: FirebaseSection, file: string): ReportItem[] {
  const items: ReportItem[] = [];
  if (section.layout === "array" && section.entries.length > 1) {
    items.push(
      makeItem(
        "hosting",
        "hosting",
        { file, line: section.position.line },
        "needs-change",
        `${section.entries.length} sites/targets: a winky project serves one site, so each extra target becomes its own project`,
      ),
    );
  }
  for (const entry of section.entries) {
    if (entry.value.kind !== "object") {
      items.push(
        makeItem(
          "hosting",
          entry.label,
          { file, line: entry.position.line },
          "not-understood",
          `expected an object but found ${describeKind(entry.value)}`,
        ),
      );
      continue;
    }
    if (entry.members.length === 0) {
      const at = { file, line: entry.position.line };
      items.push(makeItem("hosting", entry.label, at, "maps", "empty: nothing to import"));
    }
    for (const member of entry.members) items.push(...hostingKey(entry, member, file));
  }
  return items;
}

function hostingKey(entry: SectionEntry, member: JsonMember, file: string): ReportItem[] {
  const name = keyName(entry, member.key);
  const one = (verdict: Verdict, detail: string, alternative?: string) => [
    makeItem(
      "hosting",
      name,
      { file, line: member.keyPosition.line },
      verdict,
      detail,
      alternative,
    ),
  ];
  const value = member.value;
  switch (member.key) {
    case "public":
      return value.kind === "string"
        ? one("maps", `the folder ${value.value} is uploaded as the site's files`)
        : one(
            "needs-change",
            `public is ${describeKind(value)}: give the folder of the built site`,
          );
    case "ignore":
      return one("maps", "files matching these globs are left out of the upload");
    case "site":
    case "target":
      return one(
        "maps",
        `${preview(value)} names the site: it becomes the winky project's one site`,
      );
    case "cleanUrls":
      return one("maps", "the runtime's cleanUrls: /about serves /about.html");
    case "headers":
      return listItems(value, name, file, headerVerdict);
    case "rewrites":
      return listItems(value, name, file, rewriteVerdict);
    case "redirects":
      return listItems(value, name, file, () => [
        "unsupported",
        "hosting has no redirects",
        "answer the redirect from an HTTP function (status 301/302 and a Location header) or in the app's client-side router",
      ]);
    case "trailingSlash":
      return one(
        "unsupported",
        "the trailing slash is not configurable",
        "the runtime's fixed rule: a folder gets a trailing slash (/docs → /docs/), a file does not",
      );
    case "i18n":
      return one(
        "unsupported",
        "no country/language-specific content rewrites",
        "serve each locale under its own path (/fr/…) and choose it in the app",
      );
    case "appAssociation":
      return one(
        "unsupported",
        "no automatic apple-app-site-association for Dynamic Links",
        "upload /.well-known/apple-app-site-association as a static file in the public folder",
      );
    case "predeploy":
    case "postdeploy":
      return one("needs-change", DEPLOY_HOOKS);
    case "source":
      return one(
        "needs-change",
        `web-framework hosting (source ${preview(value)}): build the app to static files and point public at the output; server-rendered routes need HTTP functions`,
      );
    case "frameworksBackend":
      return one(
        "unsupported",
        "no server backend for web frameworks",
        "static export of the front end, with server routes rewritten as HTTP functions",
      );
    default:
      return one(
        "not-understood",
        `"${member.key}" = ${preview(value)}: not a hosting key the importer knows`,
      );
  }
}

type RuleVerdict = (rule: JsonValue) => [Verdict, string, string?];

function listItems(
  value: JsonValue,
  name: string,
  file: string,
  verdict: RuleVerdict,
): ReportItem[] {
  if (value.kind !== "array") {
    return [
      makeItem(
        "hosting",
        name,
        { file, line: value.position.line },
        "not-understood",
        `expected a list but found ${describeKind(value)}`,
      ),
    ];
  }
  return value.items.map((rule, i) => {
    const [v, detail, alternative] = verdict(rule);
    return makeItem(
      "hosting",
      `${name}[${i}]`,
      { file, line: rule.position.line },
      v,
      detail,
      alternative,
    );
  });
}

const rewriteVerdict: RuleVerdict = (rule) => {
  if (rule.kind !== "object")
    return ["not-understood", `expected an object but found ${describeKind(rule)}`];
  const source = stringMember(rule, "source") ?? stringMember(rule, "regex") ?? "?";
  const destination = stringMember(rule, "destination");
  const fn = memberOf(rule, "function")?.value;
  if (destination === "/index.html" && (source === "**" || source === "/**")) {
    return [
      "maps",
      "single-page fallback: the runtime's spa mode sends unknown paths to /index.html",
    ];
  }
  if (destination !== undefined) {
    return [
      "needs-change",
      `${source} → ${destination}: only the single-page fallback (** → /index.html) is served; route it in the app or move the target page`,
    ];
  }
  if (fn !== undefined) {
    const id =
      fn.kind === "string"
        ? fn.value
        : fn.kind === "object"
          ? (stringMember(fn, "functionId") ?? "?")
          : "?";
    return [
      "needs-change",
      `${source} → function ${id}: hosting cannot forward to functions; deploy it as an HTTP function and call /v1/projects/<project>/http/${id.replace(/^\//, "")} from the app`,
    ];
  }
  if (memberOf(rule, "run"))
    return [
      "unsupported",
      `${source} → Cloud Run: no containers behind hosting`,
      "an HTTP function, or run the service elsewhere and call it from the app",
    ];
  if (memberOf(rule, "dynamicLinks"))
    return [
      "unsupported",
      `${source} → Dynamic Links (shut down by Google)`,
      "ordinary links to app routes, with universal/app links files uploaded as static files",
    ];
  return [
    "not-understood",
    `rewrite {${rule.members.map((m) => m.key).join(", ")}} has no destination, function, run or dynamicLinks`,
  ];
};

const headerVerdict: RuleVerdict = (rule) => {
  if (rule.kind !== "object")
    return ["not-understood", `expected an object but found ${describeKind(rule)}`];
  const source = stringMember(rule, "source");
  if (source === undefined) {
    return [
      "needs-change",
      "the runtime matches headers by glob `source` only: turn the `regex` into a glob",
    ];
  }
  // Firebase accepts extglobs (`*.@(js|css)`); the runtime's globs write the same as `{js,css}`.
  const glob = source.replace(
    /@\(([^()]*)\)/g,
    (_m, body: string) => `{${body.split("|").join(",")}}`,
  );
  if (/[!+*?]\(/.test(glob)) {
    return [
      "needs-change",
      `${source} uses an extglob (!(…), +(…), *(…) or ?(…)) the runtime's globs lack: list the paths with {a,b}`,
    ];
  }
  if (glob !== source) {
    return [
      "needs-change",
      `write the source ${source} as ${glob}: the runtime's globs have {a,b}, not @(a|b)`,
    ];
  }
  return ["maps", `headers for ${source}`];
};
