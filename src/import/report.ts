/** What an import did, for the book's "Kiểm tra nhập" sheet, the console and the JSON. Never silent. */
import type { Text } from "../i18n";
import type { Field } from "./headers";
import type { Skipped } from "./rows";
import type { SourceKind } from "./table";

export interface ImportReport {
  file: string;
  source: SourceKind;
  /** Each table of the source: how its columns were read, or null headers when it was left out. */
  tables: { name: Text; columns: { field: Field; header: string }[] | null; ignored: string[]; rows: number }[];
  /** Tasks per group, in order; a group with label "" holds the tasks before any heading. */
  groups: { label: string; title: string; tasks: number }[];
  tasks: number;
  unreadDeadlines: { task: number; timing: string; unread: string[]; where: Text }[];
  /** Agencies matched to no unit: added as new units, to review on "Đơn vị". */
  newAgencies: { name: string; code: string; role: "lead" | "partner"; tasks: number[]; where: Text }[];
  /** Agencies matched through an abbreviation or another spelling: the spelling is kept as an alias. */
  aliases: { name: string; unit: string }[];
  /** Collectives ("các sở, ban, ngành"): kept in the text, never one unit. */
  collectives: { name: string; tasks: number[] }[];
  skipped: Skipped[];
  notes: Text[];
}

export const FIELD_LABELS: Record<Field, Text> = {
  number: { vi: "TT", en: "No." },
  content: { vi: "Nội dung công việc", en: "Task" },
  timing: { vi: "Thời gian thực hiện", en: "Timing" },
  lead: { vi: "Cơ quan chủ trì", en: "Lead" },
  partners: { vi: "Cơ quan phối hợp", en: "Partners" },
  issuer: { vi: "Cấp ban hành", en: "Issuing level" },
  result: { vi: "Kết quả / sản phẩm", en: "Result" },
  note: { vi: "Ghi chú", en: "Note" },
};

export type ReportSection = "summary" | "table" | "group" | "deadline" | "agency" | "skipped" | "note";

export interface ReportLine {
  section: ReportSection;
  where: Text;
  text: Text;
}

const list = (ns: number[]) => ns.join(", ");

/** The report as lines, in the order the sheet and the console show them. */
export function reportLines(r: ImportReport): ReportLine[] {
  const none: Text = { vi: "", en: "" };
  const lines: ReportLine[] = [
    {
      section: "summary",
      where: { vi: r.file, en: r.file },
      text: {
        vi: `${r.tasks} nhiệm vụ, ${r.groups.filter((g) => g.label || g.title).length} nhóm, ${r.unreadDeadlines.length} thời hạn chưa đọc được, ${r.newAgencies.length} cơ quan mới, ${r.skipped.length} dòng/bảng bỏ qua.`,
        en: `${r.tasks} tasks, ${r.groups.filter((g) => g.label || g.title).length} groups, ${r.unreadDeadlines.length} unread deadlines, ${r.newAgencies.length} new agencies, ${r.skipped.length} rows/tables skipped.`,
      },
    },
  ];
  for (const t of r.tables) {
    if (!t.columns) continue;
    const cols = t.columns.map((c) => `${FIELD_LABELS[c.field].vi} ← "${c.header}"`).join("; ");
    const colsEn = t.columns.map((c) => `${FIELD_LABELS[c.field].en} ← "${c.header}"`).join("; ");
    const ign = t.ignored.length > 0 ? ` Không nhập cột: ${t.ignored.map((x) => `"${x}"`).join(", ")}.` : "";
    const ignEn = t.ignored.length > 0 ? ` Columns not imported: ${t.ignored.map((x) => `"${x}"`).join(", ")}.` : "";
    lines.push({
      section: "table",
      where: t.name,
      text: {
        vi: `${t.rows} dòng nhiệm vụ. Cột: ${cols}.${ign}`,
        en: `${t.rows} task rows. Columns: ${colsEn}.${ignEn}`,
      },
    });
  }
  for (const g of r.groups)
    lines.push({
      section: "group",
      where: { vi: g.label || "(không nhóm)", en: g.label || "(no group)" },
      text: {
        vi: `${g.title ? `${g.title}: ` : ""}${g.tasks} nhiệm vụ`,
        en: `${g.title ? `${g.title}: ` : ""}${g.tasks} tasks`,
      },
    });
  for (const d of r.unreadDeadlines)
    lines.push({
      section: "deadline",
      where: d.where,
      text: {
        vi: `Nhiệm vụ ${d.task}: không đọc được "${d.unread.join("; ")}" trong "${d.timing}" — vẫn theo dõi, chưa có hạn.`,
        en: `Task ${d.task}: "${d.unread.join("; ")}" in "${d.timing}" cannot be read — tracked without a deadline.`,
      },
    });
  for (const a of r.newAgencies)
    lines.push({
      section: "agency",
      where: a.where,
      text: {
        vi: `Cơ quan mới "${a.name}" (${a.role === "lead" ? "chủ trì" : "phối hợp"}, nhiệm vụ ${list(a.tasks)}): thêm vào trang "Đơn vị" với mã ${a.code}, cần rà soát.`,
        en: `New agency "${a.name}" (${a.role === "lead" ? "lead" : "partner"}, tasks ${list(a.tasks)}): added to "Đơn vị" as ${a.code}, to review.`,
      },
    });
  for (const a of r.aliases)
    lines.push({
      section: "agency",
      where: none,
      text: {
        vi: `"${a.name}" khớp với đơn vị ${a.unit}; cách viết này được ghi thêm vào "Tên gọi khác".`,
        en: `"${a.name}" matches unit ${a.unit}; this spelling is added to its other names.`,
      },
    });
  for (const c of r.collectives)
    lines.push({
      section: "agency",
      where: none,
      text: {
        vi: `"${c.name}" (nhiệm vụ ${list(c.tasks)}) chỉ chung nhiều cơ quan: giữ nguyên văn, không thành một đơn vị báo cáo.`,
        en: `"${c.name}" (tasks ${list(c.tasks)}) names many bodies: kept verbatim, not one reporting unit.`,
      },
    });
  for (const s of r.skipped)
    lines.push({
      section: "skipped",
      where: s.where,
      text: {
        vi: `Bỏ qua: ${s.reason.vi}${s.text ? ` ("${s.text}")` : ""}.`,
        en: `Skipped: ${s.reason.en}${s.text ? ` ("${s.text}")` : ""}.`,
      },
    });
  for (const n of r.notes) lines.push({ section: "note", where: none, text: n });
  return lines;
}
