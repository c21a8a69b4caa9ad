// A row's detailed result: the personal checker's own result view and filled forms (result-view.js,
// forms-fill.js), for the answer this batch already has (nothing is checked again).
import { $, el } from "../checker/dom.js";
import { renderResult } from "../checker/result-view.js";
import { formBundles, initForms, loadForms, odtRequest, renderForms, signatureLabels } from "../checker/forms-fill.js";
import { download } from "../checker/ics.js";
import { loadPlan } from "../checker/plan-data.js";

const PLANS_URL = "../checker/plans.json"; // the personal checker's copy of the plans (one file for both pages)
let plan = null;
let formsLoaded = null;
let returnTo = null;
let shown = null; // the answer on show

// The filled forms as an editable ODT, made in the first worker (it has odfpy) by the checker's own code.
async function saveOdt(worker) {
  $("forms-error").hidden = true;
  try {
    const request = JSON.stringify(odtRequest(shown));
    download("補休申請表.odt", await worker.rules.call("rules_py.forms_odt", "leave_forms_odt_in_pyodide", [request]),
      "application/vnd.oasis.opendocument.text");
  } catch (error) {
    $("forms-error").hidden = false;
    $("forms-error").textContent = "無法產生 ODT 檔；仍可用「列印申請表」。";
  }
}

// worker: the pool's first worker (for the ODT forms).
export async function initDetail(worker) {
  initForms();
  $("forms-odt").addEventListener("click", () => saveOdt(worker));
  plan = await loadPlan(PLANS_URL);
  formsLoaded = loadForms(plan.id).then(() => true, () => {
    $("forms-error").hidden = false;
    $("forms-error").textContent = "無法載入補休申請表範本，請重新整理頁面；檢核結果不受影響。";
    return false;
  });
  $("detail-back").addEventListener("click", closeDetail);
}

// What this row was checked with: the profile file and the attendance rows, and which rows decided a course.
function renderApplied(row) {
  $("batch-applied-summary").textContent = row.applied
    ? `${row.applied}。` : "沒有套用設定檔或差勤資料：以名冊與計畫預設值檢核。";
  const rows = row.attendance || [];
  $("batch-applied-wrap").hidden = !rows.length;
  $("batch-applied-caption").textContent = `套用的差勤資料（「${row.attendance_file || ""}」）`;
  $("batch-applied-rows").tBodies[0].replaceChildren(...rows.map((r) => el("tr", {}, [
    el("td", { text: `第 ${r.line} 列` }), el("td", { text: r.kind }), el("td", { text: r.span }),
  ])));
  $("batch-applied-decided").replaceChildren(...(row.decided || []).map((d) => el("li", { text: d.text })));
}

// answer: the rules' result for this person; row: its table row (person, unit); from: the button to return to.
export async function openDetail(answer, row, from) {
  returnTo = from;
  shown = answer;
  await formsLoaded;
  $("who-name").value = row.person === row.file ? "" : row.person;
  $("who-unit").value = row.unit || "";
  renderForms(answer);
  renderApplied(row);
  renderResult(answer, plan, formBundles(answer).length > 0, signatureLabels(), "officer")();  // its closed sections too, at once
  $("batch-detail-title").textContent = `${row.person} 的檢核結果`;
  $("batch-results").hidden = true;
  $("batch-detail").hidden = false;
  $("batch").dataset.state = "detail";
  $("batch-detail-title").focus();
}

export function closeDetail() {
  $("batch-detail").hidden = true;
  $("batch-results").hidden = false;
  $("batch").dataset.state = "results";
  if (returnTo && returnTo.isConnected) returnTo.focus();
  else $("batch-results-title").focus();
}
