// Moved to src/dates; kept only while src/consolidate is being reorganised.
export { isoToSerial, serialToIso } from "../dates";
