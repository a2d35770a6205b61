export { runCli } from "./cli.js";
export { ExitCode, type CliIo } from "./io.js";
export { helpText, COMMANDS } from "./help.js";
