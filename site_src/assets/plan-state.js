// The plan's state against today's date, computed in the browser (the page itself is static).
// Reads the dates that the build wrote into #plan-state's data-* attributes.

function isoToday() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function daysBetween(fromIso, toIso) {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86400000);
}

function describe(d, today) {
  if (today < d.start) {
    return ["before", `計畫還沒開始：課程從 ${d.startLabel}起開放。`];
  }
  if (today <= d.deadline) {
    const left = daysBetween(today, d.deadline);
    return ["learning", `現在是學習期間。要補休或嘉獎，須在 ${d.deadlineLabel}以前讀完，` +
      (left === 0 ? "今天是最後一天。" : `還有 ${left} 天。`)];
  }
  if (today <= d.leaveUntil) {
    return ["leave", `學習截止日 ${d.deadlineLabel}已過，不能再讀課換補休或嘉獎。已經讀完的人，補休可以用到完成次日起 ` +
      `${d.validYears} 年，最晚 ${d.leaveUntilLabel}。`];
  }
  return ["over", `本計畫已經結束：補休期限最晚到 ${d.leaveUntilLabel}，已經屆滿。`];
}

function render() {
  const el = document.getElementById("plan-state");
  if (!el) return;
  const text = el.querySelector(".plan-state__text");
  [text.dataset.state, text.textContent] = describe(el.dataset, isoToday());
}

// With Material's instant navigation, document$ fires on every page change.
if (typeof window.document$?.subscribe === "function") window.document$.subscribe(render);
else render();
