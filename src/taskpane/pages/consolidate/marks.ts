import { tokens } from "@fluentui/react-components";

/**
 * How each outcome and severity looks in the result box and the file list: its own mark (read
 * without colour too) and its own theme colour. A green tick only ever means "used, nothing wrong".
 */
export interface Mark {
  mark: string;
  color: string;
}

export const SEVERITY_MARKS: Record<"error" | "warning" | "info", Mark> = {
  error: { mark: "✗", color: tokens.colorPaletteRedForeground1 },
  warning: { mark: "⚠", color: tokens.colorPaletteDarkOrangeForeground1 },
  info: { mark: "ℹ", color: tokens.colorPaletteBlueForeground2 },
};

/** One mark per file state and outcome; "accepted-errors" is a file used although it has errors. */
export const FILE_MARKS: Record<
  | "waiting"
  | "reading"
  | "checking"
  | "checked"
  | "accepted"
  | "accepted-errors"
  | "superseded"
  | "rejected"
  | "skipped",
  Mark
> = {
  waiting: { mark: "○", color: tokens.colorNeutralForeground3 },
  reading: { mark: "◔", color: tokens.colorBrandForeground1 },
  checking: { mark: "◑", color: tokens.colorBrandForeground1 },
  checked: { mark: "◕", color: tokens.colorBrandForeground1 },
  accepted: { mark: "✓", color: tokens.colorPaletteGreenForeground1 },
  "accepted-errors": { mark: "⚠", color: tokens.colorPaletteDarkOrangeForeground1 },
  superseded: { mark: "↺", color: tokens.colorPaletteBlueForeground2 },
  rejected: { mark: "✗", color: tokens.colorPaletteRedForeground1 },
  skipped: { mark: "–", color: tokens.colorNeutralForeground3 },
};
