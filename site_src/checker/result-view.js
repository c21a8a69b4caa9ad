// Step 4: the rules' answer in plain words. Stable hooks for tests: [data-bundle][data-leave] per bundle,
// [data-leave-hours] on the total, [data-reward] on the commendation.
import { $, el } from "./dom.js";
import { bothDates, daysUntil } from "./dates.js";

const LEAVE_LABEL = { eligible: "可以申請補休", review: "需由人事單位認定", ineligible: "不能申請補休" };
const REWARD_LABEL = { eligible: "符合", review: "需由人事單位認定", ineligible: "不符合" };
// Before the deadline an incomplete bundle (or the commendation) is not final: the rules say so by the rule id.
const IN_PROGRESS = "尚未完成，截止日前仍可完成";
const inProgress = (list, rule) => list.some((r) => r.rule === rule);
const expired = (leave) => leave.expiry_flag === "expired";

// The plan page with each clause's anchor (relative: the site may live under any sub-path).
function clauseHref(planId, anchor) {
  return `../plans/${planId}/plan/#${anchor}`;
}

// The result format (rules_py/result.schema.json) says a rule's source once, in the plan's catalogue of rules,
// and a bundle refers to its courses' reasons ({rule, see: course key}): renderResult sets what resolves both.
let lookup = { rules: {}, courses: new Map() };

function whole(r) {
  return r.see ? lookup.courses.get(r.see).find((c) => c.rule === r.rule) : r;
}

// A reason, its clause linked (its source, if any, is said once under the verdict: sourceNote).
function reasons(planId, list) {
  return el("ul", { class: "reasons" }, list.map(whole).map((r) => el("li", { dataset: { rule: r.rule } }, [
    r.message, " ",
    el("a", { href: clauseHref(planId, r.anchor), class: "reasons__clause" }, `依據：計畫${r.clause}`),
  ])));
}

// The sources of facts the plan does not state (office hours, the calendar), from the plan's catalogue of
// rules, each said once however many reasons rest on it: the default office hours' note would otherwise
// follow every course.
function sourceNote(answer) {
  const all = [answer.bundles.flatMap((b) => b.leave.reasons), answer.courses.flatMap((c) => c.reasons),
    answer.reward.reasons, answer.warnings, answer.next_steps].flat();
  const sources = new Set(all.map((r) => (lookup.rules[r.rule] || {}).source).filter(Boolean));
  if (!sources.size) return null;
  return el("section", { id: "result-sources", class: "sources", "aria-labelledby": "sources-title" }, [
    el("h3", { id: "sources-title", text: "計畫沒有寫明、檢核時採用的資料" }),
    el("ul", {}, [...sources].map((text) => el("li", { class: "reasons__source", text }))),
  ]);
}

function row(label, value) {
  return el("div", { class: "summary-list__row" }, [el("dt", { text: label }), el("dd", {}, value)]);
}

function remaining(answer, bundle) {
  const left = answer.courses.filter((c) => c.bundle === bundle.id && c.status !== "counted");
  if (!left.length) return null;
  const days = daysUntil(answer.plan.deadline);
  const deadline = bothDates(answer.plan.deadline, answer.plan.deadline_roc);
  const when = days >= 0
    ? `距截止日 ${deadline} 還有 ${days} 天（含當日完成也算）。`
    : `截止日 ${deadline} 已過 ${-days} 天，之後完成的課程不能計入。`;
  return el("div", { class: "remaining" }, [
    el("h4", { text: "還沒完成的課程" }),
    el("ul", {}, left.map((c) => el("li", { dataset: { course: c.name } }, `${c.name}（${c.hours} 小時）`))),
    el("p", { text: `合計 ${left.reduce((sum, c) => sum + c.hours, 0)} 小時。${when}` }),
  ]);
}

const EXPIRY_LABEL = { expired: "補休期限已過", expiring: "補休期限快到了" };

// Each course of the bundle with the reasons that decided it (a calendar fact, a suspension, the person's choice).
// The list is in a closed section: it is filled by one of `later`'s steps, once the verdict is drawn.
function courseReasons(answer, bundle, later) {
  const courses = answer.courses.filter((c) => c.bundle === bundle.id && c.reasons.length);
  const list = el("ul");
  later.push(() => list.replaceChildren(...courses.map((c) => el("li", { dataset: { course: c.name } }, [
    el("strong", { text: c.name }), reasons(answer.plan.id, c.reasons)]))));
  return el("details", { class: "course-reasons" }, [
    el("summary", { text: `各門課程的判斷（${courses.length} 門）` }),
    list,
  ]);
}

