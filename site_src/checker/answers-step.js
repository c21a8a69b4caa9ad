// Step 3: check your answers, each with a change link back to its question.
import { $, el, hiddenText } from "./dom.js";
import { goTo } from "./steps.js";
import { state } from "./state.js";
import { rowSummary, describeRow } from "./record-step.js";
import { readProfile, categoryName, categoryField, districtName, villageAnswer, officeHoursOf, PROFILE_LISTS } from "./profile-step.js";

function entry(key, label, value, step, focus) {
  const change = el("button", { type: "button", class: "link-button", id: `change-${key}` }, ["修改", hiddenText(label)]);
  change.addEventListener("click", () => goTo(step, focus));
  const shown = Array.isArray(value)
    ? (value.length ? el("ul", {}, value.map((v) => el("li", { text: v }))) : "沒有")
    : value;
  return el("div", { class: "summary-list__row", dataset: { answer: key } }, [
    el("dt", { text: label }), el("dd", {}, shown), el("dd", { class: "summary-list__actions" }, change),
  ]);
}

// A block that ends before it starts is a night shift, into the next morning.
const shiftHours = (block) => {
  const [start, end] = block.split("-");
  return end < start ? `${block}（夜班，至次日 ${end}）` : block;
};

const show = (item) => (Array.isArray(item) ? `${item[0]} 至 ${item[1]}` : item);

export function renderAnswers() {
  const { profile } = readProfile();
  const rows = [
    entry("record", "學習紀錄", [rowSummary(), ...state.rows.map(describeRow)], "record", "record-paste"),
    entry("category", "人員類別", categoryName(profile.category), "profile", categoryField(profile.category)),
    entry("district", "上班的行政區", districtName(profile.district), "profile", "district"),
    $("village-field").hidden ? null : entry("village", "上班的村里", villageAnswer(profile), "profile", "village"),
    entry("office_hours", "上班時間", officeHoursOf(profile).length ? officeHoursOf(profile).map(shiftHours).join("、") : "沒有固定上班時間（只算在勤時段）",
      "profile", "no-office-hours"),
    ...PROFILE_LISTS.map((list) => entry(list.key, list.title, profile[list.key].map(show), "profile", `add-${list.key}`)),
  ];
  $("answers").replaceChildren(...rows.filter(Boolean));
}
