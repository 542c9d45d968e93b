import type { Text } from "../../../i18n";

export const feedbackStrings = {
  errorTitle: { vi: "Chưa làm được", en: "Could not finish" },
  warningsTitle: { vi: "Lưu ý", en: "Please note" },
  download: { vi: "Tải về", en: "Download" },
  downloadAgain: { vi: "Tải lại", en: "Download again" },
  downloads: { vi: "Tệp tải về", en: "Downloads" },
  working: { vi: "Đang xử lý…", en: "Working…" },
} satisfies Record<string, Text>;
