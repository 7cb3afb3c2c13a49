// The program form's weekly sessions: "Add a session" appends an empty row (the formset's
// empty form, numbered next), so any schedule — three 3-hour evenings, five mornings — is
// entered and saved at once.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector("[data-add-session]");
    var template = document.getElementById("session-row-template");
    var total = document.querySelector("input[name='sessions-TOTAL_FORMS']");
    var maximum = document.querySelector("input[name='sessions-MAX_NUM_FORMS']");
    var body = document.querySelector(".sessions-table tbody");
    if (!button || !template || !total || !body) { return; }
    button.hidden = false;
    var hint = document.querySelector("[data-no-script-hint]");
    if (hint) { hint.hidden = true; }
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      if (maximum && index >= parseInt(maximum.value, 10)) { return; }
      var holder = document.createElement("tbody");
      holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
      var row = holder.querySelector("tr");
      body.appendChild(row);
      total.value = String(index + 1);
      var first = row.querySelector("select, input:not([type=hidden])");
      if (first) { first.focus(); }
    });
  });
}());
