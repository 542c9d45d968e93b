import type { Text } from "../../i18n";

/** An error whose message is already written for the official reading the page. */
export class ServiceError extends Error {
  constructor(
    readonly text: Text,
    override readonly cause?: unknown,
  ) {
    super(text.en);
    this.name = "ServiceError";
  }
}

function hasText(e: unknown): e is { text: Text } {
  if (e === null || typeof e !== "object" || !("text" in e)) return false;
  const t = (e as { text: unknown }).text;
  return (
    t !== null && typeof t === "object" && typeof (t as Text).vi === "string" && typeof (t as Text).en === "string"
  );
}

/**
 * What to show for any failure: the error's own {vi, en} text when it has one (ServiceError,
 * ExcelRenderError), else a plain sentence with the technical message for support.
 */
export function errorText(e: unknown): Text {
  if (hasText(e)) return e.text;
  const detail = e instanceof Error ? e.message : String(e);
  return {
    vi: `Có lỗi không mong muốn: ${detail}. Sổ làm việc và các tệp trên máy không bị thay đổi; hãy thử lại.`,
    en: `Something unexpected went wrong: ${detail}. The workbook and the files on this computer are unchanged; please try again.`,
  };
}
