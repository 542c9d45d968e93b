/**
 * The agencies of a lead or partner cell and the issuers of an issuer cell, split one way for every
 * reader (the built-in plan, a book, an imported appendix), so a cell means the same wherever it is
 * read: "/", ";", ",", " và " separate agencies without breaking a name ("Sở Khoa học và Công
 * nghệ", "Ban xây dựng Đảng các Đảng ủy xã, phường") or a collective ("các sở, ban, ngành").
 */
/** Words that start an agency's name: a part starting with one (capitalised) is a new agency. */
const AGENCY_HEADS =
  /^(?:sở|ban|bộ|ủy ban|uỷ ban|ubnd|hđnd|ubmttq|mttq|ubkt|trường|trung tâm|đảng ủy|đảng uỷ|đảng đoàn|ban cán sự|hội|tỉnh đoàn|thành đoàn|đoàn|công an|bộ chỉ huy|văn phòng|vp|liên đoàn|báo|đài|cục|chi cục|kho bạc|ngân hàng|tòa án|toà án|viện|thanh tra|học viện|đại học|tổng cục|tổng công ty|công ty|quỹ|bảo hiểm|hội đồng|thường trực|cơ quan|các|chính phủ|quốc hội|tỉnh ủy|tỉnh uỷ|thành ủy|huyện ủy|lực lượng|bch|btv)(?=$|[\s,.;:)])/iu;

function startsAgency(part: string): boolean {
  const t = part.trim();
  if (!t) return false;
  // Capitalised head ("Ban …", "UBND …") or a collective ("các sở, ban, ngành").
  return (/^\p{Lu}/u.test(t) && AGENCY_HEADS.test(t)) || /^các\s/iu.test(t);
}

/** Splits a cell into agencies; a part that does not start like an agency stays with the one before. */
export function splitAgencies(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\n/))
    for (const chunk of line.replace(/^\s*[-•+*]\s*/, "").split(/[/;]/)) {
      const pieces = chunk.split(/(,\s*|\s+và\s+)/u);
      let current = pieces[0] ?? "";
      let inCollective = /^\s*các\s/iu.test(current);
      for (let i = 1; i < pieces.length; i += 2) {
        const sep = pieces[i]!;
        const next = pieces[i + 1] ?? "";
        // Inside a collective only another collective or a capitalised agency starts anew.
        const starts = startsAgency(next) && !(inCollective && !/^\p{Lu}/u.test(next.trim()));
        if (starts) {
          out.push(current);
          current = next;
          inCollective = /^\s*các\s/iu.test(next);
        } else current += sep + next;
      }
      out.push(current);
    }
  return out
    .map((p) =>
      p
        .trim()
        .replace(/[.,;]+$/, "")
        .trim(),
    )
    .filter((p) => p !== "");
}

/** "A/B" → ["A", "B"]: the source writes both "A/B" and "A/ B". */
function splitSlash(text: string): string[] {
  return text
    .split("/")
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/** Issuing levels, by slash or line ("Ban Thường vụ Tỉnh ủy/UBND tỉnh"), position by position with the leads. */
export function splitIssuers(text: string): string[] {
  return splitSlash(text.replace(/\n/g, "/"));
}
