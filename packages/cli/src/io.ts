/** What a command may touch of the outside world; bin.ts wires the real one, tests a fake. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Resolves with the signal's name when the user asks us to stop (Ctrl-C, SIGTERM). */
  stopRequested: Promise<string>;
  /** Standard input, read to its end (secret values are read there, never from argv). */
  readStdin?: () => Promise<string>;
  /** Asks the person at the terminal and resolves with their answer; absent without a TTY. */
  ask?: (question: string) => Promise<string>;
}

/** Exit codes: 0 ok, 1 failure, 2 bad usage (unknown command or flag). */
export const ExitCode = { ok: 0, failure: 1, usage: 2 } as const;
