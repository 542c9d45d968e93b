/**
 * xl/styles.xml: the named styles of the description become deduplicated fonts, fills, borders,
 * number formats and cell formats (cellXfs); conditional-format styles become dxfs.
 * Index 0 of every list is the workbook default (the description's defaultFont = Excel's "Normal").
 */
import type { CellValue, DifferentialStyle, Style, WorkbookSpec } from "../../workbook/model";
import { cellNumberFormat } from "../../workbook/render-rules";
import { WorkbookSpecError } from "./errors";
import { el, NS, XML_DECLARATION } from "./xml";

/** Number formats Excel knows by id; anything else becomes a custom format from id 164. */
const BUILTIN_NUM_FMTS: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "@": 49,
};
const FIRST_CUSTOM_NUM_FMT = 164;

/** "RRGGBB" → "FFRRGGBB" (opaque ARGB as Excel writes it). */
export function argb(color: string, where: string): string {
  if (!/^[0-9A-Fa-f]{6}$/.test(color)) throw new WorkbookSpecError(`${where}: colour "${color}" is not RRGGBB hex`);
  return `FF${color.toUpperCase()}`;
}

/** Ordered, deduplicated list of XML fragments; the index is what the sheet refers to. */
class Pool {
  readonly items: string[] = [];
  private readonly index = new Map<string, number>();
  add(xml: string): number {
    const found = this.index.get(xml);
    if (found !== undefined) return found;
    this.items.push(xml);
    this.index.set(xml, this.items.length - 1);
    return this.items.length - 1;
  }
}

export class StylesPart {
  private readonly fonts = new Pool();
  private readonly fills = new Pool();
  private readonly borders = new Pool();
  private readonly xfs = new Pool();
  private readonly dxfs = new Pool();
  private readonly numFmts = new Map<string, number>();
  /** Style key → cellXfs index. */
  private readonly xfOfStyle = new Map<string, number>();
  /** Style key + number format → cellXfs index of a style given a number format it lacks (dates). */
  private readonly variants = new Map<string, number>();

  constructor(private readonly spec: WorkbookSpec) {
    const { name, size } = spec.defaultFont;
    if (!name.trim()) throw new WorkbookSpecError("defaultFont: the font name is empty");
    if (!(size >= 1 && size <= 409)) throw new WorkbookSpecError(`defaultFont: size ${size} is outside 1–409 pt`);
    this.fonts.add(fontXml({}, spec.defaultFont, "defaultFont"));
    this.fills.add(el("fill", {}, el("patternFill", { patternType: "none" })));
    // Excel requires the gray125 fill at index 1 whether anyone uses it or not.
    this.fills.add(el("fill", {}, el("patternFill", { patternType: "gray125" })));
    this.borders.add(borderXml(undefined));
    this.xfs.add(el("xf", { numFmtId: 0, fontId: 0, fillId: 0, borderId: 0, xfId: 0 }));
    for (const [key, style] of Object.entries(spec.styles))
      this.xfOfStyle.set(key, this.cellXf(style, `style "${key}"`));
  }

  /**
   * cellXfs index for a cell's style key (undefined = the default format 0). With the cell's value, the
   * number format follows the rule shared with the Office.js writer (src/workbook/render-rules.ts): a
   * date whose style has no number format gets a variant of the style with the default date format.
   */
  xfIndex(key: string | undefined, where: string, value: CellValue = null): number {
    let style: Style = {};
    let xf = 0;
    if (key !== undefined) {
      const i = this.xfOfStyle.get(key);
      if (i === undefined)
        throw new WorkbookSpecError(`${where}: style "${key}" is not defined in WorkbookSpec.styles`);
      style = this.spec.styles[key] as Style;
      xf = i;
    }
    const numberFormat = cellNumberFormat(value, style.numberFormat);
    if (numberFormat === style.numberFormat) return xf;
    const variantKey = `${key ?? ""}\u0000${numberFormat ?? ""}`;
    let variant = this.variants.get(variantKey);
    if (variant === undefined) {
      variant = this.cellXf({ ...style, numberFormat }, where);
      this.variants.set(variantKey, variant);
    }
    return variant;
  }

  /** dxfs index for a conditional format's style. */
  dxfIndex(style: DifferentialStyle, where: string): number {
    let font = "";
    if (style.font) {
      const f = style.font;
      // false is written as val="0": the rule then really turns bold/italic off, as Office.js sets it.
      const flag = (name: string, on: boolean | undefined): string =>
        on === undefined ? "" : on ? `<${name}/>` : el(name, { val: false });
      font = el(
        "font",
        {},
        flag("b", f.bold) + flag("i", f.italic) + (f.color ? el("color", { rgb: argb(f.color, where) }) : ""),
      );
    }
    // Both colours carry the fill: Excel reads bgColor for a differential solid fill, other readers fgColor.
    const fill =
      style.fill === undefined
        ? ""
        : el(
            "fill",
            {},
            el(
              "patternFill",
              { patternType: "solid" },
              el("fgColor", { rgb: argb(style.fill, where) }) + el("bgColor", { rgb: argb(style.fill, where) }),
            ),
          );
    return this.dxfs.add(el("dxf", {}, font + fill));
  }

