import { RulesProgram } from "@winky/rules";

/**
 * Compiled rules by source text: compiled once per deployed version and shared by every
 * request; bounded so a stream of deployments cannot grow it without end.
 */
export class RulesCache {
  private readonly programs = new Map<string, RulesProgram>();

  constructor(private readonly capacity = 256) {}

  program(source: string): RulesProgram {
    let program = this.programs.get(source);
    if (program) {
      // Refresh recency: Map keeps insertion order, so the oldest entry is evicted first.
      this.programs.delete(source);
    } else {
      program = RulesProgram.compile(source, "firestore.rules");
    }
    this.programs.set(source, program);
    if (this.programs.size > this.capacity)
      this.programs.delete(this.programs.keys().next().value!);
    return program;
  }
}
