import type { ModelInfo } from "../analyze.js";
import { lines, ts } from "../naming.js";
import { listFilters } from "../queries.js";

/** The positional parameters naming a model's ancestors: `roomId: string`. */
export function parentParams(info: ModelInfo): string[] {
  return info.ancestors.map((a) => `${a.varName}Id`);
}

/** `roomId: string, ` (with a trailing separator) or nothing, for signatures. */
export function parentSignature(info: ModelInfo): string {
  return parentParams(info)
    .map((p) => `${p}: string, `)
    .join("");
}

/** `roomId, ` (with a trailing separator) or nothing, for calls. */
export function parentArgs(info: ModelInfo, values = parentParams(info)): string {
  return values.map((v) => `${v}, `).join("");
}

/** The path expression of the model's collection. */
function collectionPath(info: ModelInfo): string {
  if (info.ancestors.length === 0) return ts(info.model.collection);
  const segments = info.ancestors.map((a) => `${a.model.collection}/\${${a.varName}Id}`);
  return `\`${[...segments, info.model.collection].join("/")}\``;
}

/** `src/data/<name>.ts`: where the model's documents live, its queries and writes. */
export function dataFile(info: ModelInfo): string {
  const { name, varName, ownerField } = info;
  const { fixed, optional } = listFilters(info);
  const filterFields = optional.map((e) => e.field);
  const sig = parentSignature(info);
  const args = parentArgs(info);
  const needsUid = fixed.length > 0;
  const usesWhere = fixed.length + optional.length > 0;
  const sdk = [
    "addDoc",
    "collection",
    "deleteDoc",
    "doc",
    "limit",
    "orderBy",
    "query",
    "updateDoc",
    ...(usesWhere ? ["where"] : []),
  ];
  const sdkTypes = [
    "CollectionReference",
    "DocumentReference",
    "DocumentSnapshot",
    "Query",
    "QueryConstraint",
  ];
  return lines(
    `// Generated from the plan: where ${info.plural} live, the queries the screens run, and writes.`,
    `import { ${sdk.join(", ")}, ${sdkTypes.map((t) => `type ${t}`).join(", ")} } from "@winky/sdk";`,
    `import {`,
    `  ${varName}CreateData,`,
    `  ${varName}FromData,`,
    `  ${varName}UpdateData,`,
    `  type ${name},`,
    `  type ${name}Input,`,
    `} from "../models/${info.file}";`,
    `import { db } from "../winky";`,
    "",
    `/** The filters the ${info.label} list offers; unset ones do not filter. */`,
    `export interface ${name}Filters {`,
    ...filterFields.map((f) => `  ${f}?: string | null;`),
    `}`,
    "",
    `export function ${varName}Collection(${sig.replace(/, $/, "")}): CollectionReference {`,
    `  return collection(db, ${collectionPath(info)});`,
    `}`,
    "",
    `export function ${varName}Ref(${sig}id: string): DocumentReference {`,
    `  return doc(${varName}Collection(${args.replace(/, $/, "")}), id);`,
    `}`,
    "",
    `export function ${varName}FromSnapshot(snap: DocumentSnapshot): ${name} {`,
    `  return ${varName}FromData(snap.id, snap.data() ?? {});`,
    `}`,
    "",
    `/**`,
    ` * The ${info.label} list, newest first${needsUid ? ": only the user's own (the rules allow nothing else)" : ""}.`,
    ` * firestore.indexes.json has an index for each combination of filters.`,
    ` */`,
    `export function ${varName}ListQuery(${sig}${needsUid ? "uid: string, " : ""}${optional.length ? "filters" : "_filters"}: ${name}Filters = {}): Query {`,
    `  const constraints: QueryConstraint[] = [${fixed.map((e) => `where(${ts(e.field)}, "==", uid)`).join(", ")}];`,
    ...optional.map(
      (e) =>
        `  if (filters.${e.field}) constraints.push(where(${ts(e.field)}, ${ts(e.op)}, filters.${e.field}));`,
    ),
    `  constraints.push(orderBy("createdAt", "desc"), limit(100));`,
    `  return query(${varName}Collection(${args.replace(/, $/, "")}), ...constraints);`,
    `}`,
    "",
    `/** Creates a ${info.label} and resolves its id. */`,
    `export async function create${name}(${sig}input: ${name}Input${ownerField ? ", uid: string" : ""}): Promise<string> {`,
    `  const ref = await addDoc(${varName}Collection(${args.replace(/, $/, "")}), ${varName}CreateData(input${ownerField ? ", uid" : ""}));`,
    `  return ref.id;`,
    `}`,
    "",
    `export function update${name}(${sig}id: string, input: ${name}Input): Promise<void> {`,
    `  return updateDoc(${varName}Ref(${args}id), ${varName}UpdateData(input));`,
    `}`,
    "",
    `export function delete${name}(${sig}id: string): Promise<void> {`,
    `  return deleteDoc(${varName}Ref(${args}id));`,
    `}`,
    "",
  ).replace(
    `export interface ${name}Filters {\n}`,
    `export type ${name}Filters = Record<string, never>;`,
  );
}
