import { Link } from "react-router-dom";

export function NotFoundPage() {
  return (
    <section className="page narrow">
      <h1>Page not found</h1>
      <p>
        Nothing lives at this address. <Link to="/">Go to the start page</Link>.
      </p>
    </section>
  );
}
