/* kg graph view, part 3 of 4: clusters. Entities boxed by class, or each treaty boxed
   with its fact nodes, and the boxes laid out as grids side by side. */
(function (parts) {
  "use strict";

  // box the nodes of cy: by "class", "treaty", or "none" (the boxes removed)
  parts.box = function (cy, by, COLOURS, EVENT_COLOUR) {
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
        var events = cy.nodes("[category = 'event']");
        if (events.length) box("cluster:events", "events (facts)", EVENT_COLOUR);
        events.forEach(function (n) { n.move({ parent: "cluster:events" }); });
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
  };

  // each box's visible nodes in a grid (most facts first), the boxes side by side in
  // rows, the nodes in none after them (cose spreads compound graphs far apart)
  parts.gridLayout = function (cy) {
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
  };
})(window.kgParts = window.kgParts || {});
