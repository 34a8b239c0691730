/* postarchive: on Read the Docs, let its search take over the theme's search box when the
 * Read the Docs search addon is enabled (its documented hook for themes: the
 * "readthedocs-addons-data-ready" event, then "readthedocs-search-show"). Anywhere else, and when
 * the addon is off, Sphinx's built-in search works as usual. */
(function () {
  "use strict";
  let addonSearch = false;
  function configure(data) {
    try {
      addonSearch = Boolean(data.addons.search.enabled);
    } catch (error) {
      addonSearch = false;
    }
  }
  if (window.ReadTheDocsEventData) {
    configure(window.ReadTheDocsEventData.data());
  }
  document.addEventListener("readthedocs-addons-data-ready", function (event) {
    configure(event.detail.data());
  });
  function isSearchBox(element) {
    return element instanceof HTMLInputElement && Boolean(element.closest("form[role='search'], [role='search'], .sidebar-search-container"));
  }
  function showAddonSearch(event) {
    if (!addonSearch) {
      return;
    }
    event.preventDefault();
    document.activeElement.blur();
    document.dispatchEvent(new CustomEvent("readthedocs-search-show"));
  }
  document.addEventListener("focusin", function (event) {
    if (isSearchBox(event.target)) {
      showAddonSearch(event);
    }
  });
  document.addEventListener("submit", function (event) {
    if (event.target.querySelector && isSearchBox(event.target.querySelector("input"))) {
      showAddonSearch(event);
    }
  }, true);
})();
