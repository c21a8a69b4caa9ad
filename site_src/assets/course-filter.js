// Filters the combined course table by bundle and by topic. Without JavaScript the form stays hidden
// and every row shows. The count is announced in a live region.

function setup() {
  const form = document.getElementById("course-filter");
  const table = document.getElementById("all-courses-table");
  if (!form || !table || form.dataset.ready) return;
  form.dataset.ready = "1";
  const selects = [...form.querySelectorAll("select[data-filter]")];
  const count = document.getElementById("course-filter-count");
  const rows = [...table.tBodies[0].rows];

  function apply() {
    let shown = 0;
    for (const row of rows) {
      const match = selects.every((select) => !select.value || row.dataset[select.dataset.filter] === select.value);
      row.hidden = !match;
      if (match) shown++;
    }
    count.textContent = shown === rows.length
      ? `顯示全部 ${rows.length} 門課`
      : `顯示 ${rows.length} 門課中的 ${shown} 門`;
  }

  for (const select of selects) select.addEventListener("change", apply);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.hidden = false;
  apply();
}

// With Material's instant navigation, document$ fires on every page change.
if (typeof window.document$?.subscribe === "function") window.document$.subscribe(setup);
else setup();
