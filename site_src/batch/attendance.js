// The attendance export's questions, asked before the check (GOV.UK question pages): which column is which,
// when a required one is not recognised, then what each unknown kind counts as. The file is read and judged
// in Python (rules_py.batch.attendance, the CLI's own code); this only asks and passes the answers on.
import { $, el } from "../checker/dom.js";
import { showErrors, clearErrors } from "../checker/errors.js";

const NONE = "";     // a column: not in the file
const SKIP = "skip"; // a kind: left out (rules_py.batch.attendance.SKIP)

// Resolves with the officer's answer (a button's click), or null for 「回到選擇檔案」.
function answered() {
  return new Promise((resolve) => {
    const done = (value) => () => {
      $("batch-question-continue").onclick = null;
      $("batch-question-back").onclick = null;
      resolve(value);
    };
    $("batch-question-continue").onclick = done(true);
    $("batch-question-back").onclick = done(null);
  });
}

function headerTable(question, file) {
  $("batch-question-header-caption").textContent = `差勤資料「${file}」的標題列（第 ${question.line} 列）`;
  const cells = question.header.map((text, i) => el("td", { text: `第 ${i + 1} 欄：${text || "（空白）"}` }));
  $("batch-question-header").tBodies[0].replaceChildren(el("tr", {}, cells));
}

function select(id, label, hint, options, value) {
  const field = el("div", { class: "field" }, [
    el("label", { for: id, text: label }),
    hint ? el("p", { class: "hint", id: `${id}-hint`, text: hint }) : null,
    el("select", { id, "aria-describedby": hint ? `${id}-hint` : null },
      options.map(([v, text]) => el("option", { value: v, text, selected: v === value }))),
  ]);
  return field;
}

function askColumns(question, file) {
  $("batch-question-title").textContent = "差勤資料的哪一欄是什麼？";
  $("batch-question-intro").textContent = `認不出${question.missing.map(([, what]) => what).join("、")}。請對照下面的標題列，為每一項選出檔案中的欄；`
    + "檔案沒有的項目選「沒有這一欄」。人員至少要有一欄；起、迄可以是同一欄寫日期與時間，或日期、時間各一欄。";
  headerTable(question, file);
  const options = [[NONE, "沒有這一欄"], ...question.header.map((text, i) => [text, `第 ${i + 1} 欄：${text || "（空白）"}`])
    .filter(([text]) => text)];
  const byIndex = Object.fromEntries(Object.entries(question.columns).map(([field, i]) => [field, question.header[i]]));
  $("batch-question-fields").replaceChildren(el("fieldset", {}, [
    el("legend", { text: "欄位" }),
    ...question.fields.map(({ field, label }) => select(`att-col-${field}`, label, null, options, byIndex[field] || NONE)),
  ]));
}

// Every field's answer, 「沒有這一欄」 ("") included: a column recognised wrongly can be taken back.
function chosenColumns(question) {
  return Object.fromEntries(question.fields.map(({ field }) => [field, $(`att-col-${field}`).value]));
}

function askKinds(question) {
  $("batch-question-title").textContent = "這些假別算作什麼？";
  $("batch-question-intro").textContent = "對照表不認得下面的假別。請為每一種選擇檢核時算作什麼；選「不使用」的列不納入檢核。"
    + "加班、公假、公差與上課時間重疊就不是公餘時間；在勤是上班時間；請假不是上班時間。";
  const options = [[NONE, "請選擇"], ...question.kinds.map(({ key, label }) => [key, label]), [SKIP, "不使用"]];
  $("batch-question-fields").replaceChildren(el("fieldset", {}, [
    el("legend", { text: "不認得的假別" }),
    ...question.unknown.map(([kind, count], i) => select(`att-kind-${i}`, `「${kind}」`, `共 ${count} 列`, options, NONE)),
  ]));
}

function chosenKinds(question) {
  const kinds = {};
  const errors = [];
  question.unknown.forEach(([kind], i) => {
    const value = $(`att-kind-${i}`).value;
    if (value === NONE) errors.push({ message: `請選擇假別「${kind}」算作什麼，或「不使用」。`, field: `att-kind-${i}` });
    else kinds[kind] = value;
  });
  return { kinds, errors };
}

function back(show) {
  clearErrors();
  show("choose");
  $("batch-choose-title").focus();
  return null;
}

// entry: {name, file} as chosen; show(state) switches the page's sections.
// -> {name, data, columns, kinds} for the check, or null when the officer goes back.
export async function askAttendance(pool, entry, show) {
  const limit = await pool.main.call("read_limit");
  const data = new Uint8Array(await entry.file.slice(0, limit).arrayBuffer());
  const given = { name: entry.name, data, columns: {}, kinds: {} };
  let columnsAsked = false;
  for (;;) {
    const question = JSON.parse(await pool.main.call("attendance_question", [given]));
    if (question.error) {
      show("choose");
      showErrors([{ message: `差勤資料「${entry.name}」：${question.error}`, field: "batch-attendance" }]);
      return null;
    }
    if (!question.missing.length && !question.unknown.length) {
      clearErrors();
      return given;
    }
    const asking = question.missing.length ? "columns" : "kinds";
    clearErrors();
    $("batch-question-header").closest(".table-wrap").hidden = asking !== "columns";
    if (asking === "columns") askColumns(question, entry.name);
    else askKinds(question);
    show("question");
    $("batch-question-title").focus();
    if (asking === "columns" && columnsAsked) {  // asked again: what the answers still left out
      showErrors(question.missing.map(([field, what]) => ({ message: `請指定${what}。`, field: `att-col-${field}` })));
    }
    for (;;) {
      if (!(await answered())) return back(show);
      if (asking === "columns") {
        given.columns = chosenColumns(question);
        columnsAsked = true;
        break;
      }
      const { kinds, errors } = chosenKinds(question);
      if (!errors.length) {
        Object.assign(given.kinds, kinds);
        break;
      }
      showErrors(errors);
    }
  }
}
