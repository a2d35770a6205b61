// Summarises a V8 .cpuprofile (`node --cpu-prof`): where the time went by area (our code,
// each dependency, Node internals, GC, idle), the top functions by self time, and our own
// functions by inclusive time, with our built files mapped back to their TypeScript sources.
// Usable alone: `node bench/baas/cpu-profile.mjs <file> [top]`.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { SourceMap } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Where a frame's code lives: "ours: apps/runtime", "dep: fastify", "node", or a V8 marker. */
function areaOf(frame) {
  const url = frame.url.replace(/^file:\/\//, "");
  if (!url) return frame.functionName.startsWith("(") ? frame.functionName : "native/V8";
  if (url.startsWith("node:")) return "node";
  const rel = path.relative(repo, url);
  const dep = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(rel);
  if (dep) return `dep: ${dep[1]}`;
  const own = /^(apps|packages)\/([^/]+)\//.exec(rel);
  return own ? `ours: ${own[1]}/${own[2]}` : rel;
}

const maps = new Map();
/** The source map beside a built file, or null. */
function mapOf(file) {
  if (!maps.has(file)) {
    let map = null;
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, "utf8")));
    } catch {
      // no map: the built file's own position is shown
    }
    maps.set(file, map);
  }
  return maps.get(file);
}

/** `name (path:line)`, for our code the TypeScript source line the built code came from. */
function labelOf(frame) {
  const file = frame.url.replace(/^file:\/\//, "");
  if (!file) return frame.functionName || "(anonymous)";
  let where = `${path.relative(repo, file)}:${frame.lineNumber + 1}`;
  const entry = file.includes("/node_modules/")
    ? undefined
    : mapOf(file)?.findEntry(frame.lineNumber, frame.columnNumber);
  if (entry?.originalSource) {
    const source = path.resolve(path.dirname(file), entry.originalSource.replace(/^file:\/\//, ""));
    where = `${path.relative(repo, source)}:${entry.originalLine + 1}`;
  }
  return `${frame.functionName || "(anonymous)"} ${where}`;
}

/**
 * Reads a profile and returns its summary as printable lines; samples in the first `skipMs`
 * (the process's boot and the warm-up) are left out.
 */
export async function summariseProfile(file, { top = 15, skipMs = 0 } = {}) {
  const profile = JSON.parse(await readFile(file, "utf8"));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  const inclusive = new Map();
  const areas = new Map();
  let total = 0;
  let elapsed = 0;
  const add = (map, key, us) => map.set(key, (map.get(key) ?? 0) + us);
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    elapsed += us;
    if (elapsed < skipMs * 1000) return;
    total += us;
    const leaf = byId.get(id).callFrame;
    add(self, labelOf(leaf), us);
    add(areas, areaOf(leaf), us);
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at).callFrame;
      if (!areaOf(frame).startsWith("ours:")) continue;
      const label = labelOf(frame);
      if (seen.has(label)) continue; // recursion counts once per sample
      seen.add(label);
      add(inclusive, label, us);
    }
  });
  const busy = total - (areas.get("(idle)") ?? 0);
  const pct = (us, of) => `${((100 * us) / of).toFixed(1).padStart(5)}%`;
  const topOf = (map, n, of) =>
    [...map]
      .filter(([k]) => k !== "(idle)")
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => `  ${pct(us, of)}  ${k}`);
  return [
    `profile ${path.basename(file)}: ${(total / 1e6).toFixed(1)} s sampled, ${pct(busy, total).trim()} busy; shares below are of busy time`,
    "by area (self time):",
    ...topOf(areas, 12, busy),
    `top ${top} functions by self time:`,
    ...topOf(self, top, busy),
    `our functions by inclusive time (top ${top}):`,
    ...topOf(inclusive, top, busy),
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error("usage: node bench/baas/cpu-profile.mjs <file.cpuprofile> [top]");
    process.exit(2);
  }
  for (const line of await summariseProfile(file, { top: Number(top ?? 15) })) console.log(line);
}
