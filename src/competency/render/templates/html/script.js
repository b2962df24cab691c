// One view at a time (the overview, a role, the comparison, a competency),
// chosen by the address's #fragment; the level comparison; the search; and
// the self-assessment, which turns ticked behaviours into an evidence file
// that is downloaded from memory (a Blob): nothing leaves the browser.
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

  // `text` added to `node`, in a span marked with its language when that is
  // not the page's (a fallback), so that it is read in its own language.
  function say(node, text, lang) {
    if (lang) {
      var span = element("span", text);
      span.lang = lang;
      node.appendChild(span);
    } else {
      node.appendChild(document.createTextNode(text));
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

  // The address's #fragment, decoded; "" for a malformed one such as "#%",
  // which decodeURIComponent refuses.
  function fragment() {
    try {
      return decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      return "";
    }
  }

  // A comparison's address: #compare/ROLE@LEVEL/ROLE@LEVEL, or null.
  function comparedLevels(text) {
    var parts = text.split("/");
    if (parts.length !== 3 || parts[0] !== "compare" || !data.levels[parts[1]] || !data.levels[parts[2]]) {
      return null;
    }
    return [parts[1], parts[2]];
  }

  // The element the #fragment names, or null: an element id, or one of the
  // view addresses #role/ID, #level/ROLE@LEVEL and #compare/A/B.
  function hashTarget() {
    var text = fragment();
    if (!text) {
      return null;
    }
    var match = /^(role|level)\/(.+)$/.exec(text);
    if (match) {
      text = match[1] + "-" + match[2].replace("@", "-");
    } else if (comparedLevels(text)) {
      text = "compare";
    }
    return document.getElementById(text);
  }

  // The comparison's own address, kept in step with its two choices so the
  // page can be bookmarked or sent; replaceState adds no history entry.
  function keepComparison() {
    var address = "#compare/" + first.value + "/" + second.value;
    if (!document.getElementById("compare").hidden && location.hash !== address) {
      history.replaceState(null, "", address);
    }
    setTitle();
  }

  // document.title names the view: the role, level, competency or comparison.
  function setTitle() {
    var view = views.filter(function (each) { return !each.hidden; })[0];
    var parts = [];
    if (view && view.id === "compare") {
      var a = data.levels[first.value];
      var b = data.levels[second.value];
      parts.push(m.compare + (a && b ? ": " + a.title + " / " + b.title : ""));
    } else if (view && view !== overview) {
      var shown = view.querySelector("section.level.current h3 span");
      if (shown) {
        parts.push(shown.textContent);
      }
      parts.push(view.querySelector("h2").textContent);
    }
    parts.push(data.title);
    document.title = parts.join(" · ");
  }

  // Show the view that holds the #fragment's target (the overview when none
  // does), hide the others, and bring the target into view. A level's
  // address is the level view: its role's title and that level alone, on
  // screen and in print, opened at the top of the page.
  function route(scroll) {
    var target = hashTarget();
    var view = target && target.closest ? target.closest(".view") : null;
    view = view || overview;
    views.forEach(function (each) { each.hidden = each !== view; });
    Array.prototype.forEach.call(document.querySelectorAll("section.level.current"), function (level) {
      level.classList.remove("current");
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-level-view]"), function (role) {
      role.removeAttribute("data-level-view");
    });
    var levelView = Boolean(target && target.matches && target.matches("section.level"));
    if (levelView) {
      target.classList.add("current");
      view.setAttribute("data-level-view", target.id);
    }
    var roleId = view.getAttribute("data-role");
    if (roleId) {
      picker.value = roleId;
      if (roleId !== currentRole) {
        currentRole = roleId;
        setDefaults(roleId);
      }
    }
    var pair = comparedLevels(fragment());
    if (pair) {
      first.value = pair[0];
      second.value = pair[1];
      compare();
    }
    if (view.id === "compare") {
      keepComparison();
    }
    setTitle();
    if (scroll) {
      if (target && target !== view && !levelView) {
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
      if (role.lang) {
        group.lang = role.lang;
      }
      role.levels.forEach(function (level) {
        var option = element("option", level.title);
        option.value = level.ref;
        if (level.lang) {
          option.lang = level.lang;
        }
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

  // The column's title on a cell, shown before it when the table becomes
  // one card per competency on a narrow screen.
  function labelled(cell, title) {
    cell.setAttribute("data-label", title);
    return cell;
  }

  function stepTable(a, b, names) {
    var cellsA = byCompetency(a);
    var cellsB = byCompetency(b);
    var table = element("table", null, "compare");
    var caption = say(element("caption"), a.title, a.lang);
    caption.appendChild(document.createTextNode(" / "));
    table.appendChild(say(caption, b.title, b.lang));
    var head = table.createTHead().insertRow();
    [[m.competency], [a.title, a.lang], [b.title, b.lang], [m.change]].forEach(function (title) {
      var th = say(element("th"), title[0], title[1]);
      th.scope = "col";
      head.appendChild(th);
    });
    var body = table.createTBody();
    names.forEach(function (name) {
      var cellA = cellsA[name];
      var cellB = cellsB[name];
      var row = body.insertRow();
      var th = say(element("th"), (cellA || cellB).name, (cellA || cellB).lang);
      th.scope = "row";
      row.appendChild(th);
      row.appendChild(labelled(element("td", stepText(cellA)), a.title));
      row.appendChild(labelled(element("td", stepText(cellB)), b.title));
      var change = labelled(element("td", changeText(cellA, cellB)), m.change);
      if (!cellA || !cellB || cellA.index !== cellB.index) {
        row.className = "changed";
      }
      row.appendChild(change);
    });
    return table;
  }

  // Every behaviour `ref` replaces, directly or through a chain (as
  // Framework.replaced_by): a loop just ends.
  function replacedBy(ref) {
    var found = Object.create(null);
    var todo = (data.replaces[ref] || []).slice();
    while (todo.length) {
      var each = todo.pop();
      if (!found[each]) {
        found[each] = true;
        todo = todo.concat(data.replaces[each] || []);
      }
    }
    return found;
  }

  // Per competency: what `b` adds to `a`, what it replaces (grows out of),
  // what both expect, and what `a` expects that `b` no longer lists.
  function behaviourChanges(a, b, names) {
    var cellsA = byCompetency(a);
    var cellsB = byCompetency(b);
    var changes = { added: [], replaced: [], unchanged: [], removed: [] };
    names.forEach(function (name) {
      var have = cellsA[name] ? cellsA[name].behaviours : [];
      var want = cellsB[name] ? cellsB[name].behaviours : [];
      var title = (cellsA[name] || cellsB[name]).name;
      var lang = (cellsA[name] || cellsB[name]).lang;
      var grownOut = Object.create(null);
      var group = { added: [], replaced: [], unchanged: [], removed: [] };
      want.forEach(function (ref) {
        if (have.indexOf(ref) >= 0) {
          group.unchanged.push({ ref: ref });
          return;
        }
        var gone = replacedBy(ref);
        var from = have.filter(function (old) { return gone[old]; });
        from.forEach(function (old) { grownOut[old] = true; });
        (from.length ? group.replaced : group.added).push({ ref: ref, from: from });
      });
      have.forEach(function (ref) {
        if (want.indexOf(ref) < 0 && !grownOut[ref]) {
          group.removed.push({ ref: ref });
        }
      });
      Object.keys(changes).forEach(function (kind) {
        if (group[kind].length) {
          changes[kind].push({ name: title, lang: lang, items: group[kind] });
        }
      });
    });
    return changes;
  }

  function count(groups) {
    return groups.reduce(function (total, group) { return total + group.items.length; }, 0);
  }

  // One column of the comparison: a heading with the count, then the
  // behaviours by competency; `folded` puts them in a <details>.
  function changeColumn(title, groups, className, folded) {
    var box = element("section", null, "diff-column " + className);
    var heading = title + " (" + count(groups) + ")";
    var body = box;
    if (folded && groups.length) {
      var fold = element("details");
      fold.appendChild(element("summary", heading));
      box.appendChild(fold);
      body = fold;
    } else {
      box.appendChild(element("h3", heading));
    }
    groups.forEach(function (group) {
      body.appendChild(say(element("h4"), group.name, group.lang));
      var list = element("ul", null, "behaviours");
      group.items.forEach(function (entry) {
        var item = say(element("li"), data.behaviours[entry.ref] || entry.ref, data.langs[entry.ref]);
        if (entry.from && entry.from.length) {
          var grows = element("span", m.grows_out_of + ": ", "grows");
          entry.from.forEach(function (old, index) {
            grows.appendChild(document.createTextNode((index ? "; " : "") + "“"));
            say(grows, data.behaviours[old] || old, data.langs[old]);
            grows.appendChild(document.createTextNode("”"));
          });
          item.appendChild(grows);
        }
        list.appendChild(item);
      });
      body.appendChild(list);
    });
    if (!groups.length) {
      box.appendChild(element("p", m.none, "meta"));
    }
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
    var changes = behaviourChanges(a, b, names);
    if (!changes.added.length && !changes.replaced.length && !changes.removed.length) {
      result.appendChild(element("p", m.no_difference));
    }
    var columns = element("div", null, "diff-columns");
    columns.appendChild(changeColumn(m.compare_added, changes.added, "added", false));
    columns.appendChild(changeColumn(m.compare_replaced, changes.replaced, "replaced", false));
    columns.appendChild(changeColumn(m.compare_unchanged, changes.unchanged, "unchanged", true));
    result.appendChild(columns);
    if (changes.removed.length) {
      result.appendChild(changeColumn(m.removed, changes.removed, "removed", false));
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
    entries.push({ text: c.name, lang: c.lang, kind: [[m.competency]], href: "#competency-" + c.id });
  });
  data.roles.forEach(function (role) {
    entries.push({ text: role.title, lang: role.lang, kind: [[m.role]], href: "#role/" + role.id });
    role.levels.forEach(function (level) {
      entries.push({
        text: level.title, lang: level.lang, kind: [[m.level], [role.title, role.lang]],
        href: "#level/" + level.ref,
      });
    });
  });
  // Where each behaviour is first asked for, per role in the framework's
  // order: the lowest level of each role that expects it, with the name of
  // its competency there.
  var askedBy = Object.create(null);
  data.roles.forEach(function (role) {
    var seen = Object.create(null);
    role.levels.forEach(function (choice) {
      data.levels[choice.ref].cells.forEach(function (cell) {
        cell.behaviours.forEach(function (ref) {
          if (!seen[ref]) {
            seen[ref] = true;
            (askedBy[ref] = askedBy[ref] || []).push({ role: role, level: choice, cell: cell });
          }
        });
      });
    });
  });
  var competencyNames = Object.create(null);
  data.competencies.forEach(function (c) { competencyNames[c.id] = c; });

  // A behaviour's search hit opens the level that asks for it: in the role
  // being read when that role expects it, else in the first role that does.
  function behaviourEntry(ref) {
    var places = askedBy[ref] || [];
    var place = places.filter(function (each) { return each.role.id === currentRole; })[0] || places[0];
    var owner = ref.split(".")[0];
    var text = data.behaviours[ref];
    var lang = data.langs[ref];
    if (!place) {
      var competency = competencyNames[owner] || { name: owner };
      return {
        text: text, lang: lang, href: "#competency-" + owner,
        kind: [[m.behaviour], [competency.name, competency.lang]],
      };
    }
    return {
      text: text, lang: lang, href: "#level/" + place.level.ref,
      kind: [
        [m.behaviour], [place.cell.name, place.cell.lang],
        [place.level.title, place.level.lang], [place.role.title, place.role.lang],
      ],
    };
  }
  Object.keys(data.behaviours).forEach(function (ref) {
    entries.push({ text: data.behaviours[ref], ref: ref });
  });
  entries.forEach(function (entry) { entry.folded = fold(entry.text); });

  var searchBox = document.getElementById("search");
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");

  var more = document.getElementById("search-more");
  // How many hits are listed at first; "Show all" lists the rest.
  var FIRST_HITS = 30;
  var showAll = false;

  function search() {
    var words = fold(searchBox.value).split(/\s+/).filter(Boolean);
    results.textContent = "";
    status.textContent = "";
    more.hidden = true;
    if (!words.length) {
      return;
    }
    var found = entries.filter(function (entry) {
      return words.every(function (word) { return entry.folded.indexOf(word) >= 0; });
    });
    var shown = showAll ? found : found.slice(0, FIRST_HITS);
    if (!found.length) {
      status.textContent = m.search_none;
    } else if (shown.length < found.length) {
      status.textContent = m.search_shown.replace("{shown}", shown.length).replace("{count}", found.length);
      more.textContent = m.search_more.replace("{count}", found.length);
      more.hidden = false;
    } else {
      status.textContent = m.search_count.replace("{count}", found.length);
    }
    shown.forEach(function (hit) {
      var entry = hit.ref ? behaviourEntry(hit.ref) : hit;
      var item = element("li");
      var link = say(element("a"), entry.text, entry.lang);
      link.href = entry.href;
      item.appendChild(link);
      item.appendChild(document.createTextNode(" "));
      var kind = element("span", null, "meta");
      entry.kind.forEach(function (part, index) {
        if (index) {
          kind.appendChild(document.createTextNode(" · "));
        }
        say(kind, part[0], part[1]);
      });
      item.appendChild(kind);
      results.appendChild(item);
    });
  }

  // --- self-assessment: tick the behaviours of a level, download evidence --

  // Ticks are kept in this browser's local storage, one list per level;
  // when storage is refused (some browsers from file://), they last as long
  // as the page.
  var storageKey = "competency-self-check:" + data.site + ":";

  function loadTicks(level) {
    try {
      var kept = JSON.parse(window.localStorage.getItem(storageKey + level) || "[]");
      return Array.isArray(kept) ? kept : [];
    } catch (error) {
      return [];
    }
  }

  function keepTicks(level, refs) {
    try {
      window.localStorage.setItem(storageKey + level, JSON.stringify(refs));
    } catch (error) {
      // Storage refused or full: the ticks last as long as the page.
    }
  }

  function two(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function today() {
    var now = new Date();
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  // A YAML double-quoted string: JSON's escapes are YAML's too; the line
  // breaks YAML knows beyond JSON's, and other invisible characters, are
  // written as \u escapes as well.
  function quoted(text) {
    return JSON.stringify(String(text)).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, function (c) {
      return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
    });
  }

  // A text for a YAML comment: one line.
  function oneLine(text) {
    return String(text).replace(/[\r\n\u0085\u2028\u2029]+/g, " ");
  }

  // The person's id, as the format's ids: lower case words joined by
  // hyphens, at most 64 characters.
  var ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

  function validId(text) {
    return text.length <= 64 && ID_PATTERN.test(text);
  }

  // What the level expects, from the same data the comparison reads (the
  // framework's expected set): each behaviour with its competency's name,
  // what is new since the level below first. The page's "missing" is this
  // list less the ticks: the same behaviours `competency gap` will list for
  // a file with no confirmed level.
  function expectedOf(box) {
    var level = data.levels[box.getAttribute("data-level")];
    var below = box.getAttribute("data-below");
    var before = Object.create(null);
    if (below) {
      var lower = data.levels[box.getAttribute("data-role") + "@" + below];
      (lower ? lower.cells : []).forEach(function (cell) {
        cell.behaviours.forEach(function (ref) { before[ref] = true; });
      });
    }
    var fresh = [];
    var kept = [];
    (level ? level.cells : []).forEach(function (cell) {
      cell.behaviours.forEach(function (ref) {
        (before[ref] ? kept : fresh).push({ ref: ref, competency: cell.name, lang: cell.lang });
      });
    });
    return fresh.concat(kept);
  }

  function tickBoxes(box) {
    var section = box.closest("section.level");
    var found = Object.create(null);
    Array.prototype.forEach.call(section.querySelectorAll("li[data-ref] > input.tick"), function (tick) {
      found[tick.parentNode.getAttribute("data-ref")] = tick;
    });
    return found;
  }

  function tickedRefs(box) {
    var boxes = tickBoxes(box);
    return expectedOf(box).filter(function (entry) {
      return boxes[entry.ref] && boxes[entry.ref].checked;
    });
  }

  function field(box, name) {
    return box.querySelector("input.self-" + name);
  }

  // The evidence file (competency/v1, kind evidence) for the ticks of the
  // level `box` belongs to: the person, one item per ticked behaviour,
  // dated today, from the person themself, with a summary they must replace.
  function evidenceFile(box) {
    var role = box.getAttribute("data-role");
    var below = box.getAttribute("data-below");
    var id = field(box, "id").value.trim();
    var name = field(box, "name").value.trim();
    var manager = field(box, "manager").value.trim();
    var lines = [
      "# " + oneLine(m.evidence_comment),
      "format: competency/v1",
      "kind: evidence",
      "person:",
      "  id: " + quoted(id || "your-id"),
    ];
    if (name) {
      lines.push("  name: " + quoted(name));
    }
    if (manager) {
      lines.push("  manager: " + quoted(manager));
    }
    lines.push("role: " + quoted(role));
    if (below) {
      lines.push("level: " + quoted(below));
    }
    lines.push("target: " + quoted(box.getAttribute("data-level")));
    var ticked = tickedRefs(box);
    lines.push(ticked.length ? "items:" : "items: []");
    var date = today();
    ticked.forEach(function (entry, index) {
      lines.push(
        "  # " + oneLine(entry.competency + ": " + (data.behaviours[entry.ref] || entry.ref)),
        "  - id: self-" + (index + 1),
        "    date: " + date,
        "    source: self",
        "    summary: " + quoted(m.evidence_placeholder),
        "    shows:",
        "      - " + quoted(entry.ref)
      );
    });
    return lines.join("\n") + "\n";
  }

  function showProgress(box) {
    var expected = expectedOf(box);
    var boxes = tickBoxes(box);
    var missing = expected.filter(function (entry) {
      return !(boxes[entry.ref] && boxes[entry.ref].checked);
    });
    var status = box.querySelector(".self-status");
    var fold = box.querySelector(".self-missing");
    var list = fold.querySelector("ul");
    status.textContent = m.self_check_status
      .replace("{ticked}", expected.length - missing.length)
      .replace("{count}", expected.length);
    list.textContent = "";
    missing.forEach(function (entry) {
      var item = element("li");
      var name = say(element("strong"), entry.competency, entry.lang);
      item.appendChild(name).appendChild(document.createTextNode(": "));
      say(item, data.behaviours[entry.ref] || entry.ref, data.langs[entry.ref]);
      list.appendChild(item);
    });
    var summary = missing.length
      ? m.self_check_missing.replace("{count}", missing.length)
      : m.self_check_done;
    fold.querySelector("summary").textContent = data.self_counts === false
      ? summary + " " + m.self_check_not_enough
      : summary;
    fold.hidden = false;
  }

  // Whether the person's id (and the manager's, when given) can go in the
  // file; says what is wrong next to the field otherwise.
  function checkPerson(box) {
    var bad = null;
    ["id", "manager"].forEach(function (name) {
      var input = field(box, name);
      var value = input.value.trim();
      var wrong = name === "id" ? !validId(value) : value !== "" && !validId(value);
      input.setAttribute("aria-invalid", wrong ? "true" : "false");
      if (wrong && !bad) {
        bad = input;
      }
    });
    if (bad) {
      box.querySelector(".self-status").textContent =
        bad === field(box, "id") ? m.self_id_invalid : m.self_manager_invalid;
      bad.focus();
      return false;
    }
    return true;
  }

  function download(box) {
    var level = box.getAttribute("data-level");
    if (!tickedRefs(box).length) {
      box.querySelector(".self-status").textContent = m.self_check_nothing;
      return;
    }
    if (!checkPerson(box)) {
      return;
    }
    var blob = new Blob([evidenceFile(box)], { type: "application/yaml" });
    var link = element("a");
    link.href = URL.createObjectURL(blob);
    link.download = "evidence-" + level.replace("@", "-") + ".yaml";
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  function loadPerson() {
    try {
      var kept = JSON.parse(window.localStorage.getItem(storageKey + "person") || "{}");
      return kept && typeof kept === "object" ? kept : {};
    } catch (error) {
      return {};
    }
  }

  function setUpSelfCheck(box) {
    var level = box.getAttribute("data-level");
    var kept = loadTicks(level);
    var section = box.closest("section.level");
    var items = Array.prototype.slice.call(section.querySelectorAll("li[data-ref]"));
    items.forEach(function (item) {
      var text = item.querySelector(".btext");
      var tick = element("input", null, "tick");
      tick.type = "checkbox";
      tick.id = "tick-" + text.id;
      tick.checked = kept.indexOf(item.getAttribute("data-ref")) >= 0;
      var label = element("label");
      label.htmlFor = tick.id;
      item.insertBefore(label, text);
      label.appendChild(text);
      item.insertBefore(tick, label);
      item.classList.add("tickable");
    });
    var person = loadPerson();
    ["name", "id", "manager"].forEach(function (name) {
      var input = field(box, name);
      input.value = typeof person[name] === "string" ? person[name] : "";
      input.addEventListener("change", function () {
        var now = loadPerson();
        now[name] = input.value.trim();
        try {
          window.localStorage.setItem(storageKey + "person", JSON.stringify(now));
        } catch (error) {
          // Storage refused: the fields last as long as the page.
        }
      });
    });
    function changed() {
      keepTicks(level, tickedRefs(box).map(function (entry) { return entry.ref; }));
      showProgress(box);
    }
    section.addEventListener("change", function (event) {
      if (event.target.classList && event.target.classList.contains("tick")) {
        changed();
      }
    });
    box.querySelector(".self-download").addEventListener("click", function () { download(box); });
    box.querySelector(".self-clear").addEventListener("click", function () {
      items.forEach(function (item) { item.querySelector("input.tick").checked = false; });
      changed();
    });
    box.hidden = false;
    Array.prototype.forEach.call(section.querySelectorAll(".self-intro"), function (intro) {
      intro.hidden = false;
    });
    showProgress(box);
  }

  Array.prototype.forEach.call(document.querySelectorAll(".self-check"), setUpSelfCheck);
  // For tests and for anyone scripting the page: the evidence file a level's ticks give.
  window.competencyEvidence = function (level) {
    var box = Array.prototype.filter.call(document.querySelectorAll(".self-check"), function (each) {
      return each.getAttribute("data-level") === level;
    })[0];
    return box ? evidenceFile(box) : null;
  };

  fillLevels(first);
  fillLevels(second);
  document.getElementById("role-controls").hidden = false;
  document.getElementById("compare-controls").hidden = false;
  document.getElementById("compare-no-script").hidden = true;
  document.getElementById("search-box").hidden = false;
  searchBox.addEventListener("input", function () {
    showAll = false;
    search();
  });
  more.addEventListener("click", function () {
    showAll = true;
    search();
    var first = results.children[FIRST_HITS];
    if (first) {
      first.querySelector("a").focus();
    }
  });
  results.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("a")) {
      searchBox.value = "";
      search();
    }
  });
  // The header stays at the top of the window (position: sticky): what a
  // link opens is scrolled to just below it (scroll-margin-top in the style).
  var header = document.querySelector("header.site");
  function keepHeaderHeight() {
    document.documentElement.style.setProperty("--header-height", header.offsetHeight + "px");
  }
  keepHeaderHeight();
  if (window.ResizeObserver) {
    new ResizeObserver(keepHeaderHeight).observe(header);
  } else {
    window.addEventListener("resize", keepHeaderHeight);
  }
  // The role picker changes the view only when asked (Enter or the Open
  // button), never on a mere change of choice: arrow keys move through the
  // roles without leaving the page (WCAG 3.2.2, On Input). Focus then goes to
  // the opened role's heading, so it never falls to the page's body.
  function openRole() {
    location.hash = "role-" + picker.value;
    route(true);
    var heading = document.getElementById("role-" + picker.value + "-title");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
  }
  picker.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault();
      openRole();
    }
  });
  document.getElementById("role-open").addEventListener("click", openRole);
  function compareChanged() {
    compare();
    keepComparison();
  }
  first.addEventListener("change", compareChanged);
  second.addEventListener("change", compareChanged);
  document.getElementById("compare-swap").addEventListener("click", function () {
    var kept = first.value;
    first.value = second.value;
    second.value = kept;
    compareChanged();
  });
  window.addEventListener("hashchange", function () { route(true); });
  document.body.classList.add("routed");
  if (data.roles.length) {
    setDefaults(data.roles[0].id);
  }
  route(true);
})();
