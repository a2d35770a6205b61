import type { EntitySpec } from "./types.js";

/** Learning, appointments, rooms to book, shifts, teams and portfolios: organised by someone. */
export const SERVICES: readonly EntitySpec[] = [
  {
    id: "course",
    name: "Course",
    words: ["course"],
    fields: "title:string!, description:text, level:enum(beginner|intermediate|advanced)",
    access: "public-read",
    seed: [
      { title: "Intro to Python", description: "Variables to functions.", level: "beginner" },
      { title: "Watercolour basics", level: "beginner" },
    ],
  },
  {
    id: "lesson",
    name: "Lesson",
    words: ["lesson", "chapter"],
    fields: "title:string!, *content:text, position:number",
    parents: ["Course"],
    access: "public-read",
    seed: [
      {
        title: "Installing Python",
        content: "Download, install, run python --version.",
        position: 1,
      },
      { title: "Your first script", content: "print('hello')", position: 2 },
    ],
  },
  {
    id: "enrollment",
    name: "Enrollment",
    words: ["enrollment", "enrolment"],
    fields: "progress:number",
    parents: ["Course"],
    social: "private",
    seed: [{ progress: 40 }, { progress: 100 }],
  },
  {
    id: "assignment",
    name: "Assignment",
    words: ["assignment", "homework"],
    fields: "title:string!, description:text, *dueDate:date!, points:number",
    access: "shared",
    seed: [
      { title: "Essay on the water cycle", dueDate: "2025-03-21", points: 20 },
      { title: "Fractions worksheet", dueDate: "2025-03-18", points: 10 },
    ],
  },
  {
    id: "submission",
    name: "Submission",
    words: ["submission"],
    fields: "*content:text, attachment:file, grade:number",
    parents: ["Assignment"],
    social: "private",
    seed: [{ content: "Water evaporates, condenses and falls again.", grade: 18 }],
  },
  {
    id: "appointment",
    name: "Appointment",
    words: ["appointment"],
    fields:
      "title:string!, *startsAt:datetime!, durationMinutes:number, notes:text, status:enum(requested|confirmed|cancelled)",
    seed: [
      {
        title: "Haircut",
        startsAt: "2025-03-14T10:00:00.000Z",
        durationMinutes: 30,
        status: "confirmed",
      },
      {
        title: "Consultation",
        startsAt: "2025-03-17T15:30:00.000Z",
        durationMinutes: 60,
        status: "requested",
      },
    ],
  },
  {
    id: "booking.service",
    name: "Service",
    words: [],
    fields: "name:string!, *durationMinutes:number!, price:number",
    access: "catalogue",
    seed: [
      { name: "Haircut", durationMinutes: 30, price: 25 },
      { name: "Colour", durationMinutes: 90, price: 70 },
    ],
  },
  {
    id: "booking",
    name: "Booking",
    words: ["booking"],
    fields: "*date:date!, guests:number, *status:enum(pending|confirmed|cancelled), notes:text",
    seed: [
      { date: "2025-04-12", guests: 2, status: "confirmed" },
      { date: "2025-04-19", guests: 4, status: "pending", notes: "Late check-in" },
    ],
  },
  {
    id: "hotel.room",
    name: "Room",
    words: ["hotel room"],
    fields: "name:string!, type:enum(single|double|suite), *pricePerNight:number!, capacity:number",
    access: "catalogue",
    seed: [
      { name: "Room 101", type: "double", pricePerNight: 95, capacity: 2 },
      { name: "Garden suite", type: "suite", pricePerNight: 180, capacity: 4 },
    ],
  },
  {
    id: "shift",
    name: "Shift",
    words: ["shift", "volunteer shift"],
    fields: "title:string!, *startsAt:datetime!, endsAt:datetime, location:string, spots:number",
    access: "shared",
    seed: [
      {
        title: "Food bank sorting",
        startsAt: "2025-03-15T09:00:00.000Z",
        endsAt: "2025-03-15T12:00:00.000Z",
        spots: 6,
      },
      { title: "Park clean-up", startsAt: "2025-03-22T10:00:00.000Z", spots: 12 },
    ],
  },
  {
    id: "volunteer.signup",
    name: "Signup",
    words: ["shift signup", "volunteer signup"],
    fields: "note:string",
    parents: ["Shift"],
    social: "visible",
    seed: [{ note: "Can stay late" }, {}],
  },
  {
    id: "sports.team",
    name: "Team",
    words: [],
    fields: "name:string!, city:string",
    access: "shared",
    seed: [
      { name: "Riverside Rovers", city: "Riverside" },
      { name: "Hillcrest United", city: "Hillcrest" },
    ],
  },
  {
    id: "player",
    name: "Player",
    words: ["player"],
    fields: "name:string!, position:string, number:number",
    parents: ["Team"],
    access: "shared",
    seed: [
      { name: "Alex Kim", position: "Goalkeeper", number: 1 },
      { name: "Sam Ortiz", position: "Striker", number: 9 },
    ],
  },
  {
    id: "match",
    name: "Match",
    words: ["match", "matches", "fixture"],
    fields:
      "homeTeam:string!, awayTeam:string!, *date:datetime!, homeScore:number, awayScore:number",
    access: "shared",
    seed: [
      {
        homeTeam: "Riverside Rovers",
        awayTeam: "Hillcrest United",
        date: "2025-03-22T15:00:00.000Z",
        homeScore: 2,
        awayScore: 1,
      },
    ],
  },
  {
    id: "quiz",
    name: "Quiz",
    words: ["quiz", "quizzes"],
    fields: "title:string!, description:text",
    seed: [
      { title: "World capitals", description: "Ten quick questions." },
      { title: "90s music" },
    ],
  },
  {
    id: "quiz.question",
    name: "Question",
    words: ["quiz question"],
    fields: "prompt:string!, *choices:tags!, *answer:string!",
    parents: ["Quiz"],
    seed: [
      {
        prompt: "Capital of Australia?",
        choices: ["Sydney", "Canberra", "Melbourne"],
        answer: "Canberra",
      },
    ],
  },
  {
    id: "portfolio.project",
    name: "Project",
    words: [],
    fields: "title:string!, description:text, url:url, image:image",
    access: "public-read",
    seed: [
      {
        title: "Weather widget",
        description: "A tiny forecast card.",
        url: "https://example.com/weather",
      },
      { title: "Recipe finder", description: "Search by what is in the fridge." },
    ],
  },
];
