// The edition switcher and the banner of an older edition, on a site of several editions
// (usm-docgen site). The site's list of editions is versions.js beside the edition folders,
// loaded as a classic script so that it works from a web server and straight from disk
// (file://, where browsers refuse to fetch JSON). An edition built earlier never changes when
// a newer one is added: whether it is still current is decided here, from that list.
(function () {
  "use strict";
  // The theme shows the navigation bar's items twice: in the header, and in the sidebar that
  // takes its place on a narrow screen. Each copy gets the list.
  var boxes = document.querySelectorAll(".usm-editions");
  if (boxes.length === 0) {
    return;
  }
  var box = boxes[0];
  var words = JSON.parse(box.dataset.usmWords);
  var here = box.dataset.usmEdition;
  var page = box.dataset.usmPage;
  // Sphinx writes the way from this page to its edition's root on <html data-content_root>.
  var root = document.documentElement.dataset.content_root || "./";

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : all;
    });
  }

  // The same page in another edition, or that edition's home when it has no such page.
  function href(edition) {
    var target = edition.pages.indexOf(page) >= 0 ? page : "index";
    return root + "../" + edition.path + "/" + target + ".html" + (target === page ? location.hash : "");
  }

  function title(edition, current) {
    var name = edition.development ? words.development_name : edition.name;
    return edition.name === current ? name + " (" + words.current_mark + ")" : name;
  }

  function menu(site, list) {
    site.editions.forEach(function (edition) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.className = "usm-editions__link";
      link.href = href(edition);
      link.textContent = title(edition, site.current);
      link.dataset.usmEdition = edition.name;
      if (edition.name === here) {
        link.setAttribute("aria-current", "page");
      }
      item.appendChild(link);
      list.appendChild(item);
    });
  }

  function banner(site) {
    var current = null;
    site.editions.forEach(function (edition) {
      if (edition.name === site.current) {
        current = edition;
      }
    });
    if (current === null || here === site.current) {
      return;
    }
    var link = document.createElement("a");
    link.href = href(current);
    link.textContent = fill(words.go, { current: current.name });
    var shown = document.querySelector("[data-usm-banner]");
    if (shown === null) {
      // An older release: the banner is made here, from the list of today.
      var aside = document.createElement("aside");
      aside.className = "bd-header-announcement usm-edition-old";
      aside.setAttribute("aria-label", words.switcher);
      var content = document.createElement("div");
      content.className = "bd-header-announcement__content";
      shown = document.createElement("span");
      shown.className = "usm-edition-banner";
      shown.dataset.usmBanner = "old";
      shown.textContent =
        box.dataset.usmDevelopment === "true"
          ? words.development
          : fill(words.old, { edition: here, current: current.name });
      content.appendChild(shown);
      aside.appendChild(content);
      var header = document.querySelector(".bd-header") || document.body.firstChild;
      header.parentNode.insertBefore(aside, header);
    }
    shown.appendChild(document.createTextNode(" "));
    shown.appendChild(link);
  }

  var script = document.createElement("script");
  script.src = root + "../versions.js";
  script.onload = function () {
    var site = window.USM_EDITIONS;
    if (!site || !site.editions) {
      return;
    }
    for (var i = 0; i < boxes.length; i++) {
      menu(site, boxes[i].querySelector(".usm-editions__list"));
    }
    banner(site);
  };
  document.head.appendChild(script);
})();
