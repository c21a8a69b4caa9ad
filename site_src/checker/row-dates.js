// Dates on a confirmed row that cannot be right for the plan, said at the confirm step (before the verdict
// counts the row for nothing): a day still to come, a day before the plan's period, a day after its deadline.
import { bothDatesOf, todayIso } from "./dates.js";

// row: start and end as ISO date-times; plan: the page's plan view. [] when the dates are possible.
export function dateProblems(row, plan, today = todayIso()) {
  const start = (row.start || "").slice(0, 10);
  const end = (row.end || "").slice(0, 10);
  if (!start || !end) return [];
  if (row.end < row.start) return ["結束時間早於開始時間，請修改。"];
  if (end > today) return [`日期在今天（${bothDatesOf(today)}）之後：學習紀錄不會有還沒到的日子，請核對日期。`];
  if (start < plan.period.start) {
    return [`開始日在計畫期間（${bothDatesOf(plan.period.start)}起）之前：不是這個計畫的課程紀錄，不會計入。`];
  }
  if (end > plan.deadline) {
    return [`在計畫的截止日 ${bothDatesOf(plan.deadline)} 之後才完成：計畫規定截止日（含當日）前完成，這一列不會計入。`];
  }
  return [];
}
