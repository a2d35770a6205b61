import type { EntitySpec } from "./types.js";

/** Books, films, music, podcasts, newsletters, travel, pets, plants and cars. */
export const MEDIA: readonly EntitySpec[] = [
  {
    id: "book",
    name: "Book",
    words: ["book", "novel"],
    fields:
      "title:string!, author:string!, genre:string, status:enum(want to read|reading|finished)",
    seed: [
      { title: "Piranesi", author: "Susanna Clarke", genre: "Fantasy", status: "finished" },
      {
        title: "The Left Hand of Darkness",
        author: "Ursula K. Le Guin",
        genre: "Science fiction",
        status: "reading",
      },
      { title: "Educated", author: "Tara Westover", genre: "Memoir", status: "want to read" },
    ],
  },
  {
    id: "loan",
    name: "Loan",
    words: ["loan", "borrowing", "lending"],
    fields: "borrower:string!, *dueDate:date!, *returned:boolean",
    parents: ["Book"],
    seed: [
      { borrower: "Jamie", dueDate: "2025-03-30", returned: false },
      { borrower: "Priya", dueDate: "2025-03-01", returned: true },
    ],
  },
  {
    id: "movie",
    name: "Movie",
    words: ["movie", "film"],
    fields: "title:string!, year:number, genre:string, *watched:boolean",
    seed: [
      { title: "Spirited Away", year: 2001, genre: "Animation", watched: true },
      { title: "Arrival", year: 2016, genre: "Science fiction", watched: false },
    ],
  },
  {
    id: "show",
    name: "Show",
    words: ["tv show", "tv series", "series"],
    fields: "title:string!, seasons:number, status:enum(watching|finished|dropped)",
    seed: [
      { title: "Severance", seasons: 2, status: "watching" },
      { title: "The Wire", seasons: 5, status: "finished" },
    ],
  },
  {
    id: "playlist",
    name: "Playlist",
    words: ["playlist"],
    fields: "name:string!, description:text",
    seed: [{ name: "Focus", description: "Instrumental, no vocals." }, { name: "Road trip" }],
  },
  {
    id: "song",
    name: "Song",
    words: ["song", "tune"],
    fields: "title:string!, artist:string!, album:string, durationSeconds:number",
    parents: ["Playlist"],
    seed: [
      { title: "Intro", artist: "The xx", album: "xx", durationSeconds: 128 },
      { title: "Teardrop", artist: "Massive Attack", album: "Mezzanine", durationSeconds: 330 },
    ],
  },
  {
    id: "podcast",
    name: "Podcast",
    words: ["podcast", "podcast show"],
    fields: "title:string!, description:text",
    seed: [{ title: "Small Kitchen Talk", description: "Cooking in tiny spaces." }],
  },
  {
    id: "episode",
    name: "Episode",
    words: ["episode", "podcast episode"],
    fields: "title:string!, description:text, audio:file, publishedAt:date",
    parents: ["Podcast", "Show"],
    seed: [
      { title: "Knives 101", description: "Which three you need.", publishedAt: "2025-03-03" },
    ],
  },
  {
    id: "trip",
    name: "Trip",
    words: ["trip", "journey", "vacation", "itinerary"],
    fields: "destination:string!, *startDate:date!, endDate:date, notes:text",
    seed: [
      {
        destination: "Lisbon",
        startDate: "2025-05-02",
        endDate: "2025-05-07",
        notes: "Book the tram tour.",
      },
      { destination: "Kyoto", startDate: "2025-10-10", endDate: "2025-10-20" },
    ],
  },
  {
    id: "place",
    name: "Place",
    words: ["attraction", "sight"],
    fields: "name:string!, location:geopoint, visited:boolean, notes:text",
    parents: ["Trip"],
    seed: [
      { name: "Belém Tower", location: { lat: 38.6916, lng: -9.216 }, visited: false },
      { name: "Fushimi Inari", location: { lat: 34.9671, lng: 135.7727 }, visited: true },
    ],
  },
  {
    id: "pet",
    name: "Pet",
    words: ["pet", "dog", "cat"],
    fields: "name:string!, species:string, breed:string, birthday:date",
    seed: [
      { name: "Biscuit", species: "Dog", breed: "Beagle", birthday: "2020-06-01" },
      { name: "Miso", species: "Cat", breed: "Tabby", birthday: "2022-01-15" },
    ],
  },
  {
    id: "vetVisit",
    name: "VetVisit",
    words: ["vet visit", "vet appointment", "checkup", "check-up"],
    fields: "*date:date!, reason:string!, notes:text",
    parents: ["Pet"],
    seed: [{ date: "2025-02-14", reason: "Annual checkup", notes: "All good." }],
  },
  {
    id: "vaccination",
    name: "Vaccination",
    words: ["vaccination", "vaccine"],
    fields: "name:string!, *date:date!, nextDue:date",
    parents: ["Pet"],
    seed: [{ name: "Rabies", date: "2024-06-01", nextDue: "2027-06-01" }],
  },
  {
    id: "plant",
    name: "Plant",
    words: ["plant", "houseplant"],
    fields:
      "name:string!, species:string, location:string, lastWatered:date, waterEveryDays:number",
    seed: [
      {
        name: "Monstera",
        species: "Monstera deliciosa",
        location: "Living room",
        lastWatered: "2025-03-08",
        waterEveryDays: 7,
      },
      {
        name: "Basil",
        species: "Ocimum basilicum",
        location: "Kitchen window",
        lastWatered: "2025-03-10",
        waterEveryDays: 2,
      },
    ],
  },
  {
    id: "vehicle",
    name: "Vehicle",
    words: ["vehicle", "car", "truck", "motorcycle"],
    fields: "name:string!, make:string, model:string, year:number, mileage:number",
    seed: [
      { name: "Family car", make: "Toyota", model: "Corolla", year: 2018, mileage: 84000 },
      { name: "Van", make: "Ford", model: "Transit", year: 2021, mileage: 32000 },
    ],
  },
  {
    id: "serviceRecord",
    name: "ServiceRecord",
    words: ["service record", "maintenance record", "repair", "oil change"],
    fields: "type:string!, *date:date!, cost:number, mileage:number",
    parents: ["Vehicle"],
    seed: [{ type: "Oil change", date: "2025-01-20", cost: 90, mileage: 82000 }],
  },
  {
    id: "subscriber",
    name: "Subscriber",
    words: ["subscriber"],
    fields: "*email:email!, name:string",
    seed: [{ email: "reader@example.com", name: "Pat" }, { email: "fan@example.com" }],
  },
  {
    id: "newsletter",
    name: "Newsletter",
    words: ["newsletter", "newsletter issue"],
    fields: "subject:string!, *body:text!, sentAt:datetime",
    seed: [{ subject: "March update", body: "Three new features and a thank-you." }],
  },
];
