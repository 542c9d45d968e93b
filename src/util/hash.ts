/**
 * 64-bit non-cryptographic hash (two 32-bit multiply-xorshift lanes, as in cyrb53): stable on every
 * platform, cheap, good enough to tell contents apart. A change detector, never a signature.
 */
export function hash64(units: ArrayLike<number>, seed: number): string {
  // A local alias: global lookups inside the hot loop are slow in sandboxed realms (vm contexts, some webviews).
  const imul = Math.imul;
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    h1 = imul(h1 ^ u, 2654435761);
    h2 = imul(h2 ^ u, 1597334677);
  }
  return finish(h1, h2);
}

function finish(h1: number, h2: number): string {
  const imul = Math.imul;
  h1 = imul(h1 ^ (h1 >>> 16), 2246822507) ^ imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = imul(h2 ^ (h2 >>> 16), 2246822507) ^ imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, "0") + (h1 >>> 0).toString(16).padStart(8, "0");
}

/**
 * hash64 over a string's UTF-16 code units, seeded with its length (same value as hash64 of those
 * units). Reads the string in place: copying it first cost 3× as much in a short CLI run, where
 * this runs before the JIT has warmed up.
 */
export function hashText(text: string): string {
  const imul = Math.imul;
  let h1 = 0xdeadbeef ^ text.length;
  let h2 = 0x41c6ce57 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    h1 = imul(h1 ^ u, 2654435761);
    h2 = imul(h2 ^ u, 1597334677);
  }
  return finish(h1, h2);
}
