/** Typeset TeX with KaTeX (npm, served from /vendor/katex); its stylesheet is linked on first use. */
import katex from "katex";

function linkStylesheet() {
  if (document.querySelector("link[href$='katex.min.css']")) return;
  document.head.append(Object.assign(document.createElement("link"), { rel: "stylesheet", href: "/vendor/katex/katex.min.css" }));
}

/** A span holding `source` typeset (inline, or as a display block); bad TeX shows as red source, never throws. */
export function math(source, { display = false, cls = "" } = {}) {
  linkStylesheet();
  const span = document.createElement("span");
  span.className = `bp-math ${cls}`.trim();
  katex.render(source, span, { throwOnError: false, displayMode: display, output: "htmlAndMathml" });
  return span;
}
