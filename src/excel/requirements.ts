/**
 * Which parts of the workbook description the running Excel can build through Office.js.
 * Excel 2016 (volume licence) stops at ExcelApi 1.1/1.2, Excel 2019 at 1.7/1.8, Excel 2021 at 1.14,
 * Microsoft 365 and Excel on the web have all sets. What is missing is skipped with a warning,
 * and the user is pointed to the .xlsx download, which carries every feature.
 */
import type { Text } from "../i18n";

export type ExcelFeature =
  | "core"
  | "definedNames"
  | "conditionalFormats"
  | "freezePanes"
  | "tabColor"
  | "documentProperties"
  | "dataValidation"
  | "gridlines"
  | "conditionalFormatStopIfTrue"
  | "print"
  | "indent";

export interface MissingFeature {
  feature: ExcelFeature;
  set: string;
  version: string;
  text: Text;
}

interface FeatureRequirement {
  feature: ExcelFeature;
  version: string;
  what: Text;
}

/** Ordered by version; the API each feature needs is named in `what` for support questions. */
export const FEATURE_REQUIREMENTS: readonly FeatureRequirement[] = [
  {
    feature: "core",
    version: "1.2",
    what: {
      vi: "ghi trang tính (giá trị, định dạng, gộp ô, độ rộng cột, bảng, khóa trang tính)",
      en: "writing sheets (values, formats, merged cells, column widths, tables, sheet protection)",
    },
  },
  { feature: "definedNames", version: "1.4", what: { vi: "tên vùng (Name Manager)", en: "defined names" } },
  {
    feature: "conditionalFormats",
    version: "1.6",
    what: { vi: "định dạng có điều kiện", en: "conditional formatting" },
  },
  {
    feature: "freezePanes",
    version: "1.7",
    what: { vi: "cố định dòng/cột tiêu đề", en: "frozen header rows/columns" },
  },
  { feature: "tabColor", version: "1.7", what: { vi: "màu thẻ trang tính", en: "sheet tab colours" } },
  {
    feature: "documentProperties",
    version: "1.7",
    what: {
      vi: "thuộc tính tài liệu (tiêu đề, thuộc tính tùy chỉnh)",
      en: "document properties (title, custom properties)",
    },
  },
  {
    feature: "dataValidation",
    version: "1.8",
    what: { vi: "kiểm tra dữ liệu nhập (danh sách chọn, ngày)", en: "data validation (drop-down lists, dates)" },
  },
  { feature: "gridlines", version: "1.8", what: { vi: "ẩn đường lưới", en: "hiding gridlines" } },
  {
    feature: "conditionalFormatStopIfTrue",
    version: "1.8",
    what: { vi: "dừng quy tắc định dạng khi đúng", en: "stop-if-true on formatting rules" },
  },
  {
    feature: "print",
    version: "1.9",
    what: {
      vi: "thiết lập in (khổ A4, lề, tiêu đề in lặp, đầu/chân trang)",
      en: "print setup (A4, margins, repeated titles, header/footer)",
    },
  },
  { feature: "indent", version: "1.9", what: { vi: "thụt lề trong ô", en: "cell indentation" } },
];

export const EXCEL_API_SET = "ExcelApi";

function featureText(r: FeatureRequirement): Text {
  return {
    vi: `Phiên bản Excel này không hỗ trợ ${r.what.vi} (cần ${EXCEL_API_SET} ${r.version}). Hãy tải tệp .xlsx để có đầy đủ.`,
    en: `This Excel version does not support ${r.what.en} (needs ${EXCEL_API_SET} ${r.version}). Download the .xlsx file to get everything.`,
  };
}

/** The features this Excel cannot build, each with a message suggesting the .xlsx download. */
export function missingFeatures(isSetSupported: (set: string, version: string) => boolean): MissingFeature[] {
  return FEATURE_REQUIREMENTS.filter((r) => !isSetSupported(EXCEL_API_SET, r.version)).map((r) => ({
    feature: r.feature,
    set: EXCEL_API_SET,
    version: r.version,
    text: featureText(r),
  }));
}

/** One message for a list of missing features (for a banner); null when nothing is missing. */
export function missingFeaturesSummary(missing: readonly MissingFeature[]): Text | null {
  if (missing.length === 0) return null;
  if (missing.some((m) => m.feature === "core")) {
    return {
      vi: `Phiên bản Excel này quá cũ để phần bổ trợ ghi sổ (cần ${EXCEL_API_SET} 1.2). Hãy tải tệp .xlsx và mở bằng Excel.`,
      en: `This Excel version is too old for the add-in to write the workbook (needs ${EXCEL_API_SET} 1.2). Download the .xlsx file and open it in Excel.`,
    };
  }
  const vi = missing.map(
    (m) => (FEATURE_REQUIREMENTS.find((r) => r.feature === m.feature) as FeatureRequirement).what.vi,
  );
  const en = missing.map(
    (m) => (FEATURE_REQUIREMENTS.find((r) => r.feature === m.feature) as FeatureRequirement).what.en,
  );
  return {
    vi: `Phiên bản Excel này thiếu: ${vi.join("; ")}. Sổ vẫn được ghi, nhưng hãy tải tệp .xlsx nếu cần đủ các phần đó.`,
    en: `This Excel version lacks: ${en.join("; ")}. The workbook is still written; download the .xlsx file if you need those parts.`,
  };
}

/** Office's own check when running inside Office; outside Office (tests, CLI) everything counts as supported. */
export function officeIsSetSupported(): (set: string, version: string) => boolean {
  const office = (globalThis as { Office?: typeof Office }).Office;
  const requirements = office?.context?.requirements;
  if (!requirements) return () => true;
  return (set, version) => requirements.isSetSupported(set, version);
}
