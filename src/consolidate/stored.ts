/**
 * The records a result keeps (`forms`), so a later run can merge new files without the old ones.
 * An older copy of a unit's form is kept as its difference from the copy in use: when units resend
 * the same form many times, the same values and problems would otherwise be stored again and again.
 * Lossless: a record is packed only when unpacking gives it back exactly, and every record is
 * unpacked before anything is decided, so results never depend on how their input was stored.
 */
import type { FormRecord, PackedRecord, Problem, TaskEntry } from "./types";
import { sameJson } from "../util/same-json";

const keyOf = (name: string, hash: string) => `${name}\u0000${hash}`;

/** A problem without its file: the same finding in two copies of a form. */
function findingOf(p: Problem): string {
  const { file: _file, ...rest } = p;
  return JSON.stringify(rest);
}

/** Records packed against the base given for them (a whole record of the same list); the others as they are. */
export function packForms(records: FormRecord[], baseOf: (r: FormRecord) => FormRecord | undefined): FormRecord[] {
  // A base serves every older copy of its unit: its parts are compared as text once.
  const bases = new Map<FormRecord, BaseIndex>();
  return records.map((r) => {
    const base = baseOf(r);
    if (!base || base === r || r.packed || base.packed) return r;
    let index = bases.get(base);
    if (!index) bases.set(base, (index = indexBase(base)));
    const packed = pack(r, base, index);
    // Whatever the records hold, the stored form must give them back exactly.
    return sameJson(unpack(packed, base), r) ? packed : r;
  });
}

interface BaseIndex {
  entries: Map<number, string>;
  footer: string;
  /** First index of each finding. */
  problems: Map<string, number>;
}

function indexBase(base: FormRecord): BaseIndex {
  const problems = new Map<string, number>();
  base.problems.forEach((p, i) => {
    const k = findingOf(p);
    if (!problems.has(k)) problems.set(k, i);
  });
  return {
    entries: new Map(base.entries.map((e) => [e.task, JSON.stringify(e)] as const)),
    footer: JSON.stringify(base.footer),
    problems,
  };
}

function pack(r: FormRecord, base: FormRecord, index: BaseIndex): FormRecord {
  const baseEntries = index.entries;
  const mine = new Set(r.entries.map((e) => e.task));
  const sameFooter = JSON.stringify(r.footer) === index.footer;
  const baseProblems = index.problems;
  const own: Problem[] = [];
  const order: (number | null)[] = r.problems.map((p) => {
    const i = p.file === r.name ? baseProblems.get(findingOf(p)) : undefined;
    if (i !== undefined) return i;
    own.push(p);
    return null;
  });
  const info: PackedRecord = {
    base: base.name,
    baseHash: base.hash,
    without: base.entries.map((e) => e.task).filter((t) => !mine.has(t)),
    sameFooter,
    problems: order,
  };
  return {
    ...r,
    entries: r.entries.filter((e) => baseEntries.get(e.task) !== JSON.stringify(e)),
    footer: sameFooter ? { preparer: null, phone: null, preparedOn: null, raw: {} } : r.footer,
    problems: own,
    packed: info,
  };
}

function unpack(r: FormRecord, base: FormRecord): FormRecord {
  const p = r.packed!;
  const own = new Map(r.entries.map((e) => [e.task, e] as const));
  const without = new Set(p.without);
  const entries: TaskEntry[] = [...r.entries];
  for (const e of base.entries) if (!own.has(e.task) && !without.has(e.task)) entries.push(e);
  entries.sort((a, b) => a.task - b.task);
  let next = 0;
  const problems = p.problems.map((i) => {
    if (i === null) {
      const q = r.problems[next++];
      if (!q) throw damaged(r.name);
      return q;
    }
    const q = base.problems[i];
    if (!q) throw damaged(r.name);
    return { ...q, file: r.name };
  });
  if (next !== r.problems.length) throw damaged(r.name);
  // The key order of a freshly read record, so a stored result serialises the same as a fresh one.
  return {
    name: r.name,
    hash: r.hash,
    size: r.size,
    lastModified: r.lastModified,
    modified: r.modified,
    usable: r.usable,
    unitCode: r.unitCode,
    unitName: r.unitName,
    period: r.period,
    identifiedBy: r.identifiedBy,
    formatVersion: r.formatVersion,
    unitMismatch: r.unitMismatch,
    entries,
    footer: p.sameFooter ? base.footer : r.footer,
    problems,
  };
}

function damaged(name: string): Error {
  return new Error(
    `Bản tóm tắt trước bị hỏng: không khôi phục được bản ghi của tệp ${name}. / ` +
      `The previous summary is damaged: the record of ${name} cannot be restored.`,
  );
}

/** Every record whole: packed ones restored from their base in the same list (which must be there). */
export function unpackForms(records: readonly FormRecord[]): FormRecord[] {
  if (!records.some((r) => r.packed)) return [...records];
  const whole = new Map<string, FormRecord>();
  for (const r of records) if (!r.packed && !whole.has(keyOf(r.name, r.hash))) whole.set(keyOf(r.name, r.hash), r);
  return records.map((r) => {
    if (!r.packed) return r;
    const base = whole.get(keyOf(r.packed.base, r.packed.baseHash));
    if (!base) throw damaged(r.name);
    return unpack(r, base);
  });
}
