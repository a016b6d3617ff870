/* The search page, mended (deferred: runs after Sphinx's searchtools.js, before its search
 * starts on DOMContentLoaded): the result count in the handbook's language, excerpts without
 * diagram source, and no request that a page opened from disk may not make. */
(function () {
  "use strict";
  if (typeof Search === "undefined" || typeof Documentation === "undefined") {
    return;
  }
  var script = document.currentScript;
  var words = JSON.parse((script && script.dataset.usmWords) || "{}");

  // Sphinx's catalogues give the plural form as a boolean, (n != 1): an array indexed with
  // true finds nothing, and searchtools.js stops with a TypeError before the count shows.
  var pluralForm = Documentation.PLURAL_EXPR;
  Documentation.PLURAL_EXPR = function (n) {
    return Number(pluralForm(n));
  };
  // Our words, by Sphinx's message ids (searchtools.js); its Dutch catalogue has none for
  // the count.
  var COUNT = "Search finished, found one page matching the search query.";
  var NONE =
    "Your search did not match any documents. Please make sure that all words are " +
    "spelled correctly and that you've selected enough categories.";
  if (words.one && words.many) {
    Documentation.TRANSLATIONS[COUNT] = [words.one, words.many];
  }
  if (words.none) {
    Documentation.TRANSLATIONS[NONE] = words.none;
  }

  // An excerpt is the page's text around the words found: a diagram's Mermaid source is no
  // text of the page (the reader sees the drawing), and a quiz's answer is folded away on
  // its page (an excerpt would give it away before the reader tried). An anchor no selector
  // can name gives the excerpt of the whole page rather than an error.
  var toText = Search.htmlToText;
  Search.htmlToText = function (htmlString, anchor) {
    var page = new DOMParser().parseFromString(htmlString, "text/html");
    page.querySelectorAll("pre.mermaid, .usm-quiz-answer").forEach(function (hidden) {
      hidden.remove();
    });
    var cleaned = page.documentElement.outerHTML;
    try {
      return toText(cleaned, anchor);
    } catch (error) {
      return toText(cleaned, "");
    }
  };

  // Sphinx fetches each result's page for its excerpt; a browser refuses fetch() from
  // file://, with an error in the console. From disk the results come without excerpts.
  if (window.location.protocol === "file:") {
    DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;
  }
})();
