// The checker page: wires the steps together. The rules worker was already started by rules-client.js;
// everything here works while it loads, and a check simply waits for it.
import { $, action } from "./dom.js";
import { showErrors } from "./errors.js";
import { state } from "./state.js";
import { loadPlan } from "./plan-data.js";
import { showLoading } from "./loading.js";
import { startSteps, goTo, onStep } from "./steps.js";
import { initRecordStep, recordReady, inputForRules } from "./record-step.js";
import { initProfileStep, readProfile, fieldForWhere, showSessions } from "./profile-step.js";
import { renderAnswers } from "./answers-step.js";
import { renderResult } from "./result-view.js";
import { initForms, loadForms, formBundles, renderForms, signatureLabels, odtRequest } from "./forms-fill.js";
import { makeIcs, alarmNote, download } from "./ics.js";
import { initStorage } from "./storage.js";
import { check, formsOdt, rulesSupported } from "./rules.js";

let plan = null;

// Where a rules error belongs: a profile field, a confirmed row ("rows[2].end"), or the record itself.
function errorField(error) {
  const profileField = fieldForWhere(error.where);
  if (profileField) return { step: "profile", field: profileField };
  const row = /^rows\[(\d+)\](?:\.(\w+))?/.exec(error.where || "");
  if (row) return { step: "record", field: `row-${row[1]}-${row[2] === "end" ? "end" : "start"}` };
  return { step: "record", field: state.record && state.record.kind === "file" ? "record-file" : "record-paste" };
}

async function runCheck() {
  const { profile, errors } = readProfile();
  if (errors.length) {
    goTo("profile", false);
    showErrors(errors);
    return;
  }
  const input = inputForRules();
  if (!input) {
    goTo("record", false);
    showErrors([{ message: "請貼上學習紀錄、上傳檔案，或自行新增至少一門課程。", field: "record-paste" }]);
    return;
  }
  $("check-wait").hidden = document.getElementById("checker-status").dataset.state !== "loading";
  const answer = await check(input, profile, plan.id);
  $("check-wait").hidden = true;
  if (answer.error) {
    const { step, field } = errorField(answer.error);
    goTo(step, false);
    showErrors([{ message: answer.error.message, field }]);
    return;
  }
  state.result = answer;
  const rest = renderResult(answer, plan, formBundles(answer).length > 0, signatureLabels());
  $("forms").hidden = true;
  await goTo("result");
  // Below the verdict, once it is drawn: the closed sections' lists and the filled forms.
  rest();
  renderForms(answer);
}

// The filled forms as an editable ODT file (the government's standard format), made by the rules' worker.
async function saveOdt() {
  $("forms-error").hidden = true;
  const bytes = await formsOdt(odtRequest(state.result));
  if (bytes) {
    download("補休申請表.odt", bytes, "application/vnd.oasis.opendocument.text");
  } else {
    $("forms-error").hidden = false;
    $("forms-error").textContent = "無法產生 ODT 檔（若您目前離線，請連上網路後再試一次）；仍可用「列印申請表」。";
  }
}

function wire() {
  // One 繼續, right under the rows to confirm (the hand-added course's form comes after it).
  action("record-continue", async () => {
    const outcome = await recordReady();
    if (outcome === "shown") $("record-rows-title").focus();
    else if (outcome === "ok") await goTo("profile");
  });
  $("profile-back").addEventListener("click", () => goTo("record"));
  $("profile-continue").addEventListener("click", () => {
    const { errors } = readProfile();
    if (errors.length) showErrors(errors);
    else goTo("answers");
  });
  $("answers-back").addEventListener("click", () => goTo("profile"));
  action("check", runCheck);
  $("result-restart").addEventListener("click", () => goTo("answers"));
  $("ics-download").addEventListener("click", () => download("補休期限.ics", makeIcs(state.result, plan.alarmDays), "text/calendar"));
  action("forms-odt", saveOdt);
  onStep((step) => {
    if (step === "answers") renderAnswers();
    if (step === "profile") showSessions();
  });
}

async function main() {
  if ($("checker").dataset.started) return; // one start per page, whatever loads this module again
  $("checker").dataset.started = "true";
  showLoading();
  if (!rulesSupported()) return;
  try {
    plan = await loadPlan();
  } catch (error) {
    $("checker-status").dataset.state = "error";
    $("checker-status").textContent = "無法載入計畫資料，請重新整理頁面再試一次。";
    return;
  }
  initRecordStep(plan);
  initProfileStep(plan);
  initForms();
  $("ics-hint").textContent = alarmNote(plan.alarmDays);
  wire();
  startSteps();
  initStorage(() => {
    $("result").replaceChildren();
    $("forms-sheets").replaceChildren();
    $("forms").hidden = true;
    goTo("record");
  });
  $("checker").dataset.ready = "true";
  try {
    await loadForms(plan.id);
  } catch (error) {
    $("forms-error").hidden = false;
    $("forms-error").textContent = "無法載入補休申請表範本，請重新整理頁面；檢核結果不受影響。";
  }
}

main();
