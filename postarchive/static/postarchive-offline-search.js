/* postarchive: search result snippets when the archive is opened from disk (file://).
 * Sphinx's search fetches each result page to show a snippet, and browsers refuse fetch() on
 * file://. There, on the search page only, the page texts are loaded from a script shipped with
 * the site and handed to the search as if fetched. Online this does nothing. */
(function () {
  "use strict";
  if (window.location.protocol !== "file:" || !/\/search\.html$/.test(window.location.pathname)) {
    return;
  }
  const root = document.documentElement.dataset.content_root || "./";
  const pages = new Promise(function (resolve) {
    const script = document.createElement("script");
    script.src = root + "_static/postarchive-offline-pages.js";
    script.onload = function () { resolve(window.postarchiveOfflinePages || {}); };
    script.onerror = function () { resolve({}); };
    document.head.appendChild(script);
  });
  const browserFetch = window.fetch.bind(window);
  window.fetch = function (resource, options) {
    const url = typeof resource === "string" ? resource : resource.url;
    const suffix = (window.DOCUMENTATION_OPTIONS || {}).FILE_SUFFIX || ".html";
    if (!url.startsWith(root) || !url.endsWith(suffix)) {
      return browserFetch(resource, options);
    }
    const docname = url.slice(root.length, url.length - suffix.length);
    return pages.then(function (texts) {
      if (!(docname in texts)) {
        return browserFetch(resource, options);
      }
      return new Response(texts[docname], { headers: { "Content-Type": "text/html" } });
    });
  };
})();
