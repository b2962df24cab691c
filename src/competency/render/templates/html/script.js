// One view at a time (the overview, a role, the comparison, a competency),
// chosen by the address's #fragment; the level comparison; and the search.
// Text is only ever set with textContent, never parsed as HTML, so no text
// from the framework can run.
(function () {
  "use strict";
  var source = document.getElementById("ladder-data");
  if (!source) {
    return;
  }
  var data = JSON.parse(source.textContent);
  var m = data.messages;
  var picker = document.getElementById("role-picker");
  var first = document.getElementById("compare-a");
  var second = document.getElementById("compare-b");
  var result = document.getElementById("compare-result");
  var views = Array.prototype.slice.call(document.querySelectorAll(".view"));
  var overview = document.getElementById("overview");
  var currentRole = null;

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    if (className) {
      node.className = className;
    }
    return node;
  }

  function setDefaults(roleId) {
    var role = data.roles.filter(function (r) { return r.id === roleId; })[0];
    if (!role) {
      return;
    }
    var levels = role.levels;
    first.value = levels[0].ref;
    second.value = levels[Math.min(1, levels.length - 1)].ref;
    compare();
  }

  // The element the address's #fragment names, or null (also for a malformed
  // fragment such as "#%", which decodeURIComponent refuses).
  function hashTarget() {
    try {
      return location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    } catch (error) {
      return null;
    }
  }

  // Show the view that holds the #fragment's target (the overview when none
  // does), hide the others, and bring the target into view.
  function route(scroll) {
    var target = hashTarget();
    var view = target && target.closest ? target.closest(".view") : null;
    view = view || overview;
    views.forEach(function (each) { each.hidden = each !== view; });
    var roleId = view.getAttribute("data-role");
    if (roleId) {
      picker.value = roleId;
      if (roleId !== currentRole) {
        currentRole = roleId;
        setDefaults(roleId);
      }
    }
    if (scroll) {
      if (target && target !== view) {
        target.scrollIntoView();
      } else {
        window.scrollTo(0, 0);
      }
    }
  }

  function fillLevels(select) {
    data.roles.forEach(function (role) {
      var group = element("optgroup");
      group.label = role.title;
      role.levels.forEach(function (level) {
        var option = element("option", level.title);
        option.value = level.ref;
        group.appendChild(option);
      });
      select.appendChild(group);
    });
  }

  function byCompetency(level) {
    // No prototype: a competency may have the id "constructor".
    var found = Object.create(null);
    level.cells.forEach(function (cell) { found[cell.competency] = cell; });
    return found;
  }

  function stepText(cell) {
    return cell ? cell.step : m.not_expected;
  }

  function changeText(a, b) {
    if (!a || !b) {
      return a ? m.removed : m.added;
    }
    if (a.index === b.index) {
      return m.unchanged;
    }
    return a.index < b.index ? "↑ " + b.step : "↓ " + b.step;
  }

  function order(a, b) {
    var names = [];
    a.cells.concat(b.cells).forEach(function (cell) {
      if (names.indexOf(cell.competency) < 0) {
        names.push(cell.competency);
      }
    });
    return names;
  }

  function stepTable(a, b, names) {
    var cellsA = byCompetency(a);
    var cellsB = byCompetency(b);
    var table = element("table", null, "compare");
    table.appendChild(element("caption", a.title + " / " + b.title));
    var head = table.createTHead().insertRow();
    [m.competency, a.title, b.title, m.change].forEach(function (title) {
      var th = element("th", title);
      th.scope = "col";
      head.appendChild(th);
    });
    var body = table.createTBody();
    names.forEach(function (name) {
      var cellA = cellsA[name];
      var cellB = cellsB[name];
      var row = body.insertRow();
      var th = element("th", (cellA || cellB).name);
      th.scope = "row";
      row.appendChild(th);
      row.appendChild(element("td", stepText(cellA)));
      row.appendChild(element("td", stepText(cellB)));
      var change = element("td", changeText(cellA, cellB));
      if (!cellA || !cellB || cellA.index !== cellB.index) {
        row.className = "changed";
      }
      row.appendChild(change);
    });
    return table;
  }

  function behaviourList(title, from, to, names, className) {
    var cellsFrom = byCompetency(from);
    var cellsTo = byCompetency(to);
    var list = element("ul", null, "behaviours");
    names.forEach(function (name) {
      var have = cellsFrom[name] ? cellsFrom[name].behaviours : [];
      var cell = cellsTo[name];
      (cell ? cell.behaviours : []).forEach(function (ref) {
        if (have.indexOf(ref) < 0) {
          var item = element("li");
          item.appendChild(element("strong", cell.name + ": "));
          item.appendChild(document.createTextNode(data.behaviours[ref]));
          if (Object.prototype.hasOwnProperty.call(data.replaces, ref)) {
            item.appendChild(element("span", m.grows_out_of + ": " + data.replaces[ref].join("; "), "grows"));
          }
          list.appendChild(item);
        }
      });
    });
    if (!list.children.length) {
      return null;
    }
    var box = element("div", null, className);
    box.appendChild(element("h3", title));
    box.appendChild(list);
    return box;
  }

  function compare() {
    var a = data.levels[first.value];
    var b = data.levels[second.value];
    result.textContent = "";
    if (!a || !b) {
      return;
    }
    var names = order(a, b);
    var wrap = element("div", null, "table-wrap sticky");
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", a.title + " / " + b.title);
    wrap.appendChild(stepTable(a, b, names));
    result.appendChild(wrap);
    var added = behaviourList(m.added, a, b, names, "added");
    var removed = behaviourList(m.removed, b, a, names, "removed");
    if (added) {
      result.appendChild(added);
    }
    if (removed) {
      result.appendChild(removed);
    }
    if (!added && !removed) {
      result.appendChild(element("p", m.no_difference));
    }
  }

  // --- search: titles of roles, levels and competencies, and behaviours ----

  function fold(text) {
    var lowered = String(text).toLowerCase();
    return lowered.normalize ? lowered.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : lowered;
  }

  var entries = [];
  var competencyIds = Object.create(null);
  data.competencies.forEach(function (c) {
    competencyIds[c.id] = true;
    entries.push({ text: c.name, kind: m.competency, href: "#competency-" + c.id });
  });
  data.roles.forEach(function (role) {
    entries.push({ text: role.title, kind: m.role, href: "#role-" + role.id });
    role.levels.forEach(function (level) {
      entries.push({
        text: level.title, kind: m.level + " · " + role.title,
        href: "#level-" + level.ref.replace("@", "-"),
      });
    });
  });
  Object.keys(data.behaviours).forEach(function (ref) {
    var owner = ref.split(".")[0];
    var href = competencyIds[owner] ? "#competency-" + owner : "#role-" + owner;
    entries.push({ text: data.behaviours[ref], kind: m.behaviour, href: href });
  });
  entries.forEach(function (entry) { entry.folded = fold(entry.text); });

  var searchBox = document.getElementById("search");
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");

  function search() {
    var words = fold(searchBox.value).split(/\s+/).filter(Boolean);
    results.textContent = "";
    status.textContent = "";
    if (!words.length) {
      return;
    }
    var found = entries.filter(function (entry) {
      return words.every(function (word) { return entry.folded.indexOf(word) >= 0; });
    });
    status.textContent = found.length ? m.search_count.replace("{count}", found.length) : m.search_none;
    found.slice(0, 30).forEach(function (entry) {
      var item = element("li");
      var link = element("a", entry.text);
      link.href = entry.href;
      item.appendChild(link);
      item.appendChild(element("span", " " + entry.kind, "meta"));
      results.appendChild(item);
    });
  }

  fillLevels(first);
  fillLevels(second);
  document.getElementById("role-controls").hidden = false;
  document.getElementById("compare-controls").hidden = false;
  document.getElementById("compare-no-script").hidden = true;
  document.getElementById("search-box").hidden = false;
  searchBox.addEventListener("input", search);
  results.addEventListener("click", function () {
    searchBox.value = "";
    search();
  });
  picker.addEventListener("change", function () { location.hash = "role-" + picker.value; });
  first.addEventListener("change", compare);
  second.addEventListener("change", compare);
  document.getElementById("compare-swap").addEventListener("click", function () {
    var kept = first.value;
    first.value = second.value;
    second.value = kept;
    compare();
  });
  window.addEventListener("hashchange", function () { route(true); });
  document.body.classList.add("routed");
  if (data.roles.length) {
    setDefaults(data.roles[0].id);
  }
  route(true);
})();
