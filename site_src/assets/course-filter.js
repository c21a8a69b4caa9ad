/* Filters the combined course table by bundle and by topic. Without JavaScript the form stays hidden
   and every row shows. The count is announced in a live region. */
(function () {
  "use strict";

  function setup() {
    var form = document.getElementById("course-filter");
    var table = document.getElementById("all-courses-table");
    if (!form || !table || form.dataset.ready) return;
    form.dataset.ready = "1";
    var selects = form.querySelectorAll("select[data-filter]");
    var count = document.getElementById("course-filter-count");
    var rows = table.tBodies[0].rows;
    var total = rows.length;

    function apply() {
      var shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var row = rows[i];
        var match = true;
        for (var j = 0; j < selects.length; j++) {
          var want = selects[j].value;
          if (want && row.dataset[selects[j].dataset.filter] !== want) match = false;
        }
        row.hidden = !match;
        if (match) shown++;
      }
      count.textContent = shown === total ? "顯示全部 " + total + " 門課" : "顯示 " + total + " 門課中的 " + shown + " 門";
    }

    for (var k = 0; k < selects.length; k++) selects[k].addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.hidden = false;
    apply();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else {
    setup();
  }
})();
