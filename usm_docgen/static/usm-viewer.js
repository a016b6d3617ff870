// The whole-diagram view: a button by every drawn diagram opens it full screen in a modal
// dialog, fitted to the screen, to zoom and pan with the mouse wheel, by dragging, by pinching
// (pointer events), with the keyboard (+ - 0 and the arrow keys) and with buttons. Links in the
// diagram (hand-offs, steps) still work: a click that did not drag follows its link.
// Pan and zoom are Panzoom's (panzoom.min.js, served beside this file). A classic script, and
// nothing is fetched, so it works from file:// too; the words come from the script's own
// data-usm-words attribute (JSON, in the page's language).
(function () {
  "use strict";
  var script = document.currentScript;
  var words = {};
  try {
    words = JSON.parse((script && script.getAttribute("data-usm-words")) || "{}") || {};
  } catch (e) {
    words = {};
  }
  var view = null; // the open view: { dialog, stage, canvas, panzoom, opener, fit, leaving }
  var made = 0;
  var DRAG = 6; // px a pointer may move and still click a link
  var STEP = 0.3; // zoom step of the buttons and keys, as Panzoom's own (a factor of e^0.3)

  function word(key, fallback) {
    return typeof words[key] === "string" && words[key] ? words[key] : fallback;
  }

  // The diagram's accessible title: Mermaid's <title> (accTitle), else the figure's caption.
  function titleOf(pre, svg) {
    var title = svg.querySelector("title");
    var text = title ? title.textContent : "";
    if (!text.trim()) {
      var figure = pre.closest("figure");
      var caption = figure && figure.querySelector("figcaption");
      text = caption ? caption.textContent.replace(/[#¶]\s*$/, "") : "";
    }
    return text.trim() || word("title", "Diagram");
  }

  function button(cls, symbol, text, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = cls;
    if (symbol) {
      var icon = document.createElement("span");
      icon.setAttribute("aria-hidden", "true");
      icon.className = "usm-viewer__icon";
      icon.textContent = symbol;
      b.appendChild(icon);
    }
    b.appendChild(document.createTextNode(text));
    b.addEventListener("click", action);
    return b;
  }

  // A button before each drawn diagram. The trainer view (usm-trainer.js) borrows a training
  // page's diagram for a while: a diagram that is there is given its button when it is back.
  function addButtons() {
    var pres = document.querySelectorAll("pre.mermaid");
    for (var i = 0; i < pres.length; i++) {
      var pre = pres[i];
      var svg = pre.querySelector("svg");
      if (
        pre.hasAttribute("data-usm-viewer") ||
        !svg ||
        svg.getAttribute("aria-roledescription") === "error" ||
        pre.closest(".usm-trainer, .usm-viewer")
      ) {
        continue;
      }
      pre.setAttribute("data-usm-viewer", "");
      var bar = document.createElement("div");
      bar.className = "usm-viewer-bar";
      var open = button("usm-viewer-open", "\u2922", word("open", "Whole diagram"), opener(pre));
      var name = document.createElement("span");
      name.className = "visually-hidden";
      name.textContent = ": " + titleOf(pre, svg);
      open.appendChild(name);
      bar.appendChild(open);
      pre.parentNode.insertBefore(bar, pre);
    }
  }
  function opener(pre) {
    return function (event) {
      openView(pre, event.currentTarget);
    };
  }

  // A copy of the drawn SVG with ids of its own: Mermaid scopes the diagram's style and
  // arrowheads by the SVG's id, and an id may be on a page once.
  function copyOf(svg) {
    var copy = svg.cloneNode(true);
    var old = svg.id;
    made += 1;
    if (old) {
      var fresh = "usm-whole-" + made + "-" + old;
      var all = [copy].concat(Array.prototype.slice.call(copy.querySelectorAll("*")));
      all.forEach(function (el) {
        for (var k = 0; k < el.attributes.length; k++) {
          var attr = el.attributes[k];
          if (attr.value.indexOf(old) !== -1) {
            attr.value = attr.value.split(old).join(fresh);
          }
        }
        if (el.localName === "style") {
          el.textContent = el.textContent.split(old).join(fresh);
        }
      });
    }
    return copy;
  }

  function naturalSize(svg) {
    var box = svg.viewBox && svg.viewBox.baseVal;
    if (box && box.width && box.height) {
      return { width: box.width, height: box.height };
    }
    var rect = svg.getBoundingClientRect();
    return { width: rect.width || 300, height: rect.height || 150 };
  }

  function openView(pre, from) {
    var svg = pre.querySelector("svg");
    if (view || !svg || typeof Panzoom !== "function") {
      return;
    }
    var title = titleOf(pre, svg);
    var dialog = document.createElement("dialog");
    dialog.className = "usm-viewer";
    var titleId = "usm-viewer-title-" + (made + 1);
    var helpId = "usm-viewer-help-" + (made + 1);
    dialog.setAttribute("aria-labelledby", titleId);
    dialog.setAttribute("aria-describedby", helpId);

    var bar = document.createElement("div");
    bar.className = "usm-viewer__bar";
    var heading = document.createElement("h2");
    heading.className = "usm-viewer__title";
    heading.id = titleId;
    heading.textContent = title;
    var tools = document.createElement("div");
    tools.className = "usm-viewer__tools";
    tools.append(
      button("usm-viewer__zoom-in", "+", word("zoom-in", "Zoom in"), function () {
        zoomBy(1);
      }),
      button("usm-viewer__zoom-out", "\u2212", word("zoom-out", "Zoom out"), function () {
        zoomBy(-1);
      }),
      button("usm-viewer__fit", "\u2922", word("fit", "Fit to screen"), function () {
        fit();
      }),
      button("usm-viewer__close", "\u00d7", word("close", "Close"), function () {
        dialog.close();
      })
    );
    bar.append(heading, tools);

    var stage = document.createElement("div");
    stage.className = "usm-viewer__stage";
    stage.tabIndex = 0;
    stage.setAttribute("role", "group");
    stage.setAttribute("aria-label", title);
    var canvas = document.createElement("div");
    canvas.className = "usm-viewer__canvas";
    var copy = copyOf(svg);
    var size = naturalSize(svg);
    copy.style.maxWidth = "none";
    copy.setAttribute("width", String(size.width));
    copy.setAttribute("height", String(size.height));
    canvas.style.width = size.width + "px";
    canvas.style.height = size.height + "px";
    // The labels inherit these from the page's <pre>, where Mermaid measured them.
    var look = window.getComputedStyle(pre);
    ["fontFamily", "fontSize", "fontWeight", "lineHeight", "letterSpacing", "whiteSpace", "color"]
      .forEach(function (name) {
        canvas.style[name] = look[name];
      });
    canvas.appendChild(copy);
    stage.appendChild(canvas);

    var help = document.createElement("p");
    help.className = "usm-viewer__help";
    help.id = helpId;
    help.textContent = word(
      "help",
      "Scroll or pinch to zoom, drag to move \u00b7 keys: + \u2212 0 and arrows \u00b7 Esc to close"
    );
    dialog.append(bar, stage, help);
    document.body.appendChild(dialog);
    document.body.classList.add("usm-viewer-on");
    dialog.showModal();

    view = { dialog: dialog, stage: stage, canvas: canvas, size: size, opener: from };
    pressed = null;
    dragged = false;
    // Fitted from the start: Panzoom pans to startX/startY once more after a moment.
    var options = fitting();
    options.canvas = true; // drag anywhere on the stage, not only on the drawing
    options.cursor = "grab";
    options.step = STEP;
    options.animate = false;
    view.panzoom = Panzoom(canvas, options);
    view.fitted = true;
    stage.addEventListener("wheel", wheel, { passive: false });
    stage.addEventListener("pointerdown", pointerDown, true);
    stage.addEventListener("pointermove", pointerMove, true);
    stage.addEventListener("pointerup", pointerUp, true);
    stage.addEventListener("click", click, true);
    dialog.addEventListener("keydown", keys);
    dialog.addEventListener("close", closed);
    window.addEventListener("resize", resized);
    stage.focus();
  }

  // Fit: the whole drawing, centred, with a margin. The canvas sits at the stage's top left;
  // Panzoom scales it about its centre, so the pan that centres it depends on the scale.
  function fitting() {
    var width = view.stage.clientWidth;
    var height = view.stage.clientHeight;
    var margin = Math.min(24, width / 20, height / 20);
    var w = view.size.width;
    var h = view.size.height;
    var scale = Math.min((width - 2 * margin) / w, (height - 2 * margin) / h);
    scale = scale > 0 && isFinite(scale) ? scale : 1;
    return {
      startScale: scale,
      startX: (width - w) / (2 * scale),
      startY: (height - h) / (2 * scale),
      minScale: scale / 4,
      maxScale: Math.max(4, scale * 4),
    };
  }
  function fit() {
    if (!view) {
      return;
    }
    view.panzoom.setOptions(fitting());
    view.panzoom.reset({ animate: false });
    view.fitted = true;
  }
  function resized() {
    if (!view) {
      return;
    }
    if (view.fitted) {
      fit();
    } else {
      view.panzoom.setOptions(fitting());
    }
  }
  function zoomBy(direction) {
    var pz = view.panzoom;
    var options = pz.getOptions();
    var scale = pz.getScale() * Math.exp(direction * STEP);
    scale = Math.min(options.maxScale, Math.max(options.minScale, scale));
    var rect = view.stage.getBoundingClientRect();
    pz.zoomToPoint(scale, { clientX: rect.left + rect.width / 2, clientY: rect.top + rect.height / 2 });
    view.fitted = false;
  }
  function panBy(dx, dy) {
    var scale = view.panzoom.getScale();
    view.panzoom.pan(dx / scale, dy / scale, { relative: true, animate: false });
    view.fitted = false;
  }
  function wheel(event) {
    view.panzoom.zoomWithWheel(event);
    view.fitted = false;
  }

  // A click on a link follows it unless the pointer dragged between press and release.
  var pressed = null;
  var dragged = false;
  function pointerDown(event) {
    pressed = { x: event.clientX, y: event.clientY };
    dragged = false;
  }
  function pointerMove(event) {
    var far = pressed && Math.abs(event.clientX - pressed.x) + Math.abs(event.clientY - pressed.y);
    if (far > DRAG) {
      dragged = true;
      view.fitted = false;
    }
  }
  function pointerUp() {
    pressed = null; // the click that follows still knows whether it dragged
  }
  function click(event) {
    if (dragged) {
      event.preventDefault();
      event.stopPropagation();
      dragged = false;
      return;
    }
    var link = event.target.closest && event.target.closest("a");
    if (link && samePage(link)) {
      // A step on this page: close the view and let the link scroll the page to it.
      view.leaving = true;
      view.dialog.close();
    }
  }
  function samePage(link) {
    var href = link.getAttribute("href") || link.getAttribute("xlink:href") || "";
    try {
      var url = new URL(href, document.baseURI);
      var here = new URL(window.location.href);
      return url.hash !== "" && url.pathname === here.pathname && url.search === here.search;
    } catch (e) {
      return false;
    }
  }

  function keys(event) {
    if (event.altKey || event.ctrlKey || event.metaKey) {
      return; // the browser's own zoom and shortcuts
    }
    if (event.key === "Escape") {
      // Closed here: Sphinx's search highlighting cancels every Escape on the page, and a
      // dialog whose Escape was cancelled stays open.
      event.preventDefault();
      view.dialog.close();
      return;
    }
    var move = Math.max(40, Math.round(view.stage.clientWidth / 10));
    var actions = {
      "+": function () { zoomBy(1); },
      "=": function () { zoomBy(1); },
      "-": function () { zoomBy(-1); },
      _: function () { zoomBy(-1); },
      "0": fit,
      ArrowLeft: function () { panBy(move, 0); },
      ArrowRight: function () { panBy(-move, 0); },
      ArrowUp: function () { panBy(0, move); },
      ArrowDown: function () { panBy(0, -move); },
    };
    if (Object.prototype.hasOwnProperty.call(actions, event.key)) {
      event.preventDefault();
      actions[event.key]();
    }
  }

  function closed() {
    var done = view;
    view = null;
    window.removeEventListener("resize", resized);
    done.panzoom.destroy();
    done.dialog.remove();
    document.body.classList.remove("usm-viewer-on");
    if (!done.leaving && done.opener && done.opener.focus) {
      done.opener.focus();
    }
  }

  function start() {
    addButtons();
    // The trainer view gives the diagram back to the page by taking its own dialog away.
    new MutationObserver(addButtons).observe(document.body, { childList: true });
  }
  function whenDrawn() {
    if (document.documentElement.dataset.usmDiagrams) {
      start();
    } else {
      document.addEventListener("usm-diagrams", start, { once: true });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", whenDrawn);
  } else {
    whenDrawn();
  }
})();
