// The check after an import: the project as the runtime now holds it, compared with the source —
// documents, users, files, site files and functions counted; the deployed rules evaluated on
// sample requests built from the imported data (`sample-requests.ts`). Appended to the report.
import type { AdminClient } from "@winky/admin-client";
import type { RMap } from "@winky/rules";
import {
  evaluateAsync,
  fromPlainJson,
  isRulesSyntaxError,
  prepareFirestoreRequest,
  prepareStorageRequest,
  RTimestamp,
  RulesProgram,
  type AsyncDocumentReader,
} from "@winky/rules";
import type { ImportSource } from "../import/inspect-project.js";
import type { ImportCounts } from "../import/write-project.js";
import { fieldsToRules } from "./rules-values.js";
import { countDocuments, countObjects, countUsers } from "./runtime-counts.js";
import { sampleRequests, type SampleRequest } from "./sample-requests.js";

export interface SmokeCount {
  what: string;
  source: number;
  imported: number;
}

export interface SmokeDecision {
  service: "firestore" | "storage";
  request: string;
  who: string;
  allowed: boolean;
  /** Why, in a few words: the allow that granted it, or what denied it. */
  because: string;
}

export interface SmokeResult {
  project: string;
  counts: SmokeCount[];
  decisions: SmokeDecision[];
  /** True when every count matches. Rule decisions are information, not pass or fail. */
  ok: boolean;
}

export async function smokeCheck(
  client: AdminClient,
  source: ImportSource,
  project: string,
  written: ImportCounts,
): Promise<SmokeResult> {
  const counts: SmokeCount[] = [
    {
      what: "documents",
      source: source.data?.documents.length ?? 0,
      imported: await countDocuments(client, project),
    },
    {
      what: "users",
      source: source.auth?.users.length ?? 0,
      imported: await countUsers(client, project),
    },
    {
      what: "storage files",
      source: source.storage?.files.length ?? 0,
      imported: await countObjects(client, project),
    },
    { what: "site files", source: source.site?.files.size ?? 0, imported: written.site },
    {
      what: "functions",
      source: source.functionDeploys.length + (source.winkyFunctions?.functions.length ?? 0),
      imported: (await client.listFunctions(project)).length,
    },
  ];
  const decisions = await decide(client, source, project);
  return { project, counts, decisions, ok: counts.every((c) => c.source === c.imported) };
}

async function decide(
  client: AdminClient,
  source: ImportSource,
  project: string,
): Promise<SmokeDecision[]> {
  const documents = source.data?.documents ?? [];
  const requests = sampleRequests(documents, source.storage?.files ?? [], source.auth?.users ?? []);
  // get()/exists() read a handful of documents: convert those, not the whole import.
  const byPath = new Map(documents.map((d) => [d.path, d]));
  const reader: AsyncDocumentReader = {
    get: async (segments) => {
      const found = byPath.get(segments.join("/"));
      return found ? fieldsToRules(found.fields) : undefined;
    },
  };
  const programs = new Map<string, RulesProgram | string>();
  const programOf = async (service: "firestore" | "storage") => {
    if (!programs.has(service)) {
      const text = await client.getRules(project, service);
      try {
        programs.set(
          service,
          text === null
            ? "no rules are deployed: every request is denied"
            : RulesProgram.compile(text, `${service}.rules`),
        );
      } catch (e) {
        if (!isRulesSyntaxError(e)) throw e;
        programs.set(service, `the deployed rules do not compile: ${e.message}`);
      }
    }
    return programs.get(service)!;
  };
  const now = Date.now();
  const time = new RTimestamp(Math.floor(now / 1000), (now % 1000) * 1e6);
  const decisions: SmokeDecision[] = [];
  for (const request of requests) {
    const program = await programOf(request.service);
    const label = `${request.method} ${request.path}`;
    if (typeof program === "string") {
      decisions.push({
        service: request.service,
        request: label,
        who: request.who,
        allowed: false,
        because: program,
      });
      continue;
    }
    const auth = authOf(request);
    const prepared =
      request.service === "firestore"
        ? prepareFirestoreRequest({
            method: request.method,
            path: request.path,
            auth,
            time,
            ...(request.method !== "list" && request.document
              ? { resource: fieldsToRules(request.document.fields) }
              : {}),
            ...(request.method === "update" && request.document
              ? { data: fieldsToRules(request.document.fields) }
              : {}),
          })
        : [
            prepareStorageRequest({
              method: request.method,
              path: request.path,
              bucket: project,
              auth,
              time,
              existing: objectOf(request, source),
            }),
          ];
    const verdicts = [];
    for (const p of prepared)
      verdicts.push(
        await evaluateAsync(program, { ...p, current: reader, after: reader, explain: true }),
      );
    const allowed = verdicts.every((v) => v.allowed);
    decisions.push({
      service: request.service,
      request: label,
      who: whoOf(request),
      allowed,
      because: reason(verdicts, allowed),
    });
  }
  return decisions;
}

function authOf(request: SampleRequest): RMap | null {
  const user = request.as;
  if (!user) return null;
  const token = {
    ...user.customClaims,
    sub: user.uid,
    ...(user.email ? { email: user.email, email_verified: user.emailVerified } : {}),
  };
  return fromPlainJson({ uid: user.uid, token }) as RMap;
}

function objectOf(request: SampleRequest, source: ImportSource): RMap {
  const file = source.storage?.files.find((f) => f.name === request.path);
  return fromPlainJson({
    name: request.path,
    bucket: "",
    size: file?.size ?? 0,
    contentType: file?.contentType ?? "application/octet-stream",
    metadata: {},
  }) as RMap;
}

function whoOf(request: SampleRequest): string {
  return request.as ? `${request.who} (${request.as.uid})` : request.who;
}

function reason(
  verdicts: {
    allowed: boolean;
    attempts: { outcome: string; location: { line: number }; falseAt?: { expression: string } }[];
  }[],
  allowed: boolean,
): string {
  const attempts = verdicts.flatMap((v) => v.attempts);
  if (allowed) {
    const granted = attempts.find((a) => a.outcome === "allowed");
    return granted ? `allowed by line ${granted.location.line}` : "allowed";
  }
  if (attempts.length === 0) return "no allow statement applies: denied by default";
  const failed = attempts.find((a) => a.falseAt) ?? attempts[0]!;
  return failed.falseAt
    ? `line ${failed.location.line}: ${failed.falseAt.expression} is false`
    : `line ${failed.location.line}: ${failed.outcome}`;
}
