import NextLink from "next/link";

/**
 * Next's `<Link>`. `next/link` is CommonJS with an `exports.default`: the bundler hands the
 * component to a default import, while TypeScript under NodeNext (the repo's resolution) types
 * that import as the whole module. This names the component once, with its own type.
 */
export const Link = NextLink as unknown as typeof NextLink.default;
