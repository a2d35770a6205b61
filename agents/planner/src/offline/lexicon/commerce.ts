import type { EntitySpec } from "./types.js";

/** Selling, stock, money in, listings and bookings: things that change hands. */
export const COMMERCE: readonly EntitySpec[] = [
  {
    id: "product",
    name: "Product",
    words: ["product"],
    fields: "name:string!, description:text, *price:number!, image:image, inStock:boolean",
    access: "catalogue",
    seed: [
      { name: "Ceramic mug", description: "Hand-glazed, 350 ml.", price: 18, inStock: true },
      {
        name: "Linen tote bag",
        description: "Natural linen, inner pocket.",
        price: 24,
        inStock: true,
      },
      { name: "Desk lamp", description: "Warm LED, dimmable.", price: 49, inStock: false },
    ],
  },
  {
    id: "cartItem",
    name: "CartItem",
    words: ["cart", "shopping cart", "basket", "cart item", "shopping bag"],
    fields: "*product:reference(Product)!, *quantity:number!",
    seed: [{ quantity: 2 }, { quantity: 1 }],
  },
  {
    id: "order",
    name: "Order",
    words: ["order", "purchase"],
    fields: "*status:enum(pending|paid|shipped|delivered|cancelled), *total:number!, items:text",
    seed: [
      { status: "paid", total: 42, items: "2 × Ceramic mug, 1 × Tote bag" },
      { status: "shipped", total: 49, items: "1 × Desk lamp" },
    ],
  },
  {
    id: "review",
    name: "Review",
    words: ["review"],
    fields: "*rating:number!, text:text",
    parents: ["Product", "Recipe", "Book", "Movie", "Place", "Listing", "Course", "*"],
    social: "visible",
    seed: [
      { rating: 5, text: "Exactly as described, would buy again." },
      { rating: 3, text: "Good, but took a while to arrive." },
    ],
  },
  {
    id: "inventoryItem",
    name: "InventoryItem",
    words: ["inventory item", "stock item", "spare part"],
    fields: "name:string!, sku:string, *quantity:number!, location:string, reorderLevel:number",
    seed: [
      { name: "M6 bolts", sku: "BLT-M6", quantity: 420, location: "Aisle 3", reorderLevel: 100 },
      { name: "Packing tape", sku: "TAPE-48", quantity: 12, location: "Shelf B", reorderLevel: 20 },
    ],
  },
  {
    id: "supplier",
    name: "Supplier",
    words: ["supplier", "vendor"],
    fields: "name:string!, email:email, phone:string",
    seed: [
      {
        name: "Northwind Traders",
        email: "orders@northwind.example.com",
        phone: "+1 206 555 0100",
      },
      { name: "Contoso Supplies", email: "sales@contoso.example.com" },
    ],
  },
  {
    id: "invoice",
    name: "Invoice",
    words: ["invoice"],
    fields:
      "number:string!, client:string!, *amount:number!, dueDate:date, *status:enum(draft|sent|paid|overdue)",
    seed: [
      {
        number: "INV-001",
        client: "Acme Ltd",
        amount: 1800,
        dueDate: "2025-04-01",
        status: "sent",
      },
      { number: "INV-002", client: "Globex", amount: 650, dueDate: "2025-03-15", status: "paid" },
    ],
  },
  {
    id: "invoices.client",
    name: "Client",
    words: [],
    fields: "name:string!, email:email, company:string",
    seed: [
      { name: "Jordan Lee", email: "jordan@acme.example.com", company: "Acme Ltd" },
      { name: "Sam Patel", email: "sam@globex.example.com", company: "Globex" },
    ],
  },
  {
    id: "menuItem",
    name: "MenuItem",
    words: ["menu item", "dish"],
    fields:
      "name:string!, description:text, *price:number!, category:enum(starter|main|dessert|drink)",
    access: "catalogue",
    seed: [
      { name: "Tomato soup", description: "With basil oil.", price: 7, category: "starter" },
      { name: "Mushroom risotto", price: 16, category: "main" },
      { name: "Lemon tart", price: 6, category: "dessert" },
    ],
  },
  {
    id: "reservation",
    name: "Reservation",
    words: ["reservation", "table booking"],
    fields: "name:string!, *partySize:number!, *time:datetime!, notes:text",
    seed: [
      { name: "Rivera", partySize: 4, time: "2025-03-15T19:30:00.000Z", notes: "Window seat" },
      { name: "Okafor", partySize: 2, time: "2025-03-16T20:00:00.000Z" },
    ],
  },
  {
    id: "listing",
    name: "Listing",
    words: ["listing", "classified ad", "classified"],
    fields:
      "title:string!, description:text, *price:number, condition:enum(new|like new|used), photo:image, city:string",
    access: "public-read",
    seed: [
      {
        title: "Road bike, 56 cm",
        description: "Serviced last month.",
        price: 350,
        condition: "used",
        city: "Leeds",
      },
      { title: "Oak bookshelf", price: 80, condition: "like new", city: "York" },
    ],
  },
  {
    id: "property",
    name: "Property",
    words: ["property", "properties", "apartment", "house"],
    fields:
      "title:string!, address:string!, *price:number!, bedrooms:number, bathrooms:number, type:enum(house|apartment|condo|land), photo:image",
    access: "public-read",
    seed: [
      {
        title: "Sunny two-bed flat",
        address: "4 Elm Street",
        price: 1450,
        bedrooms: 2,
        bathrooms: 1,
        type: "apartment",
      },
      {
        title: "Family house with garden",
        address: "18 Oak Lane",
        price: 385000,
        bedrooms: 4,
        bathrooms: 2,
        type: "house",
      },
    ],
  },
  {
    id: "viewing",
    name: "Viewing",
    words: ["viewing", "showing", "inquiry", "enquiry"],
    fields: "*date:datetime!, name:string!, phone:string, message:text",
    parents: ["Property", "Listing"],
    social: "private",
    seed: [{ date: "2025-03-18T17:00:00.000Z", name: "Chris Doe", phone: "+44 7700 900123" }],
  },
  {
    id: "job",
    name: "Job",
    words: ["job", "job posting", "job listing", "job ad", "vacancy", "vacancies"],
    fields:
      "title:string!, company:string!, location:string, type:enum(full-time|part-time|contract|internship), salary:number, description:text",
    access: "public-read",
    seed: [
      {
        title: "Frontend engineer",
        company: "Acme",
        location: "Remote",
        type: "full-time",
        salary: 85000,
      },
      {
        title: "Barista",
        company: "Bean There",
        location: "Bristol",
        type: "part-time",
        salary: 22000,
      },
    ],
  },
  {
    id: "jobs.application",
    name: "Application",
    words: ["job application"],
    fields: "name:string!, email:email!, resume:file, coverLetter:text",
    parents: ["Job"],
    social: "private",
    seed: [
      {
        name: "Riley Chen",
        email: "riley@example.com",
        coverLetter: "I have five years of React.",
      },
    ],
  },
  {
    id: "campaign",
    name: "Campaign",
    words: ["campaign", "fundraiser"],
    fields: "title:string!, description:text, *goal:number!, raised:number",
    access: "public-read",
    seed: [
      { title: "New roof for the community hall", goal: 20000, raised: 7350 },
      { title: "School library books", goal: 2500, raised: 2100 },
    ],
  },
  {
    id: "donation",
    name: "Donation",
    words: ["donation", "pledge"],
    fields: "*amount:number!, message:text",
    parents: ["Campaign"],
    social: "private",
    seed: [{ amount: 25, message: "Good luck!" }, { amount: 100 }],
  },
];
