/** Where a user's upload goes: under `users/<uid>/`, the only place the storage rules let them write. */
export function uploadPath(
  uid: string,
  folder: string,
  fileName: string,
  now = Date.now(),
): string {
  const safe =
    fileName
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, "-")
      .replace(/^[-.]+/, "")
      .slice(-80) || "file";
  return `users/${uid}/${folder}/${now.toString(36)}-${safe}`;
}

/** True when `type` is one of `accepted` (`image/*` style wildcards allowed); any when empty. */
export function acceptsType(type: string, accepted: readonly string[]): boolean {
  if (accepted.length === 0) return true;
  return accepted.some((a) => (a.endsWith("/*") ? type.startsWith(a.slice(0, -1)) : type === a));
}

/** Why a file cannot be uploaded, or undefined when it can. */
export function fileProblem(
  file: { size: number; type: string },
  accepted: readonly string[],
  maxMb: number,
): string | undefined {
  if (!acceptsType(file.type, accepted)) {
    return `This kind of file (${file.type || "unknown"}) is not accepted.`;
  }
  if (file.size > maxMb * 1024 * 1024) return `The file is larger than ${maxMb} MB.`;
  return undefined;
}
