import { expect } from "vitest";
import type {
  FunctionRef,
  FunctionSpec,
  HostApiHandler,
  InvocationFailure,
  InvocationResult,
  InvocationSuccess,
  JsonValue,
  PoolOptions,
  Sandbox,
} from "../types.js";

/** What the suite asks an implementation for. */
export interface SandboxSuiteOptions {
  pool: PoolOptions;
  hostApi: HostApiHandler;
}

export interface SandboxUnderTest {
  sandbox: Sandbox;
  /**
   * Live sandboxes as the implementation's own machinery sees them (containers listed by the
   * Docker API, processes in /proc): a second witness besides `sandbox.stats()`.
   */
  countSandboxes(): Promise<number>;
}

export type SandboxFactory = (options: SandboxSuiteOptions) => Promise<SandboxUnderTest>;

/** What each part of the suite shares: the instance made in `beforeAll`, and helpers. */
export interface SuiteContext {
  shared(): SandboxUnderTest;
  /** Another instance, with its own pool settings; closed after the suite. */
  make(pool: PoolOptions): Promise<SandboxUnderTest>;
  /** Prepares `fn` (on the shared instance unless told) and returns it. */
  deploy(fn: FunctionSpec, on?: Sandbox): Promise<FunctionSpec>;
  /** What the host API handler was asked, in order. */
  hostRequests: Array<{ request: JsonValue; caller: FunctionRef }>;
}

let nextId = 0;
/** A spec with a fresh id, so tests never share a version. */
export function spec(bundle: string, overrides: Partial<FunctionSpec> = {}): FunctionSpec {
  nextId += 1;
  return {
    id: `fn-${nextId}`,
    version: "v1",
    bundle,
    env: {},
    memoryMb: 128,
    cpus: 1,
    timeoutMs: 10_000,
    ...overrides,
  };
}

export function expectSuccess(result: InvocationResult): InvocationSuccess {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result, null, 2)}`);
  return result;
}

export function expectFailure(result: InvocationResult): InvocationFailure {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result, null, 2)}`);
  expect(result.error.message).not.toBe("");
  return result;
}

/** Polls `check` every 50 ms for up to 10 s. */
export async function eventually(
  check: () => Promise<boolean> | boolean,
  what: string,
): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting until ${what}`);
}
