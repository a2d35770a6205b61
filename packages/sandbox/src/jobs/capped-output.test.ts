import { describe, expect, it } from "vitest";
import { CappedOutput } from "./capped-output.js";

describe("CappedOutput", () => {
  it("keeps everything within the limit", () => {
    const output = new CappedOutput(16);
    output.add(Buffer.from("hello "));
    output.add(Buffer.from("world"));
    expect(output.text()).toBe("hello world");
    expect(output.dropped).toBe(0);
  });

  it("keeps the head and the tail and counts what it left out of the middle", () => {
    const output = new CappedOutput(10);
    for (const chunk of ["abc", "defgh", "ijklmnop", "qrstu", "vwxyz"])
      output.add(Buffer.from(chunk));
    expect(output.dropped).toBe(26 - 10);
    expect(output.text()).toBe("abcde\n[… 16 bytes left out …]\nvwxyz");
  });

  it("works as a stream", async () => {
    const output = new CappedOutput(1024);
    await new Promise<void>((resolve) => output.end("streamed", () => resolve()));
    expect(output.text()).toBe("streamed");
  });
});
