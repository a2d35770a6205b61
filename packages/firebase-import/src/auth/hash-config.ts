// Firebase's password hash parameters: the console shows them (Authentication → Users → ⋮ →
// Password hash parameters) as a block of `key: value` lines, not JSON, so both are read. They
// hold the project's signer key: nothing here ever prints a value, only key names.

/** The modified-scrypt parameters every password hash of a Firebase project shares. */
export interface FirebaseHashConfig {
  algorithm: "SCRYPT";
  /** Standard base64, as the console shows it. */
  signerKey: string;
  saltSeparator: string;
  rounds: number;
  memCost: number;
}

export type HashConfigReading =
  { ok: true; config: FirebaseHashConfig } | { ok: false; line: number; reason: string };

// Both spellings: the console's snake_case block, and camelCase as firebase-tools' flags name them.
const KEYS: Record<string, keyof FirebaseHashConfig> = {
  algorithm: "algorithm",
  hash_algo: "algorithm",
  base64_signer_key: "signerKey",
  signer_key: "signerKey",
  signerkey: "signerKey",
  hashkey: "signerKey",
  hash_key: "signerKey",
  base64_salt_separator: "saltSeparator",
  salt_separator: "saltSeparator",
  saltseparator: "saltSeparator",
  rounds: "rounds",
  mem_cost: "memCost",
  memcost: "memCost",
  memory_cost: "memCost",
};

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** Reads the parameters from the console's text block or from a JSON object. */
export function parseHashConfig(text: string): HashConfigReading {
  const found = new Map<keyof FirebaseHashConfig, { value: string; line: number }>();
  const note = (key: string, value: string, line: number) => {
    const field = KEYS[key.toLowerCase()];
    if (field) found.set(field, { value: value.trim(), line });
  };
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const json = jsonObject(text);
  if (json) {
    for (const [key, value] of Object.entries(json)) note(key, String(value), 1);
  } else {
    lines.forEach((raw, index) => {
      // `key: value,` lines, as the console shows them inside `hash_config { … }`.
      const match = /^\s*"?([A-Za-z0-9_]+)"?\s*[:=]\s*"?([^",]*)"?\s*,?\s*$/.exec(raw);
      if (match) note(match[1]!, match[2]!, index + 1);
    });
  }
  const lastLine = lines.length;
  const algorithm = found.get("algorithm");
  if (algorithm && algorithm.value.toUpperCase() !== "SCRYPT") {
    return {
      ok: false,
      line: algorithm.line,
      reason: `the hash algorithm is ${algorithm.value}: only Firebase's SCRYPT (the default for every Firebase project) is read`,
    };
  }
  for (const field of ["signerKey", "saltSeparator", "rounds", "memCost"] as const) {
    if (!found.has(field)) {
      return { ok: false, line: lastLine, reason: `no ${SHOWN[field]} in the hash parameters` };
    }
  }
  const signerKey = found.get("signerKey")!;
  const saltSeparator = found.get("saltSeparator")!;
  for (const entry of [signerKey, saltSeparator]) {
    if (!BASE64.test(entry.value)) {
      return { ok: false, line: entry.line, reason: "the value is not base64" };
    }
  }
  const rounds = integerIn(found.get("rounds")!, 1, 8, "rounds");
  if (!rounds.ok) return rounds;
  const memCost = integerIn(found.get("memCost")!, 1, 14, "mem_cost");
  if (!memCost.ok) return memCost;
  return {
    ok: true,
    config: {
      algorithm: "SCRYPT",
      signerKey: toStandardBase64(signerKey.value),
      saltSeparator: toStandardBase64(saltSeparator.value),
      rounds: rounds.value,
      memCost: memCost.value,
    },
  };
}

const SHOWN: Record<keyof FirebaseHashConfig, string> = {
  algorithm: "algorithm",
  signerKey: "base64_signer_key",
  saltSeparator: "base64_salt_separator",
  rounds: "rounds",
  memCost: "mem_cost",
};

// Firebase accepts rounds 1–8 and mem_cost 1–14 (firebase-tools' auth:import checks the same).
function integerIn(
  entry: { value: string; line: number },
  min: number,
  max: number,
  name: string,
): { ok: true; value: number } | { ok: false; line: number; reason: string } {
  const value = Number(entry.value);
  if (!/^\d+$/.test(entry.value) || value < min || value > max) {
    return { ok: false, line: entry.line, reason: `${name} must be a whole number ${min}–${max}` };
  }
  return { ok: true, value };
}

/** auth:export writes web-safe base64 in places; the runtime wants the standard alphabet. */
export function toStandardBase64(text: string): string {
  const standard = text.replace(/-/g, "+").replace(/_/g, "/");
  return standard.padEnd(Math.ceil(standard.length / 4) * 4, "=");
}

function jsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
