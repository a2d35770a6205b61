// Firebase hosting's `ignore` globs (minimatch-style, as firebase-tools reads them): `**` any
// depth, `*` and `?` within one path segment, `{a,b}` alternatives. A pattern without a slash
// also matches at any depth, as `firebase.json` in the default ignore list does.

export function globToRegExp(glob: string): RegExp {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*" && glob[i + 1] === "*") {
      // `**/` matches zero or more folders; a trailing `**` anything below.
      if (glob[i + 2] === "/") {
        out += "(?:.*/)?";
        i += 2;
      } else {
        out += ".*";
        i += 1;
      }
    } else if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else if (c === "{") {
      const end = glob.indexOf("}", i);
      if (end < 0) out += "\\{";
      else {
        out += `(?:${glob
          .slice(i + 1, end)
          .split(",")
          .map(escape)
          .join("|")})`;
        i = end;
      }
    } else out += escape(c);
  }
  const anyDepth = !glob.includes("/");
  return new RegExp(`^${anyDepth ? "(?:.*/)?" : ""}${out}(?:/.*)?$`);
}

function escape(text: string): string {
  return text.replace(/[.+^${}()|[\]\\/]/g, "\\$&");
}
