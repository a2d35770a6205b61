/** What the gateway does with one request from a check job. */
export type GatewayVerdict =
  | { allowed: true; /** An admin call: the gateway puts the service key on it. */ admin: boolean }
  | { allowed: false; reason: string };

/**
 * The admin calls a smoke spec makes (the dev mailbox, finding a user, granting test roles);
 * every other admin call (rules, indexes, functions, keys, settings) is refused, so the app
 * under test cannot change the backend the other checks looked at.
 */
const ADMIN_CALLS: Array<{ method: string; path: RegExp }> = [
  { method: "GET", path: /^mailbox$/ },
  { method: "GET", path: /^users$/ },
  { method: "PUT", path: /^users\/[^/]+\/claims$/ },
];

const refuse = (reason: string): GatewayVerdict => ({ allowed: false, reason });

/**
 * Whether a request may reach the runtime: only the run's project's API, under
 * `/v1/projects/<project>/`, with no `.`/`..` segments, encoded or not (a proxy or a router
 * could resolve them to another project). WebSocket upgrades only for `…/listen`.
 */
export function gatewayVerdict(
  method: string,
  rawUrl: string,
  project: string,
  options: { upgrade?: boolean } = {},
): GatewayVerdict {
  const pathname = rawUrl.split("?")[0]!;
  const prefix = `/v1/projects/${project}/`;
  if (!pathname.startsWith(prefix) || pathname.length === prefix.length) {
    return refuse(`only the API of project '${project}' (${prefix}…) is reachable from the job`);
  }
  const rest = pathname.slice(prefix.length);
  let segments: string[];
  try {
    segments = rest.split("/").map((s) => decodeURIComponent(s));
  } catch {
    return refuse("the path is not valid percent-encoding");
  }
  if (rest.includes("\\") || segments.some((s) => s === "." || s === "..")) {
    return refuse("paths with '.' or '..' segments, plain or encoded, are not forwarded");
  }
  // Encoded slashes belong in object names (`storage/o/users%2Fu1%2Fa.png`), never in the
  // segments that pick the API (`admin%2Fkeys` must not slip past the admin allow-list).
  if (segments.slice(0, 2).some((s) => s.includes("/"))) {
    return refuse("an encoded '/' may not name the API called");
  }
  if (options.upgrade) {
    return method === "GET" && rest === "listen"
      ? { allowed: true, admin: false }
      : refuse(`only ${prefix}listen takes WebSocket upgrades`);
  }
  if (segments[0] === "admin") {
    const call = segments.slice(1).join("/");
    const known = ADMIN_CALLS.some((c) => c.method === method && c.path.test(call));
    return known
      ? { allowed: true, admin: true }
      : refuse(
          "the admin API is limited to reading the dev mailbox and users and granting test " +
            `roles; ${method} ${prefix}admin/${call} is not among them`,
        );
  }
  return { allowed: true, admin: false };
}
