// Query cursors through the SDK over HTTP: startAt, startAfter, endAt and endBefore with values
// (one per order field, or fewer) and with snapshots (whose values for every order field and
// name the SDK sends), with limitToLast, and on collection groups. Expected ids are worked out
// by hand: a cursor is a position in the query's order, not a filter on a type.
import { beforeAll, describe, expect, it } from "vitest";
import { ALLOW_ALL_RULES, ids, useTestClient } from "../test/client-harness.js";
import { useTestRuntime } from "../test/runtime-harness.js";
import {
  documentId,
  endAt,
  endBefore,
  getDoc,
  getDocs,
  limit,
  limitToLast,
  orderBy,
  query,
  startAfter,
  startAt,
  where,
  writeBatch,
  type DocumentSnapshot,
  type Query,
  type QueryConstraint,
} from "./index.js";

/** In orderBy(team), orderBy(score) order: p5 a/1, p2 a/5, p4 a/5, p1 b/3, p3 b/5. */
const PLAYERS: Record<string, Record<string, unknown>> = {
  p1: { team: "b", score: 3 },
  p2: { team: "a", score: 5 },
  p3: { team: "b", score: 5 },
  p4: { team: "a", score: 5 },
  p5: { team: "a", score: 1 },
  p6: { team: "c" },
  p7: { score: 4 },
};

/** One collection group at several depths, and a collection that is not part of it. */
const NOTES: Record<string, { rank: number | string }> = {
  "boards/b1/notes/n1": { rank: 2 },
  "boards/b2/notes/n1": { rank: 1 },
  "boards/b1/notes/n2": { rank: 2 },
  "boards/b1/lists/l1/notes/n0": { rank: 3 },
  "notes/n9": { rank: 0 },
  "boards/b1/other/n5": { rank: 1 },
};