function expiry(leave) {
  const text = `${bothDates(leave.expires_on, leave.expires_on_roc)}（含當日）之前休畢`;
  if (!leave.expiry_flag) return text;
  const left = leave.expiry_flag === "expiring" ? `，只剩 ${leave.days_left} 天` : "";
  return [text, " ", el("strong", { class: "expiry-flag", text: `${EXPIRY_LABEL[leave.expiry_flag]}${left}` })];
}

// What the person does next with a bundle, and by when: the panel's line for it.
function deadlineLine(answer, bundle, hasForms, audience) {
  const leave = bundle.leave;
  const until = leave.expires_on_roc && `請於 ${leave.expires_on_roc}（含當日）前休畢`;
  const flag = leave.expiry_flag ? [" ", el("strong", { class: "expiry-flag", text: EXPIRY_LABEL[leave.expiry_flag] +
    (leave.expiry_flag === "expiring" ? `，只剩 ${leave.days_left} 天` : "") })] : [];
  const done = `（${bundle.completed_hours}／${bundle.required_hours} 小時）`;
  const person = audience === "person";
  const line = expired(leave) ? [`補休 ${leave.hours} 小時的期限 ${leave.expires_on_roc}（含當日）已過，不能再申請。`]
    : inProgress(leave.reasons, "bundle.in_progress") ? [`${IN_PROGRESS}${done}。`] : {
    eligible: [`補休 ${leave.hours} 小時，${until}。`, ...flag,
      hasForms && person ? " 下一步：列印下面已填好的申請表，交給人事單位。" : ""],
    review: [`補休 ${leave.hours} 小時需由人事單位認定；認定後${until}。`, ...flag, person ? " 下一步：把申請表與學習紀錄交給人事單位認定。" : ""],
    ineligible: [bundle.complete ? "不能申請補休（原因見下方）。" : `不能申請補休：尚未完成${done}。`],
  }[leave.status];
  return el("li", { dataset: { deadline: bundle.id, leave: leave.status } }, [el("strong", { text: `${bundle.name}：` }), ...line]);
}

function bundleSection(answer, bundle, later) {
  const leave = bundle.leave;
  const hours = leave.status === "ineligible" ? "0 小時"
    : `${leave.hours} 小時${leave.status === "review" ? "（待認定）" : ""}${expired(leave) ? "（已逾期，不能再申請）" : ""}`;
  const label = expired(leave) ? "補休期限已過，不能再申請"
    : inProgress(leave.reasons, "bundle.in_progress") ? IN_PROGRESS : LEAVE_LABEL[leave.status];
  return el("section", { class: `bundle bundle--${leave.status}`,
    dataset: { bundle: bundle.id, leave: leave.status, expiry: leave.expiry_flag || "" },
    "aria-labelledby": `bundle-${bundle.id}-title` }, [
    el("h3", { id: `bundle-${bundle.id}-title`, text: `${bundle.name}：${label}` }),
    el("dl", { class: "summary-list" }, [
      row("完成情形", `${bundle.complete ? "已完成" : "尚未完成"}（${bundle.completed_hours}／${bundle.required_hours} 小時）`),
      row("補休時數", hours),
      bundle.completed_on && row("完成日期", bothDates(bundle.completed_on, bundle.completed_on_roc)),
      leave.expires_on && row("補休期限", expiry(leave)),
    ]),
    expired(leave) ? el("p", { class: "form-expired", text: "補休期限已過，下面不提供這套的申請表。" }) : null,
    remaining(answer, bundle),
    el("details", { class: "why" }, [
      el("summary", { text: "為什麼這樣判斷" }),
      reasons(answer.plan.id, leave.reasons),
      courseReasons(answer, bundle, later),
    ]),
  ]);
}

