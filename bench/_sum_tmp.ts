import { readFileSync } from "fs";
import { decodeSummary, encodeSummary, type SummaryV3 } from "../src/consolidate/summary";
const text = readFileSync(process.argv[2] ?? "/tmp/b9/new/lai.json", "utf8");
const result = decodeSummary(JSON.parse(text) as SummaryV3);
for (let i = 0; i < 4; i++) {
  let t0 = performance.now(); const s = encodeSummary(result); const enc = performance.now() - t0;
  t0 = performance.now(); const j = JSON.stringify(s); const str = performance.now() - t0;
  console.log(`encode ${enc.toFixed(0)} stringify ${str.toFixed(0)} ${j.length}`);
}
