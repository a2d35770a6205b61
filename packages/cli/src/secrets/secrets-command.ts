import { isSecretStoreError } from "@winky/secrets";
import { parseFlags, UsageError } from "../cli-flags.js";
import { parseDevOptions, type DevOptions } from "../dev/dev-options.js";
import { ExitCode, type CliIo } from "../io.js";
import { openLocalSecretStore, PLATFORM_SCOPE } from "./local-secret-store.js";

/**
 * `winky secrets set|list|delete`: the secrets of this data dir's store, by scope — the
 * platform's own (`winky-platform`, the default: e.g. GIT_PUSH_TOKEN) or a runtime project's
 * (its functions' secrets). A value is read from standard input, never from the command line
 * (which `ps` and shell history keep), and never printed.
 */
export async function runSecretsCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== "set" && sub !== "list" && sub !== "delete") {
    throw new UsageError(`unknown secrets command '${sub ?? ""}' (try: set, list, delete)`);
  }
  const values = parseFlags(
    rest.filter((a) => !/^[A-Z_][A-Z0-9_]*$/.test(a)),
    ["scope", "data-dir"],
  );
  const names = rest.filter((a) => /^[A-Z_][A-Z0-9_]*$/.test(a));
  const scope = typeof values.scope === "string" ? values.scope : PLATFORM_SCOPE;
  const dataDirArgs =
    typeof values["data-dir"] === "string" ? ["--data-dir", values["data-dir"]] : [];
  const { dataDir } = parseDevOptions(dataDirArgs, io.env, io.cwd) as DevOptions;
  if (sub !== "list" && names.length !== 1) {
    throw new UsageError(`winky secrets ${sub} takes one NAME (capitals, digits and _)`);
  }
  const store = await openLocalSecretStore(dataDir, io.env);
  try {
    if (sub === "list") {
      const listed = await store.list(scope);
      if (listed.length === 0) io.out(`No secrets in ${scope}.\n`);
      for (const s of listed) {
        io.out(`${s.name}  version ${s.version}  set ${s.updatedAt.toISOString()}\n`);
      }
      return ExitCode.ok;
    }
    const name = names[0]!;
    if (sub === "delete") {
      const removed = await store.delete(scope, name);
      io.out(removed ? `Deleted ${name} from ${scope}.\n` : `${scope} has no ${name}.\n`);
      return ExitCode.ok;
    }
    if (!io.readStdin)
      throw new UsageError("winky secrets set reads the value from standard input");
    // One trailing newline is what `echo` and a terminal add, not part of the value.
    const value = (await io.readStdin()).replace(/\r?\n$/, "");
    if (value === "") throw new UsageError(`no value for ${name} on standard input`);
    const { version } = await store.set(scope, name, value);
    io.out(`Set ${name} in ${scope} (version ${version}).\n`);
    return ExitCode.ok;
  } catch (e) {
    if (!isSecretStoreError(e)) throw e;
    io.err(`winky: ${e.message}\n`);
    return ExitCode.failure;
  } finally {
    await store.close();
  }
}
