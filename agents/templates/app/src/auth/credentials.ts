/** The checks the sign-up form makes before asking the runtime (which checks again). */
export const MIN_PASSWORD_LENGTH = 8;

export function emailProblem(email: string): string | undefined {
  if (email.trim() === "") return "Email is required.";
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) return "Enter a valid email address.";
  return undefined;
}

export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `Password must be at least ${MIN_PASSWORD_LENGTH} characters.`;
  }
  return undefined;
}
