import type { InvocationResult, JsonValue, Sandbox } from "@winky/sandbox";
import { secretsAsEnv, type SecretStore } from "@winky/secrets";
import { notFound } from "../errors/runtime-error.js";
import type { FunctionStore, StoredFunction } from "./function-store.js";

/**
 * The sandbox id of a project's function (what the host API's caller names): neither project
 * ids nor function names hold a dot.
 */
export const sandboxIdOf = (projectId: string, name: string) => `${projectId}.${name}`;

/** The project and function name of a sandbox id, or undefined for one we did not make. */
export function parseSandboxId(id: string): { projectId: string; name: string } | undefined {
  const dot = id.indexOf(".");
  if (dot <= 0) return undefined;
  return { projectId: id.slice(0, dot), name: id.slice(dot + 1) };
}

/**
 * Runs a project's functions in the sandbox: prepares each live version once (with its
 * secrets as environment), invokes it, and writes the invocation's logs to the function's log.
 */
export class FunctionRunner {
  /** Versions prepared in the sandbox, by sandbox id; a promise so concurrent calls share one. */
  private readonly prepared = new Map<
    string,
    { key: string; deployedAt: number; ready: Promise<void>; secrets: string[] }
  >();

  constructor(
    private readonly sandbox: Sandbox,
    private readonly store: FunctionStore,
    private readonly secrets: SecretStore | undefined,
  ) {}

  /**
   * Invokes the live version of `name` (or `fn`, just read) with `event`; the invocation's
   * failures are in the result, not thrown.
   *
   * @throws RuntimeError not-found when the function does not exist.
   */
  async invoke(
    projectId: string,
    name: string,
    event: JsonValue,
    fn?: StoredFunction,
  ): Promise<{ fn: StoredFunction; result: InvocationResult }> {
    let live = fn ?? (await this.store.live(projectId, name));
    const id = sandboxIdOf(projectId, name);
    const current = this.prepared.get(id);
    if (live && current && Date.parse(live.createdAt) < current.deployedAt) {
      // Read before a redeploy that another request has prepared since: run the newer one.
      live = await this.store.live(projectId, name);
    }
    if (!live) throw notFound(`project '${projectId}' has no function '${name}'`);
    await this.prepare(live);
    const ref = { id, version: versionKeyOf(live) };
    const result = redact(
      await this.sandbox.invoke(ref, event, { timeoutMs: live.config.timeoutMs }),
      this.prepared.get(id)?.secrets ?? [],
    );
    await this.store.appendLog(projectId, name, {
      version: live.version,
      lines: result.logs,
      durationMs: result.durationMs,
      errorKind: result.ok ? null : result.error.kind,
    });
    return { fn: live, result };
  }

  /**
   * Drains whatever version of `name` this process prepared (redeployed or deleted): accepted
   * invocations finish, then its sandboxes go.
   */
  async retire(projectId: string, name: string): Promise<void> {
    const id = sandboxIdOf(projectId, name);
    const entry = this.prepared.get(id);
    if (!entry) return;
    this.prepared.delete(id);
    await entry.ready.catch(() => undefined);
    await this.sandbox.drain({ id, version: entry.key });
  }

  private async prepare(fn: StoredFunction): Promise<void> {
    const id = sandboxIdOf(fn.projectId, fn.name);
    const key = versionKeyOf(fn);
    const current = this.prepared.get(id);
    if (current?.key === key) return current.ready;
    // A newer deploy (here or in another process): the old version drains in the background.
    if (current) void this.retire(fn.projectId, fn.name).catch(() => undefined);
    const secrets: string[] = [];
    const ready = (async () => {
      const env =
        fn.config.secrets.length > 0 && this.secrets
          ? await secretsAsEnv(this.secrets, fn.projectId, fn.config.secrets)
          : {};
      secrets.push(...Object.values(env).filter((v) => v.length >= 4));
      await this.sandbox.prepare({
        id,
        version: key,
        bundle: fn.bundle,
        env,
        memoryMb: fn.config.memoryMb,
        cpus: 1,
        timeoutMs: fn.config.timeoutMs,
      });
    })();
    this.prepared.set(id, { key, deployedAt: Date.parse(fn.createdAt), ready, secrets });
    ready.catch(() => {
      // A failed prepare (a missing secret) is tried again at the next invocation.
      if (this.prepared.get(id)?.ready === ready) this.prepared.delete(id);
    });
    return ready;
  }
}

/**
 * The sandbox's version of a deploy: numbers start again at 1 after a delete, so the deploy
 * time makes a redeployed `v1` another version.
 */
const versionKeyOf = (fn: StoredFunction) => `${fn.version}.${Date.parse(fn.createdAt)}`;

/**
 * A function that prints or returns its secrets should not publish them: their values are
 * masked in the logs and in errors — message, stack, and the details a refusal shows its
 * caller (a successful result is the function's answer, and passes as it is).
 */
function redact(result: InvocationResult, secrets: readonly string[]): InvocationResult {
  if (secrets.length === 0) return result;
  const mask = (text: string) => secrets.reduce((t, s) => t.split(s).join("[secret]"), text);
  const logs = result.logs.map((l) => ({ ...l, line: mask(l.line) }));
  if (result.ok) return { ...result, logs };
  const { stack, details, ...error } = result.error;
  return {
    ...result,
    logs,
    error: {
      ...error,
      message: mask(error.message),
      ...(stack ? { stack: mask(stack) } : {}),
      ...(details ? { details: maskJson(details, mask) as typeof details } : {}),
    },
  };
}

/** `value` with `mask` applied to every string in it, object keys included. */
function maskJson(value: JsonValue, mask: (text: string) => string): JsonValue {
  if (typeof value === "string") return mask(value);
  if (Array.isArray(value)) return value.map((v) => maskJson(v, mask));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [mask(k), maskJson(v, mask)]));
}
