// The plan as data (plans.json, the same file the rules load), read before Pyodide is ready so that the
// course picker, the categories and the default office hours are there at once.

const PLANS_URL = "plans.json";

function newest(plans) {
  return Object.values(plans).sort((a, b) => (a.parameters.period.start < b.parameters.period.start ? 1 : -1))[0];
}

// rules: every plan's catalogue of rules, {plan id: {rule id: {clause, anchor, summary, message, source}}}.
function view(plan, limits, rules) {
  const value = (key) => plan.parameters[key].value;
  const courses = plan.bundles.flatMap((bundle) => bundle.courses.map((course) => ({ ...course, bundle: bundle.id })));
  const suspensions = plan.calendar.suspensions;
  const calendar = plan.calendar;
  const offDays = new Set([...calendar.off_days, ...suspensions.filter((s) => s.scope === "whole_city").map((s) => s.date)]);
  return {
    id: plan.id,
    rules,
    categories: plan.categories,
    bundles: plan.bundles,
    courses,
    course: (name) => courses.find((c) => c.name === name) || null,
    period: plan.parameters.period, // { start, end }: ISO dates, the plan's own
    deadline: value("deadline"),
    alarmDays: plan.reminders.calendar_alarm_days, // the .ics file's alarms, days before each last day
    defaultOfficeHours: value("default_office_hours"),
    passedStatus: value("passed_status"),
    uploadSuccess: value("upload_success_status"),
    maxRecordBytes: limits.max_record_bytes,
    districts: plan.calendar.districts,
    // A working day by the office calendar (whole-city suspensions off); a day outside it is not known as one.
    workingDay: (day) => day >= calendar.first && day <= calendar.last && !offDays.has(day),
    suspensions: {
      applied: suspensions.filter((s) => s.scope === "whole_city"),
      districts: suspensions.filter((s) => s.scope !== "whole_city"),
    },
  };
}

// url: another page's way to this same file (the batch page reads the checker's copy).
export async function loadPlan(url = PLANS_URL) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`plans.json ${response.status}`);
  const data = await response.json();
  return view(newest(data.plans), data.limits, data.rules_catalogue);
}
