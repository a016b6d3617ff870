// Render the handbook's Mermaid diagrams with the classic build, which also works from file://.
(function () {
  "use strict";
  function theme() {
    var mode = document.documentElement.dataset.theme;
    return mode === "dark" ? "dark" : "default";
  }
  // Workflow swimlanes are wider than the text column. Shrunk to fit, their labels end up a
  // few pixels high; so shrink them at most to 80 % (labels stay readable) and let the reader
  // scroll sideways for the rest.
  function readableSize(svg) {
    var box = svg.viewBox && svg.viewBox.baseVal;
    var room = svg.parentElement.clientWidth;
    if (!box || !box.width || box.width <= room) {
      return;
    }
    var width = Math.max(room, 0.8 * box.width);
    svg.style.maxWidth = "none";
    svg.setAttribute("width", String(Math.ceil(width)));
    svg.setAttribute("height", String(Math.ceil((box.height * width) / box.width)));
    svg.parentElement.classList.add("usm-wide-diagram");
  }
  function render() {
    if (typeof mermaid === "undefined") {
      return;
    }
    mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: theme() });
    mermaid.run({ querySelector: "pre.mermaid" }).then(
      function () {
        var svgs = document.querySelectorAll("pre.mermaid > svg");
        for (var i = 0; i < svgs.length; i++) {
          var kind = svgs[i].getAttribute("aria-roledescription") || "";
          if (kind.indexOf("swimlane") === 0) {
            readableSize(svgs[i]);
          }
        }
        done("done");
      },
      function () {
        done("error");
      }
    );
  }
  // Tells whoever waits for the diagrams (the trainer view, printing to PDF) that they are
  // drawn: <html data-usm-diagrams="done"> (or "error"), and a "usm-diagrams" event.
  function done(state) {
    document.documentElement.dataset.usmDiagrams = state;
    document.dispatchEvent(new CustomEvent("usm-diagrams", { detail: state }));
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", render);
  } else {
    render();
  }
})();
