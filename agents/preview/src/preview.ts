import type { AppPlan } from "@winky/planner";
import { estimateCost, type CostEstimate, type ModelPricing } from "./cost.js";
import { fileTree, renderTree, type TreeNode } from "./file-tree.js";
import { wireframes, type ScreenWireframe } from "./wireframe/index.js";

/** Everything a person reviews before "Build it": screens, files, cost, and the assumptions. */
export interface Preview {
  screens: ScreenWireframe[];
  tree: TreeNode;
  treeText: string;
  cost: CostEstimate;
  assumptions: string[];
}

/** The preview of `plan`, whose coder will write `files`. */
export function buildPreview(
  plan: AppPlan,
  options: {
    prompt: string;
    files: ReadonlyArray<{ path: string; bytes: number }>;
    users?: number;
    llm?: ModelPricing;
  },
): Preview {
  const tree = fileTree(
    options.files.map((f) => f.path),
    plan.appName,
  );
  return {
    screens: wireframes(plan),
    tree,
    treeText: renderTree(tree),
    cost: estimateCost(plan, options),
    assumptions: plan.assumptions,
  };
}
