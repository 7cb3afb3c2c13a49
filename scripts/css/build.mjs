// Builds static/css/bootstrap-subset.min.css: Bootstrap's CSS with only the rules the
// portal's pages can use (`make css`, after changing templates or classes in Python/JS).
// Scans every template (ours and crispy-bootstrap5's), the Python that sets widget classes
// and the scripts that toggle classes; keeps the classes Bootstrap's own script (the staff
// menus) and the templates add at run time. The output is committed; the portal never
// needs Node to run.
import { readFileSync, writeFileSync, readdirSync } from "node:fs";
import { PurgeCSS } from "purgecss";

const venvSite = readdirSync(".venv/lib")
  .filter((name) => name.startsWith("python3"))
  .map((name) => `.venv/lib/${name}/site-packages`);

const content = [
  "templates/**/*.html",
  "*/templates/**/*.html",
  "*/templatetags/**/*.py",
  "*/*.py",
  "*/views/**/*.py",
  "*/forms/**/*.py",
  "static/js/**/*.js",
  "*/static/**/*.js",
  ...venvSite.flatMap((site) => [
    `${site}/crispy_bootstrap5/templates/**/*.html`,
    `${site}/crispy_forms/templates/**/*.html`,
    `${site}/django/forms/templates/django/forms/**/*.html`,
  ]),
];

const safelist = {
  standard: [
    // Bootstrap's collapse and dropdown scripts (staff pages) set these.
    "show", "showing", "collapsing", "collapse", "collapse-horizontal", "fade", "dropstart",
    "dropend", "dropup", "active", "disabled",
    // alert-{{ message.tags }}: every level Django's messages framework has.
    "alert-success", "alert-info", "alert-warning", "alert-danger", "alert-debug",
    "was-validated", "is-invalid", "is-valid",
  ],
  greedy: [/data-bs-popper/, /^dropdown-menu/],
};

const [result] = await new PurgeCSS().purge({
  content,
  css: ["static/vendor/bootstrap/bootstrap.min.css"],
  safelist,
  variables: true,
  keyframes: true,
  fontFace: true,
  defaultExtractor: (text) => text.match(/[A-Za-z0-9_:\/-]+/g) || [],
});
const header = readFileSync("static/vendor/bootstrap/bootstrap.min.css", "utf8").match(/^\/\*![\s\S]*?\*\//);
const out = `${header ? header[0] : ""}\n/* Subset for this portal, built by scripts/css/build.mjs (make css). */\n${result.css.replace(header ? header[0] : "", "")}`;
writeFileSync("static/css/bootstrap-subset.min.css", out);
console.log(`static/css/bootstrap-subset.min.css: ${out.length} bytes`);
