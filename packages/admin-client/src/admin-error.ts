/** A refusal from the runtime's admin API, with its error code and details. */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AdminApiError";
  }
}

/** Turns a non-2xx answer into an `AdminApiError` naming what was asked. */
export async function adminErrorOf(what: string, res: Response): Promise<AdminApiError> {
  const text = await res.text();
  try {
    const { error } = JSON.parse(text) as {
      error: { code: string; message: string; details?: unknown };
    };
    return new AdminApiError(res.status, error.code, `${what}: ${error.message}`, error.details);
  } catch {
    return new AdminApiError(
      res.status,
      "unknown",
      `${what}: HTTP ${res.status} ${text.slice(0, 200)}`,
    );
  }
}
