import { Link } from "./link.js";
import type { ApiProblem } from "../_lib/api.js";

/** The API's refusal, in its words; a refused token gets the way back to signing in. */
export function Problem({ title, problem }: { title: string; problem: ApiProblem }) {
  return (
    <div className="callout callout-danger" role="alert">
      <p className="callout-title">{title}</p>
      <p>
        {problem.message} <span className="muted">({problem.code})</span>
      </p>
      {problem.code === "UNAUTHORIZED" ? (
        <p>
          <Link href="/sign-in">Sign in again</Link> with a valid token.
        </p>
      ) : null}
    </div>
  );
}
