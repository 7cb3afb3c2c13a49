// Take the reader straight to the field whose message says what to fix (the referral page
// loads this only when a form came back with errors).
document.addEventListener("DOMContentLoaded", function () {
  var field = document.querySelector(".detail-grid .is-invalid, .detail-grid .alert-danger");
  if (!field) { return; }
  var details = field.closest("details");
  if (details) { details.open = true; }
  field.scrollIntoView({block: "center"});
  if (field.focus) { field.focus({preventScroll: true}); }
});
