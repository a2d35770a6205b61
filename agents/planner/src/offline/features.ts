import type { Feature } from "../plan-schema.js";
import { NEGATIONS } from "./mentions.js";

/**
 * Features the prompt asks for, each with where it asked (so a later stage can attach it to
 * the model named nearby), plus field hints — photos, files, places, due dates — that become
 * fields on that model. "no comments" and "without search" switch a feature off.
 */
export type FieldHint = "image" | "file" | "location" | "tags" | "dueDate" | "priority";

export interface Hit<K> {
  key: K;
  start: number;
  end: number;
}

const FEATURES: readonly [Feature, RegExp][] = [
  ["search", /\bsearch(es|able|ing|bar)?\b|\blook ?up\b/g],
  [
    "filters",
    /\bfilter(s|ed|ing|able)?\b|\bsort(s|ed|ing|able)?\b|\bby (category|tag|status|date|priority|genre|price)\b/g,
  ],
  ["tags", /\btag(s|ged|ging)?\b|\blabels\b|\bhashtags?\b/g],
  ["markdown", /\bmarkdown\b|\brich[- ]text\b|\bwysiwyg\b|\bformatted (text|notes|posts)\b/g],
  ["comments", /\bcomment(s|ing|ed)?\b/g],
  [
    "ratings",
    /\b(?<!(heart|interest|exchange|tax|hourly|conversion|success|frame|bit|birth|daily|day|nightly) )rat(e|es|ing|ings)\b|\bstar ratings?\b|\b\d ?stars?\b|\b(1|one) ?(-|to) ?(5|five|10|ten)\b|\breviews?\b/g,
  ],
  [
    "realtime",
    /\breal[- ]?time\b|\blive (updates?|chat|feed|scores?|sync|collaboration|editing|cursors?|data|dashboard|results|leaderboard|tracking|view|list|map|presence|status)\b|\bupdates? (live|instantly|in real[- ]?time)\b|\binstant(ly)? (updates?|sync|messaging)\b|\bcollaborat(e|es|ive|ively|ion)\b|\bmultiplayer\b|\bin sync\b|\bwithout (reloading|refreshing)\b|(?<!\b(i|we|they|you|people|who|he|she|to) )\blive\b(?=\s*([.,;!?]|$))/g,
  ],
  [
    "notifications",
    /\bnotif(y|ies|ied|ication|ications)\b|\bpush\b|\balerts?\b|\be-?mail me\b|\bget e-?mailed\b|\b(send|sends) (an? )?e-?mails?\b|\be-?mails? (to )?(subscribers|followers|members|users)\b|\bsubscriber e-?mails?\b/g,
  ],
  [
    "admin-panel",
    /\badmin(istrator)?s? ?(panel|dashboard|area|page|console|screen|view|section|portal|interface|ui|tools?)\b|\bback[- ]?office\b|\bmoderation (panel|queue|tools?)\b/g,
  ],
  [
    "payments",
    /\bcheck ?out\b|\bpayments?\b(?! (method|date|status|due|history))|\bpay (online|by card|with|for (their|the|an?) (order|tickets?|booking))\b|\bstripe\b|\bpaypal\b|\bcredit cards?\b|\bbuy (tickets|products|items|now)\b|\baccept donations\b|\bdonate (online|money)\b|\b(pay|take|takes|paying) (a |the )?(payments|deposits?)\b/g,
  ],
];

const FIELD_HINTS: readonly [FieldHint, RegExp][] = [
  [
    "image",
    /\b(photos?|images?|pictures?|pics|avatars?|screenshots?|thumbnails?|cover images?)\b/g,
  ],
  ["file", /\b(files?|attachments?|pdfs?|resumes?|cvs|videos?|documents)\b/g],
  ["location", /\b(locations?|maps?|gps|geo-?tag(s|ged)?|coordinates|nearby)\b/g],
  ["tags", /\btag(s|ged|ging)?\b|\blabels\b|\bhashtags?\b/g],
  ["dueDate", /\bdue dates?\b|\bdeadlines?\b/g],
  ["priority", /\bpriorit(y|ies)\b/g],
];

/** "I'd like", "would like", "like a", "looks like": the other "like". */
function isLikeFeature(lower: string, at: number, word: string): boolean {
  if (word === "likes" || word === "liking" || word.startsWith("upvot"))
    return !/\b(who|which|that|she|he|it|someone|everyone) $/.test(
      lower.slice(Math.max(0, at - 12), at),
    );
  const before = lower.slice(Math.max(0, at - 14), at);
  const after = lower.slice(at + word.length, at + word.length + 14);
  if (
    /\b(would|'d|i|we|you|they|feel|look|looks|looked|something|just|more|things|much|anything|apps?) $/.test(
      before,
    )
  )
    return false;
  if (/^ (to|a|an|the|this|that|it|something|these|those|how|what|when|in|on|with)\b/.test(after))
    return false;
  return (
    /\b(can|to|and|or|,|users|people|others|readers) $/.test(before) ||
    /^ (button|count)/.test(after)
  );
}

function negatedAt(lower: string, at: number): boolean {
  const before =
    lower
      .slice(Math.max(0, at - 24), at)
      .split(/[,.;:]/)
      .at(-1) ?? "";
  const words = before.trim().split(/\s+/).slice(-3);
  return words.some((w) => NEGATIONS.has(w) || w === "don't" || w === "dont");
}

function hits<K>(lower: string, table: readonly [K, RegExp][]): Hit<K>[] {
  const out: Hit<K>[] = [];
  for (const [key, re] of table)
    for (const m of lower.matchAll(re))
      if (!negatedAt(lower, m.index)) out.push({ key, start: m.index, end: m.index + m[0].length });
  return out;
}

export function detectFeatures(lower: string): Hit<Feature>[] {
  const out = hits(lower, FEATURES);
  for (const m of lower.matchAll(/\b(likes?|liking|upvot(e|es|ing)|hearts)\b/g))
    if (isLikeFeature(lower, m.index, m[0]) && !negatedAt(lower, m.index))
      out.push({ key: "likes", start: m.index, end: m.index + m[0].length });
  return out.sort((a, b) => a.start - b.start);
}

export function detectFieldHints(lower: string): Hit<FieldHint>[] {
  return hits(lower, FIELD_HINTS).sort((a, b) => a.start - b.start);
}

/** Items in a list that name a feature rather than a field or model: "push notifications". */
export const FEATURE_ITEM =
  /\b(log ?in|login|sign[- ]?(in|up|on)|signup|auth|authentication|accounts?|users?|passwords?|oauth|sso|magic links?|notif\w*|push|alerts?|reminders?|admin|moderation|check ?out|checkout|payments?|stripe|search\w*|filter\w*|sort\w*|markdown|editor|rich text|real[- ]?time|live|sync|dark|light|mode|theme|colou?rs?|style|design|ui|dashboard|analytics|charts?|stats|statistics|leaderboards?|progress bars?|calendar( view)?|forms?|widgets?|wall|feed|timeline|pages?|views?|screens?|export|import|sharing|share|likes?|upvotes?|emails? (me|notifications)|digest|reports?|responsive|mobile|pwa|offline|api|subscriber e-?mails?|playful|minimal\w*|modern|clean|elegant|retro|cute|bold|sleek|pastel|neon|cozy|cosy|warm|vibrant|fun|friendly|professional|calm|red|orange|yellow|green|blue|purple|pink|teal|indigo|violet|black|white|gr[ae]y|brown)\b/;
