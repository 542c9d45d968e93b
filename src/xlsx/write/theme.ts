/**
 * xl/theme/theme1.xml: a minimal Office theme. Table styles and some readers resolve theme colours
 * and the "body" font through it; the body font is the description's default font.
 */
import { el, NS, XML_DECLARATION } from "./xml";

const COLORS: ReadonlyArray<readonly [string, string]> = [
  ["dk2", "44546A"],
  ["lt2", "E7E6E6"],
  ["accent1", "4472C4"],
  ["accent2", "ED7D31"],
  ["accent3", "A5A5A5"],
  ["accent4", "FFC000"],
  ["accent5", "5B9BD5"],
  ["accent6", "70AD47"],
  ["hlink", "0563C1"],
  ["folHlink", "954F72"],
];

export function themeXml(bodyFont: string): string {
  const solid = el("a:solidFill", {}, el("a:schemeClr", { val: "phClr" }));
  const three = (xml: string): string => xml + xml + xml;
  const font = (name: string, typeface: string): string =>
    el(name, {}, el("a:latin", { typeface }) + el("a:ea", { typeface: "" }) + el("a:cs", { typeface: "" }));
  return (
    XML_DECLARATION +
    el(
      "a:theme",
      { "xmlns:a": NS.drawing, name: "Office Theme" },
      el(
        "a:themeElements",
        {},
        el(
          "a:clrScheme",
          { name: "Office" },
          el("a:dk1", {}, el("a:sysClr", { val: "windowText", lastClr: "000000" })) +
            el("a:lt1", {}, el("a:sysClr", { val: "window", lastClr: "FFFFFF" })) +
            COLORS.map(([name, rgb]) => el(`a:${name}`, {}, el("a:srgbClr", { val: rgb }))).join(""),
        ) +
          el("a:fontScheme", { name: "Office" }, font("a:majorFont", bodyFont) + font("a:minorFont", bodyFont)) +
          el(
            "a:fmtScheme",
            { name: "Office" },
            el("a:fillStyleLst", {}, three(solid)) +
              el("a:lnStyleLst", {}, three(el("a:ln", { w: 6350 }, solid))) +
              el("a:effectStyleLst", {}, three(el("a:effectStyle", {}, "<a:effectLst/>"))) +
              el("a:bgFillStyleLst", {}, three(solid)),
          ),
      ) + "<a:objectDefaults/><a:extraClrSchemeLst/>",
    )
  );
}
