// The team heatmap: sort the people by readiness (the order the page is
// written in, readiest first) or by name, with the buttons this script puts
// in the column headers; find people by a word of their row (name, role,
// level, verdict, manager); group them by verdict, role, level or manager
// under a heading row per group; show the matching rows a page at a time
// (50 by default, or all), in their current order. Without the script the
// table keeps the written order and shows everyone. Rows are only moved or
// hidden, never rebuilt, and headings are set with textContent, so no text
// is parsed as HTML.
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
    fromStart();
  }

  var filter = document.getElementById("team-filter");
  var group = document.getElementById("team-group");
  var perPage = document.getElementById("team-per-page");
  var shown = document.getElementById("team-shown");
  var pager = document.getElementById("team-pages");
  var previous = document.getElementById("team-previous");
  var next = document.getElementById("team-next");
  var pageText = document.getElementById("team-page");
  var columns = rows.length ? rows[0].cells.length : 1;
  var page = 0;

  function fold(text) {
    return String(text).toLocaleLowerCase();
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return name in values ? String(values[name]) : whole;
    });
  }

  function heading(text) {
    var row = document.createElement("tr");
    row.className = "group";
    var cell = document.createElement("th");
    cell.scope = "rowgroup";
    cell.colSpan = columns;
    cell.textContent = text;
    row.appendChild(cell);
    return row;
  }

  // The rows matching the filter, in their sorted order, each with the name
  // of its group ("" when not grouping), groups in the collator's order.
  function matchingRows() {
    var words = fold(filter ? filter.value : "").split(/\s+/).filter(Boolean);
    var key = group ? group.value : "";
    var groups = [];
    var members = Object.create(null);
    rows.forEach(function (row) {
      var text = fold(row.textContent + " " + (row.getAttribute("data-manager") || "") + " " + (row.getAttribute("data-role") || ""));
      if (!words.every(function (word) { return text.indexOf(word) >= 0; })) {
        return;
      }
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
    var found = [];
    groups.forEach(function (name) {
      members[name].forEach(function (row) { found.push({ row: row, group: name, size: members[name].length }); });
    });
    return found;
  }

  // A control that cannot be used now keeps its focus (aria-disabled, not
  // disabled), so a keyboard user at the last page is not dropped to the body.
  function enable(button, on) {
    if (on) {
      button.removeAttribute("aria-disabled");
    } else {
      button.setAttribute("aria-disabled", "true");
    }
  }

  // Lay out one page of the matching rows, in their sorted order, under a
  // heading row per group when grouping (repeated, "continued", at the top of
  // a page its group began on an earlier one); every other row is hidden.
  function show() {
    Array.prototype.slice.call(body.querySelectorAll("tr.group")).forEach(function (row) { row.remove(); });
    var found = matchingRows();
    var size = perPage ? Number(perPage.value) : 0;
    var pages = size ? Math.max(1, Math.ceil(found.length / size)) : 1;
    page = Math.min(Math.max(page, 0), pages - 1);
    var first = size ? page * size : 0;
    var last = size ? Math.min(found.length, first + size) : found.length;
    var visible = new Set();
    for (var i = first; i < last; i += 1) {
      visible.add(found[i].row);
    }
    rows.forEach(function (row) {
      row.hidden = !visible.has(row);
      if (row.hidden) {
        body.appendChild(row);
      }
    });
    var key = group ? group.value : "";
    var after = body.querySelector("tr[hidden]");
    found.slice(first, last).forEach(function (entry, index) {
      var before = first + index ? found[first + index - 1].group : null;
      if (key && (index === 0 || entry.group !== before)) {
        var text = entry.group + " (" + entry.size + ")";
        if (index === 0 && entry.group === before) {
          text = fill(shown.getAttribute("data-continued"), { group: text });
        }
        body.insertBefore(heading(text), after);
      }
      body.insertBefore(entry.row, after);
    });
    if (pager) {
      pager.hidden = pages < 2;
      pageText.textContent = fill(pageText.getAttribute("data-template"), { page: page + 1, pages: pages });
      enable(previous, page > 0);
      enable(next, page < pages - 1);
    }
    if (shown) {
      // Paged: the range, and the team's size only when a filter leaves some out.
      var paged = found.length < rows.length ? "data-page" : "data-page-all";
      shown.textContent = pages > 1
        ? fill(shown.getAttribute(paged), { first: first + 1, last: last, shown: found.length, count: rows.length })
        : fill(shown.getAttribute("data-template"), { shown: found.length, count: rows.length });
    }
  }

  // Filtering, grouping, sorting or a new page size starts again at page 1.
  function fromStart() {
    page = 0;
    show();
  }

  function turn(step, button) {
    if (button.getAttribute("aria-disabled") !== "true") {
      page += step;
      show();
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
    filter.addEventListener("input", fromStart);
    group.addEventListener("change", fromStart);
    perPage.addEventListener("change", fromStart);
    previous.addEventListener("click", function () { turn(-1, previous); });
    next.addEventListener("click", function () { turn(1, next); });
    show();
  }
})();