// The page's own steps (printing, signing, handing in), then the rules' (說明2 and 說明5, with their clauses):
// to the person on the checker, to the personnel officer on the batch page (the rules' sentences are written
// for each by rules_py; these are the page's).
const STEPS = {
  person: (hasForms, signatures) => [
    "在學習平臺的「個人專區 → 學習紀錄」列印您的學習紀錄。",
    hasForms ? "列印下面已填好的補休申請表（每套組裝課程一張），寫上服務單位與姓名。" : "完成全部課程後，再回來檢核並列印補休申請表。",
    signatures.length ? `在申請表上取得 ${signatures.length} 個簽章：${signatures.join("、")}。` : "在申請表上取得所需的簽章。",
    "把申請表與學習紀錄交給人事單位，並在補休期限前休畢；可下載行事曆檔提醒自己。",
  ],
  officer: (hasForms, signatures) => [
    "請同仁提供在學習平臺「個人專區 → 學習紀錄」列印的學習紀錄，與這裡的結果核對。",
    hasForms ? "可列印下面已填好的補休申請表（每套組裝課程一張），交同仁簽名；或請同仁自行以「補休檢核」列印。" : "同仁完成全部課程後，再檢核並列印補休申請表。",
    signatures.length ? `申請表需 ${signatures.length} 個簽章：${signatures.join("、")}。` : "申請表需取得所需的簽章。",
    "核定後登載補休時數，並提醒同仁在補休期限前休畢。",
  ],
};
const FINAL = {
  person: "這裡的結果只供參考：是否核給補休與嘉獎，由您服務機關的人事單位決定。",
  officer: "這裡的結果只供參考：是否核給補休與嘉獎，由人事單位依計畫認定。",
};

function nextSteps(answer, hasForms, signatures, audience) {
  return el("section", { class: "next-steps", "aria-labelledby": "next-steps-title" }, [
    el("h3", { id: "next-steps-title", text: "接下來要做什麼" }),
    el("ol", {}, STEPS[audience](hasForms, signatures).map((text) => el("li", { text }))),
    answer.next_steps.length ? reasons(answer.plan.id, answer.next_steps) : null,
  ]);
}

// What the rules assumed for a question left unanswered, with a way back to it.
function assumptions(answer) {
  if (!answer.assumed.length) return null;
  return el("section", { class: "assumed", "aria-labelledby": "assumed-title" }, [
    el("h3", { id: "assumed-title", text: "檢核時的假設" }),
    el("ul", {}, answer.assumed.map((a) => el("li", { dataset: { assumed: a.key }, text: a.message }))),
  ]);
}

// signatures: the form's signature boxes, as the site's form template names them; audience: person (the
// checker) or officer (the batch page's detail).
// plan: the page's plan view (plan-data.js); the words come from the answer, which names its plan.
// Returns the rest of the work, for once the verdict is drawn: what lies in closed sections.
export function renderResult(answer, plan, hasForms, signatures, audience = "person") {
  lookup = { rules: plan.rules[answer.plan.id] || {}, courses: new Map(answer.courses.map((c) => [c.key, c.reasons])) };
  const later = [];
  const review = answer.bundles.filter((b) => b.leave.status === "review").length;
  const rewardLabel = inProgress(answer.reward.reasons, "reward.in_progress") ? IN_PROGRESS : REWARD_LABEL[answer.reward.status];
  const summary = el("section", { class: "result-summary", "aria-labelledby": "result-summary-title" }, [
    el("h3", { id: "result-summary-title", text: "結果摘要" }),
    el("p", { class: "result-total", dataset: { leaveHours: answer.leave_hours, leaveHoursExpired: answer.leave_hours_expired } }, [
      "可申請補休合計 ", el("strong", { text: `${answer.leave_hours} 小時` }),
      answer.leave_hours_expired ? `（另 ${answer.leave_hours_expired} 小時已逾期，不能再申請）` : "",
      review ? `；另有 ${review} 套需由人事單位認定（認定後最多 ${answer.leave_hours_with_review} 小時）` : "", "。",
    ]),
    el("ul", { class: "deadlines" }, answer.bundles.map((b) => deadlineLine(answer, b, hasForms, audience))),
    el("p", { text: `${answer.reward.name}：${rewardLabel}。` }),
  ]);
  const reward = el("section", { class: `reward reward--${answer.reward.status}`, dataset: { reward: answer.reward.status },
    "aria-labelledby": "reward-title" }, [
    el("h3", { id: "reward-title", text: `${answer.reward.name}：${rewardLabel}` }),
    reasons(answer.plan.id, answer.reward.reasons),
  ]);
  const warnings = answer.warnings.length ? el("section", { class: "warnings", "aria-labelledby": "warnings-title" }, [
    el("h3", { id: "warnings-title", text: "請確認" }),
    reasons(answer.plan.id, answer.warnings),
  ]) : null;
  $("result").replaceChildren(
    summary,
    assumptions(answer) || "",
    ...answer.bundles.map((b) => bundleSection(answer, b, later)),
    reward,
    warnings || "",
    nextSteps(answer, hasForms, signatures, audience),
    sourceNote(answer) || "",
    el("p", { class: "final-decision" }, el("strong", { text: FINAL[audience] })),
  );
  return () => later.forEach((step) => step());
}
