/** Lesson text with inline formulas: "$…$" pieces typeset by KaTeX, the rest as plain text. */

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
 * Fill `el` with `text`, its formulas typeset by `katex` (the npm library, served from /vendor).
 * A formula KaTeX cannot read is shown as its source, marked, rather than breaking the page.
 */
export function typeset(el, text, katex) {
  el.replaceChildren();
  for (const piece of pieces(text)) {
    if (piece.text !== undefined) { el.append(piece.text); continue; }
    const span = document.createElement("span");
    span.className = "tex";
    try {
      katex.render(piece.tex, span, { throwOnError: true, strict: "ignore" });
    } catch {
      span.textContent = piece.tex;
      span.classList.add("tex-error");
    }
    el.append(span);
  }
  return el;
}
