/** h(tag, attrs, ...children): a small element builder shared by the views. */

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k === "class") el.className = v;
    else if (k === "dataset") Object.assign(el.dataset, v);
    else if (k === "style" && typeof v === "object") Object.assign(el.style, v);
    else if (k in el && typeof v !== "string") el[k] = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/**
 * A section appended to `root` that shows what `render(value)` returns (an array of children)
 * while there is a value and is hidden while there is none: -> {update(value | null)}.
 */
export function sectionFor(root, attrs, render) {
  const box = h("section", attrs);
  root.append(box);
  return {
    update(value) {
      box.hidden = !value;
      if (value) box.replaceChildren(...render(value));
    },
  };
}

/** Size a canvas's backing store to its CSS box times the device pixel ratio; returns the 2-D context. */
export function fitCanvas(canvas, width, height) {
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  const ctx = canvas.getContext("2d");
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}

/** An element whose text is the translation of `key`, marked data-i18n so a language switch rewrites it. */
export function tx(t, key, tag = "span", attrs = {}) {
  return h(tag, { ...attrs, "data-i18n": key }, t(key));
}

/** t(key) if the key is translated, else `fallback`. */
export function tOr(t, key, fallback) {
  const s = t(key);
  return s === key ? fallback : s;
}

/**
 * onScreen(el, onEnter) -> () => bool: whether el is within a screen's height of the viewport.
 * onEnter() runs each time it comes (back) that close. Until the browser's first answer it counts as on screen.
 */
export function onScreen(el, onEnter = () => {}) {
  let near = true;
  new IntersectionObserver((entries) => {
    const now = entries[entries.length - 1].isIntersecting;
    if (now && !near) onEnter();
    near = now;
  }, { rootMargin: "100% 0px" }).observe(el);
  return () => near;
}

/**
 * A button that makes small pictures bigger for a projector: each click steps `target`'s CSS
 * variable `name` through `sizes` (px) and back to the first; the label says what the next click does.
 */
export function sizeButton(t, target, name, sizes, testid) {
  let k = 0;
  const button = h("button", { type: "button", class: "btn small size-toggle", "data-testid": testid });
  const label = () => { button.textContent = t(k === sizes.length - 1 ? "common.smaller" : "common.larger"); };
  button.addEventListener("click", () => {
    k = (k + 1) % sizes.length;
    target.style.setProperty(name, `${sizes[k]}px`);
    target.dataset.size = String(sizes[k]);
    label();
  });
  target.style.setProperty(name, `${sizes[0]}px`);
  target.dataset.size = String(sizes[0]);
  label();
  return { button, relabel: label };
}
