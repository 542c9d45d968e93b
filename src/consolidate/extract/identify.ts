/**
 * Who sent a file and for which period. The identity stored in the file (custom properties,
 * hidden names, the hidden sheet) decides; without it, the unit's name or code typed in the title
 * block (or anywhere on the sheet), and the period line or the period-end date. The visible name
 * and code must agree with the unit decided, or the file is never merged.
 */
import type { Plan, Unit } from "../../plan/types";
import { reportPeriod, type ReportPeriod } from "../../schedule";
import { foldKey, nfc, tidySpaces, toneKey } from "../../text/vietnamese";
import { serialToIso } from "../../dates";
import { identityFromPairs, META_PREFIX, type Identity } from "../../workbook/identity";
import type { ReadCell, ReadWorkbook } from "../../xlsx/read";
import { M } from "../messages";
import type { IdentifiedBy } from "../types";
import { cellText } from "../values";
import { unitNamedInHeading } from "./named";
import type { ProblemList } from "./problems";
import { filled, Grid, metaSheetOf, type FormSheet } from "./sheet";

export type PartialIdentity = Partial<Identity> & { formatVersion?: string };

/** A unit name as typed, stripped of a label before a colon ("Đơn vị báo cáo: Phường X"). */
function nameCandidates(text: string): string[] {
  const t = tidySpaces(nfc(text));
  const i = t.lastIndexOf(":");
  return i >= 0 && i < t.length - 1 ? [t, t.slice(i + 1).trim()] : [t];
}

/** The plan's units by code and by name (aliases included), for matching what a file says. */
export class UnitIndex {
  private readonly byTone = new Map<string, Unit[]>();
  private readonly byFold = new Map<string, Unit[]>();
  readonly byCode = new Map<string, Unit>();

  constructor(plan: Plan) {
    for (const u of plan.units) {
      this.byCode.set(u.code, u);
      for (const name of [u.name, ...(u.aliases ?? [])]) {
        push(this.byTone, toneKey(name), u);
        push(this.byFold, foldKey(name), u);
      }
    }
  }

  /** Texts already matched: every form repeats its title texts. Bounded, like the text keys' memo. */
  private matched = new Map<string, Unit[]>();

  /** Units a text names: exact up to case and tone placement first, then without diacritics. */
  match(text: string): Unit[] {
    let found = this.matched.get(text);
    if (found === undefined) {
      found = this.matchUncached(text);
      if (this.matched.size >= 20000) this.matched = new Map();
      this.matched.set(text, found);
    }
    return found;
  }

  private matchUncached(text: string): Unit[] {
    for (const candidate of nameCandidates(text)) {
      const tone = this.byTone.get(toneKey(candidate));
      if (tone) return tone;
    }
    for (const candidate of nameCandidates(text)) {
      const fold = this.byFold.get(foldKey(candidate));
      if (fold) return fold;
    }
    return [];
  }
}

function push(map: Map<string, Unit[]>, key: string, u: Unit): void {
  const list = map.get(key) ?? [];
  if (!list.includes(u)) list.push(u);
  map.set(key, list);
}

function metadataPairs(wb: ReadWorkbook): PartialIdentity[] {
  const out: PartialIdentity[] = [];
  const props = identityFromPairs(wb.customProperties);
  if (props) out.push(props);
  const names: Record<string, string> = {};
  for (const n of wb.definedNames) {
    if (!n.name.startsWith(META_PREFIX)) continue;
    const m = /^=?\s*"((?:[^"]|"")*)"\s*$/s.exec(n.formula);
    if (m) names[n.name] = m[1]!.replace(/""/g, '"');
  }
  const fromNames = identityFromPairs(names);
  if (fromNames) out.push(fromNames);
  const meta = metaSheetOf(wb);
  if (meta) {
    const grid = new Grid(meta);
    const pairs: Record<string, string> = {};
    for (const row of grid.rowNumbers()) {
      const k = grid.at(row, 1);
      const v = grid.at(row, 2);
      if (k && v) pairs[cellText(k).trim()] = cellText(v).trim();
    }
    const fromSheet = identityFromPairs(pairs);
    if (fromSheet) out.push(fromSheet);
  }
  return out;
}

/**
 * The identity stored in the file: any one of the three places suffices (each program keeps a
 * different subset on save); the first wins, and disagreement is reported.
 */
export function readIdentity(wb: ReadWorkbook, problems: ProblemList): { identity: PartialIdentity; places: number } {
  const sources = metadataPairs(wb);
  const identity: PartialIdentity = {};
  for (const id of sources) {
    for (const [key, value] of Object.entries(id) as [keyof PartialIdentity, string][]) {
      const have = identity[key];
      if (have === undefined) (identity as Record<string, string>)[key] = value;
      else if (have !== value) problems.add("warning", "identity-conflict", M.identityConflict(key, have, value));
    }
  }
  return { identity, places: sources.length };
}

/** The cells above the header row: unit name and code, the period line, dates. */
export interface TitleBlock {
  cells: ReadCell[];
  names: { cell: ReadCell; units: Unit[] }[];
  codes: { cell: ReadCell; unit: Unit }[];
}

export function readTitleBlock(form: FormSheet, units: UnitIndex): TitleBlock {
  const cells = form.grid.sheet.cells.filter((c) => c.row < form.header.row && filled(c));
  const names: TitleBlock["names"] = [];
  const codes: TitleBlock["codes"] = [];
  for (const c of cells) {
    const text = cellText(c);
    const code = text.trim();
    const unit = units.byCode.get(code);
    if (unit && (c.kind === "string" || c.kind === "number")) codes.push({ cell: c, unit });
    else if (c.kind === "string") {
      const found = units.match(text);
      if (found.length > 0) names.push({ cell: c, units: found });
    }
  }
  return { cells, names, codes };
}

