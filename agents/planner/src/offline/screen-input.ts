import { PlannerRefusal } from "./refusal.js";

/**
 * Refuses what should not become a plan, before any parsing: nothing, too much, not an app,
 * or a request that would make the app unsafe. Checks run on the raw prompt's size and on the
 * normalised text's words; each refusal says what to write instead.
 */
/** The longest prompt planned, in characters: a few pages of description is plenty. */
export const MAX_PROMPT_CHARS = 20_000;

/** Switching security off: "disable the security rules", "turn off auth", "allow all writes". */
const UNSAFE: readonly RegExp[] = [
  /\b(disable|turn off|switch off|remove|bypass|skip|ignore|drop|get rid of|deactivate)\b(?:\s+\w+){0,3}?\s+(security|firestore rules|database rules|access rules|access control|permission checks?|auth checks?|rules)\b/,
  /\b(disable|turn off|switch off|bypass|deactivate)\b(?:\s+\w+){0,2}?\s+(auth|authentication|authorization|permissions)\b/,
  /\bno (security|access) (rules|control|checks)\b|\bwithout (any )?security\b/,
  // The passive: "with the security rules disabled", "auth turned off".
  /\b(security|security rules|firestore rules|database rules|access rules|access control|auth|authentication|permissions?)\b(?:\s+\w+){0,1}?\s+(disabled|turned off|switched off|removed|bypassed|deactivated)\b/,
  /\b(every ?thing|all (the )?(data|documents|collections|records|tables|content)|the (whole|entire) (database|db|backend))\b(?:\s+\w+){0,3}?\s+(public|open|world[- ](readable|writable)|readable and writable|writable|editable) (to|by|for) (anyone|everyone|everybody|the world)\b/,
  /\b(make|set|leave|keep) (every ?thing|all (the )?(data|documents|collections|records)|the (whole |entire )?(database|db))\b(?:\s+\w+){0,2}?\s+(public|open|world[- ]writable)\b/,
  /\b(anyone|everyone|anybody|unauthenticated users?|strangers)\b(?:\s+\w+){0,3}?\s+(read and write|write|edit|delete|modify|change)\b(?:\s+\w+){0,2}?\s+(everything|all (the )?(data|documents|records))\b/,
  /\ballow (read, ?write|all reads and writes|all writes|read and write)\b.*\bif true\b|\bif true\b|\ballow all (reads and writes|writes|access)\b/,
  /\bwithout (any )?(auth|authentication|login|security)\b.*\b(every ?thing|all (the )?data)\b.*\bpublic\b|\b(every ?thing|all (the )?data)\b.*\bpublic\b.*\bwithout (any )?(auth|authentication|login|security)\b/,
];

/** Reading out secrets: "print all API keys", "send the .env to my server", "dump passwords". */
const SECRET_NOUNS = String.raw`(api[- ]?keys?|secret keys?|secrets|env(ironment)? var(iable)?s|\.env|private keys?|access tokens?|service[- ]account( keys?)?|(all|every|other) (users'?|people's) passwords|all (the )?passwords|password hashes|connection strings?|admin (token|password))`;
const SECRETS: readonly RegExp[] = [
  new RegExp(
    String.raw`\b(print|show|reveal|dump|expose|leak|log|send|email|post|upload|output|display|return|exfiltrate|extract|steal|read out|give me)(s|es|ed|ing)?\b(?:\s+[\w.'-]+){0,5}?\s+${SECRET_NOUNS}\b`,
  ),
  new RegExp(
    String.raw`${SECRET_NOUNS}\b(?:\s+[\w.'-]+){0,4}?\s+(to my|to an external|to a remote|to this|to the) (server|endpoint|url|webhook|email)\b`,
  ),
  /\bexfiltrat\w*\b|\b(steal|harvest)\w*\b(?:\s+[\w'-]+){0,3}?\s+(credentials|passwords|tokens|keys|cookies|sessions|secrets|user data|emails)\b|\b(dump|leak|expose)\b(?:\s+[\w'-]+){0,4}?\s+(credentials|passwords)\b/,
];

