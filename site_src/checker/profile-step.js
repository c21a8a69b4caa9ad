// Step 2: about you. The category, office hours (the plan's default shown) and editable lists of periods,
// read into the profile object that rules_py takes.
import { $, el, hiddenText } from "./dom.js";
import { state } from "./state.js";
import { sessionsToAsk, sessionKey, sessionLabel } from "./sessions.js";

let plan = null;

// key: the profile key; kind: what one item is. Lists start empty; office hours start with the default.
const LISTS = [
  { key: "on_duty", kind: "moments", title: "在勤、輪值時段", hint: "在上班時間以外仍在勤或輪值的時段（輪班人員請逐一填寫班表）。" },
  { key: "overtime", kind: "moments", title: "加班時段", hint: "這些時段算上班時間，不是公餘時間。" },
  { key: "official_leave", kind: "moments", title: "公假時段", hint: "請公假的時段算上班時間。" },
  { key: "business_trips", kind: "moments", title: "公差、出差時段", hint: "公差或出差的時段算上班時間。" },
  { key: "unpaid_leave", kind: "days", title: "留職停薪期間", hint: "第一天與最後一天都算在內。" },
  { key: "time_off", kind: "moments", title: "請假時段", hint: "休假、事假、病假等以小時請的假：這些時段不算上班時間。" },
  { key: "days_off", kind: "day", title: "其他不用上班的日子", hint: "例如機關另行公告停止上班的日子。全市與您所在行政區停止上班的日子已自動套用，不必填。" },
];
const OFFICE_HOURS = { key: "office_hours", kind: "hours", title: "上班時段" };
const INPUT_TYPE = { moments: "datetime-local", days: "date", day: "date", hours: "time" };
const values = {};

// The question about each of the person's own sessions near working time, and what an answer adds to.
const SESSION_QUESTION = "這段時間您是否在加班、公假、公差或在勤？";
const SESSION_ANSWERS = [
  ["", "否，是我的下班時間"], ["overtime", "是，在加班"], ["official_leave", "是，請公假"],
  ["business_trips", "是，在公差、出差"], ["on_duty", "是，在勤、輪值"],
];
const answers = new Map(); // sessionKey -> the list it adds its period to

function fieldId(key, i, part) {
  return part ? `p-${key}-${i}-${part}` : `p-${key}-${i}`;
}

function input(list, i, part, label) {
  const id = fieldId(list.key, i, part);
  const item = values[list.key][i];
  const value = part === "end" ? item[1] : part === "start" ? item[0] : item;
  const field = el("input", { type: INPUT_TYPE[list.kind], id, value });
  field.addEventListener("change", () => {
    if (part === "start") item[0] = field.value;
    else if (part === "end") item[1] = field.value;
    else values[list.key][i] = field.value;
    if (list === OFFICE_HOURS) showSessions(); // other hours, other sessions near them
    document.dispatchEvent(new CustomEvent("checker:changed"));
  });
  return el("div", { class: "field field--inline" }, [el("label", { for: id, text: label }), field]);
}

function renderList(list) {
  const box = $(`list-${list.key}`);
  const rows = values[list.key].map((_, i) => {
    const which = `${list.title}第 ${i + 1} 筆`;
    const remove = el("button", { type: "button", class: "link-button" }, ["移除", hiddenText(which)]);
    remove.addEventListener("click", () => {
      values[list.key].splice(i, 1);
      renderList(list);
      document.dispatchEvent(new CustomEvent("checker:changed"));
      $(`add-${list.key}`).focus();
    });
    const inputs = list.kind === "day" ? [input(list, i, null, `日期（第 ${i + 1} 筆）`)]
      : [input(list, i, "start", `開始（第 ${i + 1} 筆）`), input(list, i, "end", `結束（第 ${i + 1} 筆）`)];
    return el("div", { class: "edit-list__row", dataset: { index: i } }, [...inputs, remove]);
  });
  const add = el("button", { type: "button", class: "button button--secondary", id: `add-${list.key}` }, [`新增一筆`, hiddenText(list.title)]);
  add.addEventListener("click", () => {
    values[list.key].push(list.kind === "day" ? "" : ["", ""]);
    renderList(list);
    const first = list.kind === "day" ? fieldId(list.key, values[list.key].length - 1) : fieldId(list.key, values[list.key].length - 1, "start");
    $(first).focus();
  });
  box.replaceChildren(...rows, el("p", {}, add));
}

function listFieldset(list) {
  return el("fieldset", { class: "field" }, [
    el("legend", { text: list.title }),
    el("p", { class: "hint", text: list.hint }),
    el("div", { id: `list-${list.key}`, class: "edit-list", dataset: { list: list.key } }),
  ]);
}

const moment = (value) => value.replace("T", " ").slice(0, 16);

