// Plain scrypt parameters, as `firebase auth:import --hash-algo=STANDARD_SCRYPT` takes them
// and `winky export` writes them for users Winky's scrypt rehashed: a `hash_config { … }`
// block beside auth-users.standard-scrypt.json. No secret here (scrypt has no signer key).

/** The runtime's users:import `hashConfig` for these users. */
export interface StandardScryptConfig {
  algorithm: "STANDARD_SCRYPT";
  /** log2 of scrypt's N. */
  memCost: number;
  rounds: number;
  parallelization: number;
  dkLen: number;
}

export const STANDARD_USERS_FILE = "auth-users.standard-scrypt.json";
export const STANDARD_HASH_CONFIG_FILE = "auth-hash-config.standard-scrypt.txt";

export type StandardScryptReading =
  { ok: true; config: StandardScryptConfig } | { ok: false; line: number; reason: string };

// The runtime's bounds (and our scrypt's: N ≤ 2^20, r ≤ 32, p ≤ 16).
const FIELDS = {
  mem_cost: { field: "memCost", min: 1, max: 20 },
  rounds: { field: "rounds", min: 1, max: 32 },
  parallelization: { field: "parallelization", min: 1, max: 16 },
  dk_len: { field: "dkLen", min: 16, max: 128 },
} as const;

/** Reads the console-style block (`key: value,` lines; camelCase keys are read too). */
export function parseStandardScryptConfig(text: string): StandardScryptReading {
  const found = new Map<string, { value: string; line: number }>();
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((raw, index) => {
    const match = /^\s*"?([A-Za-z0-9_]+)"?\s*[:=]\s*"?([^",]*)"?\s*,?\s*$/.exec(raw);
    if (!match) return;
    const key = match[1]!.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase();
    found.set(key === "dklen" ? "dk_len" : key, { value: match[2]!.trim(), line: index + 1 });
  });
  const algorithm = found.get("algorithm") ?? found.get("hash_algo");
  if (algorithm?.value.toUpperCase() !== "STANDARD_SCRYPT") {
    return {
      ok: false,
      line: algorithm?.line ?? 1,
      reason: "the algorithm must be STANDARD_SCRYPT in this file",
    };
  }
  const config: Record<string, number> = {};
  for (const [key, { field, min, max }] of Object.entries(FIELDS)) {
    const entry = found.get(key);
    if (!entry)
      return { ok: false, line: lines.length, reason: `no ${key} in the hash parameters` };
    const value = Number(entry.value);
    if (!/^\d+$/.test(entry.value) || value < min || value > max) {
      return { ok: false, line: entry.line, reason: `${key} must be a whole number ${min}–${max}` };
    }
    config[field] = value;
  }
  return {
    ok: true,
    config: {
      algorithm: "STANDARD_SCRYPT",
      ...(config as Omit<StandardScryptConfig, "algorithm">),
    },
  };
}
