/**
 * keyMayFit lets a long cell skip making a key that could never equal a short label: it must never
 * say "too long" for a text whose toneKey or foldKey is short enough. Checked on the plan's own
 * texts, on labels buried in white space, decomposed and old-style text, other scripts, and on
 * random mixtures of every kind of character that changes length in the keys.
 */
import { builtinPlan } from "../../src/plan";
import { foldKey, keyMayFit, toneKey } from "../../src/text/vietnamese";

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Characters whose keys differ in length from themselves: spaces of every kind, combining marks,
// precomposed Vietnamese, đ, dashes, punctuation that eats spaces, İ (lower-cases to two), Hangul
// jamo (NFC joins them), a surrogate pair, a control character.
const POOL = [
  "a",
  "Z",
  "7",
  " ",
  "  ",
  "\t",
  "\n",
  "\u00a0",
  "\u202f",
  "\u3000",
  "\u2003",
  "\ufeff",
  "\u0300",
  "\u0301",
  "\u0309",
  "\u0323",
  "\u0302",
  "ế",
  "Ệ",
  "ờ",
  "đ",
  "Đ",
  "\u2013",
  "\u2212",
  ",",
  ":",
  "(",
  ")",
  "/",
  "-",
  ".",
  "İ",
  "\u1100",
  "\u1161",
  "\u11a8",
  "😀",
  "\u0007",
  "ß",
];

function checkFits(text: string, max: number): void {
  if (keyMayFit(text, max)) return;
  // Said "cannot fit": both keys really are longer.
  expect([text, toneKey(text).length > max, foldKey(text).length > max]).toEqual([text, true, true]);
}

describe("keyMayFit", () => {
  it("never rules out a text whose key could fit (plan texts, labels in white space, other forms)", () => {
    const plan = builtinPlan();
    const texts = [
      ...plan.tasks.flatMap((t) => [t.content, t.content.normalize("NFD"), t.content.toUpperCase()]),
      `STT${" ".repeat(300)}`,
      `\u00a0`.repeat(200) + "Nội dung nhiệm vụ" + "\u202f".repeat(200),
      "NGƯỜI LẬP BIỂU".normalize("NFD") + "\u0301".repeat(100),
      "\u1100\u1161".repeat(60),
      "İ".repeat(40),
    ];
    for (const max of [3, 10, 20, 40, 80]) for (const text of texts) checkFits(text, max);
    // The long task texts are what it is for: they are ruled out for a short label.
    expect(plan.tasks.filter((t) => t.content.length > 60).every((t) => !keyMayFit(t.content, 40))).toBe(true);
  });

  it("holds on random mixtures of every length-changing character", () => {
    const next = random(20261203);
    for (let i = 0; i < 4000; i++) {
      const len = 1 + Math.floor(next() * 90);
      let text = "";
      for (let j = 0; j < len; j++) text += POOL[Math.floor(next() * POOL.length)];
      checkFits(text, 1 + Math.floor(next() * 40));
    }
  });

  it("short texts always may fit", () => {
    expect(keyMayFit("", 0)).toBe(true);
    expect(keyMayFit("abc", 3)).toBe(true);
    expect(keyMayFit("abcd", 3)).toBe(false);
    expect(keyMayFit(`a${" ".repeat(50)}b`, 3)).toBe(true);
  });
});
