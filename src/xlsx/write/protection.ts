/** Sheet protection: the <sheetProtection> element of a worksheet. */
import type { Protection } from "../../workbook/model";
import { WorkbookSpecError } from "./errors";
import { el } from "./xml";

/**
 * Excel's legacy 16-bit password verifier (the XOR hash of Excel 97, kept by ECMA-376 as `password`).
 * It is deliberately what we use: it costs nothing to compute, and Excel, LibreOffice and WPS all read
 * it. Sheet protection here guards input forms against ACCIDENTAL edits, not against attackers — any
 * sheet password, hashed strongly or not, is lifted by unzipping the file — so a slow salted SHA-512
 * (100 000 rounds) would buy no security and cost every render.
 */
export function legacyPasswordHash(password: string): string {
  // Rotate-left-by-one within 15 bits, XOR each character, last character first.
  let hash = 0;
  for (let i = password.length - 1; i >= 0; i--) {
    hash = ((hash >> 14) & 1) | ((hash << 1) & 0x7fff);
    hash ^= password.charCodeAt(i);
  }
  hash = ((hash >> 14) & 1) | ((hash << 1) & 0x7fff);
  hash ^= password.length;
  hash ^= 0xce4b;
  return hash.toString(16).toUpperCase().padStart(4, "0");
}

/**
 * In the file format an attribute set to "1" means the action is PROTECTED (forbidden), so the
 * description's `allow` flags are written inverted: allowed → "0", forbidden → "1".
 */
export function sheetProtectionXml(protection: Protection, where: string): string {
  const password = protection.password ?? "";
  // The legacy hash is computed over the ANSI code page bytes; restricting passwords to printable
  // ASCII keeps the verifier the same on every reader and every Windows locale.
  if (!/^[\x20-\x7E]*$/.test(password)) {
    throw new WorkbookSpecError(`${where}: the sheet password must use printable ASCII characters only`);
  }
  if (password.length > 255) throw new WorkbookSpecError(`${where}: the sheet password is longer than 255 characters`);
  const a = protection.allow;
  return el("sheetProtection", {
    password: password === "" ? undefined : legacyPasswordHash(password),
    sheet: true,
    objects: true,
    scenarios: true,
    selectLockedCells: !a.selectLockedCells,
    selectUnlockedCells: !a.selectUnlockedCells,
    formatColumns: !a.formatColumns,
    formatRows: !a.formatRows,
    sort: !a.sort,
    autoFilter: !a.autoFilter,
  });
}
