import { readFileSync } from "node:fs";
import { runDev } from "./dev/run-dev.js";
import { parseDevOptions, UsageError } from "./dev/dev-options.js";
import { parseEmulatorOptions } from "./emulators/emulator-options.js";
import { runEmulators } from "./emulators/run-emulators.js";
import { helpText } from "./help.js";
import { runRulesCommand } from "./rules/rules-command.js";
import { runAuditCommand } from "./audit/audit-command.js";
import { runEventsCommand } from "./events/events-command.js";
import { runImportCommand } from "./import/import-command.js";
import { runExportCommand } from "./export/export-command.js";
import { runSecretsCommand } from "./secrets/secrets-command.js";
import { runSyncCommand } from "./sync/sync-command.js";
import { runNewCommand } from "./runs/new-command.js";
import { parseNewOptions } from "./runs/run-options.js";
import { runRunsCommand } from "./runs/runs-command.js";
import { runTeamsCommand } from "./teams/teams-command.js";
import { runUsersCommand } from "./users/users-command.js";
import { ExitCode, type CliIo } from "./io.js";

/**
 * Runs the `winky` command line and resolves with the process exit code. Unknown commands and
 * flags print the help and give 2, like most Unix tools.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    io.out(helpText());
    return command === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (command === "--version" || command === "-v") {
    io.out(`${version()}\n`);
    return ExitCode.ok;
  }
  try {
    switch (command) {
      case "dev": {
        const options = parseDevOptions(rest, io.env, io.cwd);
        if (options === "help") {
          io.out(helpText());
          return ExitCode.ok;
        }
        return await runDev(options, io);
      }
      case "emulators:start": {
        const options = parseEmulatorOptions(rest, io.env, io.cwd);
        if (options === "help") {
          io.out(helpText());
          return ExitCode.ok;
        }
        return await runEmulators(options, io);
      }
      case "rules":
        return await runRulesCommand(rest, io);
      case "audit":
        return await runAuditCommand(rest, io);
      case "events":
        return await runEventsCommand(rest, io);
      case "secrets":
        return await runSecretsCommand(rest, io);
      case "sync":
        return await runSyncCommand(rest, io);
      case "teams":
        return await runTeamsCommand(rest, io);
      case "new": {
        const options = parseNewOptions(rest, io.env, io.cwd);
        if (options === "help") {
          io.out(helpText());
          return ExitCode.ok;
        }
        return await runNewCommand(options, io);
      }
      case "runs": {
        const code = await runRunsCommand(rest, io);
        if (code === "help") io.out(helpText());
        return code === "help" ? ExitCode.ok : code;
      }
      case "import": {
        const code = await runImportCommand(rest, io);
        if (code === "help") io.out(helpText());
        return code === "help" ? ExitCode.ok : code;
      }
      case "export": {
        const code = await runExportCommand(rest, io);
        if (code === "help") io.out(helpText());
        return code === "help" ? ExitCode.ok : code;
      }
      case "users": {
        const code = await runUsersCommand(rest, io);
        if (code === "help") io.out(helpText());
        return code === "help" ? ExitCode.ok : code;
      }
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`winky: ${e.message}\n\n${helpText()}`);
      return ExitCode.usage;
    }
    throw e;
  }
}

function version(): string {
  const manifest = new URL("../package.json", import.meta.url);
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
}
