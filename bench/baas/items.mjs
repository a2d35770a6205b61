// The data both systems get: the same documents, created in the same order, and the same
// question asked of them.

/** The values `status` takes; the query asks for one of them (about a quarter of the rows). */
export const STATUSES = ["active", "idle", "away", "busy"];

/** The item numbered `i`: deterministic, so both systems store the same rows. */
export function makeItem(i) {
  const score = (i * 7919) % 100_003; // spread out, a few duplicates, no order in i
  return {
    status: STATUSES[i % STATUSES.length],
    score,
    playerName: `player-${(i * 31) % 997}`,
    tags: [`t${i % 7}`, `t${i % 11}`],
  };
}

/** The status the `i`-th query asks for. */
export const statusFor = (i) => STATUSES[i % STATUSES.length];

/** Checks a query's answer: non-empty, at most `limit`, the right status, scores descending. */
export function checkQueryAnswer(rows, status, limit) {
  if (rows.length === 0) throw new Error(`query status == ${status}: no results`);
  if (rows.length > limit) throw new Error(`query: ${rows.length} results, limit ${limit}`);
  for (let k = 0; k < rows.length; k++) {
    if (rows[k].status !== status)
      throw new Error(`query: result ${k} has status ${rows[k].status}, asked ${status}`);
    if (k > 0 && rows[k].score > rows[k - 1].score)
      throw new Error(`query: results not ordered by score desc at ${k}`);
  }
}