// The profile for the rules, plus the problems the person must fix first (empty halves of a pair).
export function readProfile() {
  const errors = [];
  const category = document.querySelector("input[name=category]:checked");
  // No answer is sent as none: the rules then say which category they assumed.
  const profile = category ? { category: category.value } : {};
  if ($("district").value) profile.district = $("district").value;
  if (!$("village-field").hidden && $("village").value.trim()) profile.village = $("village").value.trim();
  const pairs = (list, convert) => values[list.key].flatMap((item, i) => {
    if (!item[0] && !item[1]) return [];
    if (!item[0]) errors.push({ message: `${list.title}第 ${i + 1} 筆：請填寫開始`, field: fieldId(list.key, i, "start") });
    if (!item[1]) errors.push({ message: `${list.title}第 ${i + 1} 筆：請填寫結束`, field: fieldId(list.key, i, "end") });
    return item[0] && item[1] ? [convert(item)] : [];
  });
  const hours = $("no-office-hours").checked ? [] : pairs(OFFICE_HOURS, ([a, b]) => `${a}-${b}`);
  // The plan's default left as shown is not the person's own answer: the rules then say the default was used.
  if (hours.join() !== plan.defaultOfficeHours.join()) profile.office_hours = hours;
  LISTS.forEach((list) => {
    if (list.kind === "day") profile[list.key] = values[list.key].filter(Boolean);
    else profile[list.key] = pairs(list, list.kind === "moments" ? ([a, b]) => [moment(a), moment(b)] : (pair) => pair.slice());
  });
  // A session answered 是 is that kind of time: its period joins the list (once), as if typed there.
  askedSessions().forEach((row) => {
    const key = answers.get(sessionKey(row));
    if (!key) return;
    const period = sessionKey(row).split("|").map(moment);
    if (!profile[key].some(([a, b]) => a === period[0] && b === period[1])) profile[key].push(period);
  });
  return { profile, errors };
}

function askedSessions() {
  return sessionsToAsk(state.rows, plan, $("no-office-hours").checked ? [] : values.office_hours);
}

// A typed-in period that is exactly one of the sessions asked about becomes that session's answer (an
// import, a restored visit), so that it is said once, beside the session.
function claimTypedPeriods(sessions) {
  sessions.forEach((row) => {
    const [start, end] = sessionKey(row).split("|");
    SESSION_ANSWERS.slice(1).forEach(([key]) => {
      const at = values[key].findIndex((item) => item[0] === start && item[1] === end);
      if (at < 0) return;
      values[key].splice(at, 1);
      answers.set(sessionKey(row), key);
      renderList(LISTS.find((list) => list.key === key));
    });
  });
}

// The sessions near working time, each with its question; shown each time the step is (the rows and the
// office hours may have changed).
export function showSessions() {
  const sessions = askedSessions();
  claimTypedPeriods(sessions);
  $("sessions-field").hidden = sessions.length === 0;
  $("sessions").replaceChildren(...sessions.map((row, i) => {
    const key = sessionKey(row);
    const id = `session-${i}`;
    const select = el("select", { id, dataset: { session: key } },
      SESSION_ANSWERS.map(([value, text]) => el("option", { value, text })));
    select.value = answers.get(key) || "";
    select.addEventListener("change", () => {
      if (select.value) answers.set(key, select.value);
      else answers.delete(key);
      document.dispatchEvent(new CustomEvent("checker:changed"));
    });
    return el("div", { class: "field session" }, [
      el("label", { for: id }, [el("span", { class: "session__when", text: sessionLabel(row) }), SESSION_QUESTION]), select]);
  }));
}

const text = (value) => (value === null || value === undefined ? "" : String(value));
const pairOf = (item) => (Array.isArray(item) ? [text(item[0]), text(item[1])] : [text(item), ""]);
const listOf = (value) => (Array.isArray(value) ? value : []);

// Puts a saved or imported profile back into the fields; a malformed file gives empty fields, never a crash.
export function writeProfile(profile) {
  answers.clear();
  plan.categories.forEach((c) => { $(`category-${c.id}`).checked = c.id === profile.category; });
  $("district").value = plan.districts.includes(profile.district) ? profile.district : "";
  $("village").value = typeof profile.village === "string" ? profile.village : "";
  renderSuspensions();
  const hours = Array.isArray(profile.office_hours) ? profile.office_hours : plan.defaultOfficeHours;
  $("no-office-hours").checked = hours.length === 0;
  values.office_hours = (hours.length ? hours : plan.defaultOfficeHours).map((h) => pairOf(text(h).split("-")));
  renderOfficeHours();
  LISTS.forEach((list) => {
    const saved = listOf(profile[list.key]);
    values[list.key] = list.kind === "day" ? saved.map(text)
      : saved.map(pairOf).map((pair) => (list.kind === "moments" ? pair.map((v) => v.replace(" ", "T")) : pair));
    renderList(list);
  });
  // Folded unless something is in it (an import, a restored visit).
  $("period-lists-box").open = LISTS.some((list) => values[list.key].length > 0);
  showSessions();
}

