/**
 * Fake secrets for the tests, assembled at run time so no file of the repo holds a
 * secret-shaped literal (a scanner, or a push protection, would rightly stop at one). None is
 * a real key: the digits and letters were typed, not issued.
 */
const j = (...parts: string[]): string => parts.join("");

export const PLANTED = {
  openai: j("sk-", "proj-", "4fT9xQ2mLp8vR3nZ7kW1yB6cH0dJ5gS", "Ab12Cd34"),
  openaiLegacy: j("sk-", "Ab3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hJ6kL9nP2rS5uV8"),
  anthropic: j("sk-", "ant-", "api03-", "Zq8wX3vB6nM1kJ4hG7fD0sA5pL2oI9uY8tR3eW6qZ1xC4vB"),
  github: j("gh", "p_", "16C7e42F292c6912E7710c838347Ae178B4a"),
  githubPat: j("github", "_pat_", "11ABCDEFG0123456789abc_", "defGHIJklmnoPQRStuvwxyz0123456789"),
  gitlab: j("gl", "pat-", "xR4vT8mK2nP6qW9sZ3bY"),
  slack: j("xo", "xb-", "1234567890-9876543210-AbCdEfGhIjKlMnOp"),
  stripe: j("sk", "_live_", "51HqLyjWDarjtT1zdp7dcXwhcU4Xc0d9fhr6D"),
  stripeTest: j("rk", "_test_", "4eC39HqLyjWDarjtT1zdp7dc"),
  awsId: j("AKIA", "IOSFODNN7EXAMPL3"),
  awsSecret: j("wJalrXUtnFEMI/K7MDENG/", "bPxRfiCYEXAMPLEKEY"),
  google: j("AI", "za", "SyD4x9mQ2vL8pR3nZ7kW1yB6cH0dJ5gS-aT"),
  npm: j("npm", "_", "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"),
  sendgrid: j(
    "SG",
    ".",
    "aB3dE6gH9jK2mN5pQ8sT1v",
    ".",
    "wX4yZ7bC0eF3hJ6kL9nP2rS5uV8xA1dG4jM7pS0vY3b",
  ),
  twilio: j("SK", "0123456789abcdef0123456789abcdef"),
  huggingface: j("hf", "_", "AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh"),
  jwt: j(
    "eyJhbGciOiJIUzI1NiJ9",
    ".",
    "eyJzdWIiOiIxMjM0NTY3ODkwIn0",
    ".",
    "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
  ),
  random: "q8Z3vR7pL2mN9xK4wT6yB1cF5hJ0dG",
  privateKey: [
    j("-----BEGIN RSA ", "PRIVATE KEY-----"),
    "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun",
    "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK",
    j("-----END RSA ", "PRIVATE KEY-----"),
  ].join("\n"),
} as const;

export type PlantedName = keyof typeof PLANTED;

/** Store values, by name, as the adapter would read them from a project's secrets. */
export const STORE_SECRETS = {
  GIT_PUSH_TOKEN: "m1ghty-Push-t0ken-for-git",
  DB_PASSWORD: 'p@ss/w0rd "quoted" & spaced',
  WEBHOOK_SIGNING: "whk-8Hq2-Lz9x-Vt4c",
} as const;
