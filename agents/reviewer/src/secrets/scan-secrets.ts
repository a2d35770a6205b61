import type { AppFiles } from "../report.js";
import { hasHighEntropyToken, isEntropyExempt } from "./entropy.js";
import {
  codeSecretAssignment,
  envSecretAssignment,
  isEnvFile,
  isEnvTemplate,
  KNOWN_SECRETS,
} from "./patterns.js";

/** Longer lines are minified bundles or data, not code a person wrote a key into. */
const MAX_LINE = 2000;

/**
 * What is secret-looking on one line, by the most specific kind that matches: a known prefix,
 * a secret-named assignment, then a high-entropy token. Undefined when nothing is.
 */
export function secretKindOf(path: string, line: string): string | undefined {
  if (line.length > MAX_LINE) return undefined;
  for (const { kind, pattern } of KNOWN_SECRETS) if (pattern.test(line)) return kind;
  const envName = isEnvFile(path) ? envSecretAssignment(line) : undefined;
  if (envName) return `secret-named variable ${envName} with a literal value`;
  const codeName = isEnvFile(path) ? undefined : codeSecretAssignment(line);
  if (codeName) return `secret-named ${codeName} assigned a literal`;
  if (!isEntropyExempt(path) && hasHighEntropyToken(line)) return "high-entropy string";
  return undefined;
}

/**
 * Scans every file for secrets: one finding per line with something secret-looking, naming
 * `file:line` and the kind — never the value, which must not travel further in a report. A
 * committed environment file (other than `.env.example` and the like) is one finding, with
 * the lines that hold values; its template is held to names with empty secret values.
 */
export function scanSecrets(files: AppFiles): string[] {
  const findings: string[] = [];
  for (const path of Object.keys(files).sort()) {
    const lines = (files[path] ?? "").split(/\r?\n/);
    if (isEnvFile(path) && !isEnvTemplate(path)) {
      const secretLines = lines.flatMap((l, i) => (secretKindOf(path, l) ? [i + 1] : []));
      findings.push(
        `secrets: ${path}: environment file is committed` +
          (secretLines.length > 0 ? ` with secret values on line ${secretLines.join(", ")}` : "") +
          "; delete it and list the names with empty values in .env.example",
      );
      continue;
    }
    lines.forEach((line, i) => {
      const kind = secretKindOf(path, line);
      if (kind) findings.push(`secrets: ${path}:${i + 1}: ${kind}`);
    });
  }
  return findings;
}
