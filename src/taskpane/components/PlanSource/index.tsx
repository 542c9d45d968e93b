import { Button, makeStyles, MessageBar, MessageBarBody, tokens } from "@fluentui/react-components";
import * as React from "react";
import type { Text } from "../../../i18n";
import { useAppContext } from "../../context";
import { fill } from "../../fill";
import { errorText, loadBookFile, readWorkbookPlan, useBuiltinPlan, type BookOutcome } from "../../services";
import { useExcelTarget } from "../../useExcel";
import { ErrorBar, Progress, useAction } from "../Feedback";
import FilePick from "../FilePick";

const strings = {
  heading: { vi: "Kế hoạch đang dùng", en: "Plan in use" },
  builtin: {
    vi: "Kế hoạch có sẵn (Nghị quyết 08-NQ/TU, 17 nhiệm vụ). Kế hoạch sửa trong sổ theo dõi (trang Phụ lục, Đơn vị, Phân công, Thông tin) được dùng khi đọc sổ.",
    en: "The built-in plan (Resolution 08-NQ/TU, 17 tasks). A plan edited in the tracking book (sheets Phụ lục, Đơn vị, Phân công, Thông tin) is used once the book is read.",
  },
  fromBook: {
    vi: "Kế hoạch từ {source}: {tasks} nhiệm vụ, {units} đơn vị, {reporting} đơn vị báo cáo.",
    en: "Plan from {source}: {tasks} tasks, {units} units, {reporting} reporting units.",
  },
  notUsed: {
    vi: "Sổ có lỗi nên chưa được dùng (vẫn dùng kế hoạch có sẵn). Sửa các ô dưới đây rồi đọc lại:",
    en: "The book has errors, so it is not used (the built-in plan stays). Fix the cells below and read it again:",
  },
  warnings: { vi: "Lưu ý:", en: "Notes:" },
  readOpen: { vi: "Đọc kế hoạch từ sổ đang mở", en: "Read the plan from the open workbook" },
  pickFile: { vi: "Chọn tệp sổ theo dõi (.xlsx)…", en: "Choose a tracking book file (.xlsx)…" },
  pickNote: {
    vi: "Tệp chỉ được đọc trên máy này, giữ trong trang, không gửi đi đâu.",
    en: "The file is read on this computer and kept in the page only; it is sent nowhere.",
  },
  backToBuiltin: { vi: "Dùng kế hoạch có sẵn", en: "Use the built-in plan" },
  reading: { vi: "Đang đọc sổ…", en: "Reading the book…" },
} satisfies Record<string, Text>;

/** A panel at the top of a page (plan source, import): a column of lines, a row of buttons, a list. */
export const usePanelStyles = makeStyles({
  box: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    marginBottom: tokens.spacingVerticalL,
  },
  row: { display: "flex", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** What the pane remembers across pages: the last book outcome (the plan itself lives in the services). */
let remembered: BookOutcome | null = null;
const listeners = new Set<() => void>();

/** A book read elsewhere on a page (e.g. picked to record into): every PlanSource shows it. */
export function rememberBook(outcome: BookOutcome | null): void {
  remembered = outcome;
  for (const listener of listeners) listener();
}

/** The last book outcome, re-rendering when another part of the pane reads a book. */
export function useRememberedBook(): BookOutcome | null {
  return React.useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => remembered,
    () => remembered,
  );
}

/**
 * Where the plan comes from: the built-in one, a picked book file (browser page) or the open
 * workbook's book sheets (Excel). Shown on the pages that use the plan.
 */
export default function PlanSource(): React.JSX.Element {
  const { t } = useAppContext();
  const styles = usePanelStyles();
  const excel = useExcelTarget();
  const outcome = useRememberedBook();
  const keep = rememberBook;
  const action = useAction(async (read: () => Promise<BookOutcome>) => keep(await read()), errorText);

  const used = outcome?.kind === "book" && outcome.used && outcome.summary;
  const problems = outcome?.kind === "book" ? outcome.problems : [];
  return (
    <section className={styles.box} data-testid="plan-source">
      <strong>{t(strings.heading)}</strong>
      <span data-testid="plan-source-current">
        {used && outcome.summary
          ? fill(t(strings.fromBook), { source: t(outcome.source), ...outcome.summary })
          : t(strings.builtin)}
      </span>
      <div className={styles.row}>
        {excel ? (
          <Button
            disabled={action.busy}
            onClick={() => void action.run(() => readWorkbookPlan(excel))}
            data-testid="plan-source-read-open"
          >
            {t(strings.readOpen)}
          </Button>
        ) : (
          <FilePick
            label={t(strings.pickFile)}
            accept=".xlsx,.xlsm"
            disabled={action.busy}
            testId="plan-source-pick"
            inputTestId="plan-source-file"
            onFile={(file) =>
              void action.run(async () => loadBookFile(new Uint8Array(await file.arrayBuffer()), file.name))
            }
          />
        )}
        {used && (
          <Button
            appearance="subtle"
            onClick={() => void useBuiltinPlan().then(() => keep(null))}
            data-testid="plan-source-builtin"
          >
            {t(strings.backToBuiltin)}
          </Button>
        )}
      </div>
      {!excel && <small>{t(strings.pickNote)}</small>}
      {action.busy && <Progress label={t(strings.reading)} testId="plan-source-progress" />}
      {action.error && <ErrorBar text={action.error} testId="plan-source-error" />}
      {outcome?.kind === "no-book" && (
        <MessageBar intent="info" layout="multiline" data-testid="plan-source-no-book">
          <MessageBarBody>{t(outcome.text)}</MessageBarBody>
        </MessageBar>
      )}
      {problems.length > 0 && (
        <MessageBar intent={used ? "warning" : "error"} layout="multiline" data-testid="plan-source-problems">
          <MessageBarBody>
            {t(used ? strings.warnings : strings.notUsed)}
            <ul className={styles.list}>
              {problems.map((p, i) => (
                <li key={i}>{t(p.text)}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
