// Walks a codebase's exports from its entry module the way firebase-tools names what it
// deploys: each export that is a trigger is a function; a group (a module re-exported as a
// namespace, or an object of triggers) prefixes its members' names, "users-onCreate".
import type ts from "typescript";
import type { SourceRef } from "../report.js";
import { propertyName, type ModuleGraph, type Value } from "./evaluate.js";
import { exportsOf, SINGLE_VALUE } from "./exports.js";
import { sourceOf, type ModuleFile } from "./parse-source.js";
import type { TriggerReading } from "./trigger-targets.js";
import { interpretSdk } from "./triggers-v2.js";

export interface FoundTrigger {
  exportPath: string[];
  source: SourceRef;
  reading: TriggerReading;
}

export interface UnresolvedExport {
  exportPath: string[];
  source: SourceRef;
  reason: string;
}

export interface Discovery {
  found: FoundTrigger[];
  unresolved: UnresolvedExport[];
}

export function discoverTriggers(
  graph: ModuleGraph,
  entry: ModuleFile,
  sdkMajor: number | undefined,
): Discovery {
  const discovery: Discovery = { found: [], unresolved: [] };
  // Groups being walked: a module that re-exports itself as a group is walked once.
  const open = new Set<ModuleFile | ts.Node>();

  const visit = (value: Value, exportPath: string[], at: SourceRef): void => {
    switch (value.kind) {
      case "sdk": {
        const meaning = interpretSdk(value.segments, graph, sdkMajor);
        const call = value.segments[value.segments.length - 1];
        const source = call ? sourceOf(call.file, call.node) : at;
        if (meaning.kind === "trigger") {
          discovery.found.push({ exportPath, source, reading: meaning.reading });
        } else if (meaning.kind === "unknown") {
          const reason = `${meaning.what} is not a firebase-functions trigger the analyzer knows`;
          discovery.unresolved.push({ exportPath, source, reason });
        }
        return;
      }
      case "module":
        if (open.has(value.file)) return;
        open.add(value.file);
        for (const [name, entry] of exportsOf(graph, value.file)) {
          visit(entry.value(0), [...exportPath, name], sourceOf(entry.file, entry.node));
        }
        open.delete(value.file);
        return;
      case "object":
        if (open.has(value.node)) return;
        open.add(value.node);
        for (const property of value.node.properties) {
          const name = propertyName(property);
          if (name === undefined) continue;
          const member = graph.member(value, name, value.file, property, 0);
          visit(member, [...exportPath, name], sourceOf(value.file, property));
        }
        open.delete(value.node);
        return;
      case "opaque":
        discovery.unresolved.push({
          exportPath,
          source: sourceOf(value.file, value.node),
          reason: value.reason,
        });
        return;
      case "plain":
        // Constants, plain functions, the admin app: firebase-tools deploys none of them.
        return;
    }
  };
  visit({ kind: "module", file: entry }, [], { file: entry.relPath, line: 1 });
  // `module.exports = onRequest(app)` in the entry: one unnamed value, not a named function.
  for (const found of discovery.found.filter((f) => f.exportPath.includes(SINGLE_VALUE))) {
    discovery.unresolved.push({
      exportPath: found.exportPath,
      source: found.source,
      reason:
        "the module exports a single trigger: firebase-tools deploys named exports only; export it by name",
    });
  }
  discovery.found = discovery.found.filter((f) => !f.exportPath.includes(SINGLE_VALUE));
  return discovery;
}
