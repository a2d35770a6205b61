export { wireframes, type ScreenWireframe } from "./wireframe/index.js";
export { fileTree, renderTree, type TreeNode } from "./file-tree.js";
export {
  estimateCost,
  REFERENCE_PRICES,
  type CostEstimate,
  type ModelPricing,
  type UnitPrices,
} from "./cost.js";
export { renderPngs } from "./png.js";
export { buildPreview, type Preview } from "./preview.js";