function renderOfficeHours() {
  renderList(OFFICE_HOURS);
  $("list-office_hours").hidden = $("no-office-hours").checked;
}

// Where a rules error points ("profile.on_duty[0][1]") -> the field to fix.
export function fieldForWhere(where) {
  const match = /^profile\.(\w+)(?:\[(\d+)\])?(?:\[(\d+)\])?/.exec(where || "");
  if (!match) return null;
  const [, key, i, part] = match;
  if (key === "category") return categoryField();
  if (key === "district") return "district";
  if (key === "village") return "village";
  if (i === undefined) return null;
  if (key === "days_off") return fieldId(key, i);
  return fieldId(key, i, part === "1" ? "end" : "start");
}

// The radio button to put the person on: the chosen category's, else the first.
export function categoryField(id) {
  return `category-${id || plan.categories[0].id}`;
}

export function categoryName(id) {
  if (!id) return "沒有回答（檢核時會說明依哪一類人員判斷）";
  const category = plan.categories.find((c) => c.id === id);
  return category ? category.name : id;
}

export const PROFILE_LISTS = LISTS;

// The office hours a profile is checked with: its own, or the plan's default (said so).
export function officeHoursOf(profile) {
  return profile.office_hours || plan.defaultOfficeHours.map((h) => `${h}（預設）`);
}

// The suspension days, each district-only one saying whether the chosen district makes it a day off.
function renderSuspensions() {
  const applied = plan.suspensions.applied.map((s) => el("li", { text: `${s.date}：${s.cause}` }));
  $("suspensions-applied").replaceChildren(...(applied.length ? applied : [el("li", { text: "沒有" })]));
  const district = $("district").value;
  const village = villageName($("village").value);
  $("suspensions-districts").replaceChildren(...plan.suspensions.districts.map((s) => {
    const villages = (s.villages || {})[district];
    const mine = s.districts.includes(district) && (!villages || villages.includes(village));
    const verdict = !district ? "請選擇行政區"
      : villages && !village ? `${district}只有部分村里，請在上面填寫村里`
        : mine ? `${district}${villages ? village : ""}在其中，已套用` : `${district}${villages ? village : ""}不在其中，不套用`;
    const where = s.districts.map((d) => ((s.villages || {})[d] ? `${d}（${s.villages[d].join("、")}）` : d)).join("、");
    return el("li", { dataset: { applied: mine } }, [`${s.date}：${where}（${s.cause}）—`, el("strong", { text: verdict })]);
  }));
  $("suspensions-districts-intro").hidden = plan.suspensions.districts.length === 0;
  renderVillage(district);
}

// The village question: only for a district that some 停止上班 day stopped for some of its villages only.
function renderVillage(district) {
  const days = plan.suspensions.districts.filter((s) => (s.villages || {})[district]);
  $("village-field").hidden = days.length === 0;
  $("village-hint").textContent = days.map((s) => `${s.date} ${district}只有${s.villages[district].join("、")}停止上班（${s.cause}）`).join("；")
    + "。請填寫您上班的村里（例如「梅山里」）；沒有填寫時，當日的課程會請您確認、由人事單位認定。";
}

// 梅山 -> 梅山里, as the rules read it.
function villageName(value) {
  const name = value.trim();
  return !name || name.endsWith("里") ? name : `${name}里`;
}

export function villageAnswer(profile) {
  return profile.village || "沒有回答";
}

export function districtName(name) {
  return name || "沒有回答（只有部分行政區停止上班的日子不套用）";
}

export function initProfileStep(planView) {
  plan = planView;
  $("category-options").replaceChildren(...plan.categories.map((c) => el("div", { class: "radio" }, [
    el("input", { type: "radio", name: "category", id: `category-${c.id}`, value: c.id }),
    el("label", { for: `category-${c.id}`, text: c.name }),
  ])));
  $("office-hours-default").textContent = `預設為計畫所定的 ${plan.defaultOfficeHours.join("、")}（依人事行政總處的辦公日曆，補班日也算上班日）。不同時請修改；夜班跨過午夜時，結束填次日早上的時間（例如 22:00 到 06:00），算在開始那一天。`;
  $("district").replaceChildren(el("option", { value: "", text: "請選擇" }), ...plan.districts.map((d) => el("option", { value: d, text: d })));
  $("village").addEventListener("change", () => {
    renderSuspensions();
    document.dispatchEvent(new CustomEvent("checker:changed"));
  });
  $("district").addEventListener("change", () => {
    renderSuspensions();
    document.dispatchEvent(new CustomEvent("checker:changed"));
  });
  $("period-lists").replaceChildren(...LISTS.map(listFieldset));
  $("no-office-hours").addEventListener("change", () => {
    renderOfficeHours();
    showSessions();
    document.dispatchEvent(new CustomEvent("checker:changed"));
  });
  writeProfile({});
}
