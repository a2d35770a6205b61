import { LIFE_DOMAINS } from "./domains-life.js";
import type { DomainSpec } from "./types.js";

/**
 * App domains: phrases that name one, the models it brings when the prompt names no model of
 * its own, and how common words read inside it ("item" in a shop is a product, in a pantry a
 * grocery). Order matters only for the app's name: the first domain named wins.
 */

/** Work, organisation and trade. */
const WORK_DOMAINS: readonly DomainSpec[] = [
  {
    id: "notes",
    triggers: /\bnote[- ]?taking\b|\bnotes? (app|application|tool|site)\b|\bnotebook\b/i,
    appNoun: "notes",
    core: ["note"],
  },
  {
    id: "todo",
    triggers:
      /\bto[- ]?dos?\b|\btask (manager|management|list|tracker|app|board)\b|\bchecklists?\b/i,
    appNoun: "tasks",
    core: ["task"],
  },
  {
    id: "kanban",
    triggers: /\bkanban\b|\btrello\b/i,
    appNoun: "kanban",
    core: ["kanban.board", "kanban.card"],
    words: {
      board: "kanban.board",
      card: "kanban.card",
      column: "kanban.column",
      list: "kanban.column",
    },
  },
  {
    id: "projects",
    triggers: /\bproject (management|manager|tracker|tracking)\b/i,
    appNoun: "projects",
    core: ["project", "task"],
  },
  {
    id: "journal",
    triggers: /\bjournal(ing)?\b|\bdiary\b|\bdiaries\b/i,
    appNoun: "journal",
    core: ["journalEntry"],
    words: { entry: "journalEntry", entries: "journalEntry" },
  },
  {
    id: "mood",
    triggers: /\bmood (tracker|journal|log|diary)\b/i,
    appNoun: "mood-tracker",
    core: ["moodEntry"],
    words: { entry: "moodEntry", mood: "moodEntry" },
  },
  {
    id: "habits",
    triggers: /\bhabits?\b/i,
    appNoun: "habits",
    core: ["habit", "checkIn"],
    words: { log: "checkIn" },
  },
  {
    id: "bookmarks",
    triggers: /\bbookmarks?\b|\bread[- ]later\b|\blink (saver|manager)\b/i,
    appNoun: "bookmarks",
    core: ["bookmark"],
    words: { link: "bookmark" },
  },
  {
    id: "wiki",
    triggers: /\bwiki\b|\bknowledge ?base\b|\bdocumentation site\b/i,
    appNoun: "wiki",
    core: ["wiki.page"],
    words: { page: "wiki.page", article: "wiki.page", doc: "wiki.page" },
  },
  {
    id: "flashcards",
    triggers: /\bflash ?cards?\b|\bspaced repetition\b|\bstudy cards?\b/i,
    appNoun: "flashcards",
    core: ["deck", "flashcard"],
    words: { card: "flashcard" },
  },
  {
    id: "time",
    triggers: /\btime[- ]?track(er|ing)?\b|\btimesheets?\b|\bbillable hours\b/i,
    appNoun: "time-tracker",
    core: ["timeEntry"],
    words: { entry: "timeEntry", entries: "timeEntry", client: "invoices.client" },
  },
  {
    id: "bugs",
    triggers: /\b(bug|issue)[- ]?track(er|ing)?\b|\bbug reports?\b/i,
    appNoun: "issues",
    core: ["issue"],
  },
  {
    id: "helpdesk",
    triggers:
      /\bhelp ?desk\b|\bsupport (tickets?|desk|system|portal)\b|\bcustomer support\b|\bticketing\b/i,
    appNoun: "helpdesk",
    core: ["ticket", "reply"],
    words: { request: "ticket", message: "reply" },
  },
  {
    id: "ideas",
    triggers: /\bfeature requests?\b|\b(feedback|idea) board\b|\broadmap\b/i,
    appNoun: "feedback",
    core: ["idea"],
  },
  {
    id: "crm",
    triggers:
      /\bcrm\b|\bsales pipeline\b|\bcustomer relationship\b|\bleads?\b(?= tracker| pipeline| management)/i,
    appNoun: "crm",
    core: ["contact", "deal"],
    words: {
      company: "crm.company",
      account: "crm.company",
      customer: "contact",
      client: "contact",
      lead: "contact",
    },
  },
  {
    id: "contacts",
    triggers: /\baddress book\b|\bcontacts? (app|list|manager|book)\b/i,
    appNoun: "contacts",
    core: ["contact"],
  },
  {
    id: "shop",
    triggers:
      /\be-?commerce\b|\bonline (shop|store)\b|\bweb ?shop\b|\bstorefront\b|\bshop\b|\b(a|an|my|our) ([a-z-]+ )?store\b/i,
    appNoun: "shop",
    core: ["product"],
    words: { item: "product", merchandise: "product" },
  },
  {
    id: "inventory",
    triggers: /\binventory\b|\bstock (management|levels?|control|tracking)\b|\bwarehouse\b/i,
    appNoun: "inventory",
    core: ["inventoryItem"],
    words: { item: "inventoryItem", part: "inventoryItem", product: "inventoryItem" },
  },
  {
    id: "invoices",
    triggers: /\binvoic(e|es|ing)\b|\bfreelanc(e|er|ing)\b/i,
    appNoun: "invoices",
    core: ["invoice"],
    words: { client: "invoices.client", customer: "invoices.client" },
  },
  {
    id: "restaurant",
    triggers: /\brestaurants?\b|\bcaf[eé]s?\b|\bfood ordering\b|\btakeaway\b|\bmenu\b/i,
    appNoun: "restaurant",
    core: ["menuItem"],
    words: { item: "menuItem", booking: "reservation", table: "reservation" },
  },
  {
    id: "marketplace",
    triggers: /\bmarketplace\b|\bclassifieds?\b|\bbuy and sell\b|\bsecond[- ]hand\b/i,
    appNoun: "marketplace",
    core: ["listing"],
    words: { item: "listing", ad: "listing" },
  },
  {
    id: "realestate",
    triggers: /\breal[- ]estate\b|\bpropert(y|ies)\b|\brentals?\b|\bhouse hunting\b/i,
    appNoun: "real-estate",
    core: ["property"],
    words: { listing: "property", home: "property", unit: "property" },
  },
  {
    id: "jobs",
    triggers:
      /\bjob (board|listings?|postings?|portal|site)\b|\brecruit(ing|ment)?\b|\bhiring\b|\bcareers? (page|site)\b/i,
    appNoun: "jobs",
    core: ["job"],
    words: {
      application: "jobs.application",
      candidate: "jobs.application",
      applicant: "jobs.application",
      position: "job",
      opening: "job",
    },
  },
  {
    id: "fundraising",
    triggers: /\bfundrais(er|ing)\b|\bdonations?\b|\bcrowdfund(ing)?\b|\bcharity\b/i,
    appNoun: "fundraiser",
    core: ["campaign", "donation"],
  },
  {
    id: "newsletter",
    triggers: /\bnewsletters?\b|\bmailing list\b/i,
    appNoun: "newsletter",
    core: ["newsletter", "subscriber"],
    words: { issue: "newsletter" },
  },
  {
    id: "appointments",
    triggers: /\bappointments?\b|\bsalon\b|\bbarber(shop)?\b|\bclinic\b/i,
    appNoun: "appointments",
    core: ["appointment"],
    words: { service: "booking.service", booking: "appointment" },
  },
  {
    id: "hotel",
    triggers:
      /\bhotels?\b|\bhostel\b|\bb&b\b|\bguest ?house\b|\broom bookings?\b|\bvacation rentals?\b/i,
    appNoun: "hotel",
    core: ["hotel.room", "booking"],
    words: { room: "hotel.room", reservation: "booking" },
  },
];

export const DOMAINS: readonly DomainSpec[] = [...WORK_DOMAINS, ...LIFE_DOMAINS];
