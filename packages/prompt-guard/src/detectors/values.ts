/**
 * Which names say "secret" and which values are real ones, shared by the assignment detector
 * and the walk over tool-call arguments.
 */

/** `API_KEY`, `DB_PASSWORD`: names written as environment variables are. */
const SCREAMING = /^[A-Z][A-Z0-9_]*$/;

/** Any of these in an environment-style name: `*KEY*`, `*SECRET*`, `*TOKEN*`, … */
const ENV_SECRET_WORD = /KEY|SECRET|TOKEN|PASSWORD|PASSWD|PWD|CREDENTIAL|DSN|DATABASE_URL|PRIVATE/;

/** The shell's own working-directory variables are paths, not passwords. */
const SHELL_VARIABLES = new Set(["PWD", "OLDPWD"]);

/**
 * Code-style names (`apiKey`, `client_secret`, `dbPassword`) must END with the secret word:
 * `key` alone is React's, `tokenizer` and `secretary` are not secrets, `publicKey` is public.
 */
const CODE_SECRET_NAME =
  /(?:(?:api|access|secret|private|client|auth|signing|encryption|master|service|app)[-_]?key|secret|token|passw(?:or)?d|passphrase|pwd|credentials?|dsn|database[-_]?url|authorization)$/i;

/** Whether a variable, field or header called `name` holds a secret. */
export function isSecretName(name: string): boolean {
  if (SCREAMING.test(name)) return ENV_SECRET_WORD.test(name) && !SHELL_VARIABLES.has(name);
  return CODE_SECRET_NAME.test(name);
}

/** Values that stand for a secret without being one: references, templates, examples, our own placeholders. */
const PLACEHOLDER =
  /^(?:\\?\$\{.*|\$\(.*|\$[A-Za-z_]\w*|%[A-Za-z_]\w*%|<[^>]*>|\{\{.*\}\}|(?:your|my|the|some)[-_ ].*|changeme|change-me|x{3,}|X{3,}|\*+|•+|…|\.{3}|example|placeholder|dummy|none|null|nil|undefined|false|true|process\.env\..*|import\.meta\.env\..*|os\.environ.*|env\(.*\))$/i;

/** Also any value with an ellipsis (`sk_live_…`, `abc...`): an example, shortened. */
export function isPlaceholder(value: string): boolean {
  return (
    PLACEHOLDER.test(value) ||
    value.includes("…") ||
    value.endsWith("...") ||
    value.startsWith("[redacted")
  );
}

/** Words joined by separators (`Bearer`, `application/json`, `new-password`): text, not a credential. */
const WORDS = /^[A-Za-z]+(?:[-_./:@][A-Za-z]+)*[-_./:@]?$/;

/** Several such words (`never-in-inspect`, `usr/share/keyrings/x.gpg`, `GIT_PUSH_TOKEN`). */
const SEVERAL_WORDS = /^[A-Za-z]+(?:[-_./:@][A-Za-z]+)+[-_./:@]?$|^[A-Za-z]+[-_./:@]$/;

/**
 * A URL with no password (`postgres://app@localhost/app`): an address. A password in one is
 * found on its own (url-credentials), a token in its query by the `?name=` form.
 */
const PLAIN_URL = /^[a-z][a-z0-9+.-]*:\/\/(?:[^:@/\s]+@)?[^@/\s]+(?:[/?#][^@\s]*)?$/i;

/** npm ranges and versions (`"jsonwebtoken": "^9.0.0"` in a lockfile). */
const VERSION = /^[~^<>=v]*\d+\.\d+(?:\.\d+)?(?:[-+][\w.]+)?$/;

/** `options.apiKey`, `string`, `Token`: an expression or a type, not a literal. */
const IDENTIFIER_PATH = /^[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)*$/;

/**
 * Whether `value`, assigned to a secret-named `name`, is a real value to remove. Never empty
 * or a placeholder, a small number (`TOKEN_TTL=3600`, `MAX_TOKENS=4096`), a version, a URL
 * without a password, or several plain words joined (a description, a path, a name). For
 * code-style names (lower or camel case, where `token: "Bearer"` and `password:
 * "new-password"` are common) also at least 6 characters that are not plain words.
 */
export function isSecretValue(name: string, value: string): boolean {
  if (value.length < 4 || isPlaceholder(value) || /^\d{1,6}$/.test(value)) return false;
  if (VERSION.test(value) || SEVERAL_WORDS.test(value) || PLAIN_URL.test(value)) return false;
  if (SCREAMING.test(name)) return true;
  return value.length >= 6 && !WORDS.test(value);
}

/** Whether an unquoted value reads as code (`options.apiKey`, `string;`) rather than data. */
export function isCodeExpression(value: string): boolean {
  return (IDENTIFIER_PATH.test(value) && !/\d/.test(value)) || /[(){}[\];,]|=>/.test(value);
}
