import { FieldType } from "../../plan-schema.js";
import { labelOf } from "../words.js";

/**
 * The built-in vocabulary: entities an app commonly has and the domains that bring them. The
 * data is plain so that adding a domain is adding lines, not code.
 */

/** Where a model's documents may be read, when its domain implies more than owner-only. */
export type AccessHint =
  | "shared" // people in the app see each other's (chat rooms, forum threads)
  | "public-read" // anyone, signed in or not, reads (blog posts, job ads)
  | "catalogue"; // anyone reads, admins write (a shop's products, a menu)

export interface EntitySpec {
  /** Unique key, e.g. "room" or "hotel.room": two domains may each have a model named Room. */
  id: string;
  /** The model name. */
  name: string;
  /**
   * Singular, lower-case phrases that name it anywhere in a prompt ("task", "to-do"). Empty for
   * words too common to trust on their own ("page", "item"); domains map those in `words`.
   */
  words: readonly string[];
  /** Fields in the mini-language of {@link parseFields}. */
  fields: string;
  /** Models it usually lives under when both exist ("Message" under "Room"). "*" = main model. */
  parents?: readonly string[];
  access?: AccessHint;
  realtime?: boolean;
  /**
   * Other people add these to someone's document. "visible" ones (comments, RSVPs, votes) are
   * read wherever the parent is, and an owner-only parent becomes shared so people can add
   * them; "private" ones (job applications, donations) stay with whoever made them.
   */
  social?: "visible" | "private";
  /**
   * When this word shows up in another entity's field list, or outside the domain that makes it
   * a model, it is this field instead ("photos" on a recipe is a `photo: image`).
   */
  asField?: string;
  /** Two or three realistic documents, keyed by field name. */
  seed: readonly Readonly<Record<string, unknown>>[];
}

export interface DomainSpec {
  id: string;
  /** Phrases that name the domain ("note-taking", "notes app"); case-insensitive. */
  triggers: RegExp;
  /** Kebab-case noun for the app's name: "notes", "shop". */
  appNoun: string;
  /** Spec ids added when the domain is named; "a|b" adds `a` unless `b` is already there. */
  core: readonly string[];
  /** Word → spec id, consulted before the global words while this domain is named. */
  words?: Readonly<Record<string, string>>;
  /** Spec id → access hint, overriding the spec's own inside this domain. */
  access?: Readonly<Record<string, AccessHint | "owner">>;
}

export interface FieldSpec {
  name: string;
  label: string;
  type: FieldType;
  required: boolean;
  /** Kept even when the prompt lists the entity's fields itself (a task's "done"). */
  essential: boolean;
  options?: string[];
  references?: string;
}

const FIELD = /^(\*?)([a-z][a-zA-Z0-9]*):([a-z]+)(?:\(([^)]*)\))?(!?)$/;

/**
 * Parses "title:string!, *done:boolean, priority:enum(low|medium|high),
 * product:reference(Product)": `!` marks a required field, a leading `*` an essential one.
 *
 * @throws {Error} on a malformed entry — a bug in the built-in data, caught by its tests.
 */
export function parseFields(dsl: string): FieldSpec[] {
  if (dsl.trim() === "") return [];
  return dsl.split(",").map((raw) => {
    const m = FIELD.exec(raw.trim());
    if (!m) throw new Error(`bad field "${raw.trim()}" in the lexicon`);
    const [star, name, arg, bang] = [m[1], m[2]!, m[4], m[5]];
    const type = FieldType.parse(m[3]);
    const spec: FieldSpec = {
      name,
      label: labelOf(name),
      type,
      required: bang === "!",
      essential: star === "*",
    };
    if (type === "enum") spec.options = (arg ?? "").split("|");
    if (type === "reference") spec.references = arg;
    return spec;
  });
}
