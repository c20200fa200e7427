/* kg graph view: Cytoscape.js over the projection embedded as JSON in #kg-data.
   Text from the data is only ever put into the page with textContent, never as HTML. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var COLOURS = DATA.colours, EVENT_COLOUR = DATA.eventColour, KIND_LABELS = DATA.kindLabels;
  var DARK = {};
  DATA.dark.forEach(function (c) { DARK[c] = true; });
  var els = DATA.elements;
  els.nodes.forEach(function (n) {
    var d = n.data;  // its colour and size come with the data (kg/graph/_style.py)
    d.search = [d.label, d.aliases].join(" | ").toLowerCase();
  });
  var big = els.nodes.length + els.edges.length > 600;
  // a corpus graph starts without its fact nodes (thousands of them), each drawn as
  // links between the entities it involves, so that it lays out in seconds
  var HUGE = els.nodes.length > 1500;
  // the style of the .cyjs export (assets/view-style.json); a big graph's edges unlabelled
  var STYLE = DATA.style.map(function (rule) {
    if (!big || rule.selector !== "edge") { return rule; }
    return { selector: rule.selector, style: Object.assign({}, rule.style, { label: "" }) };
  });
  var started = performance.now();
  var cy = cytoscape({
    container: document.getElementById("cy"),
    elements: els,
    wheelSensitivity: 0.3,
    minZoom: 0.05,
    maxZoom: 4,
    textureOnViewport: big,
    hideEdgesOnViewport: big,
    style: STYLE,
    layout: { name: "preset" }
  });

  function layoutOptions() {
    var n = cy.nodes(":visible").length;
    return { name: "cose", animate: false, randomize: false, fit: true, padding: 30,
             nodeDimensionsIncludeLabels: n < 150, numIter: n > 300 ? 600 : 1200,
             idealEdgeLength: function () { return 70; },
             nodeRepulsion: function () { return 9000; },
             componentSpacing: 60, gravity: 0.6, initialTemp: 300 };
  }

  function runLayout(done) {
    // A deterministic start: nodes on a circle in id order, so every run looks the same.
    var nodes = cy.nodes(":visible"), r = 40 * Math.sqrt(nodes.length + 1);
    nodes.forEach(function (n, i) {
      var a = 2 * Math.PI * i / Math.max(nodes.length, 1);
      n.position({ x: r * Math.cos(a), y: r * Math.sin(a) });
    });
    // one edge per pair of nodes pulls them together as well as many, and costs less
    var seen = {};
    var edges = nodes.connectedEdges().not(".hidden").filter(function (e) {
      var a = e.source().id(), b = e.target().id(), k = a < b ? a + "\u0000" + b : b + "\u0000" + a;
      if (seen[k]) return false;
      seen[k] = true;
      return true;
    });
    var l = nodes.union(edges).layout(layoutOptions());
    l.one("layoutstop", function () { cy.fit(cy.elements(":visible"), 30); if (done) done(); });
    l.run();
  }

  // -- legend and kind filters ----------------------------------------------------
  function swatch(colour, event) {
    var s = document.createElement("span");
    s.className = "swatch" + (event ? " event" : "");
    s.style.backgroundColor = colour;
    return s;
  }
  var counts = {};
  els.nodes.forEach(function (n) {
    var k = n.data.category === "event" ? "event (fact)" : n.data["class"];
    counts[k] = (counts[k] || 0) + 1;
  });
  var legend = document.getElementById("legend-list");
  Object.keys(COLOURS).concat(["event (fact)"]).forEach(function (cls) {
    if (!counts[cls]) return;
    var li = document.createElement("li");
    li.appendChild(swatch(cls === "event (fact)" ? EVENT_COLOUR : COLOURS[cls], cls === "event (fact)"));
    li.appendChild(document.createTextNode(cls + " (" + counts[cls] + ")"));
    legend.appendChild(li);
  });

  var kinds = {};
  cy.elements().forEach(function (e) { var k = e.data("kind"); if (k) kinds[k] = (kinds[k] || 0) + 1; });
  var kindBox = document.getElementById("kind-list");
  Object.keys(kinds).sort().forEach(function (k) {
    var label = document.createElement("label"), box = document.createElement("input");
    box.type = "checkbox"; box.checked = true; box.value = k; box.className = "kind";
    box.addEventListener("change", applyFilters);
    label.appendChild(box);
    label.appendChild(document.createTextNode(" " + (KIND_LABELS[k] || k)));
    kindBox.appendChild(label);
  });

  // -- filters: fact kind and date range ---------------------------------------------
  var dates = cy.elements().map(function (e) { return e.data("date"); }).filter(Boolean).sort();
  var fromBox = document.getElementById("date-from"), toBox = document.getElementById("date-to");
  var undatedBox = document.getElementById("undated");
  var factlessBox = document.getElementById("factless");
  var eventsBox = document.getElementById("events");
  eventsBox.checked = !HUGE;
  var dateError = document.getElementById("date-error");
  if (dates.length) { fromBox.value = dates[0].slice(0, 4); toBox.value = dates[dates.length - 1].slice(0, 4); }
  var range = { from: fromBox.value.trim(), to: toBox.value.trim() };

  // an ISO date at its precision (YYYY, YYYY-MM, YYYY-MM-DD) that exists, or "" for none
  function validDate(text) {
    if (text === "") return true;
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
    if (!m) return false;
    if (m[2] && (+m[2] < 1 || +m[2] > 12)) return false;
    if (m[3]) {
      var days = new Date(Date.UTC(+m[1], +m[2], 0)).getUTCDate();
      if (+m[3] < 1 || +m[3] > days) return false;
    }
    return true;
  }

  // the range asked for, when both boxes hold a date (else the last good one stays)
  function readRange() {
    var bad = [];
    [fromBox, toBox].forEach(function (b) {
      var ok = validDate(b.value.trim());
      b.setAttribute("aria-invalid", ok ? "false" : "true");
      if (!ok) bad.push(b === fromBox ? "from" : "to");
    });
    dateError.hidden = bad.length === 0;
    dateError.textContent = bad.length ? "not a date (YYYY, YYYY-MM or YYYY-MM-DD): " +
      bad.join(", ") : "";
    if (!bad.length) range = { from: fromBox.value.trim(), to: toBox.value.trim() };
    return range;
  }

  function factVisible(d, allowed, from, to, undated) {
    if (!allowed[d.kind]) return false;
    if (!d.date) return undated;
    if (from && d.date.slice(0, from.length) < from) return false;
    if (to && d.date.slice(0, to.length) > to) return false;
    return true;
  }

  function applyFilters() {
    var allowed = {};
    Array.prototype.forEach.call(document.querySelectorAll("input.kind"), function (b) {
      allowed[b.value] = b.checked;
    });
    var asked = readRange(), from = asked.from, to = asked.to, undated = undatedBox.checked;
    var factless = factlessBox.checked, events = eventsBox.checked;
    if (!events) coLinks();
    cy.batch(function () {
      cy.elements().removeClass("hidden");
      cy.nodes("[category = 'event']").forEach(function (n) {
        if (!events || !factVisible(n.data(), allowed, from, to, undated)) n.addClass("hidden");
      });
      cy.edges().forEach(function (e) {
        if (e.data("category") === "co") return;
        if (!factVisible(e.data(), allowed, from, to, undated) || e.source().hasClass("hidden") ||
            e.target().hasClass("hidden")) e.addClass("hidden");
      });
      cy.nodes("[category = 'entity']").forEach(function (n) {
        var edges = n.connectedEdges().filter(function (e) { return e.data("category") !== "co"; });
        var shown = edges.filter(function (e) { return !e.hasClass("hidden"); }).length > 0;
        if (!events && n.data("facts") > 0) shown = true;  // its facts are links now
        if (edges.length ? !shown : !factless) n.addClass("hidden");
      });
      cy.edges("[category = 'co']").forEach(function (e) {
        if (events || e.source().hasClass("hidden") || e.target().hasClass("hidden")) {
          e.addClass("hidden");
        }
      });
    });
    updateStats();
  }

  // the links that stand for the fact nodes: one per pair of entities of a fact, as
  // wide as the number of facts they share (made once, when first needed)
  var linked = false;
  function coLinks() {
    if (linked) return;
    linked = true;
    var pairs = {};
    cy.nodes("[category = 'event']").forEach(function (ev) {
      var ids = ev.outgoers("node").map(function (n) { return n.id(); }).sort();
      for (var i = 0; i < ids.length; i++) {
        for (var j = i + 1; j < ids.length; j++) {
          var k = ids[i] + "\u0000" + ids[j];
          pairs[k] = (pairs[k] || 0) + 1;
        }
      }
    });
    cy.add(Object.keys(pairs).sort().map(function (k) {
      var ab = k.split("\u0000");
      return { group: "edges", data: { id: "co:" + k, source: ab[0], target: ab[1],
        category: "co", kind: "", label: "", shared: pairs[k],
        width: Math.min(1 + pairs[k] / 3, 9) } };
    }));
  }
  [fromBox, toBox].forEach(function (b) { b.addEventListener("input", applyFilters); });
  undatedBox.addEventListener("change", applyFilters);
  factlessBox.addEventListener("change", applyFilters);
  eventsBox.addEventListener("change", function () { applyFilters(); layoutAll(); });

  function updateStats() {
    var ents = cy.nodes("[category = 'entity']").not(".hidden").length;
    var facts = {};
    cy.elements().not(".hidden").forEach(function (e) { if (e.data("fact")) facts[e.data("fact")] = 1; });
    document.getElementById("stats").textContent =
      ents + " entities, " + Object.keys(facts).length + " facts shown";
  }

  // -- the side panel ----------------------------------------------------------------
  var panelTitle = document.getElementById("panel-title"), panel = document.getElementById("panel-body");

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function safeUrl(u) { return /^https?:\/\//i.test(u || "") ? u : ""; }
  function link(text, href) {
    var url = safeUrl(href);
    if (!url) return el("span", text);
    var a = el("a", text); a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
    return a;
  }
  function fields(rows) {
    var dl = el("dl");
    rows.forEach(function (r) {
      if (r[1] === "" || r[1] === undefined || r[1] === null) return;
      dl.appendChild(el("dt", r[0]));
      var dd = el("dd");
      if (r[1] instanceof Node) dd.appendChild(r[1]); else dd.textContent = String(r[1]);
      dl.appendChild(dd);
    });
    return dl;
  }
  function evidenceBlock(d) {
    var box = el("div", null, "fact-source");
    if (d.evidence) box.appendChild(el("blockquote", "“" + d.evidence + "”", "evidence"));
    if (d.article) {
      var p = el("div");
      p.appendChild(document.createTextNode("article: "));
      p.appendChild(link(d.title ? d.title + " (" + d.article + ")" : d.article, d.url));
      box.appendChild(p);
    }
    return box;
  }
  function factBlock(d, head) {
    var div = el("div", null, "fact");
    div.appendChild(el("div", head, "head"));
    if (d.detail) div.appendChild(el("div", d.detail, "detail"));
    div.appendChild(evidenceBlock(d));
    return div;
  }
  function kindWords(d) { return KIND_LABELS[d.kind] || d.kind || ""; }
  function dated(s, d) { return d.date ? s + " (" + d.date + ")" : s; }

  function showNode(n) {
    var d = n.data();
    panelTitle.textContent = d.label;
    panel.textContent = "";
    if (d.category === "event") {
      panel.appendChild(fields([["fact", kindWords(d)], ["class", d["class"]], ["date", d.date]]));
      var roles = n.outgoers("edge").map(function (e) {
        return e.data("label") + ": " + e.target().data("label");
      }).sort();
      var ul = el("ul");
      roles.forEach(function (r) { ul.appendChild(el("li", r)); });
      panel.appendChild(ul);
      panel.appendChild(factBlock(d, dated(kindWords(d), d)));
      return;
    }
    var wd = d.wikidata ? link(d.wikidata, "https://www.wikidata.org/wiki/" + encodeURIComponent(d.wikidata)) : "";
    var positions = n.outgoers("edge[kind = 'holds_position']").map(function (e) {
      return dated(e.data("label") + " of " + e.target().data("label"), e.data());
    }).sort().join("; ");
    panel.appendChild(fields([["class", d["class"]], ["position", positions], ["Wikidata", wd],
                              ["mentions", d.mentions],
                              ["also", d.aliases], ["articles", d.articles], ["IRI", d.id]]));
    var facts = [];
    n.connectedEdges().forEach(function (e) {
      var ed = e.data(), other, head;
      if (e.source().data("category") === "event") {
        var ev = e.source().data();
        head = dated(kindWords(ev) + " — " + ed.label, ev);
        facts.push([1, ev.date || "", head, ev]);
        return;
      }
      other = e.source().id() === n.id() ? e.target() : e.source();
      head = ed.kind === "holds_position" ? "position: " + ed.label + " of " + other.data("label")
           : kindWords(ed) + (e.source().id() === n.id() ? " → " : " ← ") + other.data("label");
      facts.push([ed.kind === "holds_position" ? 0 : 1, ed.date || "", dated(head, ed), ed]);
    });
    facts.sort(function (a, b) {
      return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : (a[2] < b[2] ? -1 : 1));
    });
    panel.appendChild(el("h2", facts.length + " fact" + (facts.length === 1 ? "" : "s")));
    facts.forEach(function (f) { panel.appendChild(factBlock(f[3], f[2])); });
  }

  function showEdge(e) {
    var d = e.data();
    panelTitle.textContent = d.label;
    panel.textContent = "";
    panel.appendChild(fields([["fact", kindWords(d)], ["from", e.source().data("label")],
                              ["to", e.target().data("label")], ["role", d.role], ["date", d.date]]));
    panel.appendChild(factBlock(d, dated(kindWords(d), d)));
  }

  // a node's neighbourhood: it, its facts and what they link (through an event node,
  // the event's other entities too); the rest fades until the background is tapped
  function neighbourhood(n) {
    var near = n.closedNeighborhood();
    near = near.union(near.nodes("[category = 'event']").closedNeighborhood());
    cy.batch(function () {
      cy.elements().removeClass("faded");
      cy.elements().not(near).addClass("faded");
    });
  }
  cy.on("tap", "node", function (evt) {
    if (evt.target.data("category") === "cluster") return;
    neighbourhood(evt.target);
    showNode(evt.target);
  });
  cy.on("tap", "edge", function (evt) {
    if (evt.target.data("category") === "co") showShared(evt.target); else showEdge(evt.target);
  });

  // a link that stands for fact nodes: the facts both its entities are in
  function showShared(e) {
    panelTitle.textContent = e.source().data("label") + " — " + e.target().data("label");
    panel.textContent = "";
    var evs = e.source().incomers("node[category = 'event']").intersection(
      e.target().incomers("node[category = 'event']")).toArray();
    evs.sort(function (a, b) { return (a.data("date") || "") < (b.data("date") || "") ? -1 : 1; });
    panel.appendChild(el("h2", evs.length + " fact" + (evs.length === 1 ? "" : "s") +
                               " link them"));
    evs.forEach(function (ev) {
      panel.appendChild(factBlock(ev.data(), dated(kindWords(ev.data()), ev.data())));
    });
  }
  cy.on("tap", function (evt) {
    if (evt.target === cy) cy.elements().removeClass("faded");
  });

  // -- search --------------------------------------------------------------------------
  var search = document.getElementById("search"), list = document.getElementById("matches");
  function select(n) {
    cy.elements().unselect();
    if (n.hasClass("hidden")) { n.removeClass("hidden"); }
    n.select();
    neighbourhood(n);
    cy.animate({ center: { eles: n }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 250 });
    showNode(n);
    list.hidden = true;
  }
  function findMatches(q) {
    q = q.trim().toLowerCase();
    if (!q) return [];
    var found = cy.nodes().filter(function (n) { return n.data("search").indexOf(q) >= 0; });
    // entities before events, then the most facts first, then names that start so
    return found.sort(function (a, b) {
      var pa = a.data("label").toLowerCase().indexOf(q) === 0 ? 0 : 1;
      var pb = b.data("label").toLowerCase().indexOf(q) === 0 ? 0 : 1;
      return (a.data("category") === b.data("category") ? 0 :
              a.data("category") === "entity" ? -1 : 1) ||
        (b.data("facts") || 0) - (a.data("facts") || 0) || pa - pb ||
        (a.data("label") < b.data("label") ? -1 : 1);
    }).toArray();
  }
  search.addEventListener("input", function () {
    var found = findMatches(search.value);
    cy.nodes().removeClass("match");
    list.textContent = "";
    found.forEach(function (n) { n.addClass("match"); });
    found.slice(0, 30).forEach(function (n) {
      var li = el("li", n.data("label"));
      li.setAttribute("role", "option");
      li.appendChild(el("span", n.data("category") === "event" ? "event" : n.data("class"), "cls"));
      li.addEventListener("click", function () { select(n); });
      list.appendChild(li);
    });
    list.hidden = found.length === 0;
  });
  search.addEventListener("keydown", function (evt) {
    if (evt.key === "Enter") {
      var found = findMatches(search.value);
      if (found.length) select(found[0]);
    } else if (evt.key === "Escape") {
      list.hidden = true;
    }
  });

  // -- clusters: entities boxed by class, or each treaty boxed with its events -------
  var clustered = false;
  function cluster(by) {
    cy.batch(function () {
      cy.nodes().forEach(function (n) { if (n.isChild()) n.move({ parent: null }); });
      cy.remove(cy.nodes("[category = 'cluster']"));
      function box(id, label, colour) {
        cy.add({ group: "nodes", data: { id: id, label: label, category: "cluster",
                                         colour: colour, search: "", facts: 0, size: 30 } });
      }
      if (by === "class") {
        var classes = {};
        cy.nodes("[category = 'entity']").forEach(function (n) { classes[n.data("class")] = 1; });
        Object.keys(classes).sort().forEach(function (c) {
          box("cluster:" + c, c, COLOURS[c] || "#999999");
        });
        cy.nodes("[category = 'entity']").forEach(function (n) {
          n.move({ parent: "cluster:" + n.data("class") });
        });
        box("cluster:events", "events (facts)", EVENT_COLOUR);
        cy.nodes("[category = 'event']").forEach(function (n) {
          n.move({ parent: "cluster:events" });
        });
      } else if (by === "treaty") {
        cy.nodes("[category = 'entity'][class = 'Treaty']").forEach(function (t) {
          var id = "cluster:" + t.id();
          box(id, t.data("label"), COLOURS.Treaty || "#999999");
          t.move({ parent: id });
          t.incomers("node[category = 'event']").forEach(function (ev) {
            if (!ev.isChild()) ev.move({ parent: id });
          });
        });
      }
    });
    clustered = by !== "none";
    applyFilters();
    window.kgView.ready = false;
    layoutAll(function () { window.kgView.ready = true; });
  }

  // each cluster's visible nodes in a grid (most facts first), the clusters side by
  // side in rows, the nodes in none after them (cose spreads compound graphs apart)
  function clusterLayout(done) {
    var cells = [];
    cy.nodes("[category = 'cluster']").forEach(function (p) {
      var kids = p.children(":visible");
      if (kids.length) cells.push(kids);
    });
    var loose = cy.nodes(":visible").filter(function (n) { return !n.isParent() && !n.isChild(); });
    if (loose.length) cells.push(loose);
    var total = cells.reduce(function (sum, c) { return sum + c.length; }, 0);
    var rowWidth = 150 * Math.ceil(Math.sqrt(total)) * 1.5, x = 0, y = 0, rowHeight = 0;
    cells.forEach(function (c) {
      var side = Math.ceil(Math.sqrt(c.length)), w = side * 150, h = Math.ceil(c.length / side) * 90;
      if (x > 0 && x + w > rowWidth) { x = 0; y += rowHeight + 120; rowHeight = 0; }
      c.sort(function (a, b) { return (b.data("facts") || 0) - (a.data("facts") || 0) ||
                                      (a.id() < b.id() ? -1 : 1); })
        .layout({ name: "grid", fit: false, cols: side, avoidOverlap: true,
                  boundingBox: { x1: x, y1: y, w: w, h: h } }).run();
      x += w + 120;
      rowHeight = Math.max(rowHeight, h);
    });
    cy.fit(cy.elements(":visible"), 30);
    if (done) done();
  }
  function layoutAll(done) { if (clustered) clusterLayout(done); else runLayout(done); }
  document.getElementById("cluster").addEventListener("change", function (evt) {
    cluster(evt.target.value);
  });

  document.getElementById("fit").addEventListener("click", function () { cy.fit(cy.elements(":visible"), 30); });
  document.getElementById("relayout").addEventListener("click", function () { layoutAll(); });

  window.kgView = { cy: cy, ready: false, layoutMs: null, select: select, findMatches: findMatches,
                    cluster: cluster };
  applyFilters();
  runLayout(function () {
    window.kgView.layoutMs = Math.round(performance.now() - started);
    window.kgView.ready = true;
    document.body.setAttribute("data-ready", "1");
  });
})();
