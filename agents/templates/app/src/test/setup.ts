import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

// Testing Library unmounts between tests only with vitest globals; the app's tests import
// describe/it explicitly, so it is done here.
afterEach(() => cleanup());