  private cellXf(style: Style, where: string): number {
    const fontId = this.fonts.add(fontXml(style.font ?? {}, this.spec.defaultFont, where));
    const fillId =
      style.fill === undefined
        ? 0
        : this.fills.add(
            el(
              "fill",
              {},
              el(
                "patternFill",
                { patternType: "solid" },
                el("fgColor", { rgb: argb(style.fill, where) }) + el("bgColor", { indexed: 64 }),
              ),
            ),
          );
    const borderId = this.borders.add(borderXml(style.border));
    const numFmtId = style.numberFormat === undefined ? 0 : this.numFmtId(style.numberFormat, where);
    const a = style.alignment;
    let children = "";
    if (a && (a.horizontal || a.vertical || a.wrap || a.indent)) {
      if (a.indent !== undefined && !(Number.isInteger(a.indent) && a.indent >= 0 && a.indent <= 250)) {
        throw new WorkbookSpecError(`${where}: indent ${a.indent} is not a whole number 0–250`);
      }
      children += el("alignment", {
        horizontal: a.horizontal,
        vertical: a.vertical,
        wrapText: a.wrap ? true : undefined,
        indent: a.indent ? a.indent : undefined,
      });
    }
    if (style.locked === false) children += el("protection", { locked: false });
    return this.xfs.add(
      el(
        "xf",
        {
          numFmtId,
          fontId,
          fillId,
          borderId,
          xfId: 0,
          applyNumberFormat: numFmtId !== 0 ? true : undefined,
          applyFont: fontId !== 0 ? true : undefined,
          applyFill: fillId !== 0 ? true : undefined,
          applyBorder: borderId !== 0 ? true : undefined,
          applyAlignment: children.includes("<alignment") ? true : undefined,
          applyProtection: style.locked === false ? true : undefined,
        },
        children,
      ),
    );
  }

  private numFmtId(code: string, where: string): number {
    if (code === "") throw new WorkbookSpecError(`${where}: the number format is empty`);
    if (code.length > 255) throw new WorkbookSpecError(`${where}: number format longer than Excel's 255 characters`);
    const builtin = BUILTIN_NUM_FMTS[code];
    if (builtin !== undefined) return builtin;
    let id = this.numFmts.get(code);
    if (id === undefined) {
      id = FIRST_CUSTOM_NUM_FMT + this.numFmts.size;
      this.numFmts.set(code, id);
    }
    return id;
  }

  toXml(): string {
    const list = (name: string, items: readonly string[]): string =>
      items.length === 0 ? "" : el(name, { count: items.length }, items.join(""));
    const numFmts = [...this.numFmts].map(([code, id]) => el("numFmt", { numFmtId: id, formatCode: code }));
    return (
      XML_DECLARATION +
      el(
        "styleSheet",
        { xmlns: NS.main },
        list("numFmts", numFmts) +
          list("fonts", this.fonts.items) +
          list("fills", this.fills.items) +
          list("borders", this.borders.items) +
          el("cellStyleXfs", { count: 1 }, el("xf", { numFmtId: 0, fontId: 0, fillId: 0, borderId: 0 })) +
          list("cellXfs", this.xfs.items) +
          el("cellStyles", { count: 1 }, el("cellStyle", { name: "Normal", xfId: 0, builtinId: 0 })) +
          el("dxfs", { count: this.dxfs.items.length }, this.dxfs.items.join("")) +
          el("tableStyles", {
            count: 0,
            defaultTableStyle: "TableStyleMedium2",
            defaultPivotStyle: "PivotStyleLight16",
          }),
      )
    );
  }
}

function fontXml(font: NonNullable<Style["font"]>, base: WorkbookSpec["defaultFont"], where: string): string {
  const name = font.name ?? base.name;
  const size = font.size ?? base.size;
  if (!(size >= 1 && size <= 409)) throw new WorkbookSpecError(`${where}: font size ${size} is outside 1–409 pt`);
  if (name.length > 31) throw new WorkbookSpecError(`${where}: font name "${name}" is longer than 31 characters`);
  // Child order is fixed by the schema: b, i, u, sz, color, name.
  return el(
    "font",
    {},
    (font.bold ? "<b/>" : "") +
      (font.italic ? "<i/>" : "") +
      (font.underline ? "<u/>" : "") +
      el("sz", { val: size }) +
      (font.color ? el("color", { rgb: argb(font.color, where) }) : "") +
      el("name", { val: name }),
  );
}

function borderXml(line: Style["border"]): string {
  const side = (name: string): string =>
    line === undefined ? `<${name}/>` : el(name, { style: line }, el("color", { indexed: 64 }));
  return el("border", {}, side("left") + side("right") + side("top") + side("bottom") + "<diagonal/>");
}
