// Building the page without ever parsing data as HTML.
//
// Every stored string (titles, article text, actor names, outlet names) comes from news text or
// from whoever called the ingest API, so it is untrusted. This module is the only way views make
// elements: strings become text nodes (textContent), attributes go through setAttribute with a
// fixed allow-list, and links only ever point at http(s) URLs or at the dashboard's own routes.
// No view uses innerHTML, insertAdjacentHTML or document.write.

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

const ALLOWED_ATTRS = new Set([
  "class", "title", "id", "type", "name", "value", "placeholder", "for", "role", "colspan",
  "min", "max", "list", "tabindex", "aria-label", "aria-live", "aria-pressed", "aria-selected",
  "aria-hidden", "disabled", "selected", "checked", "autocomplete", "spellcheck", "rel", "target",
]);

/** An element with attributes and children; strings become text, never markup. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K, attrs: Attrs = {}, ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2), value as EventListener);
    } else if (key === "href") {
      const safe = safeHref(String(value));
      if (safe !== null) el.setAttribute("href", safe);
    } else if (key.startsWith("data-") || ALLOWED_ATTRS.has(key)) {
      el.setAttribute(key, value === true ? "" : String(value));
    } else {
      throw new Error(`attribute ${key} is not on the allow-list`);
    }
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "string" || typeof child === "number"
      ? document.createTextNode(String(child)) : child);
  }
}

/** An SVG element (the timeline); attribute values are numbers or fixed strings. */
export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K, attrs: Record<string, string | number> = {}, ...children: Child[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  append(el, ...children);
  return el;
}

/** The URL if it is safe to link to (http, https, or a route of this page), else null. */
export function safeHref(url: string): string | null {
  if (url.startsWith("#")) return url;
  try {
    const parsed = new URL(url, window.location.href);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

export function clear(el: Element): void {
  el.replaceChildren();
}
