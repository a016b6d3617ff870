// The trainer view of a workflow's page: one step (its section) at a time, full screen, large
// type, the step highlighted in the diagram; arrow keys (and a presenter's page keys) move.
// Works offline and from file://: nothing is fetched, the words come from the page itself.
(function () {
  "use strict";
  var words = {};
  var steps = [];
  var view = null;
  var current = 0;
  var opener = null;
  var home = null; // where the diagram lives on the page, to put it back

  function word(key, fallback) {
    return words[key] || fallback;
  }
  function readWords() {
    var box = document.querySelector(".usm-trainer-words");
    if (!box) {
      return;
    }
    var spans = box.querySelectorAll("span[class*='usm-w-']");
    for (var i = 0; i < spans.length; i++) {
      var match = /usm-w-([a-z-]+)/.exec(spans[i].className);
      if (match) {
        words[match[1]] = spans[i].textContent;
      }
    }
  }
  function button(text, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.addEventListener("click", action);
    return b;
  }
  function diagram() {
    return document.querySelector("pre.mermaid");
  }
  function pad(n) {
    var width = String(steps.length).length;
    var text = String(n);
    while (text.length < width) {
      text = "0" + text;
    }
    return text;
  }
  // Mermaid names a node's group "<svg id>-flowchart-<node id>-<n>"; our node ids are s01,
  // s02, ... per step and q01, ... for the decision after it (usm_docgen.mermaid).
  function nodesOf(index) {
    var svg = view && view.querySelector("svg");
    if (!svg) {
      return [];
    }
    var n = pad(index + 1);
    var found = [];
    ["s", "q"].forEach(function (prefix) {
      var list = svg.querySelectorAll("g.node[id*='-flowchart-" + prefix + n + "-']");
      for (var i = 0; i < list.length; i++) {
        found.push(list[i]);
      }
    });
    return found;
  }
  function highlight() {
    if (!view) {
      return;
    }
    var old = view.querySelectorAll("g.node.usm-current");
    for (var i = 0; i < old.length; i++) {
      old[i].classList.remove("usm-current");
    }
    var nodes = nodesOf(current);
    nodes.forEach(function (node) {
      node.classList.add("usm-current");
    });
    if (nodes.length) {
      nodes[0].scrollIntoView({ block: "center", inline: "center" });
    }
  }
  function show(index) {
    current = Math.max(0, Math.min(steps.length - 1, index));
    var panel = view.querySelector(".usm-trainer__step");
    panel.innerHTML = "";
    var card = steps[current].cloneNode(true);
    // a copy of the step's section: no second element with its ids, no heading links
    card.removeAttribute("id");
    var named = card.querySelectorAll("[id]");
    for (var i = 0; i < named.length; i++) {
      named[i].removeAttribute("id");
    }
    var marks = card.querySelectorAll("a.headerlink");
    for (var j = 0; j < marks.length; j++) {
      marks[j].remove();
    }
    panel.appendChild(card);
    panel.scrollTop = 0;
    var counter = word("step-of", "Step {n} of {total}")
      .replace("{n}", String(current + 1))
      .replace("{total}", String(steps.length));
    view.querySelector(".usm-trainer__counter").textContent = counter;
    var title = card.querySelector("h3");
    view.querySelector(".usm-trainer__live").textContent =
      counter + (title ? ": " + title.textContent : "");
    view.querySelector(".usm-trainer__prev").disabled = current === 0;
    view.querySelector(".usm-trainer__next").disabled = current === steps.length - 1;
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", "#trainer-" + (current + 1));
    }
    highlight();
  }
  function keys(event) {
    if (event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    var next = { ArrowRight: 1, ArrowDown: 1, PageDown: 1, " ": 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1 };
    if (event.key in next) {
      if (event.target && event.target.tagName === "BUTTON" && event.key === " ") {
        return; // a focused button takes Space itself
      }
      event.preventDefault();
      show(current + next[event.key]);
    } else if (event.key === "Home") {
      event.preventDefault();
      show(0);
    } else if (event.key === "End") {
      event.preventDefault();
      show(steps.length - 1);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "Tab") {
      trapFocus(event);
    }
  }
  function trapFocus(event) {
    var focusable = view.querySelectorAll("button:not([disabled]), a[href]");
    if (!focusable.length) {
      return;
    }
    var first = focusable[0];
    var last = focusable[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }
  function open(index) {
    if (view || !steps.length) {
      return;
    }
    opener = document.activeElement;
    view = document.createElement("div");
    view.className = "usm-trainer";
    view.setAttribute("role", "dialog");
    view.setAttribute("aria-modal", "true");
    var heading = document.querySelector("article h1, main h1, h1");
    var name = heading ? heading.textContent.replace(/[#¶]\s*$/, "").trim() : "";
    view.setAttribute("aria-label", name);
    var bar = document.createElement("div");
    bar.className = "usm-trainer__bar";
    var title = document.createElement("span");
    title.className = "usm-trainer__title";
    title.textContent = name;
    var counter = document.createElement("span");
    counter.className = "usm-trainer__counter";
    var prev = button("\u2190 " + word("previous", "Previous step"), function () {
      show(current - 1);
    });
    prev.className = "usm-trainer__prev";
    var next = button(word("next", "Next step") + " \u2192", function () {
      show(current + 1);
    });
    next.className = "usm-trainer__next";
    bar.append(title, counter, prev, next, button(word("close", "Close"), close));
    var body = document.createElement("div");
    body.className = "usm-trainer__body";
    var place = document.createElement("div");
    place.className = "usm-trainer__diagram";
    var figure = diagram();
    if (figure) {
      home = { parent: figure.parentNode, next: figure.nextSibling };
      place.appendChild(figure);
      enlarge(figure);
    }
    var panel = document.createElement("div");
    panel.className = "usm-trainer__step";
    body.append(place, panel);
    var help = document.createElement("div");
    help.className = "usm-trainer__help";
    help.textContent = word("help", "\u2190 \u2192 previous and next step \u00b7 Esc to close");
    var live = document.createElement("div");
    live.className = "usm-trainer__live visually-hidden";
    live.setAttribute("aria-live", "polite");
    view.append(bar, body, help, live);
    document.body.appendChild(view);
    document.body.classList.add("usm-trainer-on");
    document.addEventListener("keydown", keys);
    show(index);
    next.focus();
  }
  // On a projector the diagram is shown larger than on the page (its labels are small), and
  // scrolled so that the current step stays in view; closing restores the page's size.
  var ZOOM = 1.4;
  var sized = null;
  function enlarge(figure) {
    var svg = figure.querySelector("svg");
    var box = svg && svg.viewBox && svg.viewBox.baseVal;
    if (!box || !box.width) {
      return;
    }
    sized = { svg: svg, width: svg.getAttribute("width"), height: svg.getAttribute("height"),
      maxWidth: svg.style.maxWidth };
    svg.style.maxWidth = "none";
    svg.setAttribute("width", String(Math.ceil(box.width * ZOOM)));
    svg.setAttribute("height", String(Math.ceil(box.height * ZOOM)));
  }
  function restore() {
    if (!sized) {
      return;
    }
    ["width", "height"].forEach(function (name) {
      if (sized[name] === null) {
        sized.svg.removeAttribute(name);
      } else {
        sized.svg.setAttribute(name, sized[name]);
      }
    });
    sized.svg.style.maxWidth = sized.maxWidth;
    sized = null;
  }
  function close() {
    if (!view) {
      return;
    }
    document.removeEventListener("keydown", keys);
    var figure = view.querySelector("pre.mermaid");
    if (figure && home) {
      restore();
      home.parent.insertBefore(figure, home.next);
      var lit = figure.querySelectorAll("g.node.usm-current");
      for (var i = 0; i < lit.length; i++) {
        lit[i].classList.remove("usm-current");
      }
    }
    view.remove();
    view = null;
    document.body.classList.remove("usm-trainer-on");
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
    }
    if (opener && opener.focus) {
      opener.focus();
    }
  }
  function start() {
    readWords();
    steps = Array.prototype.slice.call(document.querySelectorAll("section[id^='usm-step-']"));
    var actions = document.querySelector(".usm-training-actions");
    if (!steps.length || !actions) {
      return;
    }
    var buttons = document.createElement("div");
    buttons.className = "usm-training-buttons";
    buttons.append(
      button(word("start", "Trainer view"), function () {
        open(0);
      }),
      button(word("print", "Print"), function () {
        window.print();
      })
    );
    actions.appendChild(buttons);
    // Highlight once the diagram is drawn (it may be drawn after the view opened).
    document.addEventListener("usm-diagrams", function () {
      if (view && !sized) {
        enlarge(view.querySelector("pre.mermaid"));
      }
      highlight();
    });
    var match = /^#trainer-(\d+)$/.exec(window.location.hash);
    if (match) {
      open(parseInt(match[1], 10) - 1);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
