import type { Text } from "../../../i18n";

/** The tab label: the only string of the page in the initial bundle (the page itself loads on demand). */
export const title: Text = { vi: "Xu hướng / Sơ kết", en: "Trends / Review" };
