// A launcher for the ManagedProcess tests: starts `sleep 300` managed, prints its pid, and
// waits to be killed (the test SIGKILLs it, so it never stops its child itself).
import { ManagedProcess } from "./managed-process.js";

const exitWithLauncher = process.argv[2] === "outlive" ? false : undefined;
const child = new ManagedProcess({
  name: "sleep",
  command: "sleep",
  args: ["300"],
  ...(exitWithLauncher === false ? { exitWithLauncher } : {}),
});
process.stdout.write(`child=${child.pid}\n`);
setInterval(() => undefined, 60_000);