/**
 * Whose file this is: the unit code in the metadata; without metadata, the unit codes typed in the
 * title block, else the unit names there, else a unit named anywhere on the sheet. Null (with the
 * reason as an error) when no single reporting unit is found.
 */
export function identifyUnit(
  plan: Plan,
  identity: PartialIdentity,
  form: FormSheet,
  title: TitleBlock,
  units: UnitIndex,
  problems: ProblemList,
): { unit: Unit; by: IdentifiedBy } | null {
  if (identity.unitCode) {
    const unit = units.byCode.get(identity.unitCode) ?? null;
    if (!unit || !plan.assignments.has(unit.code)) {
      problems.add("error", "unit-unknown", M.unitUnknown(identity.unitCode), {}, identity.unitCode);
      return null;
    }
    return { unit, by: "metadata" };
  }
  let found: Unit[] = [];
  if (title.codes.length > 0) found = [...new Set(title.codes.map((c) => c.unit))];
  else if (title.names.length > 0) found = [...new Set(title.names.flatMap((c) => c.units))];
  else {
    // Anywhere else in the sheet: a unit that copied only the table may have typed its name somewhere.
    const named = form.grid.sheet.cells.filter((c) => c.kind === "string").map((c) => units.match(c.value as string));
    found = [...new Set(named.flat())];
  }
  found = found.filter((u) => plan.assignments.has(u.code));
  if (found.length === 0) {
    // A table typed under the unit's own letterhead ("ĐẢNG ỦY XÃ KENG ĐU"): the one unit it names.
    // Only the heading above the first "Label:" line: a "Gửi về: …" line names the recipient.
    const labelRow = Math.min(
      ...title.cells.filter((c) => c.kind === "string" && /:\s*$/.test(c.value as string)).map((c) => c.row),
    );
    const heads = new Set(
      title.cells
        .filter((c) => c.kind === "string" && c.row < labelRow)
        .map((c) => unitNamedInHeading(plan, c.value as string))
        .filter((u): u is Unit => u !== null),
    );
    const unit = heads.size === 1 ? [...heads][0]! : null;
    if (unit) {
      problems.add("info", "identified-by-letterhead", M.byLetterhead(unit.name), { sheet: form.name });
      return { unit, by: "name" };
    }
  }
  if (found.length > 1) {
    problems.add("error", "unit-ambiguous", M.unitAmbiguous(found.map((u) => `${u.name} (${u.code})`)), {
      sheet: form.name,
    });
    return null;
  }
  if (found.length === 0) {
    problems.add("error", "unit-not-identified", M.unitNotFound(), { sheet: form.name });
    return null;
  }
  return { unit: found[0]!, by: "name" };
}

/**
 * The visible name and code must agree with the unit decided (a unit may have used another unit's
 * form). Returns whether any disagrees; those cells are reported, and all of them count as read.
 */
export function checkVisibleUnit(form: FormSheet, title: TitleBlock, u: Unit, problems: ProblemList): boolean {
  const g = form.grid;
  let mismatch = false;
  for (const { cell, units: named } of title.names) {
    if (named.includes(u)) g.use(cell);
    else {
      mismatch = true;
      problems.cell("error", "unit-mismatch", M.unitMismatch(u.code, u.name, cellText(cell)), form.name, cell, u.name);
      g.use(cell);
    }
  }
  for (const { cell, unit: coded } of title.codes) {
    if (coded === u) g.use(cell);
    else {
      mismatch = true;
      problems.cell(
        "error",
        "unit-mismatch",
        M.unitMismatch(u.code, u.name, `${coded.name} (${coded.code})`),
        form.name,
        cell,
        u.code,
      );
      g.use(cell);
    }
  }
  return mismatch;
}

/** The reporting periods a plan's forms may name, half years first ("Năm 2026" is inside "6 tháng đầu năm 2026"). */
function candidatePeriods(plan: Plan): ReportPeriod[] {
  const out: ReportPeriod[] = [];
  for (let y = plan.document.years.from - 1; y <= plan.document.years.to + 1; y++)
    for (const id of [`${y}-H1`, `${y}-H2`]) out.push(reportPeriod(id)!);
  for (let y = plan.document.years.from - 1; y <= plan.document.years.to + 1; y++) out.push(reportPeriod(String(y))!);
  return out;
}

function periodFromText(plan: Plan, text: string): ReportPeriod | null {
  const t = foldKey(text);
  return candidatePeriods(plan).find((p) => t.includes(foldKey(p.label.vi))) ?? null;
}

/** The period: from the metadata, else the period line of the title block, else its period-end date. */
export function findPeriod(plan: Plan, identity: PartialIdentity, title: TitleBlock): ReportPeriod | null {
  let period: ReportPeriod | null = identity.period ? reportPeriod(identity.period) : null;
  if (!period) {
    for (const c of title.cells) {
      if (c.kind !== "string") continue;
      period = periodFromText(plan, c.value as string);
      if (period) break;
    }
    // The period line was edited away: the "Ngày cuối kỳ" date still names a half year's last day.
    const ends = title.cells.filter((c) => c.kind === "number" && c.isDate).map((c) => serialToIso(c.value as number));
    period ??= candidatePeriods(plan).find((p) => p.kind !== "year" && ends.includes(p.to)) ?? null;
  }
  return period;
}
