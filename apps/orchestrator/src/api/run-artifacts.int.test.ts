import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createWinkyClient, isWinkyApiError, type WinkyClient } from "@winky/api-client";
import { migrate } from "@winky/db";
import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addMemberWithToken,
  createTeam,
  refusal,
  seedRun,
  startApi,
  type ApiHarness,
} from "./api.test-bed.js";
import type { BootstrappedTeam } from "./auth/bootstrap-team.js";
import {
  ADDED_FILE,
  CHANGED_FILE,
  DRAFT_LINE,
  FIXED_LINE,
  RULES_FINDING,
  SCREENSHOT_PNG,
  seedArtifactsRun,
  SMOKE_SCENARIOS,
} from "./run-artifacts.test-bed.js";

describe("a run's artifacts, read from its checkpoints", () => {
  const database = useTestDatabase("api_run_artifacts");
  let dataDir: string;
  let api: ApiHarness;
  let bare: ApiHarness;
  let team: BootstrappedTeam;
  let viewer: WinkyClient;
  let stranger: WinkyClient;
  let planned: string;
  let finished: string;

  beforeAll(async () => {
    await migrate(database.url);
    dataDir = await mkdtemp(path.join(tmpdir(), "winky-artifacts-"));
    api = await startApi(database.url, { dataDir });
    bare = await startApi(database.url);
    team = await createTeam(api.pool, "artifacts");
    const other = await createTeam(api.pool, "elsewhere");
    const client = (url: string, token: string) => createWinkyClient({ url, token });
    const v = await addMemberWithToken(api.pool, team.teamId, "vi@example.com", "viewer");
    viewer = client(api.url, v.token);
    stranger = client(api.url, other.token);
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    await bare?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("answers empty artifacts for a run with no checkpoint, before and after the tables exist", async () => {
    const { runId } = await seedRun(api.pool, team.teamId, { appSlug: "empty-notes" });
    const { rows } = await api.pool.query("select to_regclass('langgraph.checkpoints') as t");
    expect(rows[0].t, "no worker has made the checkpoint tables yet").toBeNull();
    const before = await viewer.runs.artifacts.query({ runId });
    expect(before).toMatchObject({ checkpoint: null, plan: null, preview: null, files: [] });
    expect(await viewer.runs.rounds.query({ runId })).toEqual([]);

    planned = await seedArtifactsRun(api.pool, {
      teamId: team.teamId,
      appSlug: "planned-notes",
      dataDir,
      until: "plan",
    });
    expect(await viewer.runs.artifacts.query({ runId })).toEqual(before);
    const e = await refusal(viewer.runs.file.query({ runId, path: "src/app.tsx" }));
    expect(e.message).toBe("path: the run has no code yet");
  }, 60_000);

  it("shows the plan and the preview of a run waiting for its plan approval", async () => {
    const a = await viewer.runs.artifacts.query({ runId: planned });
    expect(a.checkpoint).not.toBeNull();
    expect(a.plan).toMatchObject({ appName: "planned-notes", title: expect.any(String) });
    expect(a.plan!.models.map((m) => m.name)).toContain("Note");
    expect(a.plan!.models[0]!.fields.length).toBeGreaterThan(0);
    expect(a.preview!.screens.length).toBe(a.plan!.screens.length);
    expect(a.preview!.screens.every((s) => s.image)).toBe(true);
    expect(a.preview!.tree).toContain("planned-notes");
    expect(a.preview!.cost?.runtime?.dollarsPerMonth).toEqual(expect.any(Number));
    expect(a.preview!.assumptions.length).toBeGreaterThan(0);
    expect(a).toMatchObject({ round: null, files: [], commit: null, deployment: null });
    expect(a.reports).toEqual({ test: null, review: null, smoke: null });

    const screen = await viewer.runs.screen.query({ runId: planned, index: 1 });
    expect(screen.svg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(screen.title).toBe(a.preview!.screens[1]!.title);
    const past = await refusal(viewer.runs.screen.query({ runId: planned, index: 99 }));
    expect(past.message).toMatch(/^index: the run's preview has screens 0 to \d+, not 99$/);
  });

  it("answers PRECONDITION_FAILED in words for a wireframe without a data dir", async () => {
    const ownerOnBare = createWinkyClient({ url: bare.url, token: team.token });
    const e = await refusal(ownerOnBare.runs.screen.query({ runId: planned, index: 0 }));
    expect(isWinkyApiError(e) && e.code).toBe("PRECONDITION_FAILED");
    expect(e.message).toMatch(/data dir.*WINKY_DATA_DIR/);
    const a = await ownerOnBare.runs.artifacts.query({ runId: planned });
    expect(a.preview!.screens.some((s) => s.image)).toBe(false);
    expect(a.preview!.imagesUnavailable).toMatch(/WINKY_DATA_DIR/);
  });

  it("keeps each code round's files and says which changed between them", async () => {
    finished = await seedArtifactsRun(api.pool, {
      teamId: team.teamId,
      appSlug: "repaired-notes",
      dataDir,
      until: "done",
    });
    const a = await viewer.runs.artifacts.query({ runId: finished });
    expect(a.round).toBe(1);
    expect(a.files.map((f) => f.path)).toContain(ADDED_FILE);
    expect(a.files.find((f) => f.path === CHANGED_FILE)!.bytes).toBeGreaterThan(0);
    expect(a.reports.test).toMatchObject({ ok: true, passed: 12, failed: 0 });
    expect(a.reports.review).toMatchObject({ ok: true, summary: "review passed" });
    expect(a.reports.smoke).toMatchObject({ ok: true, passed: 2 });
    expect(a.commit).toEqual({ sha: "c0ffee".padEnd(40, "0"), remote: null });
    expect(a.deployment).toMatchObject({ project: "repaired-notes", version: 1 });
    expect(a.decisions.release).toEqual({ approved: true, by: "ada", comment: null });
    expect(a.outcome).toEqual({ status: "succeeded", reason: null });

    const rounds = await viewer.runs.rounds.query({ runId: finished });
    expect(rounds.map((r) => [r.round, r.previous])).toEqual([
      [0, null],
      [1, 0],
    ]);
    expect(rounds[0]!.files.map((f) => f.path)).not.toContain(ADDED_FILE);
    expect(rounds[1]!.files).toEqual(a.files);
    expect(rounds[1]!.changes).toEqual([
      { path: ADDED_FILE, change: "added" },
      { path: CHANGED_FILE, change: "changed" },
    ]);
    expect(rounds[0]!.reports.review).toMatchObject({ ok: false, findings: [RULES_FINDING] });
    const rules = rounds[0]!.reports.review!.sections.find((s) => s.name === "rules");
    expect(rules).toEqual({ name: "rules", ok: false, findings: [RULES_FINDING] });

    const draft = await viewer.runs.file.query({ runId: finished, path: CHANGED_FILE, round: 0 });
    const fixed = await viewer.runs.file.query({ runId: finished, path: CHANGED_FILE, round: 1 });
    const latest = await viewer.runs.file.query({ runId: finished, path: CHANGED_FILE });
    expect(draft.content).toContain(DRAFT_LINE);
    expect(draft.content).not.toContain(FIXED_LINE);
    expect(fixed.content).toContain(FIXED_LINE);
    expect(latest).toEqual(fixed);
    expect(latest.bytes).toBe(Buffer.byteLength(latest.content));
  }, 60_000);

  it("refuses a path or a round the run does not have, naming the field", async () => {
    const cases: Array<[Promise<unknown>, RegExp]> = [
      [
        viewer.runs.file.query({ runId: finished, path: "src/missing.ts" }),
        /^path: the run's code after round 1 has no file src\/missing\.ts$/,
      ],
      [
        viewer.runs.file.query({ runId: finished, path: ADDED_FILE, round: 0 }),
        /^path: the run's code after round 0 has no file/,
      ],
      [
        viewer.runs.file.query({ runId: finished, path: CHANGED_FILE, round: 5 }),
        /^round: the run has no code round 5; its rounds are 0, 1$/,
      ],
      [
        viewer.runs.file.query({ runId: finished, path: CHANGED_FILE, round: -1 }),
        /^round: must be a code round/,
      ],
      [viewer.runs.file.query({ runId: finished, path: "" }), /^path: must name a file/],
    ];
    for (const [call, message] of cases) {
      const e = await refusal(call);
      expect(isWinkyApiError(e) && e.code).toBe("BAD_REQUEST");
      expect(e.message).toMatch(message);
    }
  });

  it("lists the smoke's screenshots and serves each as PNG from the round's folder", async () => {
    const a = await viewer.runs.artifacts.query({ runId: finished });
    expect(a.reports.smoke!.screenshots).toEqual([
      { name: "signs-up-1.png", scenario: SMOKE_SCENARIOS[0], passed: true },
      { name: "notes-writes-a-note-2.png", scenario: SMOKE_SCENARIOS[1], passed: true },
    ]);
    const rounds = await viewer.runs.rounds.query({ runId: finished });
    expect(rounds[1]!.reports.smoke!.screenshots).toEqual(a.reports.smoke!.screenshots);
    expect(rounds[0]!.reports.smoke, "round 0 failed its review: no smoke").toBeNull();

    const name = "signs-up-1.png";
    const shot = await viewer.runs.screenshot.query({ runId: finished, round: 1, name });
    expect(shot.name).toBe(name);
    expect(Buffer.from(shot.png, "base64")).toEqual(SCREENSHOT_PNG);

    const bad = async (input: { round: number; name: string }, message: RegExp) => {
      const e = await refusal(viewer.runs.screenshot.query({ runId: finished, ...input }));
      expect(isWinkyApiError(e) && e.code, input.name).toBe("BAD_REQUEST");
      expect(e.message).toMatch(message);
    };
    for (const name of ["../round-1/signs-up-1.png", "signs-up-1.svg", "a/b.png", ".png", "x"]) {
      await bad({ round: 1, name }, /^name: must be a screenshot's name/);
    }
    await bad({ round: -1, name }, /^round: must be a code round/);

    for (const [round, missing] of [
      [0, name],
      [1, "signs-up-9.png"],
    ] as const) {
      const e = await refusal(
        viewer.runs.screenshot.query({ runId: finished, round, name: missing }),
      );
      expect(isWinkyApiError(e) && e.code).toBe("NOT_FOUND");
      expect(e.message).toBe(
        `the smoke test of round ${round} kept no screenshot named ${missing}`,
      );
    }

    const ownerOnBare = createWinkyClient({ url: bare.url, token: team.token });
    const e = await refusal(ownerOnBare.runs.screenshot.query({ runId: finished, round: 1, name }));
    expect(isWinkyApiError(e) && e.code).toBe("PRECONDITION_FAILED");
    expect(e.message).toMatch(/^screenshots are read from the workers' data dir.*WINKY_DATA_DIR/);
  });

  it("answers FORBIDDEN for another team's run, whatever is asked", async () => {
    const calls = [
      stranger.runs.artifacts.query({ runId: finished }),
      stranger.runs.rounds.query({ runId: finished }),
      stranger.runs.file.query({ runId: finished, path: CHANGED_FILE }),
      stranger.runs.screen.query({ runId: finished, index: 0 }),
      stranger.runs.screenshot.query({ runId: finished, round: 1, name: "signs-up-1.png" }),
    ];
    for (const call of calls) expect((await refusal(call)).code).toBe("FORBIDDEN");
  });
});
