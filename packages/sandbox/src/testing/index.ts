export { describeSandbox } from "./describe-sandbox.js";
export type { SandboxFactory, SandboxSuiteOptions, SandboxUnderTest } from "./suite-context.js";
export {
  bubblewrapPolicy,
  describeWithBubblewrap,
  type BubblewrapVerdict,
} from "./bubblewrap-suite.js";
