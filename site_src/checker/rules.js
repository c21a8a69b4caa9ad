import { todayIso } from "./dates.js";

// Talks to the rules (rules-client.js's worker): one request in, the parsed answer out.

export function rulesSupported() {
  return Boolean(window.RulesClient && window.RulesClient.supported);
}

// Resolves with check_json's answer: the result object, or {error: {message, where}} (also when the
// rules could not load, so that every caller shows one kind of problem).
// input: {record: text} for a record as given, or {rows: [...]} for confirmed and hand-entered rows.
export async function check(input, profile, planId) {
  const request = { ...input, profile, plan: planId, today: todayIso() };
  try {
    return JSON.parse(await window.RulesClient.check(JSON.stringify(request)));
  } catch (error) {
    return { error: { message: "檢核規則無法載入，請重新整理頁面再試一次。", where: null } };
  }
}

// The filled forms as an .odt file's bytes (Uint8Array); null if the file could not be made.
// request: {unit, name, forms: [{sheet, rows}]}, as rules_py.forms_odt.leave_forms_odt_json takes it.
export async function formsOdt(request) {
  try {
    return await window.RulesClient.call("rules_py.forms_odt", "leave_forms_odt_in_pyodide", [JSON.stringify(request)]);
  } catch (error) {
    return null;
  }
}
