import { readFile } from "node:fs/promises";
import {
  checkRules,
  findCaseFolders,
  formatCaseFailure,
  formatDiagnostic,
  isRulesSyntaxError,
  parseRules,
  runCaseFolder,
} from "@winky/rules";
import { UsageError } from "../dev/dev-options.js";
import { ExitCode, type CliIo } from "../io.js";

/**
 * `winky rules check <file>…` prints compiler-style diagnostics and exits 1 on any error;
 * `winky rules test <dir>…` runs every cases.json below the folders and ends with the line
 * `N passed, M failed`, exiting 1 when a case failed.
 */
export async function runRulesCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...targets] = args;
  if (sub !== "check" && sub !== "test") {
    throw new UsageError(sub ? `unknown rules command '${sub}'` : "rules needs 'check' or 'test'");
  }
  const flag = targets.find((t) => t.startsWith("-"));
  if (flag) throw new UsageError(`unknown option '${flag}' for rules ${sub}`);
  if (targets.length === 0)
    throw new UsageError(`rules ${sub} needs at least one ${sub === "check" ? "file" : "folder"}`);
  return sub === "check" ? checkFiles(targets, io) : testFolders(targets, io);
}

async function checkFiles(files: readonly string[], io: CliIo): Promise<number> {
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    const source = await readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
      io.err(`winky: cannot read ${file}: ${e.code ?? e.message}\n`);
      errors++;
      return undefined;
    });
    if (source === undefined) continue;
    try {
      const diagnostics = checkRules(parseRules(source, file), source);
      for (const d of diagnostics) {
        io.out(`${formatDiagnostic(d)}\n`);
        if (d.severity === "error") errors++;
        else warnings++;
      }
    } catch (e) {
      if (!isRulesSyntaxError(e)) throw e;
      io.out(`${e.message}\n`);
      errors++;
    }
  }
  io.out(`${files.length} file(s) checked: ${errors} error(s), ${warnings} warning(s)\n`);
  return errors > 0 ? ExitCode.failure : ExitCode.ok;
}

async function testFolders(roots: readonly string[], io: CliIo): Promise<number> {
  let passed = 0;
  let failed = 0;
  for (const root of roots) {
    const folders = await findCaseFolders(root).catch((e: NodeJS.ErrnoException) => {
      io.err(`winky: cannot read ${root}: ${e.code ?? e.message}\n`);
      failed++;
      return [];
    });
    if (folders.length === 0) io.err(`winky: no cases.json under ${root}\n`);
    for (const folder of folders) {
      try {
        for (const result of await runCaseFolder(folder)) {
          if (result.actual === result.expected) passed++;
          else {
            failed++;
            io.out(`${formatCaseFailure(result)}\n\n`);
          }
        }
      } catch (e) {
        failed++;
        io.out(`✗ ${folder}: ${e instanceof Error ? e.message : String(e)}\n\n`);
      }
    }
  }
  io.out(`${passed} passed, ${failed} failed\n`);
  return failed > 0 ? ExitCode.failure : ExitCode.ok;
}
