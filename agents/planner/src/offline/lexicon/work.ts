import type { EntitySpec } from "./types.js";

/** Issues, support tickets, ideas, time and customers: work done with and for others. */
export const WORK: readonly EntitySpec[] = [
  {
    id: "timeEntry",
    name: "TimeEntry",
    words: ["time entry", "time entries", "timesheet entry", "time log"],
    fields: "description:string!, project:string, date:date!, *minutes:number!, billable:boolean",
    seed: [
      {
        description: "Client call",
        project: "Acme",
        date: "2025-03-12",
        minutes: 45,
        billable: true,
      },
      {
        description: "Code review",
        project: "Internal",
        date: "2025-03-12",
        minutes: 90,
        billable: false,
      },
    ],
  },
  {
    id: "issue",
    name: "Issue",
    words: ["issue", "bug", "bug report"],
    fields:
      "title:string!, description:text, *status:enum(open|in progress|closed), priority:enum(low|medium|high|critical)",
    parents: ["Project"],
    seed: [
      { title: "Login button does nothing on Safari", status: "open", priority: "high" },
      { title: "Typo on the pricing page", status: "closed", priority: "low" },
      { title: "Export times out for big accounts", status: "in progress", priority: "critical" },
    ],
  },
  {
    id: "ticket",
    name: "Ticket",
    words: ["ticket", "support ticket", "support request"],
    fields:
      "subject:string!, description:text!, *status:enum(open|pending|resolved), priority:enum(low|medium|high)",
    seed: [
      {
        subject: "Cannot reset my password",
        description: "The link has expired.",
        status: "open",
        priority: "high",
      },
      {
        subject: "Invoice address is wrong",
        description: "Please use the new office.",
        status: "resolved",
        priority: "low",
      },
    ],
  },
  {
    id: "idea",
    name: "Idea",
    words: ["idea", "feature request", "suggestion"],
    fields: "title:string!, description:text, status:enum(new|planned|in progress|done)",
    access: "shared",
    seed: [
      { title: "Dark mode", description: "Easier on the eyes at night.", status: "planned" },
      { title: "Export to CSV", status: "new" },
    ],
  },
  {
    id: "contact",
    name: "Contact",
    words: ["contact"],
    fields: "name:string!, email:email, phone:string, company:string, notes:text",
    seed: [
      {
        name: "Ada Lovelace",
        email: "ada@example.com",
        phone: "+44 20 7946 0001",
        company: "Analytical Ltd",
      },
      {
        name: "Grace Hopper",
        email: "grace@example.com",
        phone: "+1 202 555 0147",
        company: "Compilers Inc",
      },
      { name: "Alan Turing", email: "alan@example.com", company: "Bletchley Labs" },
    ],
  },
  {
    id: "deal",
    name: "Deal",
    words: ["deal", "opportunity", "opportunities"],
    fields:
      "title:string!, amount:number, *stage:enum(lead|qualified|proposal|won|lost), closeDate:date, contact:reference(Contact)",
    seed: [
      { title: "Annual licence", amount: 12000, stage: "proposal", closeDate: "2025-04-30" },
      { title: "Pilot project", amount: 3000, stage: "qualified", closeDate: "2025-03-31" },
    ],
  },
  {
    id: "crm.company",
    name: "Company",
    words: [],
    fields: "name:string!, website:url, industry:string",
    seed: [
      { name: "Analytical Ltd", website: "https://analytical.example.com", industry: "Software" },
      { name: "Compilers Inc", industry: "Consulting" },
    ],
  },
];
