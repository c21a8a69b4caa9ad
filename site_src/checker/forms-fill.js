// The site's application-form template (one per bundle, the same HTML as the 補休申請表 pages), filled in
// from the rules' answer, and printed alone on A4, one form per page.
import { $, el } from "./dom.js";

let templates = null; // {bundle id: <section class="leave-form">}
let sheets = null; // {bundle id: the blank form as data (rules_py.form_sheet), for the ODT file}

const templateUrl = (planId) => `../plans/${planId}/forms/leave-forms.json`;

export async function loadForms(planId) {
  const response = await fetch(templateUrl(planId));
  if (!response.ok) throw new Error(`leave-forms.json ${response.status}`);
  const data = await response.json();
  templates = {};
  sheets = data.sheets;
  for (const [bundle, html] of Object.entries(data.forms)) {
    // The template is our own site's HTML (not the person's data); it is parsed once and cloned per use.
    templates[bundle] = new DOMParser().parseFromString(html, "text/html").querySelector("section.leave-form");
  }
}

export function signatureLabels() {
  const form = templates && Object.values(templates)[0];
  return form ? [...form.querySelectorAll(".leave-form__signature")].map((s) => s.textContent.replace(/[：:]\s*$/, "").trim()) : [];
}

// "114 年 3 月 1 日 9 時 0 分" (the rules' own writing of the paper form's time) into the form's spans.
function fillTime(cell, roc) {
  const numbers = roc.match(/\d+/g);
  cell.querySelectorAll("[data-part]").forEach((span, i) => { span.textContent = numbers[i]; });
}

// One bundle's form, filled from the rules' form rows (course, start_roc, end_roc).
function filledForm(bundle) {
  const form = document.importNode(templates[bundle.id], true);
  // Under the result's h3, the form's own title is one level down (headings stay in order).
  const title = form.querySelector(".leave-form__title");
  title.replaceWith(el("h4", { class: title.className, id: `filled-${title.id}`, text: title.textContent }));
  form.setAttribute("aria-labelledby", `filled-${title.id}`);
  form.dataset.leave = bundle.leave.status;
  bundle.form.forEach((line) => {
    const row = [...form.querySelectorAll("tr[data-course]")].find((tr) => tr.dataset.course === line.course);
    fillTime(row.querySelector("[data-field=start]"), line.start_roc);
    fillTime(row.querySelector("[data-field=end]"), line.end_roc);
  });
  return form;
}

function fillWho() {
  document.querySelectorAll("#forms-sheets .leave-form").forEach((form) => {
    form.querySelector("[data-field=unit]").textContent = $("who-unit").value;
    form.querySelector("[data-field=name]").textContent = $("who-name").value;
  });
}

// The bundles that get a form: eligible, and those for the personnel office to decide, while their leave
// can still be used (form_usable: the result view says why an expired one has none).
export function formBundles(answer) {
  return answer.bundles.filter((b) => b.form_usable);
}

// Shows the forms of formBundles(answer).
export function renderForms(answer) {
  const bundles = formBundles(answer);
  $("forms-sheets").replaceChildren(...(templates ? bundles.map(filledForm) : []));
  fillWho();
  $("forms").hidden = bundles.length === 0;
  $("forms-print").hidden = !templates;
  $("forms-odt").hidden = !templates;
}

// What the rules' worker needs to make the same forms as an ODT file (rules_py.forms_odt).
export function odtRequest(answer) {
  const bundles = formBundles(answer);
  return {
    unit: $("who-unit").value,
    name: $("who-name").value,
    forms: bundles.map((bundle) => ({ sheet: sheets[bundle.id], rows: bundle.form })),
  };
}

// Printing only the forms: a body class that the print CSS reads, removed once printing is over.
function printForms() {
  document.body.classList.add("print-forms");
  window.addEventListener("afterprint", () => document.body.classList.remove("print-forms"), { once: true });
  window.print();
}

export function initForms() {
  $("who-unit").addEventListener("input", fillWho);
  $("who-name").addEventListener("input", fillWho);
  $("forms-print").addEventListener("click", printForms);
}
