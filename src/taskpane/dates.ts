/** Field helpers of the pane; the dates themselves are converted in src/dates. */
export { dmy as dmyText, isIsoDate, parseUserDate, todayIso } from "../dates";

/** Whole number within [min, max] typed in a field; null otherwise. */
export function wholeIn(text: string, min: number, max: number): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}
