// The role picker and the level comparison. Text is only ever set with
// textContent, never parsed as HTML, so no text from the framework can run.
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
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.role"));

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

  function showRole(roleId) {
    sections.forEach(function (section) {
      section.hidden = section.getAttribute("data-role") !== roleId;
    });
    picker.value = roleId;
    setDefaults(roleId);
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

  function roleFromHash() {
    var target = hashTarget();
    var section = target && target.closest ? target.closest("section.role") : null;
    return section ? section.getAttribute("data-role") : null;
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
    result.appendChild(stepTable(a, b, names));
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

  fillLevels(first);
  fillLevels(second);
  document.getElementById("role-controls").hidden = false;
  document.getElementById("compare-controls").hidden = false;
  document.getElementById("compare-no-script").hidden = true;
  picker.addEventListener("change", function () { showRole(picker.value); });
  first.addEventListener("change", compare);
  second.addEventListener("change", compare);
  document.getElementById("compare-swap").addEventListener("click", function () {
    var kept = first.value;
    first.value = second.value;
    second.value = kept;
    compare();
  });
  window.addEventListener("hashchange", function () {
    var roleId = roleFromHash();
    if (roleId && roleId !== picker.value) {
      showRole(roleId);
      var target = hashTarget();
      if (target) {
        target.scrollIntoView();
      }
    }
  });
  if (data.roles.length) {
    showRole(roleFromHash() || data.roles[0].id);
  }
})();
