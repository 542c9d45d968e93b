import { hash64, hashText } from "../../src/util/hash";

/** The string's UTF-16 code units, as the first version of hashText hashed them. */
function units(text: string): Uint16Array {
  const out = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

describe("hashText", () => {
  // Fingerprints and plan versions written into forms already sent out must still match.
  it.each([
    [""],
    ["a"],
    ["Nội dung công việc\u001fThường xuyên"],
    ["Hoa\u0300"],
    ["😀 emoji (surrogate pairs)"],
    ["x".repeat(100_000)],
  ])("equals hash64 over the UTF-16 units, seeded with the length: %#", (text) => {
    expect(hashText(text)).toBe(hash64(units(text), text.length));
  });

  it("tells texts apart and is 16 hex digits", () => {
    const a = hashText("NQ08/XA001/2026-H1");
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(hashText("NQ08/XA001/2026-H2")).not.toBe(a);
  });
});
