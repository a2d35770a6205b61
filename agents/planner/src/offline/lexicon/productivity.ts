import type { EntitySpec } from "./types.js";

/** Notes, tasks, projects, journals, habits and knowledge: organising one's own things. */
export const PRODUCTIVITY: readonly EntitySpec[] = [
  {
    id: "note",
    name: "Note",
    words: ["note"],
    fields: "title:string!, *body:text, pinned:boolean",
    asField: "notes:text",
    seed: [
      {
        title: "Groceries for the weekend",
        body: "Eggs, spinach, oat milk, coffee beans.",
        pinned: true,
      },
      {
        title: "Offsite ideas",
        body: "Morning hike, workshop after lunch, dinner by the lake.",
        pinned: false,
      },
      {
        title: "Books to read",
        body: "The Overstory; Project Hail Mary; Piranesi.",
        pinned: false,
      },
    ],
  },
  {
    id: "task",
    name: "Task",
    words: ["task", "todo", "to-do", "to do", "chore", "action item"],
    fields: "title:string!, *done:boolean, dueDate:date, priority:enum(low|medium|high)",
    parents: ["Project", "TaskList"],
    seed: [
      { title: "Book the dentist", done: false, dueDate: "2025-03-14", priority: "high" },
      { title: "Water the plants", done: true, dueDate: "2025-03-10", priority: "low" },
      {
        title: "Draft the quarterly report",
        done: false,
        dueDate: "2025-03-28",
        priority: "medium",
      },
    ],
  },
  {
    id: "taskList",
    name: "TaskList",
    words: ["task list", "todo list", "to-do list", "checklist"],
    fields: "name:string!",
    seed: [{ name: "Home" }, { name: "Work" }],
  },
  {
    id: "project",
    name: "Project",
    words: ["project"],
    fields: "name:string!, description:text, dueDate:date",
    seed: [
      { name: "Website relaunch", description: "New design and content.", dueDate: "2025-05-30" },
      {
        name: "Kitchen renovation",
        description: "Cabinets, tiles and lights.",
        dueDate: "2025-08-15",
      },
    ],
  },
  {
    id: "journalEntry",
    name: "JournalEntry",
    words: ["journal entry", "diary entry", "journal entries", "log entry"],
    fields: "title:string, *body:text!, mood:enum(great|good|okay|bad), date:date!",
    seed: [
      {
        title: "First day of spring",
        body: "Long walk by the river.",
        mood: "great",
        date: "2025-03-20",
      },
      { title: "Tired", body: "Too many meetings, early night.", mood: "okay", date: "2025-03-21" },
    ],
  },
  {
    id: "habit",
    name: "Habit",
    words: ["habit"],
    fields: "name:string!, frequency:enum(daily|weekly), goal:number, streak:number",
    seed: [
      { name: "Read 20 pages", frequency: "daily", goal: 20, streak: 4 },
      { name: "Go for a run", frequency: "weekly", goal: 3, streak: 2 },
      { name: "Drink water", frequency: "daily", goal: 8, streak: 11 },
    ],
  },
  {
    id: "checkIn",
    name: "CheckIn",
    words: ["check-in", "check in", "checkin", "habit log"],
    fields: "*date:date!, done:boolean, note:string",
    parents: ["Habit"],
    seed: [
      { date: "2025-03-10", done: true, note: "Before breakfast" },
      { date: "2025-03-11", done: true },
    ],
  },
  {
    id: "bookmark",
    name: "Bookmark",
    words: ["bookmark", "saved link"],
    fields: "title:string!, *url:url!, notes:text, tags:tags",
    seed: [
      { title: "MDN Web Docs", url: "https://developer.mozilla.org", tags: ["reference", "web"] },
      { title: "Hacker News", url: "https://news.ycombinator.com", tags: ["news"] },
    ],
  },
  {
    id: "wiki.page",
    name: "Page",
    words: ["wiki page"],
    fields: "title:string!, *content:text, category:string",
    seed: [
      { title: "Onboarding", content: "Welcome! Start with the handbook.", category: "People" },
      {
        title: "Deploy checklist",
        content: "1. Tag the release 2. Watch the dashboards",
        category: "Engineering",
      },
    ],
  },
  {
    id: "deck",
    name: "Deck",
    words: ["deck"],
    fields: "name:string!, description:text",
    seed: [{ name: "Spanish verbs", description: "Common irregular verbs." }, { name: "Capitals" }],
  },
  {
    id: "flashcard",
    name: "Flashcard",
    words: ["flashcard", "flash card"],
    fields: "front:text!, back:text!, learned:boolean",
    parents: ["Deck"],
    seed: [
      { front: "tener", back: "to have", learned: false },
      { front: "Capital of Canada", back: "Ottawa", learned: true },
    ],
  },
  {
    id: "kanban.board",
    name: "Board",
    words: ["kanban board"],
    fields: "name:string!, description:text",
    seed: [{ name: "Product launch" }, { name: "Hiring" }],
  },
  {
    id: "kanban.column",
    name: "Column",
    words: [],
    fields: "name:string!, position:number",
    parents: ["Board"],
    seed: [
      { name: "To do", position: 1 },
      { name: "Doing", position: 2 },
      { name: "Done", position: 3 },
    ],
  },
  {
    id: "kanban.card",
    name: "Card",
    words: ["kanban card"],
    fields: "title:string!, description:text, *status:enum(todo|doing|done), dueDate:date",
    parents: ["Column", "Board"],
    seed: [
      { title: "Write launch post", status: "doing", dueDate: "2025-04-02" },
      { title: "Pick pricing", status: "todo" },
      { title: "Record the demo", status: "done" },
    ],
  },
];
