/** xl/sharedStrings.xml: every text cell's string, once, in first-use order. */
import { el, escapeOoxmlString, escapeText, needsPreserve, NS, stripForbidden, XML_DECLARATION } from "./xml";

export class SharedStringsPart {
  private readonly strings: string[] = [];
  private readonly index = new Map<string, number>();
  /** Number of cells referring to the table (Excel's `count`). */
  private uses = 0;

  /**
   * A table that starts as an earlier book's, in its order, with `uses` cells already referring to
   * it: parts of that book copied as they are keep pointing at the right strings.
   */
  constructor(seed: readonly string[] = [], uses = 0) {
    for (const s of seed) {
      if (!this.index.has(s)) this.index.set(s, this.strings.length);
      this.strings.push(s);
    }
    this.uses = uses;
  }

  get count(): number {
    return this.uses;
  }

  /** Index of the string, adding it on first use. */
  add(s: string): number {
    this.uses++;
    // Text as given is nearly always clean: look it up before scanning it.
    let i = this.index.get(s);
    if (i !== undefined) return i;
    const clean = stripForbidden(s);
    i = this.index.get(clean);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(clean);
      this.index.set(clean, i);
    }
    return i;
  }

  /** One more cell refers to a string already added (a cell rendered once and written again). */
  reuse(): void {
    this.uses++;
  }

  toXml(): string {
    const items = this.strings.map((s) => {
      const t = escapeText(escapeOoxmlString(s));
      return `<si>${needsPreserve(s) ? `<t xml:space="preserve">${t}</t>` : `<t>${t}</t>`}</si>`;
    });
    return (
      XML_DECLARATION +
      el("sst", { xmlns: NS.main, count: this.uses, uniqueCount: this.strings.length }, items.join(""))
    );
  }
}
