/** A small SVG writer: wireframes are boxes, lines and text, escaped once here. */

export const escapeXml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Cuts a label to what fits `width` pixels at ~7 px per character, with an ellipsis. */
export function fit(text: string, width: number, charWidth = 7): string {
  const max = Math.max(1, Math.floor(width / charWidth));
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const rect = (b: Box, fill: string, options: { stroke?: string; radius?: number } = {}) =>
  `<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="${options.radius ?? 4}" fill="${fill}"${
    options.stroke ? ` stroke="${options.stroke}"` : ""
  }/>`;

export const text = (
  x: number,
  y: number,
  content: string,
  options: { size?: number; fill?: string; weight?: number; anchor?: "start" | "middle" } = {},
) =>
  `<text x="${x}" y="${y}" font-family="sans-serif" font-size="${options.size ?? 13}" fill="${
    options.fill ?? "#333333"
  }"${options.weight ? ` font-weight="${options.weight}"` : ""}${
    options.anchor === "middle" ? ` text-anchor="middle"` : ""
  }>${escapeXml(content)}</text>`;

/** A line of placeholder text: a rounded grey bar. */
export const bar = (x: number, y: number, w: number, fill = "#d9d9d9") =>
  rect({ x, y, w, h: 8 }, fill, { radius: 4 });

/** A whole SVG document of `width` × `height` with `body`, titled for screen readers. */
export function svgDocument(width: number, height: number, title: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">`,
    `<title>${escapeXml(title)}</title>`,
    ...body,
    "</svg>",
  ].join("\n");
}