describe("query cursors against a real runtime", () => {
  const runtime = useTestRuntime("sdk-cursors", ALLOW_ALL_RULES);
  const client = useTestClient(runtime);
  let byTeamScore: Query;
  const paths = async (q: Query, ...constraints: QueryConstraint[]) =>
    (await getDocs(query(q, ...constraints))).docs.map((d) => d.ref.path);
  const snap = (path: string): Promise<DocumentSnapshot> => getDoc(client.current.db.doc(path));

  beforeAll(async () => {
    const { db } = client.current;
    const batch = writeBatch(db);
    for (const [id, data] of Object.entries(PLAYERS)) batch.set(db.doc(`players/${id}`), data);
    for (const [path, data] of Object.entries(NOTES)) batch.set(db.doc(path), data);
    await batch.commit();
    byTeamScore = query(db.collection("players"), orderBy("team"), orderBy("score"));
  });

  describe("with values", () => {
    it("starts at or after, and ends at or before, a full position", async () => {
      expect(await ids(byTeamScore, startAt("a", 5))).toEqual(["p2", "p4", "p1", "p3"]);
      expect(await ids(byTeamScore, startAfter("a", 5))).toEqual(["p1", "p3"]);
      expect(await ids(byTeamScore, endAt("b", 3))).toEqual(["p5", "p2", "p4", "p1"]);
      expect(await ids(byTeamScore, endBefore("b", 3))).toEqual(["p5", "p2", "p4"]);
      expect(await ids(byTeamScore, startAt("a", 5), endAt("a", 5))).toEqual(["p2", "p4"]);
    });

    it("takes fewer values than order fields as a prefix of the position", async () => {
      expect(await ids(byTeamScore, startAt("b"))).toEqual(["p1", "p3"]);
      expect(await ids(byTeamScore, startAfter("a"))).toEqual(["p1", "p3"]);
      expect(await ids(byTeamScore, endAt("a"))).toEqual(["p5", "p2", "p4"]);
      expect(await ids(byTeamScore, endBefore("a"))).toEqual([]);
    });

    it("takes a document id for the implicit name order", async () => {
      expect(await ids(byTeamScore, startAfter("a", 5, "p2"))).toEqual(["p4", "p1", "p3"]);
      const byId = query(client.current.db.collection("players"), orderBy(documentId()));
      expect(await ids(byId, startAfter("p5"))).toEqual(["p6", "p7"]);
      expect(await ids(byId, endBefore("p2"))).toEqual(["p1"]);
    });

    it("counts positions across types, not only within the cursor's type", async () => {
      // Strings sort after numbers: every team is after the number 0.
      const byTeam = query(client.current.db.collection("players"), orderBy("team"));
      expect(await ids(byTeam, startAfter(0))).toEqual(["p2", "p4", "p5", "p1", "p3", "p6"]);
      expect(await ids(byTeam, endBefore(0))).toEqual([]);
    });

    it("applies limit after the start cursor and limitToLast before the end cursor", async () => {
      expect(await ids(byTeamScore, startAfter("a", 1), limit(2))).toEqual(["p2", "p4"]);
      expect(await ids(byTeamScore, endBefore("b", 5), limitToLast(2))).toEqual(["p4", "p1"]);
      expect(await ids(byTeamScore, startAt("a", 5), endAt("b", 3), limitToLast(2))).toEqual([
        "p4",
        "p1",
      ]);
    });

    it("applies descending orders to cursors", async () => {
      const desc = query(client.current.db.collection("players"), orderBy("score", "desc"));
      // 5: p4, p3, p2 (names descending too); 4: p7; 3: p1; 1: p5.
      expect(await ids(desc, startAfter(5))).toEqual(["p7", "p1", "p5"]);
      expect(await ids(desc, startAt(4), endAt(3))).toEqual(["p7", "p1"]);
    });
  });

  describe("with snapshots", () => {
    it("positions at the snapshot's values for every order field and its name", async () => {
      const p2 = await snap("players/p2");
      const p4 = await snap("players/p4");
      expect(await ids(byTeamScore, startAt(p2))).toEqual(["p2", "p4", "p1", "p3"]);
      expect(await ids(byTeamScore, startAfter(p2))).toEqual(["p4", "p1", "p3"]);
      expect(await ids(byTeamScore, endAt(p4))).toEqual(["p5", "p2", "p4"]);
      expect(await ids(byTeamScore, endBefore(p4))).toEqual(["p5", "p2"]);
    });

    it("includes the inequality field of a query without orderBy", async () => {
      const p1 = await snap("players/p1");
      const scored = query(client.current.db.collection("players"), where("score", ">", 1));
      // Order: p1 3, p7 4, p2 5, p3 5, p4 5.
      expect(await ids(scored, startAfter(p1))).toEqual(["p7", "p2", "p3", "p4"]);
    });

    it("pages through a whole query", async () => {
      const seen: string[] = [];
      let page = await getDocs(query(byTeamScore, limit(2)));
      while (!page.empty) {
        seen.push(...page.docs.map((d) => d.id));
        page = await getDocs(query(byTeamScore, startAfter(page.docs.at(-1)!), limit(2)));
      }
      expect(seen).toEqual(["p5", "p2", "p4", "p1", "p3"]);
    });
  });

  describe("on a collection group", () => {
    it("orders by full path and pages across parents", async () => {
      const notes = query(client.current.db.collectionGroup("notes"), orderBy("rank"));
      const all = [
        "notes/n9", // 0
        "boards/b2/notes/n1", // 1
        "boards/b1/notes/n1", // 2, then by path
        "boards/b1/notes/n2",
        "boards/b1/lists/l1/notes/n0", // 3
      ];
      expect(await paths(notes)).toEqual(all);
      const middle = await snap("boards/b1/notes/n1");
      expect(await paths(notes, startAfter(middle))).toEqual(all.slice(3));
      expect(await paths(notes, endBefore(middle))).toEqual(all.slice(0, 2));
      expect(await paths(notes, startAt(2, "boards/b1/notes/n2"))).toEqual(all.slice(3));
    });

    it("orders names segment by segment", async () => {
      const byName = query(client.current.db.collectionGroup("notes"), orderBy(documentId()));
      expect(await paths(byName)).toEqual([
        "boards/b1/lists/l1/notes/n0", // "lists" < "notes" at the third segment
        "boards/b1/notes/n1",
        "boards/b1/notes/n2",
        "boards/b2/notes/n1",
        "notes/n9",
      ]);
      expect(await paths(byName, startAfter("boards/b1/notes/n2"), limit(1))).toEqual([
        "boards/b2/notes/n1",
      ]);
    });
  });
});
