// firebase-functions/logger: to the console, which the runtime keeps as the invocation's log.
// Structured data is appended as JSON, as Cloud Logging would show it.

type Level = "debug" | "info" | "warn" | "error";

function emit(level: Level, args: unknown[]): void {
  const parts = args.map((a) =>
    typeof a === "string" ? a : a instanceof Error ? (a.stack ?? a.message) : safeJson(a),
  );
  const line = parts.join(" ");
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export const debug = (...args: unknown[]) => emit("debug", args);
export const log = (...args: unknown[]) => emit("info", args);
export const info = (...args: unknown[]) => emit("info", args);
export const warn = (...args: unknown[]) => emit("warn", args);
export const error = (...args: unknown[]) => emit("error", args);
export function write(entry: { severity?: string; message?: unknown } & Record<string, unknown>) {
  const severity = (entry.severity ?? "INFO").toUpperCase();
  const level: Level =
    severity === "ERROR" ||
    severity === "CRITICAL" ||
    severity === "ALERT" ||
    severity === "EMERGENCY"
      ? "error"
      : severity === "WARNING"
        ? "warn"
        : "info";
  emit(level, [entry]);
}
