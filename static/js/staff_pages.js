// Small helpers for every staff page (no inline scripts, so a strict CSP can stay strict).
(function () {
  "use strict";

  // After a refused save, take the reader to the field whose message says what to fix.
  function showFirstError() {
    var field = document.querySelector("[data-has-errors] .is-invalid, [data-has-errors] .alert-danger.form-error");
    if (!field) { return; }
    var details = field.closest("details");
    if (details) { details.open = true; }
    field.scrollIntoView({ block: "center" });
    if (field.focus) { field.focus({ preventScroll: true }); }
  }

  // Queue: "select all" ticks every row on the page; the bulk bar counts the ticked rows.
  function bulkSelection() {
    document.addEventListener("change", function (event) {
      var box = event.target;
      if (!box.matches || !box.matches("[data-select-all], [data-select-row]")) { return; }
      var table = box.closest("#queue-live") || document;
      if (box.matches("[data-select-all]")) {
        table.querySelectorAll("[data-select-row]").forEach(function (row) { row.checked = box.checked; });
      }
      var count = table.querySelectorAll("[data-select-row]:checked").length;
      var label = document.querySelector("[data-selected-count]");
      if (label) { label.textContent = count ? count + " selected" : "None selected"; }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    showFirstError();
    bulkSelection();
  });
}());
