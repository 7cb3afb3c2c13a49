/* Public screener: reveal conditional questions in place, and move focus to the error summary.
   The form works fully without this file: hidden questions are then asked on a follow-up page. */
(function () {
  "use strict";

  function checkedValues(form, name) {
    var values = [];
    var inputs = form.querySelectorAll("input");
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      if (input.name === name && input.checked && !input.disabled) {
        values.push(input.value);
      }
    }
    return values;
  }

  function applies(form, block) {
    var prefix = block.getAttribute("data-prefix");
    var controllers = block.getAttribute("data-when").split(" ");
    var triggers = block.getAttribute("data-values").split(" ");
    return controllers.some(function (code) {
      var name = prefix ? prefix + "-" + code : code;
      return checkedValues(form, name).some(function (value) {
        return triggers.indexOf(value) !== -1;
      });
    });
  }

  function update(form) {
    var blocks = form.querySelectorAll("[data-when]");
    for (var i = 0; i < blocks.length; i++) {
      var block = blocks[i];
      var show = applies(form, block);
      if (block.hidden !== show) {
        continue; // unchanged
      }
      block.hidden = !show;
      var fields = block.querySelectorAll("input, select, textarea");
      for (var j = 0; j < fields.length; j++) {
        fields[j].disabled = !show;
      }
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll("form[data-screener-form]");
    for (var i = 0; i < forms.length; i++) {
      (function (form) {
        update(form);
        form.addEventListener("change", function () { update(form); });
      })(forms[i]);
    }
    var summary = document.getElementById("error-summary");
    if (summary) {
      summary.focus();
    }
  });
})();
