import { routeTo, type ModelInfo, type RouteInfo } from "../analyze.js";
import { lines, ts } from "../naming.js";
import type { NotificationsInfo, Recipe } from "./recipes.js";
import { documentEventType } from "./source-parts.js";

/** A template literal for a route, its params taken from the trigger's wildcards in order. */
function linkFrom(route: RouteInfo, wildcards: readonly string[]): string {
  return routeTo(
    route,
    wildcards.map((w) => `event.params.${w}`),
  );
}

/** A document trigger writing a notification document for the recipient. */
export function notifyBody(
  name: string,
  r: Extract<Recipe, { kind: "notify" }>,
  n: NotificationsInfo,
): string {
  const source = r.source;
  const wildcards = [...source.ancestors, source].map((m) => `${m.varName}Id`);
  const title = (m: ModelInfo, fields: string) =>
    m.display && m.display.type !== "reference" ? `text(${fields}.${m.display.name})` : ts(m.label);
  const recipientCode: string[] = [];
  let about = "";
  let link = linkFrom(source.routes.detail, wildcards);
  switch (r.recipient.from) {
    case "parent": {
      const parent = r.recipient.model;
      const parentPath = [...parent.ancestors, parent]
        .map((m) => `${m.model.collection}/\${event.params.${m.varName}Id}`)
        .join("/");
      recipientCode.push(
        `  const parent = await context.documents.get(\`${parentPath}\`);`,
        `  const recipient = text(parent?.fields.${r.recipient.ownerField});`,
      );
      about = ` in \${${title(parent, "parent?.fields")} || "a ${parent.label}"}`;
      link = linkFrom(parent.routes.detail, wildcards.slice(0, -1));
      break;
    }
    case "reference": {
      const target = r.recipient.model;
      recipientCode.push(
        `  const targetId = text(after.${r.recipient.field});`,
        `  const target = targetId ? await context.documents.get(\`${target.model.collection}/\${targetId}\`) : null;`,
        `  const recipient = text(target?.fields.${r.recipient.ownerField});`,
      );
      about = ` on \${${title(target, "target?.fields")} || "your ${target.label}"}`;
      break;
    }
    case "field":
      recipientCode.push(`  const recipient = text(after.${r.recipient.field});`);
      break;
    case "owner":
      recipientCode.push(`  const recipient = text(after.${r.recipient.field});`);
      break;
  }
  const selfSkip = r.recipient.from !== "owner" && r.actorField;
  const what =
    source.display && source.display.type !== "reference"
      ? `: \${text(after.${source.display.name}).slice(0, 140)}`
      : "";
  const fields: string[] = [
    `${n.recipientField}: { stringValue: recipient },`,
    `${n.messageField}: { stringValue: message },`,
    ...(n.linkField ? [`${n.linkField}: { stringValue: ${link} },`] : []),
    ...(n.readField ? [`${n.readField}: { booleanValue: false },`] : []),
  ];
  return lines(
    documentEventType(),
    "",
    `/** A notification document's id from the event's, so a replayed event writes the same one. */`,
    `function notificationId(eventId: string): string {`,
    `  return eventId.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 100) || "event";`,
    `}`,
    "",
    `/** Tells the recipient about a ${source.label} by writing \`${n.collection}/{id}\` for them. */`,
    `export default async function ${name}(event: DocumentEvent, context: Context): Promise<void> {`,
    `  const after = event.after;`,
    `  if (!after) return; // deleted: nothing to tell`,
    ...recipientCode,
    `  if (!recipient) return;`,
    selfSkip
      ? `  if (recipient === text(after.${r.actorField})) return; // they wrote it themselves`
      : null,
    `  const message = \`New ${source.label}${about}${what}\`;`,
    `  await context.documents.commit([`,
    `    {`,
    `      update: {`,
    `        name: \`${n.collection}/\${notificationId(event.eventId)}\`,`,
    `        fields: {`,
    ...fields.map((f) => `          ${f}`),
    `        },`,
    `      },`,
    `      updateTransforms: TIMESTAMPS,`,
    `    },`,
    `  ]);`,
    `}`,
  );
}
