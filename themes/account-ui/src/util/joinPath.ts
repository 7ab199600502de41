/** Joins URL parts with exactly one slash between them. */
export function joinPath(...parts: string[]): string {
  return parts
    .map((part, index) => {
      let p = part;
      if (index > 0) p = p.replace(/^\/+/, "");
      if (index < parts.length - 1) p = p.replace(/\/+$/, "");
      return p;
    })
    .filter((p, index) => p !== "" || index === 0)
    .join("/");
}
