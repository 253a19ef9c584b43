/* Forms, enhanced where JavaScript runs (CSP-safe: no inline script, no inline style).
 * Without this file every form still works: checkbox lists are plain lists, and the
 * 「住所を入力」 button posts the form, which comes back with the address filled in.
 *
 * 1. A long checkbox list (.choice-list[data-choice-filter]) gets a filter box above it.
 * 2. The 郵便番号 button (button[data-postcode-url]) fills the address fields in place.
 */
(function () {
  "use strict";

  var MIN_CHOICES = 8;

  // Compare without width, case or kana kind: 「ｶﾀｶﾅ」, 「カタカナ」 and 「かたかな」 match.
  function fold(text) {
    return text
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[\u30a1-\u30f6]/g, function (c) {
        return String.fromCharCode(c.charCodeAt(0) - 0x60);
      });
  }

  function reading(option) {
    var input = option.querySelector("input");
    return (input && input.dataset.reading) || "";
  }

  function addChoiceFilter(list) {
    var options = list.querySelectorAll(".choice-list__option");
    if (list.dataset.filterReady || options.length < MIN_CHOICES) return;
    list.dataset.filterReady = "1";
    var id = (list.id || "choices") + "-filter";
    var box = document.createElement("div");
    box.className = "choice-filter";
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = list.dataset.filterLabel || "";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    if (list.id) input.setAttribute("aria-controls", list.id);
    var none = document.createElement("p");
    none.className = "choice-filter__none";
    none.setAttribute("role", "status");
    box.append(label, input);
    list.before(box);
    list.after(none);
    input.addEventListener("input", function () {
      var query = fold(input.value.trim());
      var shown = 0;
      options.forEach(function (option) {
        // A checked choice stays visible: filtering never hides what was chosen.
        var match =
          !query ||
          fold(option.textContent + " " + reading(option)).indexOf(query) !== -1 ||
          option.querySelector("input:checked") !== null;
        option.hidden = !match;
        if (match) shown += 1;
      });
      none.textContent = shown ? "" : list.dataset.filterNone || "";
    });
  }

  function fillAddress(button) {
    var form = button.form;
    var code = form.elements[button.dataset.postcodeField];
    var status = document.getElementById(button.dataset.postcodeStatus);
    if (!code || !code.value.trim()) return false;
    var url = button.dataset.postcodeUrl + "?code=" + encodeURIComponent(code.value);
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        return response.json();
      })
      .then(function (data) {
        if (status) status.textContent = data.message || "";
        if (!data.found) return;
        code.value = data.postcode;
        ["prefecture", "city", "town", "rest"].forEach(function (part) {
          var name = button.dataset["fill" + part.charAt(0).toUpperCase() + part.slice(1)];
          var target = name && form.elements[name];
          if (target && (part !== "rest" || data.rest)) target.value = data[part];
        });
        var next = form.elements[button.dataset.fillRest];
        if (next) next.focus();
      })
      .catch(function () {
        form.requestSubmit(button); // the page does it without JavaScript
      });
    return true;
  }

  function enhance(root) {
    root.querySelectorAll(".choice-list[data-choice-filter]").forEach(addChoiceFilter);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-postcode-url]");
    if (button && fillAddress(button)) event.preventDefault();
  });
  // Enter in the postcode box looks the address up (elsewhere Enter sends the form).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.isComposing || !event.target.closest) return;
    var box = event.target.closest(".postcode");
    var button = box && box.querySelector("button[data-postcode-url]");
    if (button && event.target.tagName === "INPUT" && fillAddress(button)) event.preventDefault();
  });
  document.addEventListener("htmx:load", function (event) {
    enhance(event.detail.elt);
  });
  enhance(document);
})();
