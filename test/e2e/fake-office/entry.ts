/**
 * A stand-in for office.js in the browser: Office.onReady says "Excel on the web, ExcelApi 1.9" (the
 * manifest's minimum; the recorder refuses any member above it),
 * and Excel.run hands the page the recording fake workbook (test/helpers/excel-recorder.ts), so the
 * task pane's Excel mode runs for real in Chromium and the test can read what it wrote.
 */
import { ExcelRecorder } from "../../helpers/excel-recorder";

const recorder = new ExcelRecorder(["Trang tính của tôi"], { apiVersion: "1.9" });
recorder.addSheet("Ghi chú riêng", { A1: "Dữ liệu của người dùng", B2: 42 });

Object.assign(window, {
  __recorder: recorder,
  Office: {
    HostType: { Excel: "Excel" },
    onReady: () => Promise.resolve({ host: "Excel", platform: "OfficeOnline" }),
    context: {
      requirements: {
        isSetSupported: (name: string, version?: string) => recorder.isSetSupported(name, version),
      },
      officeTheme: { bodyBackgroundColor: "#ffffff" },
    },
  },
  Excel: {
    run: <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => batch(recorder.context),
  },
});
