import { builtinPlan } from "../../plan";
import { noPositional } from "../args";
import type { Command } from "../io";

export const planCommand: Command = {
  name: "plan",
  summary: { vi: "In kế hoạch và phân công", en: "Print the plan and its assignments" },
  usage: "plan [--json]",
  options: {
    json: {
      kind: "flag",
      help: { vi: "In dạng JSON (cho chương trình khác đọc).", en: "Print as JSON (for other programs)." },
    },
  },
  async run(args, io) {
    noPositional(args);
    const plan = builtinPlan();
    const tasks = plan.tasks.map((t) => ({
      number: t.number,
      content: t.content,
      timing: t.timing,
      lead: t.lead,
      issuer: t.issuer,
      leads: t.leads,
      issuers: t.issuers,
      reportingUnits: [...plan.assignments.entries()].filter(([, ns]) => ns.includes(t.number)).map(([code]) => code),
    }));
    const units = plan.units.map((u) => ({ ...u, tasks: plan.assignments.get(u.code) ?? [] }));
    if (args.options.json) {
      io.stdout(JSON.stringify({ id: plan.id, document: plan.document, tasks, units }, null, 2) + "\n");
    } else {
      for (const t of tasks) io.stdout(`${t.number}. ${t.content}\n   ${t.timing} — ${t.lead} — ${t.issuer}\n`);
      io.stdout(`\n${units.filter((u) => u.tasks.length > 0).length} đơn vị báo cáo / reporting units\n`);
    }
    return 0;
  },
};
