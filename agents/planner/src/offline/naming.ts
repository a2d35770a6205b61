import type { Model } from "../plan-schema.js";
import type { DomainSpec } from "./lexicon/index.js";
import { kebabCase, listing, phraseOf, plural } from "./words.js";

/**
 * The app's name, title and summary. A name the prompt gives ("called Sprout") wins; else the
 * first domain's noun ("notes") or the main model's plural, prefixed by the audience when the
 * prompt names one ("team-notes", "family-groceries").
 */
export interface Naming {
  appName: string;
  title: string;
}

const CALLED =
  /\b(?:called|named|name it|titled)\s+"?([A-Za-z][A-Za-z0-9' -]{0,30}?)"?(?=[.,;:!?]|$|\s(?:for|that|which|where|with|to|and)\b)/;
const AUDIENCE =
  /(?:^(?:an? |the )?|\b(?:my|our|a|the|small|whole|entire)\s+)(team|family|class|club|household|office|company)\b/;

export function nameApp(
  text: string,
  domains: readonly DomainSpec[],
  main: Model,
  sports: boolean,
): Naming {
  const called = CALLED.exec(text)?.[1]?.trim();
  if (called && valid(kebabCase(called)))
    return {
      appName: kebabCase(called).slice(0, 40).replace(/-+$/, ""),
      title: called.slice(0, 60),
    };
  const noun = domains[0]?.appNoun ?? kebabCase(plural(phraseOf(main.name)));
  const audience = sports ? undefined : AUDIENCE.exec(text.toLowerCase())?.[1];
  const base = audience && !noun.startsWith(audience) ? `${audience}-${noun}` : noun;
  const appName = valid(base) ? base.slice(0, 40).replace(/-+$/, "") : "my-app";
  return { appName, title: titleOf(appName) };
}

function valid(name: string): boolean {
  return /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name) && name.length >= 2;
}

/** "team-notes" → "Team Notes"; "crm" → "CRM". */
function titleOf(appName: string): string {
  return appName
    .split("-")
    .map((w) =>
      ["crm", "lms", "qa"].includes(w) ? w.toUpperCase() : w[0]!.toUpperCase() + w.slice(1),
    )
    .join(" ");
}

/** One or two sentences a person reads at the top of the plan. */
export function summarise(
  title: string,
  models: readonly Model[],
  providers: readonly string[],
  features: readonly string[],
): string {
  const top = models.filter((m) => !m.parent);
  const things = top.map((m) => {
    const children = models.filter((c) => c.parent === m.name).map((c) => plural(phraseOf(c.name)));
    return children.length > 0
      ? `${plural(phraseOf(m.name))} (with ${listing(children)})`
      : plural(phraseOf(m.name));
  });
  const who = providers.length > 0 ? ` Sign-in: ${listing([...providers])}.` : "";
  const extras = features.length > 0 ? ` Features: ${listing([...features])}.` : "";
  return `${title} keeps ${listing(things)}.${who}${extras}`.slice(0, 500);
}
