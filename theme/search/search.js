// The search page: starts Pagefind's UI (pagefind-ui.js, loaded just before) in the page's strings, which the page
// carries in data- attributes, and searches the query the header's search field sent (?q=). Without Pagefind (no
// index published) the page says so; without JavaScript the page's own form and text explain themselves.
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box) return;
  var unavailable = document.getElementById("search-unavailable");
  if (typeof window.PagefindUI !== "function") {
    if (unavailable) unavailable.hidden = false;
    return;
  }
  var data = box.dataset;
  var query = new URLSearchParams(window.location.search).get("q") || "";
  var ui = new window.PagefindUI({
    element: "#search",
    bundlePath: data.bundle,
    baseUrl: data.base,
    showImages: false,
    showSubResults: false,
    autofocus: query === "",
    translations: JSON.parse(data.strings),
  });
  document.getElementById("search-form").hidden = true;
  if (query !== "") ui.triggerSearch(query);
})();
