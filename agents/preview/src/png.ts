import { chromium } from "playwright-core";
import type { ScreenWireframe } from "./wireframe/index.js";

/**
 * Renders wireframes to PNG in Chromium (one browser, one page, each SVG set as the page's
 * only content and screenshotted at its own size). Needs a Chromium binary: Debian's
 * `/usr/bin/chromium`, or `CHROMIUM_PATH`; nothing is downloaded.
 *
 * @returns the PNG bytes per wireframe, in order.
 */
export async function renderPngs(
  frames: readonly ScreenWireframe[],
  options: { executablePath: string },
): Promise<Buffer[]> {
  const browser = await chromium.launch({
    executablePath: options.executablePath,
    // Root in CI cannot use Chromium's sandbox; the page is our own SVG, never a site.
    args: ["--no-sandbox"],
  });
  try {
    const page = await browser.newPage();
    const pngs: Buffer[] = [];
    for (const frame of frames) {
      await page.setViewportSize({ width: frame.width, height: frame.height });
      await page.setContent(
        `<!doctype html><html><body style="margin:0">${frame.svg}</body></html>`,
      );
      pngs.push(
        await page.screenshot({
          type: "png",
          clip: { x: 0, y: 0, width: frame.width, height: frame.height },
        }),
      );
    }
    return pngs;
  } finally {
    await browser.close();
  }
}
