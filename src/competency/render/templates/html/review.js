// The promotion packet's review mode, for the manager: confirm or drop each
// suggested item, record assessments and a confirmed level, and download
// the evidence file with those changes made to its ORIGINAL TEXT. Only
// lines change: a `suggested: true` line deleted (confirmed), an item's
// lines removed (dropped), new lines added for assessments and a history
// entry, the `level:` value replaced; every other line, comments included,
// is kept byte for byte. Where to edit was read by the report's maker from
// the parser's events (competency/render/review.py); this script judges
// nothing: the command line (or CI) makes the report again from the file.
// Text is only ever set with textContent, never parsed as HTML.
(function () {
  "use strict";
  var source = document.getElementById("review-data");
  var box = document.getElementById("review");
  if (!source || !box) {
    return;
  }
  var data = JSON.parse(source.textContent);
  var DATE = /^\d{4}-\d{2}-\d{2}$/;
  var BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/g;

  // The text's lines, each with the break that ends it ("" for the last).
  function split(text) {
    var lines = [];
    var at = 0;
    var found;
    BREAK.lastIndex = 0;
    while ((found = BREAK.exec(text)) !== null) {
      lines.push({ body: text.slice(at, found.index), end: found[0] });
      at = found.index + found[0].length;
    }
    lines.push({ body: text.slice(at), end: "" });
    return lines;
  }

  function spaces(count) {
    return new Array(count + 1).join(" ");
  }

  // A YAML double-quoted string (JSON's escapes are YAML's too).
  function quoted(text) {
    return JSON.stringify(String(text));
  }

  function chosen(name) {
    var checked = box.querySelector("input[name='" + name + "']:checked");
    return checked ? checked.value : "leave";
  }

  function itemChoices() {
    return Array.prototype.map.call(box.querySelectorAll("fieldset.review-item"), function (set) {
      var index = set.getAttribute("data-index");
      var radio = set.querySelector("input[type=radio]");
      return { index: index === "" ? null : Number(index), choice: chosen(radio.name) };
    });
  }

  function assessments() {
    return Array.prototype.map.call(box.querySelectorAll(".review-assessment"), function (row) {
      return {
        competency: row.getAttribute("data-competency"),
        step: row.querySelector(".ra-step").value,
        date: row.querySelector(".ra-date"),
      };
    }).filter(function (entry) { return entry.step; });
  }

  // The reviewed text, or null (with the date field marked) when a date is
  // not written as YYYY-MM-DD.
  function reviewed() {
    var lines = split(data.text);
    var newline = (lines.filter(function (l) { return l.end; })[0] || { end: "\n" }).end;
    var drop = Object.create(null);
    var replace = Object.create(null);
    var before = Object.create(null);  // line index -> new lines to put before it
    var changes = 0;
    var bad = null;

    function add(at, texts) {
      (before[at] = before[at] || []).push.apply(before[at], texts);
    }

    var dropped = 0;
    itemChoices().forEach(function (entry) {
      var item = entry.index === null ? null : data.items[entry.index];
      if (!item || entry.choice === "leave") {
        return;
      }
      if (entry.choice === "confirm" && item.suggested !== null) {
        drop[item.suggested] = true;
        changes += 1;
      } else if (entry.choice === "drop" && item.start !== null) {
        for (var line = item.start; line < item.end; line += 1) {
          drop[line] = true;
        }
        dropped += 1;
        changes += 1;
      }
    });
    if (dropped && dropped === data.items.length && data.items_key !== null) {
      replace[data.items_key] = lines[data.items_key].body.replace(/^(\s*items:)/, "$1 []");
    }

    var end = lines.length;
    var top = spaces(data.key_column);
    var found = assessments();
    if (found.length) {
      var list = data.assessments;
      var dash = list && list.dash !== null ? list.dash : data.key_column + 2;
      var texts = [];
      found.forEach(function (entry) {
        var date = entry.date.value.trim();
        entry.date.setAttribute("aria-invalid", DATE.test(date) ? "false" : "true");
        if (!DATE.test(date)) {
          bad = bad || entry.date;
        }
        texts.push(
          spaces(dash) + "- competency: " + quoted(entry.competency),
          spaces(dash + 2) + "step: " + quoted(entry.step),
          spaces(dash + 2) + "by: manager",
          spaces(dash + 2) + "date: " + date
        );
        changes += 1;
      });
      if (list && list.at !== null) {
        add(list.at, texts);
      } else if (list && list.empty !== null) {
        replace[list.empty] = lines[list.empty].body.replace(/^(\s*assessments:)\s*\[\]/, "$1");
        add(list.empty + 1, texts);
      } else {
        add(end, [top + "assessments:"].concat(texts));
      }
    }

    var level = box.querySelector(".rc-level").value;
    if (level) {
      var dateField = box.querySelector(".rc-date");
      var day = dateField.value.trim();
      dateField.setAttribute("aria-invalid", DATE.test(day) ? "false" : "true");
      if (!DATE.test(day)) {
        bad = bad || dateField;
      }
      var entry = "{level: " + quoted(data.role + "@" + level) + ", date: " + day +
        ", by: " + box.querySelector(".rc-by").value + "}";
      var history = data.history;
      if (history && history.at !== null) {
        add(history.at, [spaces(history.dash) + "- " + entry]);
      } else if (data.confirmed && data.confirmed_entry) {
        for (var at = data.confirmed.start; at < data.confirmed.end; at += 1) {
          drop[at] = true;
        }
        add(data.confirmed.start, [
          top + "history:", top + "  - " + data.confirmed_entry, top + "  - " + entry,
        ]);
      } else {
        add(end, [top + "history:", top + "  - " + entry]);
      }
      if (data.level) {
        var line = lines[data.level.line].body;
        replace[data.level.line] =
          line.slice(0, data.level.start) + quoted(level) + line.slice(data.level.end);
      } else {
        add(end, [top + "level: " + quoted(level)]);
      }
      changes += 1;
    }
    if (bad) {
      bad.focus();
      return { text: null, changes: changes, bad: true };
    }

    var out = [];
    lines.forEach(function (line, index) {
      (before[index] || []).forEach(function (text) { out.push(text + newline); });
      if (!drop[index]) {
        var body = index in replace ? replace[index] : line.body;
        var last = index === lines.length - 1;
        // New lines after a last line without a break: give it one.
        out.push(body + (last && before[end] && body !== "" ? newline : line.end));
      }
    });
    if (before[end]) {
      before[end].forEach(function (text) { out.push(text + newline); });
    }
    return { text: (data.bom ? "\ufeff" : "") + out.join(""), changes: changes, bad: false };
  }

  var status = box.querySelector(".status-line");

  function showCount() {
    var result = reviewed();
    status.textContent = box.getAttribute("data-changes").replace("{count}", result.changes);
  }

  function download() {
    var result = reviewed();
    if (result.bad) {
      status.textContent = box.getAttribute("data-bad-date");
      return;
    }
    if (!result.changes) {
      status.textContent = box.getAttribute("data-nothing");
      return;
    }
    var blob = new Blob([result.text], { type: "application/yaml" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = box.getAttribute("data-file");
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  // An item the page cannot edit line by line: its choice is disabled.
  Array.prototype.forEach.call(box.querySelectorAll("fieldset.review-item"), function (set) {
    var index = set.getAttribute("data-index");
    var item = index === "" ? null : data.items[Number(index)];
    var confirm = set.querySelector("input[value=confirm]");
    var dropIt = set.querySelector("input[value=drop]");
    confirm.disabled = !item || item.suggested === null;
    dropIt.disabled = !item || item.start === null;
    set.querySelector(".by-hand").hidden = !(confirm.disabled || dropIt.disabled);
  });
  box.addEventListener("change", showCount);
  box.querySelector(".review-download").addEventListener("click", download);
  box.hidden = false;
  showCount();
  // For tests and for anyone scripting the page: the reviewed text.
  window.competencyReviewed = function () { return reviewed().text; };
})();
