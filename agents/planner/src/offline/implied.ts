import type { Feature } from "../plan-schema.js";
import { addField, type Draft } from "./drafts.js";
import type { Extraction } from "./extract.js";
import type { FieldHint, Hit } from "./features.js";
import { typeField } from "./field-types.js";
import { specFields } from "./lexicon/index.js";
import type { Reading } from "./read.js";
import { targetAt, tokenAt } from "./targets.js";
import { phraseOf, plural } from "./words.js";

/**
 * What features imply for the models: a photo field on the model the photos are of, a Comment
 * model under what is commented on, a rating or a Review, an Order for checkout. Runs after
 * extraction, since it needs to know which models exist and which is the main one.
 */
const AUDIENCE =
  /\b(others|other (users|people|members)|everyone|anyone|community|friends|followers|public(ly)?|share|shares|shared|sharing|team|members|visitors|customers|readers|users can (see|browse|read|view))\b/;

export function applyImplied(
  x: Extraction,
  reading: Reading,
  features: readonly Hit<Feature>[],
  hints: readonly Hit<FieldHint>[],
): void {
  const covered = new Set(
    x.mentions.flatMap((m) => Array.from({ length: m.last - m.first + 1 }, (_, k) => m.first + k)),
  );
  for (const h of hints) {
    const i = tokenAt(reading, h.start);
    if (x.consumed.has(i) || covered.has(i)) continue;
    const target = targetAt(reading, h.start, x.mentions, x.book, x.main);
    const field = hintField(h.key, reading.lower.slice(h.start, h.end));
    const all = [...target.named, ...target.extra, ...specTypes(target)];
    if (
      all.some(
        (f) =>
          f.name === field.name ||
          ((field.type === "image" || field.type === "geopoint") && f.type === field.type),
      )
    )
      continue;
    addField(target.extra, field);
  }
  const social = AUDIENCE.test(reading.lower);
  // "vote on the next book", "let people vote": votes are kept per voter under what is voted on.
  const vote = /\bvot(e|es|ing)\b/.exec(reading.lower);
  if (
    vote &&
    !x.book.has("Vote") &&
    !/\b(no|without|not)\s+(\w+\s+)?$/.test(
      reading.lower.slice(Math.max(0, vote.index - 20), vote.index),
    )
  ) {
    const poll = x.book.get("Poll");
    const target = poll ?? targetAt(reading, vote.index, x.mentions, x.book, x.main);
    const d = x.book.fromSpec("vote", 2_000_002, "feature");
    if (!target.spec?.social) d.parent = target.name;
    x.assumptions.push(`Votes are kept one per person under each ${phraseOf(target.name)}.`);
  }
  for (const f of features) {
    const target = () => targetAt(reading, f.start, x.mentions, x.book, x.main);
    if (f.key === "comments") child(x, "comment", target());
    if (f.key === "likes") child(x, "like", target());
    if (f.key === "ratings") rate(x, target(), social);
    // Checkout records an order, unless the app already has the thing paid for.
    const paidFor = ["Order", "Donation", "Booking", "Reservation", "Appointment", "Enrollment"];
    if (f.key === "payments" && !paidFor.some((n) => x.book.has(n))) {
      x.book.fromSpec("order", 2_000_000, "feature");
      x.assumptions.push("Checking out creates an order, so the plan has orders.");
    }
  }
}

/** Fields a draft will have from the lexicon when the prompt lists none of its own. */
function specTypes(d: Draft): { name: string; type: string }[] {
  return d.named.length > 0 || !d.spec ? [] : specFields(d.spec.id);
}

function hintField(key: FieldHint, words: string) {
  if (key === "location")
    return { name: "location", label: "Location", type: "geopoint" as const, required: false };
  if (key === "tags")
    return { name: "tags", label: "Tags", type: "tags" as const, required: false };
  if (key === "priority") return typeField("priority").field;
  return typeField(words).field;
}

/** A comment or like under `target`, unless the prompt already has one. */
function child(x: Extraction, specId: "comment" | "like", target: Draft): void {
  const name = specId === "comment" ? "Comment" : "Like";
  if (x.book.has(name) || target.spec?.social) return;
  const d = x.book.fromSpec(specId, 2_000_000, "feature");
  d.parent = target.name;
  x.assumptions.push(
    `${plural(phraseOf(name))[0]!.toUpperCase()}${plural(phraseOf(name)).slice(1)} are stored under each ${phraseOf(target.name)}.`,
  );
}

/**
 * Ratings on someone's own things (a watch list) are a field; on things others see (recipes
 * people share) each person's rating is a review under the thing.
 */
function rate(x: Extraction, target: Draft, social: boolean): void {
  const fields = [...target.named, ...target.extra, ...specTypes(target)];
  if (fields.some((f) => f.name === "rating") || x.book.has("Review")) return;
  if (target.spec?.social) return;
  const shared = social || target.spec?.access !== undefined;
  if (!shared) {
    addField(target.extra, { name: "rating", label: "Rating", type: "number", required: false });
    x.assumptions.push(`A ${phraseOf(target.name)} has a 1–5 rating.`);
    return;
  }
  const d = x.book.fromSpec("review", 2_000_001, "feature");
  d.parent = target.name;
  x.assumptions.push(
    `Ratings are reviews (1–5 stars with optional text) stored under each ${phraseOf(target.name)}.`,
  );
}
