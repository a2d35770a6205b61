/** A bad environment variable (`ConfigError` from @winky/config): the person's to fix, exit 2. */
export function isConfigError(e: unknown): e is Error {
  return e instanceof Error && e.name === "ConfigError";
}
