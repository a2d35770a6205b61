import type { EntitySpec } from "./types.js";

/** Food, money, fitness and health: personal trackers. */
export const LIFE: readonly EntitySpec[] = [
  {
    id: "recipe",
    name: "Recipe",
    words: ["recipe"],
    fields: "title:string!, *ingredients:text!, *steps:text!, cookingTime:number, servings:number",
    seed: [
      {
        title: "Weeknight dal",
        ingredients: "Red lentils, onion, garlic, cumin",
        steps: "Fry, add lentils, simmer 20 min.",
        cookingTime: 30,
        servings: 4,
      },
      {
        title: "Overnight oats",
        ingredients: "Oats, milk, yoghurt, berries",
        steps: "Mix and chill overnight.",
        cookingTime: 5,
        servings: 1,
      },
    ],
  },
  {
    id: "meal",
    name: "Meal",
    words: ["meal"],
    fields: "name:string!, *date:date!, type:enum(breakfast|lunch|dinner|snack), calories:number",
    seed: [
      { name: "Porridge with banana", date: "2025-03-10", type: "breakfast", calories: 350 },
      { name: "Chicken salad", date: "2025-03-10", type: "lunch", calories: 520 },
    ],
  },
  {
    id: "groceryItem",
    name: "GroceryItem",
    words: ["grocery", "groceries", "grocery item", "shopping list item", "shopping item"],
    fields: "name:string!, quantity:number, *bought:boolean",
    seed: [
      { name: "Milk", quantity: 2, bought: false },
      { name: "Apples", quantity: 6, bought: true },
      { name: "Coffee", quantity: 1, bought: false },
    ],
  },
  {
    id: "expense",
    name: "Expense",
    words: ["expense", "spending"],
    fields:
      "description:string!, *amount:number!, category:enum(food|transport|housing|fun|other), *date:date!",
    seed: [
      { description: "Groceries", amount: 54.2, category: "food", date: "2025-03-08" },
      { description: "Train ticket", amount: 23.5, category: "transport", date: "2025-03-09" },
      { description: "Cinema", amount: 12, category: "fun", date: "2025-03-09" },
    ],
  },
  {
    id: "budget",
    name: "Budget",
    words: ["budget"],
    fields: "category:string!, *limit:number!, month:string",
    asField: "budget:number",
    seed: [
      { category: "Food", limit: 400, month: "2025-03" },
      { category: "Fun", limit: 120, month: "2025-03" },
    ],
  },
  {
    id: "income",
    name: "Income",
    words: ["income", "earning"],
    fields: "source:string!, *amount:number!, date:date!",
    seed: [
      { source: "Salary", amount: 3200, date: "2025-03-01" },
      { source: "Freelance", amount: 450, date: "2025-03-12" },
    ],
  },
  {
    id: "workout",
    name: "Workout",
    words: ["workout", "training session", "gym session"],
    fields: "name:string!, *date:date!, durationMinutes:number, notes:text",
    seed: [
      { name: "Leg day", date: "2025-03-10", durationMinutes: 60, notes: "Felt strong." },
      { name: "5k run", date: "2025-03-12", durationMinutes: 28 },
    ],
  },
  {
    id: "exercise",
    name: "Exercise",
    words: ["exercise"],
    fields: "name:string!, sets:number, reps:number, weight:number",
    parents: ["Workout"],
    seed: [
      { name: "Squat", sets: 5, reps: 5, weight: 80 },
      { name: "Lunges", sets: 3, reps: 12, weight: 16 },
    ],
  },
  {
    id: "sleepLog",
    name: "SleepLog",
    words: ["sleep log", "sleep entry"],
    fields: "*date:date!, *hours:number!, quality:enum(poor|okay|good)",
    seed: [
      { date: "2025-03-10", hours: 7.5, quality: "good" },
      { date: "2025-03-11", hours: 5.5, quality: "poor" },
    ],
  },
  {
    id: "moodEntry",
    name: "MoodEntry",
    words: ["mood entry", "mood log"],
    fields: "*mood:enum(great|good|okay|bad|awful), note:text, *date:date!",
    asField: "mood:enum(great|good|okay|bad)",
    seed: [
      { mood: "good", note: "Sunny walk", date: "2025-03-10" },
      { mood: "bad", date: "2025-03-11" },
    ],
  },
  {
    id: "medication",
    name: "Medication",
    words: ["medication", "medicine", "pill", "prescription"],
    fields: "name:string!, *dosage:string!, timesPerDay:number, notes:text",
    seed: [
      { name: "Vitamin D", dosage: "1000 IU", timesPerDay: 1 },
      { name: "Ibuprofen", dosage: "200 mg", timesPerDay: 3, notes: "With food." },
    ],
  },
  {
    id: "dose",
    name: "Dose",
    words: ["dose", "dose log"],
    fields: "*takenAt:datetime!",
    parents: ["Medication"],
    seed: [{ takenAt: "2025-03-10T08:00:00.000Z" }, { takenAt: "2025-03-10T20:00:00.000Z" }],
  },
  {
    id: "symptom",
    name: "Symptom",
    words: ["symptom"],
    fields: "name:string!, severity:enum(mild|moderate|severe), *date:date!",
    seed: [{ name: "Headache", severity: "mild", date: "2025-03-09" }],
  },
];
