// Rules evaluation cost per request (budget: 20 µs median for a typical 10-match rule set),
// and how it grows with 10, 100 and 1,000 match blocks. The peer is the same decision written
// by hand as a plain JavaScript function: the floor any interpreter is measured against.
// Needs `npm run build` first.
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const rules = await import(path.join(repo, "packages/rules/dist/index.js"));
const { RulesProgram, prepareFirestoreRequest, fromPlainJson, RTimestamp } = rules;

/** A typical rule set: helper functions, ownership, validation of the written document. */
function ruleSet(blocks) {
  const matches = [];
  for (let i = 0; i < blocks; i++) {
    matches.push(`
    match /coll${i}/{docId} {
      allow read: if signedIn() && (resource.data.owner == request.auth.uid || resource.data.public == true);
      allow create: if signedIn() && validNote(request.resource.data) && request.resource.data.owner == request.auth.uid;
      allow update: if isOwner() && request.resource.data.diff(resource.data).affectedKeys().hasOnly(['title', 'body', 'tags']);
      allow delete: if isOwner();
    }`);
  }
  return `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    function signedIn() { return request.auth != null; }
    function isOwner() { return signedIn() && resource.data.owner == request.auth.uid; }
    function validNote(d) {
      return d.keys().hasOnly(['title', 'body', 'tags', 'owner'])
        && d.title is string && d.title.size() > 0 && d.title.size() <= 200
        && d.tags is list && d.tags.size() <= 10;
    }${matches.join("")}
  }
}`;
}

const auth = fromPlainJson({ uid: "alice", token: { email: "alice@example.com" } });
const note = { title: "Groceries", body: "milk, eggs", tags: ["home"], owner: "alice" };
function requestFor(blocks) {
  const [prepared] = prepareFirestoreRequest({
    method: "create",
    path: `coll${Math.floor(blocks / 2)}/n1`,
    auth,
    time: new RTimestamp(1_700_000_000, 0),
    data: fromPlainJson(note),
  });
  return prepared;
}

/** The same create decision, written by hand. */
function handWritten(req) {
  const a = req.auth;
  const d = req.data;
  const keys = Object.keys(d);
  const allowed = new Set(["title", "body", "tags", "owner"]);
  return (
    a != null &&
    keys.every((k) => allowed.has(k)) &&
    typeof d.title === "string" &&
    d.title.length > 0 &&
    d.title.length <= 200 &&
    Array.isArray(d.tags) &&
    d.tags.length <= 10 &&
    d.owner === a.uid
  );
}

function measure(fn, iterations) {
  for (let i = 0; i < Math.min(iterations, 2000); i++) fn(); // warm up the JIT
  const samples = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    fn();
    samples[i] = performance.now() - t;
  }
  samples.sort();
  const total = samples.reduce((s, x) => s + x, 0);
  return {
    p50: samples[Math.floor(iterations * 0.5)] * 1000,
    p99: samples[Math.floor(iterations * 0.99)] * 1000,
    perSecond: Math.round(iterations / (total / 1000)),
  };
}

const fmt = (us) => `${us.toFixed(2)} µs`;
const peerRequest = { auth: { uid: "alice" }, data: note };
const peer = measure(() => handWritten(peerRequest), 50_000);
console.log(
  `peer (hand-written JS): p50 ${fmt(peer.p50)}, p99 ${fmt(peer.p99)}, ${peer.perSecond.toLocaleString("en")} /s`,
);
for (const blocks of [10, 100, 1000]) {
  const program = RulesProgram.compile(ruleSet(blocks), `bench-${blocks}.rules`);
  const input = requestFor(blocks);
  const verdict = program.evaluate(input);
  if (!verdict.allowed) throw new Error(`the benchmark request must be allowed (${blocks} blocks)`);
  const r = measure(() => program.evaluate(input), blocks >= 1000 ? 5_000 : 30_000);
  const budget = blocks === 10 ? `; budget 20 µs: ${r.p50 <= 20 ? "within" : "OVER"}` : "";
  console.log(
    `${String(blocks).padStart(4)} match blocks: p50 ${fmt(r.p50)}, p99 ${fmt(r.p99)}, ` +
      `${r.perSecond.toLocaleString("en")} evaluations/s, ${(r.p50 / peer.p50).toFixed(1)}x the peer${budget}`,
  );
}
