/**
 * The draft report on a consolidation ("Báo cáo kết quả thực hiện ... 6 tháng đầu năm 2026"): which
 * figures and which sentences, as a document model. Pure: the plan and the result in, a DocModel out;
 * src/docx renders it. Laid out as Party reports are (Hướng dẫn 36-HD/VPTW): heading block, title,
 * sections I–III, signature block, and the results appendix as a landscape table.
 */
import { dmy } from "../dates";
import type { DocBlock, DocCell, DocModel, DocParagraph, DocRun } from "../docx/model";
import { para } from "../docx/model";
import type { ConsolidatedRow, ConsolidationResult, TaskSummary } from "../consolidate/types";
import type { Lang } from "../i18n";
import type { Plan } from "../plan/types";
import { DEADLINE_CLASS_LABELS } from "../schedule/labels";
import type { DeadlineClass } from "../schedule/types";
import { foldKey } from "../text/vietnamese";

export interface ReportOptions {
  /** The report's language (default Vietnamese). Unit and plan texts stay as written. */
  lang?: Lang;
}

/** Body 14 pt, tables 13 pt (the TableText style is one point smaller): Hướng dẫn 36 allows 13–14. */
const BODY_PT = 14;
const INDENT_MM = 10;
/** Text width of A4 with the official margins: portrait 210−30−15, landscape 297−30−15. */
const PORTRAIT_WIDTH_MM = 165;
const APPENDIX_WIDTHS_MM = [12, 48, 36, 18, 26, 112];

/** The order classes are told in: what is done, what is under way, what needs chasing. */
const CLASS_ORDER: DeadlineClass[] = [
  "done-on-time",
  "done-late",
  "in-progress",
  "ongoing",
  "due-soon",
  "overdue",
  "not-reported",
];

const upper = (s: string): string => s.toLocaleUpperCase("vi");
const lowerFirst = (s: string): string => s.charAt(0).toLocaleLowerCase("vi") + s.slice(1);
const capitalFirst = (s: string): string => {
  const lower = s.toLocaleLowerCase("vi");
  return lower.charAt(0).toLocaleUpperCase("vi") + lower.slice(1);
};
/** "1,4" in Vietnamese, "1.4" in English: one decimal. */
const percent = (part: number, whole: number, lang: Lang): string => {
  const n = whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10;
  return lang === "vi" ? String(n).replace(".", ",") : String(n);
};

/**
 * A task's standing as a whole, from its units' classes: a task with any unit overdue is overdue; one
 * every owing unit has finished is done (late if any finished late); otherwise the most pressing class.
 */
export function taskClass(t: TaskSummary): DeadlineClass {
  const c = t.counts;
  if (t.reported === 0) return "not-reported";
  if (c.overdue > 0) return "overdue";
  const done = c["done-on-time"] + c["done-late"];
  if (done === t.owed) return c["done-late"] > 0 ? "done-late" : "done-on-time";
  if (c["due-soon"] > 0) return "due-soon";
  if (c.ongoing === t.reported && c["in-progress"] === 0 && done === 0) return "ongoing";
  return "in-progress";
}

/** "BAN TỔ CHỨC TỈNH ỦY" → "BTCTU": the issuing office's code in the document number. */
function officeCode(office: string): string {
  return foldKey(office)
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.charAt(0))
    .join("")
    .toUpperCase();
}

