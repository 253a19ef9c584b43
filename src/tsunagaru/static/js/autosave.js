/* Autosave of a long form (form[data-autosave-url]): each field is saved a moment after it is
 * typed, and kept on this device (localStorage) until the server has it. So nothing typed is
 * lost when the login ends, the connection drops or the browser is closed: the next time the
 * page opens, what the device still holds is put back and saved. Without JavaScript the form's
 * own 「保存」 button saves everything (grants/application_views.py: application_edit).
 *
 * The server answers JSON: {saved: [names], errors: {name: message}, time, grant}; 401 when the
 * login has ended, 409 when the application can no longer be changed.
 */
(function () {
  "use strict";

  var DELAY = 800;

  function setup(form) {
    var url = form.dataset.autosaveUrl;
    var key = "tsunagaru:" + form.dataset.autosaveKey;
    var status = form.querySelector(".autosave-status");
    var pending = load();
    var timer = null;
    var sending = false;

    function load() {
      try {
        return JSON.parse(window.localStorage.getItem(key) || "{}");
      } catch (e) {
        return {};
      }
    }
    function store() {
      try {
        if (Object.keys(pending).length) window.localStorage.setItem(key, JSON.stringify(pending));
        else window.localStorage.removeItem(key);
      } catch (e) {
        /* a private window may refuse: the server copy is still saved */
      }
    }
    function say(text, link) {
      if (!status) return;
      status.textContent = text;
      if (link) {
        var a = document.createElement("a");
        a.href = form.dataset.loginUrl;
        a.textContent = form.dataset.loginLink;
        status.append(" ", a);
      }
    }
    function valueOf(field) {
      if (field.type === "checkbox") return field.checked ? "on" : "";
      return field.value;
    }
    function showErrors(errors) {
      form.querySelectorAll(".autosave-error").forEach(function (node) { node.remove(); });
      Object.keys(errors || {}).forEach(function (name) {
        var field = form.elements[name];
        if (!field || !field.parentNode) return;
        var p = document.createElement("p");
        p.className = "errorlist autosave-error";
        p.id = "autosave-error-" + name;
        p.textContent = errors[name];
        field.parentNode.append(p);
        field.setAttribute("aria-invalid", "true");
      });
    }
    function send() {
      timer = null;
      var names = Object.keys(pending);
      if (!names.length) return;
      if (sending) {
        timer = window.setTimeout(send, DELAY);
        return;
      }
      sending = true;
      var body = new FormData();
      body.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
      names.forEach(function (name) { body.append(name, pending[name]); });
      var sent = Object.assign({}, pending);
      say(form.dataset.savingText);
      fetch(url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        redirect: "manual",
        headers: { "X-Requested-With": "fetch" }
      })
        .then(function (response) {
          if (response.status === 401 || response.type === "opaqueredirect" || response.status === 403) {
            say(form.dataset.loginText, true);
            return null;
          }
          if (response.status === 409) {
            say(form.dataset.lockedText);
            return null;
          }
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (answer) {
          if (!answer) return;
          // What was saved (and not typed again since) leaves the device's copy.
          (answer.saved || []).forEach(function (name) {
            if (pending[name] === sent[name]) delete pending[name];
            var field = form.elements[name];
            if (field && field.removeAttribute) field.removeAttribute("aria-invalid");
          });
          Object.keys(answer.errors || {}).forEach(function (name) {
            if (pending[name] === sent[name]) delete pending[name];
          });
          store();
          showErrors(answer.errors);
          say(form.dataset.savedText + " " + answer.time);
          var grant = document.getElementById("grant-amount");
          if (grant && answer.grant) grant.textContent = answer.grant;
        })
        .catch(function () {
          say(form.dataset.offlineText);
        })
        .finally(function () {
          sending = false;
        });
    }
    function changed(event) {
      var field = event.target;
      if (!field.name || field.name === "csrfmiddlewaretoken") return;
      pending[field.name] = valueOf(field);
      store();
      if (timer) window.clearTimeout(timer);
      timer = window.setTimeout(send, DELAY);
    }

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    // Typing again after a failure (the login came back, the connection too) tries again.
    window.addEventListener("online", function () { send(); });

    // What the device kept from last time goes back into the fields, then to the server.
    var restored = false;
    Object.keys(pending).forEach(function (name) {
      var field = form.elements[name];
      if (!field || field.type === "file") return;
      if (field.type === "checkbox") field.checked = pending[name] === "on";
      else if (field.value !== pending[name]) field.value = pending[name];
      restored = true;
    });
    if (restored) {
      say(form.dataset.restoredText);
      send();
    }
  }

  document.querySelectorAll("form[data-autosave-url]").forEach(setup);
})();
