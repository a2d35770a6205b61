/** A statement's parameters, and fresh table aliases for its subqueries. */
export class Params {
  readonly values: unknown[];
  private aliases = 0;
  constructor(...first: unknown[]) {
    this.values = [...first];
  }
  bind(value: unknown): string {
    return `$${this.values.push(value)}`;
  }
  alias(): string {
    return `x${this.aliases++}`;
  }
}
