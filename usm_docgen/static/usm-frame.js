/* The narrow screen's menu (sphinx_frame, theme/sections/sidebar-primary.html): the header's
 * links and its end items (colour mode, editions), copied into the sidebar the menu shows,
 * as pydata-sphinx-theme would have written them there. Deferred, in the head: it runs once
 * the page is parsed and before the theme's own scripts, which then find the copies as they
 * found the theme's (the colour-mode buttons, the dropdowns). */
(function () {
  "use strict";
  // The colour-mode menus (theme/theme-switcher.html): a choice per mode, with the icon and
  // the name the theme gives it (the name from the menu's data-usm-<mode> attribute).
  var ICONS = { auto: "fa-circle-half-stroke", light: "fa-sun", dark: "fa-moon" };
  document.querySelectorAll("ul[data-usm-modes]").forEach(function (menu) {
    menu.getAttribute("data-usm-modes").split(" ").forEach(function (mode) {
      var choice = document.createElement("button");
      choice.type = "button";
      choice.className = "dropdown-item d-flex align-items-center theme-change-button";
      choice.setAttribute("data-mode", mode);
      var icon = document.createElement("i");
      icon.className = "fa-solid " + ICONS[mode] + " fa-lg me-1";
      choice.appendChild(icon);
      choice.appendChild(document.createTextNode(menu.getAttribute("data-usm-" + mode) || mode));
      var item = document.createElement("li");
      item.appendChild(choice);
      menu.appendChild(item);
    });
    menu.removeAttribute("data-usm-modes");
  });
  // The narrow screen's search button (theme/search-button-field.html): the header's.
  var search = document.querySelector(".navbar-persistent--container .search-button__button");
  document.querySelectorAll(".navbar-persistent--mobile").forEach(function (place) {
    if (search && !place.querySelector(".search-button__button")) {
      place.appendChild(search.cloneNode(true));
    }
  });
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