export function consolidationReport(plan: Plan, result: ConsolidationResult, options: ReportOptions = {}): DocModel {
  const lang = options.lang ?? "vi";
  const L = (vi: string, en: string): string => (lang === "vi" ? vi : en);
  const doc = plan.document;
  const period = result.period;
  const year = Number(period.to.slice(0, 4));
  const periodText = lowerFirst(period.label[lang]);
  const office = doc.reporting.via; // "Ban Tổ chức Tỉnh ủy": the office that consolidates and reports
  const officeShort = office.replace(/\s+tỉnh ủy$/iu, "");
  const taskOf = new Map(plan.tasks.map((t) => [t.number, t] as const));
  const taskLabel = (n: number): string => L(`Nhiệm vụ ${n}`, `Task ${n}`);
  const classLabel = (c: DeadlineClass): string => DEADLINE_CLASS_LABELS[c][lang];

  const body = (runs: string | DocRun[], extra: Partial<DocParagraph> = {}): DocParagraph => ({
    kind: "paragraph",
    runs: typeof runs === "string" ? [{ text: runs }] : runs,
    firstLineMm: INDENT_MM,
    ...extra,
  });
  const h1 = (text: string): DocParagraph => para(text, { style: "Heading1", firstLineMm: INDENT_MM });
  const h2 = (text: string): DocParagraph => para(text, { style: "Heading2", firstLineMm: INDENT_MM });

  // --- Heading block: issuing office left (with the star), the Party's name right (underlined), then the place and date.
  const documentNumber = L(`Số       -BC/${officeCode(office)}`, `No.       -BC/${officeCode(office)}`);
  const placeDate = L(`${doc.province}, ngày      tháng      năm ${year}`, `${doc.province}, ...... ${year}`);
  const heading = twoColumns(
    70,
    [
      para(upper(L(`Đảng bộ tỉnh ${doc.province}`, `${doc.province} Provincial Party Organisation`)), {
        align: "center",
      }),
      para(upper(officeShort), { align: "center", bold: true }),
      para("*", { align: "center" }),
      para(documentNumber, { align: "center" }),
    ],
    [
      para(L("ĐẢNG CỘNG SẢN VIỆT NAM", "COMMUNIST PARTY OF VIET NAM"), {
        align: "right",
        bold: true,
        underline: true,
        sizePt: 15,
      }),
      para("", { align: "right" }),
      para("", { align: "right" }),
      para(placeDate, { align: "right", italic: true }),
    ],
  );

  // --- Title: "BÁO CÁO" and what it reports on, the period on its own line.
  const planName = `${capitalFirst(doc.kind)} ${doc.title}`;
  const title: DocParagraph[] = [
    para(L("BÁO CÁO", "REPORT"), { style: "Title", sizePt: 15, spaceBeforePt: 18 }),
    {
      kind: "paragraph",
      style: "Title",
      runs: [{ text: `${L("kết quả thực hiện", "on the implementation of")} ${planName}\n${periodText}` }],
    },
    para("-----", { style: "Title", spaceAfterPt: 12 }),
  ];

  // --- I. Who reported.
  const t = result.totals;
  const intro = body(
    L(
      `Thực hiện ${lowerFirst(planName)}, ${doc.reporting.text.replace(/\.$/, "")}; trên cơ sở báo cáo của các cơ quan, đơn vị, địa phương, ${office} báo cáo kết quả thực hiện ${periodText} (từ ngày ${dmy(period.from)} đến ngày ${dmy(period.to)}, số liệu tính đến ngày ${dmy(result.asOf)}) như sau:`,
      `Under the ${planName}, on the reports of the agencies, units and localities, the ${office} reports on the ${periodText} (${dmy(period.from)} to ${dmy(period.to)}, figures as of ${dmy(result.asOf)}) as follows:`,
    ),
  );
  const section1: DocBlock[] = [
    h1(L("I. TÌNH HÌNH BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ, ĐỊA PHƯƠNG", "I. REPORTS RECEIVED FROM THE UNITS")),
    body(
      L(
        `Có ${t.units} cơ quan, đơn vị, địa phương phải báo cáo; đã có ${t.returned} đơn vị gửi báo cáo (đạt ${percent(t.returned, t.units, lang)}%); còn ${t.missing} đơn vị chưa gửi báo cáo hoặc báo cáo chưa tổng hợp được.`,
        `${t.units} units owe a report; ${t.returned} have reported (${percent(t.returned, t.units, lang)}%); ${t.missing} have not reported or their report could not be used.`,
      ),
    ),
  ];
  const neverSent = result.missing.filter((m) => m.rejectedFiles.length === 0);
  const unusable = result.missing.filter((m) => m.rejectedFiles.length > 0);
  if (neverSent.length > 0)
    section1.push(
      body(
        L(
          `Các đơn vị chưa gửi báo cáo (${neverSent.length}): ${neverSent.map((m) => m.name).join("; ")}.`,
          `Units that have not reported (${neverSent.length}): ${neverSent.map((m) => m.name).join("; ")}.`,
        ),
      ),
    );
  if (unusable.length > 0)
    section1.push(
      body(
        L(
          `Các đơn vị đã gửi nhưng báo cáo chưa tổng hợp được, cần gửi lại (${unusable.length}): ${unusable.map((m) => m.name).join("; ")}.`,
          `Units whose report could not be used and must be sent again (${unusable.length}): ${unusable.map((m) => m.name).join("; ")}.`,
        ),
      ),
    );

  // --- II. Results: unit-task pairs by class, tasks by class, overdue tasks with their units named.
  const pairs = result.byTask.reduce((n, s) => n + s.owed, 0);
  const reportedPairs = result.byTask.reduce((n, s) => n + s.reported, 0);
  const pairCounts = CLASS_ORDER.map((c) => [c, result.byTask.reduce((n, s) => n + s.counts[c], 0)] as const).filter(
    ([, n]) => n > 0,
  );
  const byClass = new Map<DeadlineClass, number[]>();
  for (const s of result.byTask) {
    const c = taskClass(s);
    byClass.set(c, [...(byClass.get(c) ?? []), s.task]); // 17-odd tasks: copying is fine
  }
  const section2: DocBlock[] = [
    h1(L("II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ", "II. RESULTS BY TASK")),
    h2(L("1. Kết quả chung", "1. Overall")),
    body(
      L(
        `Kế hoạch có ${plan.tasks.length} nhiệm vụ, với ${pairs} lượt nhiệm vụ các đơn vị phải báo cáo; đã có ${reportedPairs} lượt được báo cáo (${percent(reportedPairs, pairs, lang)}%). Phân theo tình trạng: ${pairCounts.map(([c, n]) => `${lowerFirst(classLabel(c))} ${n} lượt`).join("; ")}.`,
        `The plan has ${plan.tasks.length} tasks and ${pairs} unit-task reports are owed; ${reportedPairs} were reported (${percent(reportedPairs, pairs, lang)}%). By class: ${pairCounts.map(([c, n]) => `${lowerFirst(classLabel(c))} ${n}`).join("; ")}.`,
      ),
    ),
    body(
      L(
        `Theo từng nhiệm vụ (tình trạng chung của các đơn vị được giao): ${CLASS_ORDER.filter((c) => byClass.has(c))
          .map(
            (c) => `${lowerFirst(classLabel(c))} ${byClass.get(c)!.length} nhiệm vụ (số ${byClass.get(c)!.join(", ")})`,
          )
          .join("; ")}.`,
        `By task (the standing of all its units): ${CLASS_ORDER.filter((c) => byClass.has(c))
          .map((c) => `${lowerFirst(classLabel(c))} ${byClass.get(c)!.length} (no. ${byClass.get(c)!.join(", ")})`)
          .join("; ")}.`,
      ),
    ),
    h2(L("2. Nhiệm vụ quá hạn chưa hoàn thành", "2. Overdue tasks")),
  ];
  const overdueRows = groupByTask(result.rows.filter((r) => r.deadlineClass === "overdue" && r.file !== null));
  if (overdueRows.length === 0)
    section2.push(body(L("Không có nhiệm vụ quá hạn chưa hoàn thành.", "No task is overdue.")));
  for (const [task, rows] of overdueRows)
    section2.push(
      body([
        { text: `${taskLabel(task)}: `, bold: true },
        { text: `${taskOf.get(task)?.content ?? ""} — ` },
        { text: `${L("đơn vị quá hạn", "overdue units")} (${rows.length}): `, italic: true },
        { text: `${rows.map((r) => r.unitName).join("; ")}.` },
      ]),
    );

  // --- III. The units' own words, by task.
  const quoted = (key: "difficulties" | "proposals", none: string): DocBlock[] => {
    const groups = groupByTask(result.rows.filter((r) => r.file !== null && (r[key] ?? "").trim() !== ""));
    if (groups.length === 0) return [body(none)];
    return groups.flatMap(([task, rows]) => [
      body(
        [
          { text: `${taskLabel(task)}: `, bold: true },
          { text: taskOf.get(task)?.content ?? "", italic: true },
        ],
        {
          keepNext: true,
        },
      ),
      ...rows.map((r) => body([{ text: `- ${r.unitName}: `, bold: true }, { text: r[key] ?? "" }])),
    ]);
  };
  const section3: DocBlock[] = [
    h1(L("III. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ, ĐỀ XUẤT", "III. DIFFICULTIES AND PROPOSALS")),
    h2(L("1. Khó khăn, vướng mắc (nguyên văn báo cáo của các đơn vị)", "1. Difficulties (as the units wrote them)")),
    ...quoted("difficulties", L("Các đơn vị không nêu khó khăn, vướng mắc.", "No unit reported difficulties.")),
    h2(L("2. Kiến nghị, đề xuất (nguyên văn báo cáo của các đơn vị)", "2. Proposals (as the units wrote them)")),
    ...quoted("proposals", L("Các đơn vị không có kiến nghị, đề xuất.", "No unit made proposals.")),
    body(
      L(
        `Trên đây là báo cáo kết quả thực hiện ${periodText} của ${office}.`,
        `This is the ${office}'s report on the ${periodText}.`,
      ),
      {
        spaceBeforePt: 6,
      },
    ),
  ];

  // --- Signature block: recipients left, the signer right (the office fills in the name).
  const signature = twoColumns(
    80,
    [
      para(L("Nơi nhận:", "To:"), {
        align: "left",
        bold: true,
        italic: true,
        underline: true,
        sizePt: 12,
        spaceAfterPt: 0,
      }),
      para(`- ${doc.reporting.to} (${L("để báo cáo", "for information")}),`, {
        align: "left",
        sizePt: 11,
        spaceAfterPt: 0,
      }),
      para(L("- Lưu VT.", "- Archive."), { align: "left", sizePt: 11, spaceAfterPt: 0 }),
    ],
    [
      para(L("TRƯỞNG BAN", "HEAD"), { align: "center", bold: true, spaceAfterPt: 0 }),
      para(L("(ký, ghi rõ họ tên)", "(signature, full name)"), {
        align: "center",
        italic: true,
        spaceAfterPt: 0,
      }),
    ],
  );

  // --- Appendix: each task as a group row, its reporting units beneath, the units yet to report named.
  const headerRow: DocCell[] = [
    L("TT", "No."),
    L("Đơn vị", "Unit"),
    L("Tình trạng", "Status"),
    L("Tiến độ (%)", "Progress (%)"),
    L("Ngày hoàn thành", "Completed on"),
    L("Kết quả thực hiện; văn bản đã ban hành", "Results; documents issued"),
  ].map((h) => ({ paragraphs: [para(h, { style: "TableHeading" })] }));
  const appendixRows: DocCell[][] = [];
  const rowsByTask = new Map(groupByTask(result.rows));
  const tableText = (text: string, align: DocParagraph["align"] = "left"): DocCell => ({
    paragraphs: [para(text, { style: "TableText", align })],
  });
  for (const summary of result.byTask) {
    const task = taskOf.get(summary.task);
    const rows = rowsByTask.get(summary.task) ?? [];
    appendixRows.push([
      {
        span: APPENDIX_WIDTHS_MM.length,
        shaded: true,
        paragraphs: [
          {
            kind: "paragraph",
            style: "TableText",
            keepNext: true,
            runs: [
              { text: `${taskLabel(summary.task)}. `, bold: true },
              { text: task?.content ?? summary.content, bold: true },
              {
                text: ` (${L("thời gian", "timing")}: ${task?.timing ?? ""}; ${L("đã báo cáo", "reported")} ${summary.reported}/${summary.owed} ${L("đơn vị", "units")}; ${lowerFirst(classLabel(taskClass(summary)))})`,
                italic: true,
              },
            ],
          },
        ],
      },
    ]);
    const reported = rows.filter(answered);
    reported.forEach((r, i) => {
      const results = [r.result, r.documents].filter((x): x is string => !!x && x.trim() !== "").join("\n");
      appendixRows.push([
        tableText(String(i + 1), "center"),
        tableText(r.unitName),
        tableText(classLabel(r.deadlineClass)),
        tableText(r.progress === null ? "" : String(r.progress).replace(".", ","), "center"),
        tableText(r.completedOn ? dmy(r.completedOn) : "", "center"),
        tableText(results),
      ]);
    });
    const waiting = rows.filter((r) => !r.notAsked && !answered(r));
    if (waiting.length > 0)
      appendixRows.push([
        {
          span: APPENDIX_WIDTHS_MM.length,
          paragraphs: [
            {
              kind: "paragraph",
              style: "TableText",
              runs: [
                { text: `${L("Chưa báo cáo", "Not reported")} (${waiting.length}): `, italic: true },
                { text: waiting.map((r) => r.unitName).join("; ") },
              ],
            },
          ],
        },
      ]);
  }
  const appendix: DocBlock[] = [
    para(L("PHỤ LỤC", "APPENDIX"), { style: "Title" }),
    para(upper(L(`Kết quả thực hiện các nhiệm vụ ${periodText}`, `Results by task, ${period.label.en}`)), {
      style: "Title",
    }),
    para(
      L(
        `(Kèm theo Báo cáo số       -BC/${officeCode(office)} của ${office})`,
        `(Attached to report no.       -BC/${officeCode(office)} of the ${office})`,
      ),
      {
        style: "Title",
        italic: true,
        spaceAfterPt: 12,
      },
    ),
    { kind: "table", widthsMm: APPENDIX_WIDTHS_MM, borders: true, headerRows: [headerRow], rows: appendixRows },
  ];

  return {
    title: `${L("Báo cáo kết quả thực hiện", "Report on")} ${planName} — ${period.label[lang]}`,
    subject: period.label[lang],
    creator: office,
    language: lang === "vi" ? "vi-VN" : "en-GB",
    font: "Times New Roman",
    bodyPt: BODY_PT,
    sections: [
      {
        orientation: "portrait",
        pageNumbers: "from-second",
        blocks: [heading, ...title, intro, ...section1, ...section2, ...section3, para(""), signature],
      },
      { orientation: "landscape", pageNumbers: "every", blocks: appendix },
    ],
  };
}

/** The unit said something about the task (a form returned with the row left blank did not). */
function answered(r: ConsolidatedRow): boolean {
  if (r.file === null || r.notAsked) return false;
  return (
    r.status !== null || r.progress !== null || r.completedOn !== null || !!r.result?.trim() || !!r.documents?.trim()
  );
}

/** A borderless two-column layout table across the portrait text width (heading and signature blocks). */
function twoColumns(leftMm: number, left: DocParagraph[], right: DocParagraph[]): DocBlock {
  return {
    kind: "table",
    widthsMm: [leftMm, PORTRAIT_WIDTH_MM - leftMm],
    borders: false,
    headerRows: [],
    rows: [[{ paragraphs: left }, { paragraphs: right }]],
  };
}

/** Rows grouped by task, tasks in ascending order, rows in the result's order. */
function groupByTask(rows: ConsolidatedRow[]): [number, ConsolidatedRow[]][] {
  const groups = new Map<number, ConsolidatedRow[]>();
  for (const r of rows) {
    const group = groups.get(r.task);
    if (group) group.push(r);
    else groups.set(r.task, [r]);
  }
  return [...groups.entries()].sort((a, b) => a[0] - b[0]);
}
