// Render the handbook's Mermaid diagrams with the classic build, which also works from file://.
(function () {
  "use strict";
  function theme() {
    return document.documentElement.dataset.theme === "dark" ? "dark" : "default";
  }
  function render() {
    if (typeof mermaid === "undefined") {
      return;
    }
    mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: theme() });
    mermaid.run({ querySelector: "pre.mermaid" });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", render);
  } else {
    render();
  }
})();
