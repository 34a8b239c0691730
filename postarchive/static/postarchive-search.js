/* postarchive: Sphinx's search page, made for an archive of posts. Loaded on the search page only,
 * after postarchive-search-data.js and before Sphinx's searchtools.js.
 *
 * - The reader's words are folded as the index was (accents off, "Montréal" = "montreal").
 * - Pages that show listings rank below every post (Sphinx's Scorer hook).
 * - Snippets come from each page's own text, shipped with the site in a few scripts loaded as
 *   results need them: no page fetch, no header or footer in the snippet, and it works from disk.
 * - Each result shows its post's date and journeys; no result points to the tags and the archive.
 */
(function () {
  "use strict";
  const data = window.postarchiveSearch;
  if (!data) {
    return;
  }

  // -- folding, as postarchive/publishing/search.py folds the index ---------------------------
  const marks = /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{Mn}+/gu;
  function fold(word) {
    let folded = word.toLowerCase().normalize("NFKD");
    // Marks may follow marks: drop them until none is left after a letter of these scripts.
    let before;
    do {
      before = folded;
      folded = folded.replace(marks, "$1");
    } while (folded !== before);
    return Array.from(folded, (char) => data.folds[char] || char).join("");
  }

  // -- ranking: listings below posts (set on Sphinx's Scorer, or the project's own, once ready) --
  const below = new Set(data.rankedBelowPosts);
  function rankListingsBelowPosts() {
    if (typeof Scorer === "undefined") {
      return;
    }
    const scoreBefore = Scorer.score;
    Scorer.score = function (result) {
      const score = scoreBefore ? scoreBefore(result) : result[4];
      return below.has(result[0]) ? score - 1000 : score;
    };
  }

  // -- snippets, dates and journeys from the shipped texts -------------------------------------
  const root = document.documentElement.dataset.content_root || "./";
  // Sphinx declares its options with const (documentation_options.js): not on window.
  function sphinxOptions() {
    return typeof DOCUMENTATION_OPTIONS === "undefined" ? {} : DOCUMENTATION_OPTIONS;
  }
  // CRC-32 of the name's UTF-8 bytes, as Python's zlib.crc32: which script holds its text.
  const crcTable = Array.from({ length: 256 }, function (_, n) {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    return c >>> 0;
  });
  function shardOf(docname) {
    let crc = 0xffffffff;
    for (const byte of new TextEncoder().encode(docname)) {
      crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
    }
    return ((crc ^ 0xffffffff) >>> 0) % data.shards;
  }
  const shards = {};
  window.postarchiveTexts = {
    texts: {},
    add: function (texts) {
      Object.assign(this.texts, texts);
    },
  };
  // [text, line under the result] of a document, or undefined when it has none.
  function entryOf(docname) {
    const number = shardOf(docname);
    if (!(number in shards)) {
      shards[number] = new Promise(function (resolve) {
        const script = document.createElement("script");
        script.src = root + data.textsFolder + "/" + number + ".js";
        script.onload = resolve;
        script.onerror = resolve;
        document.head.appendChild(script);
      });
    }
    return shards[number].then(() => window.postarchiveTexts.texts[docname]);
  }
  // A dirhtml address names "x/" for both the document x and x/index.
  function entryFor(docname) {
    return entryOf(docname).then((entry) => entry || entryOf(docname + "/index"));
  }
  function docnameOf(url) {
    // The page addresses Sphinx's search asks for (see _displayItem in searchtools.js).
    const options = sphinxOptions();
    if (!url.startsWith(root)) {
      return null;
    }
    const path = url.slice(root.length);
    if (options.BUILDER === "dirhtml") {
      return path === "" ? "index" : path.replace(/\/$/, "");
    }
    const suffix = options.FILE_SUFFIX || ".html";
    return path.endsWith(suffix) ? path.slice(0, path.length - suffix.length) : null;
  }
  // Sphinx asks for every result's text as it lists it; a result's text (and the script that
  // holds it) is loaded once the result comes near the screen instead, so that a broad word's
  // thousands of results are listed without loading every script of texts first.
  let listing = false; // Sphinx lists results: from its startPulse to stopPulse (wrapped below)
  const waitingToShow = new Map(); // docname -> resolve functions of its texts' requests
  function whenShown(docname) {
    if (!listing || typeof IntersectionObserver === "undefined") {
      return Promise.resolve();
    }
    return new Promise(function (resolve) {
      waitingToShow.set(docname, [...(waitingToShow.get(docname) || []), resolve]);
    });
  }
  const nearScreen =
    typeof IntersectionObserver === "undefined"
      ? null
      : new IntersectionObserver(
          function (changes) {
            for (const change of changes) {
              if (change.isIntersecting) {
                nearScreen.unobserve(change.target);
                shown(change.target);
              }
            }
          },
          { rootMargin: "200% 0px" }, // two screens ahead: scrolling finds snippets there
        );
  function shown(item) {
    const link = item.querySelector(":scope > a");
    if (!link) {
      return;
    }
    const docname = linkDocname(link.getAttribute("href"));
    (waitingToShow.get(docname) || []).forEach((resolve) => resolve());
    waitingToShow.delete(docname);
    describe(item, docname);
  }
  const browserFetch = window.fetch.bind(window);
  window.fetch = function (resource, options) {
    const url = typeof resource === "string" ? resource : resource.url;
    const docname = docnameOf(url);
    if (docname === null) {
      return browserFetch(resource, options);
    }
    return whenShown(docname).then(() => entryFor(docname)).then(function (entry) {
      if (entry === undefined) {
        return browserFetch(resource, options);
      }
      return new Response(entry[0], { headers: { "Content-Type": "text/html" } });
    });
  };

  // -- thousands of results listed in seconds -------------------------------------------------
  // Sphinx adds one result per timer of 5 ms (_displayNextItem in searchtools.js), and a browser
  // waits longer than that between timers: a word in all of 3000 posts took 22 s to list. While
  // its search lists, those timers run in turns of a few milliseconds instead, so that dozens of
  // results are added between two frames and the page still answers the reader. Any other
  // timer, and every timer once the listing is over, is the browser's own.
  const browserSetTimeout = window.setTimeout.bind(window);
  const paced = [];
  let turnAhead = false;
  function takeTurn() {
    turnAhead = false;
    const until = performance.now() + 8;
    while (paced.length && performance.now() < until) {
      const [handler, args] = paced.shift();
      handler(...args);
    }
    if (paced.length) {
      nextTurn();
    }
  }
  function nextTurn() {
    if (!turnAhead) {
      turnAhead = true;
      browserSetTimeout(takeTurn, 0);
    }
  }
  window.setTimeout = function (handler, delay, ...args) {
    if (delay !== 5 || typeof handler !== "function" || !listing) {
      return browserSetTimeout(handler, delay, ...args);
    }
    paced.push([handler, args]);
    nextTurn();
    return 0;
  };

  // -- under each result its date and journeys; a no-results message for an archive ----------
  function linkDocname(href) {
    // The links Sphinx's search writes: "docname.html" (html), "root/docname/" (dirhtml).
    const options = sphinxOptions();
    let path = href.split("#")[0];
    if (options.BUILDER === "dirhtml") {
      path = (path.startsWith(root) ? path.slice(root.length) : path).replace(/\/$/, "");
      return path === "" ? "index" : path;
    }
    const suffix = options.LINK_SUFFIX === undefined ? ".html" : options.LINK_SUFFIX;
    return suffix && path.endsWith(suffix) ? path.slice(0, path.length - suffix.length) : path;
  }
  function describe(item, docname) {
    const link = item.querySelector(":scope > a");
    entryFor(docname).then(function (entry) {
      if (!entry || !entry[1] || item.querySelector(".postarchive-result-meta")) {
        return;
      }
      const meta = document.createElement("span");
      meta.className = "postarchive-result-meta";
      meta.textContent = entry[1];
      link.after(meta);
    });
  }
  function browseLinks(status) {
    const query = new URLSearchParams(window.location.search).get("q") || "";
    const [intro, labels, comma, or, end] = data.noResults;
    status.textContent = intro.replace("{query}", () => query); // "$&" in a query stays as typed
    labels.forEach(function (label, n) {
      const link = document.createElement("a");
      link.href = root + data.browse[n];
      link.textContent = label;
      status.append(link, n === labels.length - 1 ? end : n === labels.length - 2 ? or : comma);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    rankListingsBelowPosts();
    // Sphinx's stemmer (language_data.js, loaded after this script) with folding on top; this
    // listener runs before Sphinx's search starts, which waits for the same event.
    if (typeof window.Stemmer === "function") {
      const LanguageStemmer = window.Stemmer;
      window.Stemmer = function () {
        const stemmer = new LanguageStemmer();
        this.stemWord = (word) => fold(stemmer.stemWord(word));
      };
    }
    // Sphinx's search lists its results between these two (its pulse keeps ticking after).
    if (typeof Search !== "undefined") {
      const startPulse = Search.startPulse;
      const stopPulse = Search.stopPulse;
      Search.startPulse = function (...args) {
        listing = true;
        return startPulse.apply(this, args);
      };
      Search.stopPulse = function (...args) {
        listing = false;
        return stopPulse.apply(this, args);
      };
    }
    // Sphinx starts a snippet at, and highlights, the words as typed or as stemmed: "montreal"
    // is neither in "Montréal". The words of the text that fold to a searched stem are.
    if (typeof Search !== "undefined") {
      const summarize = Search.makeSearchSummary;
      Search.makeSearchSummary = function (htmlText, keywords, anchor) {
        const stems = [...keywords].map(fold).filter(Boolean);
        const words = new Set();
        for (const word of Search.htmlToText(htmlText, anchor).split(/[^\p{L}\p{N}_]+/u)) {
          const folded = fold(word);
          if (word && stems.some((stem) => folded.startsWith(stem))) {
            words.add(word);
          }
        }
        const summary = summarize(htmlText, words.size ? words : keywords, anchor);
        const highlight = typeof SPHINX_HIGHLIGHT_ENABLED !== "undefined" && SPHINX_HIGHLIGHT_ENABLED;
        if (summary && highlight && typeof _highlightText === "function") {
          words.forEach((word) => _highlightText(summary, word.toLowerCase(), "highlighted"));
        }
        return summary;
      };
    }
    const results = document.getElementById("search-results");
    if (!results) {
      return;
    }
    new MutationObserver(function (records) {
      // Only the items just added: a broad query lists thousands, one at a time.
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node.nodeType === Node.ELEMENT_NODE && node.matches("ul.search > li")) {
            if (nearScreen) {
              nearScreen.observe(node);
            } else {
              shown(node);
            }
          }
        }
      }
      const status = results.querySelector("p.search-summary");
      const finished = typeof Search !== "undefined" && Search._pulse_status === -1;
      if (status && finished && !results.querySelector("ul.search > li") && !status.querySelector("a")) {
        browseLinks(status);
      }
    }).observe(results, { childList: true, subtree: true, characterData: true });
  });
})();
