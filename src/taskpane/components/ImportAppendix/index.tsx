import { Button, makeStyles, MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import * as React from "react";
import type { Text } from "../../../i18n";
import { useAppContext } from "../../context";
import { fill } from "../../fill";
import { download, errorText, importAppendixFile, importSelectedRange, type ImportOutcome } from "../../services";
import { useExcelTarget } from "../../useExcel";
import { DownloadButtons, ErrorBar, Progress, useAction } from "../Feedback";
import FilePick from "../FilePick";
import { usePanelStyles } from "../PlanSource";

const strings = {
  heading: { vi: "Nhập phụ lục", en: "Import an appendix" },
  intro: {
    vi: 'Phụ lục của kế hoạch khác: chọn tài liệu Word (.docx), bảng tính có bảng phụ lục (.xlsx) hoặc văn bản; chương trình đọc bảng, tạo sổ theo dõi và trang "Kiểm tra nhập".',
    en: 'Another plan\'s appendix: choose a Word document (.docx), a workbook with the appendix table (.xlsx) or text; the table is read into a tracking book with a "Kiểm tra nhập" (import check) sheet.',
  },
  pick: { vi: "Chọn tệp phụ lục…", en: "Choose the appendix file…" },
  selection: { vi: "Nhập từ vùng đang chọn", en: "Import the selected range" },
  working: { vi: "Đang nhập phụ lục…", en: "Importing the appendix…" },
  done: { vi: "Đã nhập {tasks} nhiệm vụ.", en: "{tasks} tasks imported." },
  doneExcel: {
    vi: "Đã tạo các trang sổ trong sổ đang mở: {sheets}.",
    en: "Book sheets created in the open workbook: {sheets}.",
  },
  report: { vi: "Kết quả kiểm tra nhập:", en: "Import check:" },
} satisfies Record<string, Text>;

const useStyles = makeStyles({
  // A long report scrolls inside the message instead of pushing the page's form away.
  scroll: { maxHeight: "14em", overflowY: "auto" },
});

/** "Nhập phụ lục": a picked file (page: the book downloads; Excel: sheets in the open workbook) or the selected range. */
export default function ImportAppendix(): React.JSX.Element {
  const { t } = useAppContext();
  const styles = usePanelStyles();
  const own = useStyles();
  const excel = useExcelTarget();
  const [outcome, setOutcome] = React.useState<ImportOutcome | null>(null);
  const action = useAction(async (run: () => Promise<ImportOutcome>) => {
    setOutcome(null);
    const result = await run();
    if (result.download) download(result.download.bytes, result.download.name, result.download.mime);
    setOutcome(result);
  }, errorText);

  return (
    <section className={styles.box} data-testid="import-appendix">
      <strong>{t(strings.heading)}</strong>
      <small>{t(strings.intro)}</small>
      <div className={styles.row}>
        <FilePick
          label={t(strings.pick)}
          accept=".docx,.xlsx,.xlsm,.txt,.md,.tsv"
          disabled={action.busy}
          testId="import-pick"
          inputTestId="import-file"
          onFile={(file) =>
            void action.run(async () => importAppendixFile(new Uint8Array(await file.arrayBuffer()), file.name, excel))
          }
        />
        {excel && (
          <Button
            disabled={action.busy}
            onClick={() => void action.run(() => importSelectedRange(excel))}
            data-testid="import-selection"
          >
            {t(strings.selection)}
          </Button>
        )}
      </div>
      {action.busy && <Progress label={t(strings.working)} testId="import-progress" />}
      {action.error && <ErrorBar text={action.error} testId="import-error" />}
      {outcome && (
        <MessageBar intent="success" layout="multiline" data-testid="import-result">
          <MessageBarBody>
            <MessageBarTitle>
              {outcome.excel
                ? fill(t(strings.doneExcel), { sheets: outcome.excel.sheets.join(", ") })
                : fill(t(strings.done), { tasks: outcome.tasks })}
            </MessageBarTitle>
            {t(strings.report)}
            <ul className={`${styles.list} ${own.scroll}`}>
              {outcome.lines.map((l, i) => (
                <li key={i}>{t(l)}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {outcome?.download && <DownloadButtons files={[outcome.download]} testId="import-downloads" />}
    </section>
  );
}
