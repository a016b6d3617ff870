/* usm-docgen's search scorer (html_search_scorer; Sphinx puts it in language_data.js, after
 * searchtools.js). The page whose title is what the reader searched for comes first, then
 * pages whose title holds it, closest first: Sphinx scores a section heading that holds the
 * words as high as the page about them, and then lists pages alphabetically. */
(function () {
  "use strict";
  if (typeof Scorer === "undefined" || typeof Search === "undefined") {
    return;
  }
  // As a reader compares titles: case, runs of spaces and invisible break hints aside.
  function normal(text) {
    return String(text || "")
      .normalize("NFC")
      .replace(/[\u00ad\u200b\u2060]/g, "")
      .replace(/\s+/g, " ")
      .trim()
      .toLowerCase();
  }
  // searchtools.js searches for the page's ?q=, as the search form sends it.
  var query = normal(new URLSearchParams(window.location.search).get("q"));
  var titles = null; // docname -> its page title, normalised; built on first use
  function pageTitle(docName) {
    if (titles === null) {
      var index = Search._index;
      titles = new Map(
        index.docnames.map(function (name, i) {
          return [name, normal(index.titles[i])];
        }),
      );
    }
    return titles.get(docName) || "";
  }
  Scorer.score = function (result) {
    var score = result[4];
    var title = pageTitle(result[0]);
    if (!query || !title.includes(query)) {
      return score;
    }
    return score + (title === query ? 1000 : Math.round((100 * query.length) / title.length));
  };
})();
