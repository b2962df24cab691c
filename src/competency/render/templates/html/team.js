// The team heatmap: sort the people by readiness (the order the page is
// written in, readiest first) or by name, with the buttons this script puts
// in the column headers. Without the script the table keeps the written
// order. Rows are only moved, never rebuilt, so no text is parsed as HTML.
(function () {
  "use strict";
  var table = document.querySelector("table.heatmap-grid");
  if (!table) {
    return;
  }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var headers = Array.prototype.slice.call(table.querySelectorAll("th[data-sort]"));
  var collator = new Intl.Collator(document.documentElement.lang || undefined);
  var compare = {
    readiness: function (a, b) {
      return Number(a.getAttribute("data-rank")) - Number(b.getAttribute("data-rank"));
    },
    name: function (a, b) {
      return collator.compare(a.cells[0].textContent, b.cells[0].textContent);
    },
  };
  // The order a first press gives: readiest first; names from A.
  var natural = { readiness: "descending", name: "ascending" };

  function sortBy(header) {
    var kind = header.getAttribute("data-sort");
    var order = header.getAttribute("aria-sort") === natural[kind]
      ? (natural[kind] === "ascending" ? "descending" : "ascending")
      : natural[kind];
    var sign = order === natural[kind] ? 1 : -1;
    rows.sort(function (a, b) {
      return sign * compare[kind](a, b) || compare.readiness(a, b);
    });
    rows.forEach(function (row) { body.appendChild(row); });
    headers.forEach(function (each) { each.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", order);
  }

  headers.forEach(function (header) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    while (header.firstChild) {
      button.appendChild(header.firstChild);
    }
    header.appendChild(button);
    button.addEventListener("click", function () { sortBy(header); });
  });
  var hint = document.getElementById("sort-hint");
  if (hint) {
    hint.hidden = false;
  }
})();
