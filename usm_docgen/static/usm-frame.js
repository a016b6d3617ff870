/* The narrow screen's menu (sphinx_frame, theme/sections/sidebar-primary.html): the header's
 * links and its end items (colour mode, editions), copied into the sidebar the menu shows,
 * as pydata-sphinx-theme would have written them there. Deferred, in the head: it runs once
 * the page is parsed and before the theme's own scripts, which then find the copies as they
 * found the theme's (the colour-mode buttons, the dropdowns). */
(function () {
  "use strict";
  var slot = document.querySelector(".sidebar-header-items[data-usm-header-copy]");
  if (!slot) {
    return;
  }
  var place = function (source, name, skip) {
    if (!source) {
      return;
    }
    var box = document.createElement("div");
    box.className = name;
    source.querySelectorAll(":scope > .navbar-item").forEach(function (item) {
      if (!skip || !item.matches(skip)) {
        box.appendChild(item.cloneNode(true));
      }
    });
    if (box.children.length) {
      slot.appendChild(box);
    }
  };
  place(document.querySelector(".navbar-header-items__center"), "sidebar-header-items__center", null);
  place(
    document.querySelector(".navbar-header-items__end"),
    "sidebar-header-items__end",
    ".navbar-persistent--container" // the search button has its own place on a narrow screen
  );
  // The header folds its last links into a "more" dropdown; the menu lists them all, as the
  // theme does on a narrow screen.
  slot.querySelectorAll(".bd-navbar-elements > li.dropdown").forEach(function (more) {
    more.querySelectorAll(":scope > .dropdown-menu > li").forEach(function (li) {
      li.className = ("nav-item " + li.className).trim();
      li.querySelectorAll("a.dropdown-item").forEach(function (a) {
        a.classList.remove("dropdown-item");
      });
      more.parentNode.insertBefore(li, more);
    });
    more.remove();
  });
  // A copied id would name two elements; the copies' controls point at nothing else.
  slot.querySelectorAll("[id]").forEach(function (el) {
    el.removeAttribute("id");
  });
})();
