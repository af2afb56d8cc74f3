/* The search page: merges the index's shards (pagefind/shards.json, each a Pagefind
   bundle of N articles in publication order) with Pagefind's mergeIndex, and shows
   title, date, photo and excerpt of each result.

   "Newest first": Pagefind sorts each shard by date, but its merged search orders
   all results by score again, and a sorted result's score is only its rank inside
   its own shard. So each shard gets a filter naming it (mergeFilter), and the
   newest-first list reads the shards from the newest, one filtered search each.

   Corrections: an edited article of a full shard is indexed again alone, in the
   corrections shard (shards.json's "corrections"); its older record stays in the full
   shard, and shards.json lists that record's fragment ("hidden"), which the page drops
   from every search before counting. Newest first places each corrected record among
   its full shard's results by its date (meta "sort").

   The route map (shards.json's "routes": its parts, each a bundle of 25 full shards'
   records, each record holding every word of its shard): the parts are merged from
   the start with one filter value ("route"), and each query asks them first (one
   index chunk a part) and merges only the full shards they name (each part's "ids":
   result id -> shard), so a query loads a few shards, not all of them; the small
   shards of the newest articles, the corrections shard and any full shard no part
   covers are merged from the start.

   A budget per query: when the parts name more full shards than shards.json's "step"
   (what fits about 1 MB of transfer), the newest "step" of them are merged and
   searched, and the page says that older articles remain, with a button that merges
   and searches the next "step" older ones. Each search is limited to the shards
   loaded for it (a filter on the shards' names: a shard merged for an earlier query
   is left out), so "newest first" is exact within them, and relevance ranks within
   them.

   The filters (pagefind/filters.json, fetched when a reader reaches for one): the
   tags', years' and sections' values, and for each year and section the shards
   holding it (runs of positions in its "shards"), so that opening a filter merges no
   shard, and a search with a year or section chosen merges and searches only the
   shards that may hold it (the corrections shard always). */
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root) { return; }
  var text = JSON.parse(document.getElementById("search-strings").textContent);
  var input = document.getElementById("search-query");
  var sort = document.getElementById("search-sort");
  var tag = document.getElementById("search-tag");
  var year = document.getElementById("search-year");
  var section = document.getElementById("search-section");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var PAGE = 10;
  var loading = null;
  var shardFilter = "shard";
  var shardNames = [];
  var corrections = null;  // the corrections shard's name, if there is one
  var hidden = {};  // fragment id -> true: older records the corrections shard replaces
  var current = 0;  // each search's number: an older one that ends late shows nothing
  var source = null;
  var routes = {};  // result id -> full shard's name, for the route map's records
  var routeParts = [];  // the route map's parts' folders
  var routeValue = null;  // the shard filter's value of every route map's record
  var step = Infinity;  // full shards merged for a query at a time (the budget)
  var always = [];  // shards merged from the start, searched by every query
  var asked = null;  // this query's {query, named: full shards, newest first, reach}
  var older = document.getElementById("search-older");
  var module = null;  // Pagefind, once its first bundle is loaded
  var merging = {};  // shard name -> its mergeIndex's promise
  var filterData = null;  // filters.json, once fetched: {shards, runs, values}
  var filterPlace = {};  // shard name -> its position in filterData.shards

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return values[name] === undefined ? all : String(values[name]);
    });
  }

  function load() {
    if (loading) { return loading; }
    loading = fetch("/pagefind/shards.json", { cache: "no-cache" })
      .then(function (response) { return response.json(); })
      .then(function (manifest) {
        shardFilter = manifest.filter;
        if (!manifest.shards.length) { return null; }
        shardNames = manifest.shards;
        corrections = manifest.corrections || null;
        (manifest.hidden || []).forEach(function (id) { hidden[id] = true; });
        routeValue = manifest.route || null;
        var routed = {};
        (manifest.routes || []).forEach(function (part) {
          routeParts.push(part.part);
          Object.keys(part.ids).forEach(function (id) {
            routes[id] = part.ids[id];
            routed[part.ids[id]] = true;
          });
        });
        // Merged from the start: the route map's parts, and what they do not cover.
        step = manifest.step || Infinity;
        always = shardNames.filter(function (name) { return !routed[name]; });
        if (corrections) { always.push(corrections); }
        var first = routeParts.length ? routeParts[0] : always[0];
        var base = "/pagefind/" + first + "/";
        return import(base + "pagefind.js").then(function (pagefind) {
          var own = {};
          own[shardFilter] = routeParts.length ? routeValue : first;
          merging[first] = pagefind.options({ basePath: base, mergeFilter: own });
          return merging[first].then(function () {
            module = pagefind;
            return Promise.all(routeParts.slice(1).map(function (part) {
              return merge(part, routeValue);
            }).concat(always.map(function (name) { return merge(name); })));
          }).then(function () { return pagefind; });
        });
      });
    loading.catch(function () { status.textContent = text.unavailable; });
    return loading;
  }

  // A bundle merged once, its records' shard filter `value` (default: its name).
  function merge(name, value) {
    if (!merging[name]) {
      var filter = {};
      filter[shardFilter] = value || name;
      merging[name] = module.mergeIndex("/pagefind/" + name + "/", { mergeFilter: filter });
    }
    return merging[name];
  }

  // The full shards that may hold the query's words, newest first (null: no route
  // map, every shard is merged). Word by word: the shards that have the word itself (a
  // quoted word is matched exactly), else, when none has it, those whose words begin
  // like it (Pagefind's own way with a word a bundle lacks, which each part would
  // otherwise take on its own, naming shards whose words only begin like it while
  // another part has it); then the shards named for every word.
  function prepare(pagefind, query) {
    if (!routeParts.length) { return Promise.resolve(null); }
    var only = {};
    only[shardFilter] = routeValue;
    function shardsOf(found) {
      var named = {};
      found.results.forEach(function (result) {
        if (routes[result.id]) { named[routes[result.id]] = true; }
      });
      return named;
    }
    // Quotes ask for a phrase: the route map's words are not in the articles' order.
    var words = query.replace(/"/g, " ").split(/\s+/).filter(Boolean);
    return Promise.all(words.map(function (word) {
      return pagefind.search("\"" + word + "\"", { filters: only }).then(function (exact) {
        return exact.results.length ? shardsOf(exact)
          : pagefind.search(word, { filters: only }).then(shardsOf);
      });
    })).then(function (each) {
      var position = {};
      shardNames.forEach(function (name, at) { position[name] = at; });
      return Object.keys(each[0] || {}).filter(function (name) {
        return each.every(function (named) { return named[name]; });
      }).sort(function (a, b) { return position[b] - position[a]; });
    });
  }

  // The shards this query searches, oldest first: those merged from the start and the
  // newest `reach` of those the route map named, merged now (null: every shard).
  // With a year or section chosen, only those that may hold it (`mayHold`).
  function loadedFor(state) {
    var restricted = !shardNames.every(mayHold);
    if (!state.named && !restricted) { return Promise.resolve(null); }
    var chosen = state.named ? state.named.slice(0, state.reach) : [];
    return Promise.all(chosen.map(function (name) { return merge(name); })).then(function () {
      var searched = {};
      chosen.concat(always).forEach(function (name) {
        if (mayHold(name)) { searched[name] = true; }
      });
      return shardNames.filter(function (name) { return searched[name]; });
    });
  }

  // The first of `shardNames` whose results this query may show: while older named
  // shards wait, the oldest one loaded (a correction of an article older than it waits
  // with them, so that "newest first" stays exact); else the first.
  function frontier(state) {
    if (!state.named || state.reach >= state.named.length) { return 0; }
    return shardNames.indexOf(state.named[state.reach - 1]);
  }

  // The ids of the corrections shard's results for `query` whose article is older than
  // the frontier `from` (by the full shard holding its older record).
  function waitingCorrections(pagefind, query, filters, from) {
    if (!corrections || !from) { return Promise.resolve({}); }
    var only = Object.assign({}, filters);
    only[shardFilter] = corrections;
    return pagefind.search(query, { filters: only }).then(function (found) {
      var waiting = {};
      return Promise.all(found.results.map(function (result) {
        return result.data().then(function (data) {
          if (shardNames.indexOf((data.meta || {}).shard) < from) { waiting[result.id] = true; }
        });
      })).then(function () { return waiting; });
    });
  }

  // The filters' values, from filters.json: no shard is merged to list them.
  var filling = null;
  function fillFilters() {
    if (filling) { return filling; }
    filling = fetch("/pagefind/filters.json", { cache: "no-cache" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        filterData = data;
        data.shards.forEach(function (name, at) { filterPlace[name] = at; });
        function byName(a, b) { return a.localeCompare(b); }
        addOptions(tag, valuesOf(text.tag).sort(byName));
        addOptions(year, valuesOf(text.year).sort().reverse());
        addOptions(section, valuesOf(text.section).sort(byName));
      });
    filling.catch(function () { filling = null; });
    return filling;
  }

  // A filter's values: those of a filter with runs (year, section), or listed alone.
  function valuesOf(name) {
    return Object.keys((filterData.runs || {})[name] || {})
      .concat((filterData.values || {})[name] || []);
  }

  // Whether the shard `name` may hold an article of the chosen year and section, by
  // filters.json's runs (a shard it does not summarise may hold anything).
  function mayHold(name) {
    var at = filterPlace[name];
    if (!filterData || at === undefined) { return true; }
    var chosen = chosenFilters();
    return Object.keys(filterData.runs || {}).every(function (filter) {
      if (!chosen[filter]) { return true; }
      var runs = filterData.runs[filter][chosen[filter]] || [];
      for (var i = 0; i < runs.length; i += 2) {
        if (runs[i] <= at && at < runs[i + 1]) { return true; }
      }
      return false;
    });
  }

  function addOptions(select, values) {
    var wanted = select.getAttribute("data-wanted");
    values.forEach(function (value) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = value;
      if (value === wanted) { option.selected = true; }
      select.appendChild(option);
    });
  }

  function chosenFilters() {
    var filters = {};
    if (tag.value) { filters[text.tag] = tag.value; }
    if (year.value) { filters[text.year] = year.value; }
    if (section.value) { filters[text.section] = section.value; }
    return filters;
  }

  function shown(results) {
    return results.filter(function (result) {
      return !hidden[result.id] && !routes[result.id];
    });
  }

  // Relevance: Pagefind's merged order. Newest first: shard by shard, newest first.
  function relevant(results) {
    var at = 0;
    return function (count) {
      var chosen = results.slice(at, at + count);
      at += chosen.length;
      return Promise.resolve({ results: chosen, done: at >= results.length });
    };
  }

  // Newest first over the shards `names` (oldest first); of those not in `searched`
  // (when given), only the corrections of their articles.
  function newest(pagefind, query, filters, counts, names, searched) {
    var shard = names.length - 1;
    var waiting = [];
    var corrected = null;  // full shard's name -> [{result, sort}] of its corrections
    function correctedFirst() {
      if (corrected) { return Promise.resolve(corrected); }
      corrected = {};
      if (!corrections || !counts[corrections]) { return Promise.resolve(corrected); }
      var only = Object.assign({}, filters);
      only[shardFilter] = corrections;
      return pagefind.search(query, { filters: only }).then(function (found) {
        return Promise.all(found.results.map(function (result) {
          return result.data().then(function (data) {
            var name = (data.meta || {}).shard;
            (corrected[name] = corrected[name] || []).push(
              { result: result, sort: (data.meta || {}).sort || "" });
          });
        }));
      }).then(function () { return corrected; });
    }
    // A shard's results (sorted by date) with the corrections of its articles, by date.
    function withCorrections(name, results) {
      var extra = corrected[name];
      if (!extra) { return Promise.resolve(results); }
      return Promise.all(results.map(function (result) {
        return result.data().then(function (data) {
          return { result: result, sort: (data.meta || {}).sort || "" };
        });
      })).then(function (dated) {
        return dated.concat(extra).sort(function (a, b) {
          return a.sort < b.sort ? 1 : a.sort > b.sort ? -1 : 0;
        }).map(function (item) { return item.result; });
      });
    }
    function fill(count) {
      if (!corrected) { return correctedFirst().then(function () { return fill(count); }); }
      if (waiting.length >= count || shard < 0) {
        var chosen = waiting.splice(0, count);
        return Promise.resolve({ results: chosen, done: !waiting.length && shard < 0 });
      }
      var name = names[shard];
      shard -= 1;
      var own = !searched || searched[name];
      if (!(own && counts[name]) && !corrected[name]) { return fill(count); }
      var only = Object.assign({}, filters);
      only[shardFilter] = name;
      var found = own && counts[name]
        ? pagefind.search(query, { filters: only, sort: { date: "desc" } })
        : Promise.resolve({ results: [] });
      return found
        .then(function (found) { return withCorrections(name, shown(found.results)); })
        .then(function (results) {
          waiting = waiting.concat(results);
          return fill(count);
        });
    }
    return fill;
  }

  function run() {
    var query = input.value.trim();
    var number = ++current;
    list.textContent = "";
    more.hidden = true;
    older.hidden = true;
    asked = null;
    if (!query) { status.textContent = ""; return; }
    status.textContent = text.searching;
    load().then(function (pagefind) {
      if (!pagefind) {
        status.textContent = say(text.none, { query: query });
        return null;
      }
      return prepare(pagefind, query).then(function (named) {
        if (number !== current) { return null; }
        // A year or section chosen: the named shards that may hold it, within the budget.
        named = named && named.filter(mayHold);
        asked = { query: query, named: named, reach: named ? Math.min(step, named.length) : 0 };
        return search(pagefind, number);
      });
    }).catch(function () {
      if (number === current) { status.textContent = text.unavailable; }
    });
  }

  // Search the shards loaded for this query (`asked`) and show the first results.
  function search(pagefind, number) {
    var state = asked;
    var from = frontier(state);
    var searched = null;
    var found = null;
    return loadedFor(state).then(function (names) {
      var filters = chosenFilters();
      if (names) {
        searched = {};
        names.forEach(function (name) { searched[name] = true; });
        var any = names.concat(corrections ? [corrections] : []);
        // (No shard may hold the chosen year: nothing to search.)
        if (!any.length) { return { results: [], filters: {} }; }
        filters[shardFilter] = { any: any };
      }
      return pagefind.search(state.query, { filters: filters });
    }).then(function (answer) {
      found = answer;
      var counts = (found.filters || {})[shardFilter] || {};
      return counts[corrections]
        ? waitingCorrections(pagefind, state.query, chosenFilters(), from) : {};
    }).then(function (waiting) {
      if (number !== current) { return null; }
      var results = shown(found.results).filter(function (result) {
        return !waiting[result.id];
      });
      source = sort.value === "date"
        ? newest(pagefind, state.query, chosenFilters(),
                 (found.filters || {})[shardFilter] || {}, shardNames.slice(from), searched)
        : relevant(results);
      var left = state.named ? state.named.length - state.reach : 0;
      var template = results.length ? (left ? text.resultsNewer : text.results)
        : (left ? text.noneNewer : text.none);
      status.textContent = say(template, { count: results.length, query: state.query });
      older.hidden = !left;
      return showMore(number);
    });
  }

  // The next older full shards the route map named, within the budget again.
  function searchOlder() {
    if (!asked || !asked.named) { return; }
    var number = ++current;
    asked.reach = Math.min(asked.reach + step, asked.named.length);
    list.textContent = "";
    more.hidden = true;
    older.hidden = true;
    status.textContent = text.searching;
    load().then(function (pagefind) { return search(pagefind, number); }).catch(function () {
      if (number === current) { status.textContent = text.unavailable; }
    });
  }

  function showMore(number) {
    return source(PAGE).then(function (page) {
      return Promise.all(page.results.map(function (result) { return result.data(); }))
        .then(function (data) {
          if (number !== current) { return; }
          data.forEach(function (item) { list.appendChild(render(item)); });
          more.hidden = page.done;
        });
    });
  }

  // Pagefind's excerpt marks the words found with <mark>; everything else is text.
  function excerpt(html, into) {
    html.split(/(<mark>|<\/mark>)/).reduce(function (inMark, piece) {
      if (piece === "<mark>") { return true; }
      if (piece === "</mark>") { return false; }
      var decoder = document.createElement("textarea");
      decoder.innerHTML = piece;
      var node = document.createTextNode(decoder.value);
      if (inMark) {
        var mark = document.createElement("mark");
        mark.appendChild(node);
        into.appendChild(mark);
      } else {
        into.appendChild(node);
      }
      return inMark;
    }, false);
  }

  function render(item) {
    var meta = item.meta || {};
    var li = document.createElement("li");
    li.className = "search-result";
    if (meta.image) {
      var image = document.createElement("img");
      image.className = "search-result-image";
      image.src = meta.image;
      image.alt = "";
      image.loading = "lazy";
      image.width = 120;
      image.height = 80;
      li.appendChild(image);
    }
    var body = document.createElement("div");
    var title = document.createElement("h2");
    title.className = "search-result-title";
    var link = document.createElement("a");
    link.href = item.url;
    link.textContent = meta.title || item.url;
    title.appendChild(link);
    body.appendChild(title);
    if (meta.date) {
      var date = document.createElement("p");
      date.className = "search-result-date";
      date.textContent = meta.date;
      body.appendChild(date);
    }
    var words = document.createElement("p");
    words.className = "search-result-excerpt";
    excerpt(item.excerpt || "", words);
    body.appendChild(words);
    li.appendChild(body);
    return li;
  }

  function fromAddress() {
    var params = new URLSearchParams(window.location.search);
    if (params.get("q") && !input.value) { input.value = params.get("q"); }
    if (params.get("sort") === "date") { sort.value = "date"; }
    if (params.get("tag") && !tag.value) { tag.setAttribute("data-wanted", params.get("tag")); }
    if (params.get("year") && !year.value) { year.setAttribute("data-wanted", params.get("year")); }
    if (params.get("section") && !section.value) {
      section.setAttribute("data-wanted", params.get("section"));
    }
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 200);
  });
  [sort, tag, year, section].forEach(function (select) {
    select.addEventListener("change", run);
  });
  [tag, year, section].forEach(function (select) {
    select.addEventListener("focus", fillFilters);
    select.addEventListener("pointerdown", fillFilters);
  });
  root.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
  more.addEventListener("click", function () { showMore(current); });
  older.addEventListener("click", searchOlder);
  fromAddress();
  load();
  // Filters in the address: searched once their values are there, so that a year
  // chosen there merges only its shards.
  if (tag.getAttribute("data-wanted") || year.getAttribute("data-wanted")
      || section.getAttribute("data-wanted")) {
    var go = function () { if (input.value) { run(); } };
    fillFilters().then(go, go);
  } else if (input.value) { run(); }
}());
