/**
 * Fills "{name}" placeholders of a translated string. "{s}" is English's plural ending for
 * `count` ("1 file", "2 files"); Vietnamese strings simply do not use it.
 */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => {
    if (key in values) return String(values[key]);
    if (key === "s" && "count" in values) return Number(values.count) === 1 ? "" : "s";
    return whole;
  });
}
