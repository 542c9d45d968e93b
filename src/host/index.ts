export {
  OFFICE_JS_URL,
  compareApiVersions,
  detectHost,
  hasOfficeSigns,
  highestExcelApi,
  loadOfficeJs,
  themeFromBackground,
} from "./detect";
export type { DetectOptions, HostInfo, HostMode, HostReason, HostWindow, OfficeLike, ScriptDocument } from "./detect";
