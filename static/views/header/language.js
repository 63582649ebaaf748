/** The language toggle in the header: shows the other language's name and reports a click. */

/** mountLanguage(button, {onToggle}) -> {update(lang, t)}. */
export function mountLanguage(button, { onToggle }) {
  button.addEventListener("click", () => onToggle());
  return {
    update(lang, t) {
      button.textContent = lang === "en" ? "한국어" : "English";
      button.setAttribute("aria-label", t("lang.toggle.title"));
    },
  };
}
