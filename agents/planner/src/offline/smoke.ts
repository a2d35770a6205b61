import type { AppPlan, Model, PlannedFunction, SmokeScenario } from "../plan-schema.js";
import { article, kebabCase, phraseOf, plural } from "./words.js";

/**
 * Smoke scenarios the tester turns into Playwright specs: sign up, create each main model and
 * see it listed, add each child on its parent's page, then one check per feature (search,
 * uploads, live updates, notifications, checkout, admin) and one that private data stays private.
 */
type Plan = Pick<AppPlan, "auth" | "models" | "features" | "functions" | "storage">;
const MAX = 20;

export function planSmoke(plan: Plan): SmokeScenario[] {
  const out: SmokeScenario[] = [signUp(plan.auth.providers)];
  const signIn = plan.auth.providers.includes("email")
    ? "sign in as a new user"
    : plan.auth.providers.includes("anonymous")
      ? "open the app as a guest"
      : "sign in with the test account";
  const top = plan.models.filter((m) => !m.parent);
  // A model the checkout writes (orders) has no form: the "Check out" scenario covers it.
  const checkout = plan.functions.some((f) => f.name === "checkout");
  for (const m of top.slice(0, 6))
    if (!(checkout && /order|purchase/i.test(m.name))) out.push(create(m, signIn));
  for (const c of plan.models.filter((m) => m.parent).slice(0, 4))
    out.push(addChild(c, plan.models, signIn));
  const owned = top.find((m) => m.access.kind === "owner");
  if (owned && plan.auth.providers.includes("email")) out.push(privacy(owned));
  const publicModel = top.find((m) => m.access.kind === "public-read");
  if (publicModel)
    out.push({
      name: `Visitors read ${plural(phraseOf(publicModel.name))} signed out`,
      steps: [
        `create ${article(phraseOf(publicModel.name))} ${phraseOf(publicModel.name)} titled "Public smoke"`,
        "sign out",
        `open ${route(publicModel)}`,
        `see "Public smoke" in the list`,
      ],
    });
  out.push(...featureChecks(plan, top[0]!, signIn));
  return out.slice(0, MAX);
}

function route(m: Model): string {
  return `/${kebabCase(m.collection)}`;
}

function titleField(m: Model) {
  return (
    m.fields.find((f) => f.type === "string" && f.name !== m.ownerField) ??
    m.fields.find((f) => f.type === "text" || f.type === "markdown")
  );
}

function signUp(providers: readonly string[]): SmokeScenario {
  if (providers.includes("email"))
    return {
      name: "Sign up and reach the dashboard",
      steps: ["open /sign-up", "sign up with a new email and password", "see the dashboard at /"],
    };
  if (providers.includes("anonymous") && providers.length === 1)
    return {
      name: "Open the app as a guest",
      steps: ["open /", "be signed in anonymously without an account", "see the dashboard"],
    };
  return {
    name: "Sign in and reach the dashboard",
    steps: [
      "open /sign-in",
      `sign in with the ${providers[0]} test account`,
      "see the dashboard at /",
    ],
  };
}

function create(m: Model, signIn: string): SmokeScenario {
  const thing = phraseOf(m.name);
  const title = titleField(m);
  const admin = m.access.roles
    ? [`sign in as a user with the ${m.access.roles[0]} role`]
    : [signIn];
  const others = m.fields.filter(
    (f) =>
      f.required &&
      f !== title &&
      f.name !== m.ownerField &&
      f.name !== "createdAt" &&
      f.type !== "reference",
  );
  const steps = [
    ...admin,
    `open ${route(m)}/new`,
    ...(title ? [`fill "${title.label}" with "Smoke ${thing}"`] : []),
    ...others.slice(0, 6).map((f) => `fill "${f.label}" with a valid ${f.type} value`),
    "save",
    title
      ? `see "Smoke ${thing}" in the list at ${route(m)}`
      : `see the new ${thing} in the list at ${route(m)}`,
  ];
  return { name: `Create ${article(thing)} ${thing} and see it listed`, steps };
}

function addChild(c: Model, models: readonly Model[], signIn: string): SmokeScenario {
  const parent = models.find((m) => m.name === c.parent)!;
  const [child, under] = [phraseOf(c.name), phraseOf(parent.name)];
  const top = !parent.parent;
  return {
    name: `Add ${article(child)} ${child} to ${article(under)} ${under}`,
    steps: [
      signIn,
      top ? `open a seeded ${under} from ${route(parent)}` : `open a ${under}`,
      `add a ${child}`,
      `see the ${child} on the ${under}'s page`,
    ],
  };
}

