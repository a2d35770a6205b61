/**
 * The roles in an ID token's custom claims (`roles: ["admin"]`, set through the runtime's admin
 * API). Only for showing or hiding screens: the security rules check the verified token on
 * every request, so a forged claim here opens nothing.
 */
export function rolesFromIdToken(idToken: string | null): string[] {
  const payload = idToken?.split(".")[1];
  if (!payload) return [];
  try {
    const base64 = payload.replace(/-/g, "+").replace(/_/g, "/");
    const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, "="));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as { roles?: unknown };
    return Array.isArray(claims.roles)
      ? claims.roles.filter((r): r is string => typeof r === "string")
      : [];
  } catch {
    return [];
  }
}

/** True when the user holds one of `roles` (or when no role is asked for). */
export function hasAnyRole(held: readonly string[], roles: readonly string[] | undefined): boolean {
  return !roles || roles.length === 0 || roles.some((r) => held.includes(r));
}
