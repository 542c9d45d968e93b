/**
 * xl/charts/chartN.xml and xl/drawings/drawingN.xml: a sheet's native charts (DrawingML). One
 * drawing part per sheet holds an anchor per chart; each chart is stacked columns with, when the
 * description asks, lines on a secondary axis. Series point at the sheet's cells (names from the
 * header row, categories from the first column), so Excel and LibreOffice draw what the cells say.
 */
import { columnLetter, type RangePos } from "../../workbook/a1";
import type { Chart, Sheet, WorkbookSpec } from "../../workbook/model";
import { WorkbookSpecError } from "./errors";
import { checkedRange } from "./ranges";
import { argb } from "./styles";
import { el, escapeText, NS, XML_DECLARATION } from "./xml";

const C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";

/** A chart checked against its sheet: ranges parsed, one colour per series. */
export interface PreparedChart {
  chart: Chart;
  anchor: RangePos;
  source: RangePos;
  series: number;
}

export function prepareChart(sheet: Sheet, chart: Chart, index: number): PreparedChart {
  const where = `sheet "${sheet.name}", chart ${index + 1}`;
  const anchor = checkedRange(chart.anchor, `${where} anchor`);
  const source = checkedRange(chart.source, `${where} source`);
  const series = source.right - source.left;
  if (series < 1 || source.bottom - source.top < 1)
    throw new WorkbookSpecError(`${where}: the source needs a header row, a category column and one series`);
  if (!Number.isInteger(chart.stacked) || chart.stacked < 0 || chart.stacked > series)
    throw new WorkbookSpecError(`${where}: stacked must be 0–${series} (the source's series)`);
  if (chart.colors.length !== series)
    throw new WorkbookSpecError(`${where}: ${series} series need ${series} colours, not ${chart.colors.length}`);
  chart.colors.forEach((c) => argb(c, `${where} colour`));
  return { chart, anchor, source, series };
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function abs(sheet: string, top: number, left: number, bottom = top, right = left): string {
  const a = `$${columnLetter(left)}$${top}`;
  const b = `$${columnLetter(right)}$${bottom}`;
  return `${quoteSheet(sheet)}!${a === b ? a : `${a}:${b}`}`;
}

const rgb = (c: string) => c.replace(/^#/, "").toUpperCase();

function runProps(size: number, bold: boolean, font: string): string {
  return el(
    "a:defRPr",
    { sz: size * 100, b: bold },
    el("a:latin", { typeface: font }) + el("a:cs", { typeface: font }),
  );
}

function richText(text: string, size: number, font: string): string {
  return el(
    "c:tx",
    {},
    el(
      "c:rich",
      {},
      el("a:bodyPr", {}) +
        el("a:lstStyle", {}) +
        el(
          "a:p",
          {},
          el("a:pPr", {}, runProps(size, true, font)) +
            el("a:r", {}, el("a:rPr", { lang: "vi-VN", sz: size * 100, b: true }) + `<a:t>${escapeText(text)}</a:t>`),
        ),
    ),
  );
}

function series(sheet: string, p: PreparedChart, i: number, line: boolean): string {
  const col = p.source.left + 1 + i;
  const { top, bottom, left } = p.source;
  const color = rgb(p.chart.colors[i]!);
  const fill = el("a:solidFill", {}, el("a:srgbClr", { val: color }));
  const spPr = line
    ? el("c:spPr", {}, el("a:ln", { w: 28575, cap: "rnd" }, fill + el("a:round", {})))
    : el("c:spPr", {}, fill);
  return el(
    "c:ser",
    {},
    el("c:idx", { val: i }) +
      el("c:order", { val: i }) +
      el("c:tx", {}, el("c:strRef", {}, `<c:f>${escapeText(abs(sheet, top, col))}</c:f>`)) +
      spPr +
      (line
        ? el("c:marker", {}, el("c:symbol", { val: "circle" }) + el("c:size", { val: 6 }) + el("c:spPr", {}, fill))
        : el("c:invertIfNegative", { val: false })) +
      el("c:cat", {}, el("c:strRef", {}, `<c:f>${escapeText(abs(sheet, top + 1, left, bottom, left))}</c:f>`)) +
      el("c:val", {}, el("c:numRef", {}, `<c:f>${escapeText(abs(sheet, top + 1, col, bottom, col))}</c:f>`)) +
      (line ? el("c:smooth", { val: false }) : ""),
  );
}

function axis(
  kind: "cat" | "val",
  id: number,
  cross: number,
  pos: "b" | "l" | "r",
  options: { deleted?: boolean; format?: string; crossesMax?: boolean; gridlines?: boolean; max?: number },
): string {
  const scaling = el(
    "c:scaling",
    {},
    el("c:orientation", { val: "minMax" }) +
      (options.max !== undefined ? el("c:max", { val: options.max }) + el("c:min", { val: 0 }) : ""),
  );
  const common =
    el("c:axId", { val: id }) +
    scaling +
    el("c:delete", { val: options.deleted === true }) +
    el("c:axPos", { val: pos }) +
    (options.gridlines ? el("c:majorGridlines", {}) : "") +
    (options.format ? el("c:numFmt", { formatCode: options.format, sourceLinked: false }) : "") +
    el("c:majorTickMark", { val: "out" }) +
    el("c:minorTickMark", { val: "none" }) +
    el("c:tickLblPos", { val: "nextTo" }) +
    el("c:crossAx", { val: cross }) +
    el("c:crosses", { val: options.crossesMax ? "max" : "autoZero" });
  return kind === "cat"
    ? el(
        "c:catAx",
        {},
        common + el("c:auto", { val: true }) + el("c:lblAlgn", { val: "ctr" }) + el("c:lblOffset", { val: 100 }),
      )
    : el("c:valAx", {}, common + el("c:crossBetween", { val: "between" }));
}

export function chartXml(sheet: Sheet, p: PreparedChart, spec: WorkbookSpec): string {
  const font = spec.defaultFont.name;
  const lines = p.series - p.chart.stacked;
  const bars = Array.from({ length: p.chart.stacked }, (_, i) => series(sheet.name, p, i, false)).join("");
  const lineSeries = Array.from({ length: lines }, (_, i) => series(sheet.name, p, p.chart.stacked + i, true)).join("");
  const plot =
    el("c:layout", {}) +
    (p.chart.stacked > 0
      ? el(
          "c:barChart",
          {},
          el("c:barDir", { val: "col" }) +
            el("c:grouping", { val: "stacked" }) +
            el("c:varyColors", { val: false }) +
            bars +
            el("c:gapWidth", { val: 60 }) +
            el("c:overlap", { val: 100 }) +
            el("c:axId", { val: 1001 }) +
            el("c:axId", { val: 1002 }),
        )
      : "") +
    (lines > 0
      ? el(
          "c:lineChart",
          {},
          el("c:grouping", { val: "standard" }) +
            el("c:varyColors", { val: false }) +
            lineSeries +
            el("c:marker", { val: true }) +
            el("c:axId", { val: 1003 }) +
            el("c:axId", { val: 1004 }),
        )
      : "") +
    (p.chart.stacked > 0
      ? axis("cat", 1001, 1002, "b", {}) + axis("val", 1002, 1001, "l", { gridlines: true, format: "General" })
      : "") +
    (lines > 0
      ? axis("cat", 1003, 1004, "b", { deleted: true }) +
        axis("val", 1004, 1003, "r", { format: p.chart.lineAxisFormat, crossesMax: true, max: 1 })
      : "");
  return (
    XML_DECLARATION +
    el(
      "c:chartSpace",
      { "xmlns:c": C, "xmlns:a": NS.drawing, "xmlns:r": NS.rel },
      el("c:roundedCorners", { val: false }) +
        el(
          "c:chart",
          {},
          el("c:title", {}, richText(p.chart.title, 13, font) + el("c:overlay", { val: false })) +
            el("c:autoTitleDeleted", { val: false }) +
            el("c:plotArea", {}, plot) +
            el("c:legend", {}, el("c:legendPos", { val: "b" }) + el("c:overlay", { val: false })) +
            el("c:plotVisOnly", { val: true }) +
            el("c:dispBlanksAs", { val: "gap" }),
        ) +
        el(
          "c:txPr",
          {},
          el("a:bodyPr", {}) +
            el("a:lstStyle", {}) +
            el("a:p", {}, el("a:pPr", {}, runProps(10, false, font)) + el("a:endParaRPr", { lang: "vi-VN" })),
        ),
    )
  );
}

/** The sheet's drawing: one two-cell anchor per chart, pointing at the chart part by `relIds`. */
export function drawingXml(charts: readonly PreparedChart[], relIds: readonly string[]): string {
  const marker = (tag: string, row: number, col: number) =>
    el(
      tag,
      {},
      `<xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff>`,
    );
  const anchors = charts.map((p, i) =>
    el(
      "xdr:twoCellAnchor",
      { editAs: "oneCell" },
      marker("xdr:from", p.anchor.top - 1, p.anchor.left - 1) +
        marker("xdr:to", p.anchor.bottom, p.anchor.right) +
        el(
          "xdr:graphicFrame",
          { macro: "" },
          el(
            "xdr:nvGraphicFramePr",
            {},
            el("xdr:cNvPr", { id: i + 2, name: `Chart ${i + 1}`, descr: p.chart.title }) +
              el("xdr:cNvGraphicFramePr", {}),
          ) +
            el("xdr:xfrm", {}, el("a:off", { x: 0, y: 0 }) + el("a:ext", { cx: 0, cy: 0 })) +
            el(
              "a:graphic",
              {},
              el("a:graphicData", { uri: C }, el("c:chart", { "xmlns:c": C, "xmlns:r": NS.rel, "r:id": relIds[i] })),
            ),
        ) +
        el("xdr:clientData", {}),
    ),
  );
  return XML_DECLARATION + el("xdr:wsDr", { "xmlns:xdr": XDR, "xmlns:a": NS.drawing }, anchors.join(""));
}
