/* The safety page's crisis response (spec 10.1, docs/crisis.md).
   The moment a crisis answer is chosen ("right now": Yes or "I'd rather not say"; a plan or
   intention to hurt someone right now: Yes) the crisis help appears under that question and
   is announced, and the safety answers are posted in the background so the emergent referral
   is opened and on call alerted with no button pressed. The post uses fetch with keepalive
   (where a browser lacks keepalive, sendBeacon as well), so it counts even when the tab is
   closed straight after. The endpoint is idempotent. Without this script, "Save and continue"
   leads to the crisis page, which does the same. */
(function () {
  "use strict";

  var KEEPALIVE = typeof Request !== "undefined" && "keepalive" in Request.prototype;
  var CRISIS = [
    { code: "asq_5", values: ["true", "declined"] },
    { code: "harm_others_now", values: ["true"] }
  ];

  function prefixOf(form) {
    var step = form.querySelector('input[name$="-current_step"]');
    return step ? step.value : "";
  }

  function chosen(form, name) {
    var inputs = form.querySelectorAll('input[name="' + name + '"]');
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].checked && !inputs[i].disabled) {
        return inputs[i].value;
      }
    }
    return "";
  }

  function trigger(form) {
    var prefix = prefixOf(form);
    for (var i = 0; i < CRISIS.length; i++) {
      var value = chosen(form, prefix + "-" + CRISIS[i].code);
      if (CRISIS[i].values.indexOf(value) !== -1) {
        return CRISIS[i].code + ":" + value;
      }
    }
    return "";
  }

  function message(name) {
    var template = document.getElementById("crisis-panel-template");
    return (template && template.getAttribute("data-" + name)) || "";
  }

  function Panel(form) {
    this.form = form;
    this.node = null;
    this.sent = "";
    this.inflight = null; // the background post, while it has not answered
  }

  Panel.prototype.show = function (code) {
    if (this.node) {
      return;
    }
    var template = document.getElementById("crisis-panel-template");
    var slot = this.form.querySelector('[data-crisis-slot="' + code + '"]') ||
      this.form.querySelector("[data-crisis-slot]");
    if (!template || !slot) {
      return;
    }
    slot.appendChild(template.content.cloneNode(true));
    this.node = slot.querySelector(".crisis-inline");
    var save = this.node.querySelector("[data-crisis-phone-save]");
    if (save) {
      save.addEventListener("click", this.savePhone.bind(this));
    }
  };

  Panel.prototype.status = function (text) {
    var status = this.node && this.node.querySelector("[data-crisis-status]");
    if (status) {
      status.textContent = text;
    }
  };

  Panel.prototype.told = function (data) {
    if (!data || !data.crisis) {
      return;
    }
    this.status(message("told") + (data.promise ? " " + data.promise : ""));
    var phone = this.node.querySelector("[data-crisis-phone]");
    if (phone && data.needs_phone) {
      phone.querySelector("[data-crisis-phone-why]").textContent = data.phone_request || "";
      phone.hidden = false;
    }
  };

  Panel.prototype.failed = function () {
    this.status(message("failed"));
  };

  Panel.prototype.signal = function (key) {
    if (key === this.sent) {
      return;
    }
    this.sent = key;
    var panel = this;
    var url = this.form.getAttribute("data-crisis-signal");
    if (!KEEPALIVE && navigator.sendBeacon) {
      // Survives the tab closing; the fetch below (idempotent) brings back what was promised.
      navigator.sendBeacon(url, new FormData(this.form));
    }
    if (!window.fetch) {
      return;
    }
    var done = function () { panel.inflight = null; };
    this.inflight = window.fetch(url, {
      method: "POST",
      body: new FormData(this.form),
      keepalive: KEEPALIVE,
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.ok ? response.json() : Promise.reject(response.status);
    }).then(function (data) { panel.told(data); }, function () { panel.failed(); })
      .then(done, done);
  };

  /* "Save and continue" pressed while the background post is still on its way: the two would
     race for the same draft, so the page waits for the post (at most WAIT_MS) and then sends
     the form as the person pressed it. */
  var WAIT_MS = 3000;
  Panel.prototype.holdSubmit = function (event) {
    if (!this.inflight || this.form.getAttribute("data-crisis-waited")) {
      return;
    }
    event.preventDefault();
    var form = this.form;
    var submitter = event.submitter || null;
    form.setAttribute("data-crisis-waited", "1");
    var sent = false;
    var go = function () {
      if (sent) {
        return;
      }
      sent = true;
      if (form.requestSubmit) {
        form.requestSubmit(submitter);
      } else {
        form.submit();
      }
    };
    var timer = window.setTimeout(go, WAIT_MS);
    this.inflight.then(function () {
      window.clearTimeout(timer);
      go();
    });
  };

  Panel.prototype.savePhone = function () {
    var input = this.node.querySelector("#crisis-phone");
    var error = this.node.querySelector("[data-crisis-phone-error]");
    var body = new FormData();
    var token = this.form.querySelector('input[name="csrfmiddlewaretoken"]');
    body.append("csrfmiddlewaretoken", token ? token.value : "");
    body.append("callback-phone", input.value);
    var panel = this;
    window.fetch(this.form.getAttribute("data-crisis-phone-url"), {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      if (!result.ok) {
        error.textContent = (result.data.errors || [message("phone-check")])[0];
        error.hidden = false;
        input.setAttribute("aria-invalid", "true");
        input.focus();
        return;
      }
      error.hidden = true;
      input.removeAttribute("aria-invalid");
      panel.node.querySelector("[data-crisis-phone]").hidden = true;
      panel.status(message("phone-saved") + " " + (result.data.promise || ""));
    }, function () {
      error.textContent = message("phone-retry");
      error.hidden = false;
    });
  };

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-crisis-signal]");
    if (!form) {
      return;
    }
    var panel = new Panel(form);
    function check() {
      var key = trigger(form);
      if (key) {
        panel.show(key.split(":")[0]);
        panel.signal(key);
      }
    }
    form.addEventListener("change", check);
    form.addEventListener("submit", function (event) { panel.holdSubmit(event); });
    check(); // a page opened again with a crisis answer already chosen
  });
})();
