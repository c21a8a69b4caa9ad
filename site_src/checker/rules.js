import { todayIso } from "./dates.js";
import { startRules } from "./rules-client.js";

// The checker's rules: started once, as the page opens (index.md loads this module async, so that the worker
// starts without waiting for the page's other scripts),
// and told one request in, the parsed answer out. window.RulesClient is the same client, for the
// scripts outside this module graph (sw-register.js keeps Pyodide offline once it is ready).
export const rulesClient = startRules();
window.RulesClient = rulesClient;

export function rulesSupported() {
  return rulesClient.supported;
}

// Resolves with check_json's answer: the result object, or {error: {message, where}} (also when the
// rules could not load, so that every caller shows one kind of problem).
// input: {record: text} for a record as given, or {rows: [...]} for confirmed and hand-entered rows.
export async function check(input, profile, planId) {
  const request = { ...input, profile, plan: planId, today: todayIso() };
  // A record printed to PDF ("%PDF" is "JVBER" in base64): pypdf comes from this site the first time one arrives.
  if (input.record_base64 && input.record_base64.startsWith("JVBER")) {
    try {
      await rulesClient.call("rules_py.record", "load_pdf_reader", []);
    } catch (error) {
      return { error: { message: "無法載入讀取 PDF 的程式，可能是網路中斷；請重新整理頁面再試一次，或改用儲存的網頁、複製的表格。", where: null } };
    }
  }
  try {
    return JSON.parse(await rulesClient.check(JSON.stringify(request)));
  } catch (error) {
    return { error: { message: "檢核規則無法載入，請重新整理頁面再試一次。", where: null } };
  }
}

// The filled forms as an .odt file's bytes (Uint8Array); null if the file could not be made.
// request: {unit, name, forms: [{sheet, rows}]}, as rules_py.forms_odt.leave_forms_odt_json takes it.
export async function formsOdt(request) {
  try {
    return await rulesClient.call("rules_py.forms_odt", "leave_forms_odt_in_pyodide", [JSON.stringify(request)]);
  } catch (error) {
    return null;
  }
}