function privacy(m: Model): SmokeScenario {
  const thing = phraseOf(m.name);
  return {
    name: `Another user cannot see my ${plural(thing)}`,
    steps: [
      `sign in as user A and create a ${thing} titled "Private smoke"`,
      "sign out and sign in as user B",
      `open ${route(m)}`,
      `see no "Private smoke" ${thing}`,
    ],
  };
}

function featureChecks(plan: Plan, main: Model, signIn: string): SmokeScenario[] {
  const out: SmokeScenario[] = [];
  const thing = phraseOf(main.name);
  const has = (f: AppPlan["features"][number]) => plan.features.includes(f);
  if (has("search"))
    out.push({
      name: `Search finds a ${thing}`,
      steps: [
        signIn,
        `create a ${thing} titled "Zebra smoke"`,
        'search for "zebra"',
        `see only that ${thing} in the results`,
      ],
    });
  if (has("tags"))
    out.push({
      name: "Filter by tag",
      steps: [
        signIn,
        `create a ${thing} titled "Untagged smoke"`,
        `create a ${thing} titled "Tagged smoke" tagged "smoke"`,
        'filter the list by the tag "smoke"',
        `see that ${thing} and no untagged ones`,
      ],
    });
  if (has("uploads")) {
    const m = plan.models.find((x) =>
      x.fields.some((f) => f.type === "image" || f.type === "file"),
    )!;
    const f = m.fields.find((x) => x.type === "image" || x.type === "file")!;
    out.push({
      name: `Upload ${f.type === "image" ? "an image" : "a file"} to a ${phraseOf(m.name)}`,
      steps: [
        signIn,
        `create a ${phraseOf(m.name)} with a small ${f.type === "image" ? "PNG" : "PDF"} as "${f.label}"`,
        "save",
        `see the ${f.type === "image" ? "image preview" : "file link"} on its page`,
      ],
    });
  }
  const live =
    plan.models.find((m) => m.realtime && m.parent) ?? plan.models.find((m) => m.realtime);
  if (live)
    out.push({
      name: `New ${plural(phraseOf(live.name))} appear live`,
      steps: [
        "open the same page in two signed-in browsers",
        `add a ${phraseOf(live.name)} in one`,
        "see it appear in the other without reloading",
      ],
    });
  for (const fn of plan.functions) out.push(...functionCheck(fn, plan, signIn));
  if (has("admin-panel"))
    out.push({
      name: "Only admins open the admin screen",
      steps: [
        "sign in as a user without roles",
        "open /admin and see that access is denied",
        "sign in as a user with the admin role",
        "open /admin and see the admin screen",
      ],
    });
  return out;
}

function parentOf(plan: Plan, model: string): Model | undefined {
  const parent = plan.models.find((m) => m.name === model)?.parent;
  return parent ? plan.models.find((m) => m.name === parent) : undefined;
}

function functionCheck(fn: PlannedFunction, plan: Plan, signIn: string): SmokeScenario[] {
  const parent = fn.trigger.kind === "document" ? parentOf(plan, fn.trigger.model) : undefined;
  if (fn.trigger.kind === "document" && parent && plan.features.includes("notifications")) {
    // The trigger tells the parent's owner: another user writes, the owner reads it.
    const [child, under] = [phraseOf(fn.trigger.model), phraseOf(parent.name)];
    return [
      {
        name: `A new ${child} notifies the ${under}'s owner`,
        steps: [
          signIn,
          `create ${article(under)} ${under} titled "Notify smoke"`,
          "sign out and sign in as user B",
          `add ${article(child)} ${child} to the ${under}`,
          "sign out and sign in as user A",
          "see a new notification",
        ],
      },
    ];
  }
  if (fn.trigger.kind === "document")
    return [
      {
        name: `A new ${phraseOf(fn.trigger.model)} runs ${fn.name}`,
        steps: [
          signIn,
          `create a ${phraseOf(fn.trigger.model)}`,
          `see ${fn.name} run once in the function logs`,
        ],
      },
    ];
  if (fn.name === "checkout") {
    const cart = plan.models.some((m) => m.name === "CartItem");
    return [
      {
        name: "Check out",
        steps: cart
          ? [signIn, "add a product to the cart", "check out", "see a new order in /orders"]
          : [signIn, "start a checkout", "complete the test payment", "see the order recorded"],
      },
    ];
  }
  if (fn.trigger.kind === "schedule")
    return [
      {
        name: `${fn.name} runs on schedule`,
        steps: [
          `trigger ${fn.name} from the runtime console`,
          "see it finish without errors in the function logs",
        ],
      },
    ];
  return [];
}
