// The team heatmap: sort the people by readiness (the order the page is
// written in, readiest first) or by name, with the buttons this script puts
// in the column headers; find people by a word of their row (name, level,
// verdict, manager); group them by verdict, level or manager under a heading
// row per group. Without the script the table keeps the written order. Rows
// are only moved or hidden, never rebuilt, and headings are set with
// textContent, so no text is parsed as HTML.
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
    headers.forEach(function (each) { each.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", order);
    show();
  }

  var filter = document.getElementById("team-filter");
  var group = document.getElementById("team-group");
  var shown = document.getElementById("team-shown");
  var columns = rows.length ? rows[0].cells.length : 1;

  function fold(text) {
    return String(text).toLocaleLowerCase();
  }

  // Lay the rows out in their sorted order: those matching the filter, under
  // a heading row per group when grouping, the others hidden.
  function show() {
    var words = fold(filter ? filter.value : "").split(/\s+/).filter(Boolean);
    var key = group ? group.value : "";
    Array.prototype.slice.call(body.querySelectorAll("tr.group")).forEach(function (row) { row.remove(); });
    var matching = rows.filter(function (row) {
      var text = fold(row.textContent + " " + (row.getAttribute("data-manager") || ""));
      var keep = words.every(function (word) { return text.indexOf(word) >= 0; });
      row.hidden = !keep;
      return keep;
    });
    var groups = [];
    var members = Object.create(null);
    matching.forEach(function (row) {
      var name = key ? row.getAttribute("data-" + key) || (key === "manager" ? shown.getAttribute("data-no-manager") : "–") : "";
      if (!members[name]) {
        members[name] = [];
        groups.push(name);
      }
      members[name].push(row);
    });
    if (key) {
      groups.sort(function (a, b) { return collator.compare(a, b); });
    }
    rows.filter(function (row) { return row.hidden; }).forEach(function (row) { body.appendChild(row); });
    groups.forEach(function (name) {
      if (key) {
        var heading = document.createElement("tr");
        heading.className = "group";
        var cell = document.createElement("th");
        cell.scope = "rowgroup";
        cell.colSpan = columns;
        cell.textContent = name + " (" + members[name].length + ")";
        heading.appendChild(cell);
        body.appendChild(heading);
      }
      members[name].forEach(function (row) { body.appendChild(row); });
    });
    if (shown) {
      shown.textContent = shown.getAttribute("data-template")
        .replace("{shown}", matching.length).replace("{count}", rows.length);
    }
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
  var controls = document.getElementById("team-controls");
  if (controls) {
    controls.hidden = false;
    filter.addEventListener("input", show);
    group.addEventListener("change", show);
    show();
  }
})();
