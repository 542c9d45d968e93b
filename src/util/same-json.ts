/** Deep comparison by what JSON would write: for the lossless checks of stored results. */

/**
 * Whether two values serialise to the same JSON (same keys in the same order, undefined members
 * skipped), without building the text: the write-time check runs on every part of the summary.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
    // NaN and ±Infinity serialise as null.
    return typeof a === "number" && typeof b === "number" && !Number.isFinite(a) && !Number.isFinite(b);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const y = b as unknown[];
    if (a.length !== y.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i] ?? null, y[i] ?? null)) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const kx = Object.keys(x);
  const ky = Object.keys(y);
  for (let i = 0, j = 0; ; i++, j++) {
    while (i < kx.length && x[kx[i]!] === undefined) i++;
    while (j < ky.length && y[ky[j]!] === undefined) j++;
    if (i === kx.length || j === ky.length) return i === kx.length && j === ky.length;
    if (kx[i] !== ky[j] || !sameJson(x[kx[i]!], y[ky[j]!])) return false;
  }
}