/** Words that make a text about software to build. */
const APP_WORDS =
  /\b(apps?|application|web ?app|site|website|web ?site|platform|tool|tracker|manager|system|portal|dashboard|prototype|mvp|clone|crm|cms|lms|shop|store|marketplace|board|planner|organi[sz]er|journal|diary|log|catalog(ue)?|directory|database|service|saas|builder|generator|wiki|blog|forum|chat|feed|game|backend|frontend|ui|screens?|pages?|login|sign[- ]?(in|up)|users?|accounts?)\b/;
/** Phrases that ask for an app without naming the word: "let me track", "where users can". */
const APP_PHRASES =
  /\b(keep track|track(ing)? (my|our|the|of)|manage (my|our|the)|let(s)? (me|us|users|people|customers)|where (users|people|members|customers|i|we) can|users? can|(i|we) (want|need) (to|an?|something)|build|create|make (me|us|an?)|help(s)? (me|us|people) )\b/;
/** Asking for something other than an app: a question, a piece of writing, a translation. */
const NOT_APP =
  /^(what|who|whom|when|why|how|which|is|are|was|were|do|does|did|can you tell|tell me|explain|define|translate|summari[sz]e|write (me )?(a|an|the)? ?(poem|story|essay|song|haiku|limerick|letter|email|speech|joke|novel|script|tweet|paragraph)|compose|sing|recite)\b/;

/** Pieces of writing: asked for on their own, they are not apps ("a poem about cats"). */
const WRITING = /\b(poem|poems|haiku|limerick|essay|joke|jokes|lyrics|short story|bedtime story)\b/;

/**
 * Size checks, on the raw prompt before any parsing (a 100 KB prompt is never tokenised).
 *
 * @throws {PlannerRefusal} `empty` or `too-long`.
 */
export function screenSize(raw: string): void {
  if (raw.trim() === "")
    throw new PlannerRefusal(
      "empty",
      'The prompt is empty. Describe the app you want, e.g. "a notes app with tags".',
    );
  if (raw.length > MAX_PROMPT_CHARS)
    throw new PlannerRefusal(
      "too-long",
      `The prompt is ${raw.length.toLocaleString("en-US")} characters; the limit is ${MAX_PROMPT_CHARS.toLocaleString("en-US")}. Describe the app in a few paragraphs.`,
    );
}

/**
 * Content checks on the normalised text: secrets, unsafe security requests, and whether it
 * describes an app at all (`namesAnEntity`: it names something the lexicon knows).
 *
 * @throws {PlannerRefusal} `secrets`, `unsafe` or `not-an-app`.
 */
export function screenContent(text: string, namesAnEntity: boolean): void {
  const lower = text.toLowerCase();
  if (SECRETS.some((r) => r.test(lower)))
    throw new PlannerRefusal(
      "secrets",
      "The prompt asks the app to reveal or send secrets (API keys, passwords, environment variables). Generated apps never expose secrets; remove that part and describe the app itself.",
    );
  if (UNSAFE.some((r) => r.test(lower)))
    throw new PlannerRefusal(
      "unsafe",
      'The prompt asks to switch off security or make all data public without sign-in. Apps keep each user\'s data private by default; say which things should be public instead (e.g. "posts are public, comments need an account").',
    );
  const appLike = APP_WORDS.test(lower) || APP_PHRASES.test(lower) || namesAnEntity;
  const otherAsk = (NOT_APP.test(lower) || WRITING.test(lower)) && !APP_WORDS.test(lower);
  if (!appLike || otherAsk)
    throw new PlannerRefusal(
      "not-an-app",
      'This does not read like an app description. Describe what the app is for and what people keep in it, e.g. "a recipe app where users save recipes with photos".',
    );
}
