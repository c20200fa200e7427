/* kg graph view, part 4 of 4: Cytoscape.js over the projection embedded as JSON in
   #kg-data (expanded by view-data.js): layout, legend, filters, search, clusters.
   Text from the data is only ever put into the page with textContent, never as HTML. */
(function (parts) {
  "use strict";
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var COLOURS = DATA.colours, EVENT_COLOUR = DATA.eventColour, KIND_LABELS = DATA.kindLabels;
  var els = parts.expand(DATA), model = parts.model(els);
  els.nodes.forEach(function (n) {
    var d = n.data;  // its colour and size come with the data (kg/graph/_style.py)
    d.search = [d.label, d.aliases].join(" | ").toLowerCase();
  });
  var big = els.nodes.length + els.edges.length > 600;
  // a corpus graph starts without its fact nodes (thousands of them): they are added
  // when asked for, and each is drawn as links between the entities it involves
  var HUGE = els.nodes.length > 1500, eventsAdded = !HUGE;
  // the style of the .cyjs export (assets/view-style.json); a big graph's edges unlabelled
  var STYLE = DATA.style.map(function (rule) {
    if (!big || rule.selector !== "edge") { return rule; }
    return { selector: rule.selector, style: Object.assign({}, rule.style, { label: "" }) };
  });
  var started = performance.now();
  var cy = cytoscape({
    container: document.getElementById("cy"),
    elements: HUGE ? model.bundled() : els,
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
             // big nodes (many facts) keep further apart, so that they do not overlap
             idealEdgeLength: function (e) {
               return 30 + (e.source().data("size") + e.target().data("size")) / 2;
             },
             nodeRepulsion: function (node) { return 400 * node.data("size"); },
             // stiff edges and a strong push apart of overlapping nodes: on 1,000 articles
             // (152 entities, 2,271 links) 1 pair overlaps instead of 232
             edgeElasticity: function () { return 800; }, nodeOverlap: 400,
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
  var all = els.nodes.concat(els.edges);
  all.forEach(function (e) { var k = e.data.kind; if (k) kinds[k] = (kinds[k] || 0) + 1; });
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
  var dates = all.map(function (e) { return e.data.date; }).filter(Boolean).sort();
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
    var asked = readRange(), undated = undatedBox.checked;
    var factless = factlessBox.checked, events = eventsBox.checked;
    function passes(d) {  // a bundle of the same edge passes when one of them does
      return d.same ? d.same.some(passes) : factVisible(d, allowed, asked.from, asked.to, undated);
    }
    if (events) addEvents(); else coLinks();
    cy.batch(function () {
      cy.elements().removeClass("hidden");
      cy.nodes("[category = 'event']").forEach(function (n) {
        if (!events || !passes(n.data())) n.addClass("hidden");
      });
      cy.edges().forEach(function (e) {
        if (e.data("category") === "co") return;
        if (!passes(e.data()) || e.source().hasClass("hidden") ||
            e.target().hasClass("hidden")) e.addClass("hidden");
      });
      cy.nodes("[category = 'entity']").forEach(function (n) {
        var edges = n.connectedEdges().filter(function (e) { return e.data("category") !== "co"; });
        var shown = edges.filter(function (e) { return !e.hasClass("hidden"); }).length > 0;
        var through = model.factsOf[n.id()] || [];  // its facts drawn as links now
        if (!events && through.some(function (fe) { return passes(fe[0]); })) shown = true;
        if (edges.length || through.length ? !shown : !factless) n.addClass("hidden");
      });
      cy.edges("[category = 'co']").forEach(function (e) {
        if (events || e.source().hasClass("hidden") || e.target().hasClass("hidden") ||
            !e.data("events").some(passes)) e.addClass("hidden");
      });
    });
    updateStats(passes);
  }

  // the fact nodes of a corpus view, added the first time they are asked for
  function addEvents() {
    if (eventsAdded) return;
    eventsAdded = true;
    cy.add(model.events);
    if (clustered) parts.box(cy, document.getElementById("cluster").value, COLOURS, EVENT_COLOUR);
  }

  // the links that stand for the fact nodes: one per pair of entities of a fact, as
  // wide as the number of facts they share (made once, when first needed)
  var linked = false;
  function coLinks() {
    if (linked) return;
    linked = true;
    var pairs = model.pairs();
    cy.add(Object.keys(pairs).sort().map(function (k) {
      var ab = k.split("\u0000"), n = pairs[k].length;
      return { group: "edges", data: { id: "co:" + k, source: ab[0], target: ab[1],
        category: "co", kind: "", label: "", shared: n, events: pairs[k],
        width: Math.min(1 + n / 3, 9) } };
    }));
  }
  [fromBox, toBox].forEach(function (b) { b.addEventListener("input", applyFilters); });
  undatedBox.addEventListener("change", applyFilters);
  factlessBox.addEventListener("change", applyFilters);
  eventsBox.addEventListener("change", function () {
    applyFilters();
    if (HUGE && eventsBox.checked && !clustered) placeEvents(); else layoutAll();
  });

  // a corpus's fact nodes, each set where its entities are (a few degrees apart around
  // their centre), the entities left where they are: a layout of thousands would take
  // minutes
  function placeEvents() {
    cy.batch(function () {
      cy.nodes("[category = 'event']").forEach(function (ev, i) {
        var ps = ev.outgoers("node").map(function (n) { return n.position(); });
        if (!ps.length) return;
        var x = 0, y = 0;
        ps.forEach(function (p) { x += p.x / ps.length; y += p.y / ps.length; });
        var a = 2.399963 * i, r = 12 + 3 * Math.sqrt(i % 400);  // the golden angle
        ev.position({ x: x + r * Math.cos(a), y: y + r * Math.sin(a) });
      });
    });
    cy.fit(cy.elements(":visible"), 30);
  }

  function updateStats(passes) {
    var ents = cy.nodes("[category = 'entity']").not(".hidden").length;
    var facts = {};
    cy.elements().not(".hidden").forEach(function (e) {
      if (e.data("fact")) facts[e.data("fact")] = 1;
      (e.data("events") || e.data("same") || []).forEach(function (d) { if (passes(d)) facts[d.fact] = 1; });
    });
    document.getElementById("stats").textContent =
      ents + " entities, " + Object.keys(facts).length + " facts shown";
  }

  // -- the side panel (view-panel.js) ------------------------------------------------------
  var panel = parts.panel(cy, model, KIND_LABELS), el = parts.el;
  var showNode = panel.showNode, showEdge = panel.showEdge, showShared = panel.showShared;

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

  // -- clusters (view-cluster.js) ------------------------------------------------------
  var clustered = false;
  function cluster(by) {
    parts.box(cy, by, COLOURS, EVENT_COLOUR);
    clustered = by !== "none";
    applyFilters();
    window.kgView.ready = false;
    layoutAll(function () { window.kgView.ready = true; });
  }
  function clusterLayout(done) { parts.gridLayout(cy); if (done) done(); }
  function layoutAll(done) { if (clustered) clusterLayout(done); else runLayout(done); }
  document.getElementById("cluster").addEventListener("change", function (evt) {
    cluster(evt.target.value);
  });

  document.getElementById("fit").addEventListener("click", function () { cy.fit(cy.elements(":visible"), 30); });
  document.getElementById("relayout").addEventListener("click", function () { layoutAll(); });

  window.kgView = { cy: cy, elements: els, ready: false, layoutMs: null, select: select,
                    findMatches: findMatches,
                    cluster: cluster };
  applyFilters();
  runLayout(function () {
    window.kgView.layoutMs = Math.round(performance.now() - started);
    window.kgView.ready = true;
    document.body.setAttribute("data-ready", "1");
  });
})(window.kgParts);
