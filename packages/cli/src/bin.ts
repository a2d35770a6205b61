#!/usr/bin/env node
import { createInterface } from "node:readline/promises";
import { runCli } from "./cli.js";
import type { CliIo } from "./io.js";

let signalCount = 0;
const stopRequested = new Promise<string>((resolve) => {
  const onSignal = (signal: NodeJS.Signals) => {
    signalCount += 1;
    if (signalCount === 1) resolve(signal);
    else process.stderr.write("winky: still stopping; children get SIGKILL after a timeout\n");
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, onSignal);
});

const io: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  stopRequested,
  ...(process.stdin.isTTY ? { ask } : {}),
  readStdin,
};

/** Standard input to its end; on a terminal, says how to finish first. */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write("Type or paste the value, then Ctrl-D:\n");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** One question on the terminal; the interface is closed after it so stdin does not hold us. */
async function ask(question: string): Promise<string> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  // The terminal is in raw mode while asking: pass Ctrl-C on as the signal it would have been.
  prompt.on("SIGINT", () => process.kill(process.pid, "SIGINT"));
  try {
    return await prompt.question(question);
  } finally {
    prompt.close();
  }
}

try {
  process.exitCode = await runCli(process.argv.slice(2), io);
} catch (e) {
  process.stderr.write(`winky: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
// Signal listeners would keep the process alive; everything we started is stopped by now.
process.exit();
