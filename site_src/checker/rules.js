// Talks to the rules (rules-client.js's worker): one request in, the parsed answer out.

export function rulesSupported() {
  return Boolean(window.RulesClient && window.RulesClient.supported);
}

// Resolves with check_json's answer: the result object, or {error: {message, where}} (also when the
// rules could not load, so that every caller shows one kind of problem).
export async function check(record, profile, planId) {
  try {
    return JSON.parse(await window.RulesClient.check(JSON.stringify({ record, profile, plan: planId })));
  } catch (error) {
    return { error: { message: "檢核規則無法載入，請重新整理頁面再試一次。", where: null } };
  }
}
