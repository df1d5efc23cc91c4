// Progressive enhancement only: every page works without this file.
// Municipality fields suggest registry entries while typing (a native <datalist>); without
// JavaScript the server resolves the typed name and lists the candidates if it is ambiguous.
(function () {
  "use strict";
  function enhance(input, index) {
    var url = input.getAttribute("data-municipality-suggest");
    if (!url || !window.fetch) { return; }
    var list = document.createElement("datalist");
    list.id = "municipality-suggestions-" + index;
    input.parentNode.appendChild(list);
    input.setAttribute("list", list.id);
    var timer = null;
    var last = "";
    input.addEventListener("input", function () {
      var query = input.value.trim();
      if (query.length < 2 || query === last || query.indexOf(";") !== -1) { return; }
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        last = query;
        window.fetch(url + "?q=" + encodeURIComponent(query), { headers: { "Accept": "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) {
            list.textContent = "";
            data.suggestions.forEach(function (label) {
              var option = document.createElement("option");
              option.value = label;
              list.appendChild(option);
            });
          })
          .catch(function () { /* suggestions are optional */ });
      }, 200);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var inputs = document.querySelectorAll("input[data-municipality-suggest]");
    for (var i = 0; i < inputs.length; i++) { enhance(inputs[i], i); }
  });
})();
