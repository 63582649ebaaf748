/**
 * Formulas typeset by KaTeX (npm, served from /vendor/katex): the one place the page calls it.
 * Lessons write inline formulas as "$…$" inside their text; the Backprop panel builds TeX itself.
 */
import katex from "katex";

/** KaTeX's stylesheet (its fonts sit beside it under /vendor/katex), linked once. */
export function linkStyles() {
  if (document.querySelector("link[data-katex]")) return;
  const link = Object.assign(document.createElement("link"), { rel: "stylesheet", href: "/vendor/katex/katex.min.css" });
  link.dataset.katex = "";
  document.head.append(link);
}

/** "a $x^2$ b" -> [{text: "a "}, {tex: "x^2"}, {text: " b"}]; an unmatched "$" stays text. Pure. */
export function pieces(text) {
  const out = [];
  const re = /\$([^$]+)\$/g;
  let at = 0;
  for (const m of String(text).matchAll(re)) {
    if (m.index > at) out.push({ text: text.slice(at, m.index) });
    out.push({ tex: m[1] });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}

/**
 * A span holding `source` typeset (inline, or as a display block). TeX that KaTeX cannot read is
 * shown as its source, marked .tex-error, rather than breaking the page.
 */
export function math(source, { display = false, cls = "" } = {}) {
  linkStyles();
  const span = document.createElement("span");
  span.className = `tex ${cls}`.trim();
  try {
    katex.render(source, span, { throwOnError: true, strict: "ignore", displayMode: display, output: "htmlAndMathml" });
  } catch {
    span.textContent = source;
    span.classList.add("tex-error");
  }
  return span;
}

/** Fill `el` with `text`, its "$…$" formulas typeset. */
export function typeset(el, text) {
  el.replaceChildren(...pieces(text).map((piece) => (piece.text !== undefined ? piece.text : math(piece.tex))));
  return el;
}
