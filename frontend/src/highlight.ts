// Text with coded spans highlighted, built from text nodes only.
//
// The API's offsets count Unicode code points (Python string indices); JavaScript strings index
// UTF-16 code units, which differ after any character outside the Basic Multilingual Plane
// (emoji, some CJK). Offsets are converted before slicing, or every highlight after an emoji
// would slide one character to the left.
import { h } from "./dom";
import { ROLE_PRIORITY } from "./colors";

export interface Mark {
  start: number; // code points
  end: number;
  role: string; // trigger, actor, ... or "evidence" / "other-evidence"
  label?: string | null;
  eventId?: string;
}

/** Maps code point offsets to UTF-16 offsets for one text. */
export function codePointIndex(text: string): (offset: number) => number {
  if (!/[\uD800-\uDFFF]/.test(text)) return (offset) => Math.min(offset, text.length);
  const table: number[] = [];
  let unit = 0;
  for (const char of text) { // iterates by code point
    table.push(unit);
    unit += char.length;
  }
  table.push(unit);
  return (offset) => table[Math.max(0, Math.min(offset, table.length - 1))];
}

function primaryRole(roles: string[]): string {
  for (const role of ROLE_PRIORITY) if (roles.includes(role)) return role;
  return roles.includes("evidence") ? "evidence" : roles[0];
}

/**
 * ``text`` as a fragment in which each stretch covered by marks is a <mark> whose classes name
 * every role covering it (the first in ROLE_PRIORITY gives the colour) and whose title lists
 * their labels. ``onPick`` is called with a mark's event id when a stretch of another event's
 * evidence is clicked.
 */
export function highlighted(text: string, marks: Mark[], onPick?: (eventId: string) => void,
                            base = 0): DocumentFragment {
  const toUnit = codePointIndex(text);
  const fragment = document.createDocumentFragment();
  const placed = marks
    .map((m) => ({ ...m, a: toUnit(m.start - base), b: toUnit(m.end - base) }))
    .filter((m) => m.b > m.a && m.a >= 0 && m.b <= text.length);
  const cuts = new Set<number>([0, text.length]);
  for (const m of placed) { cuts.add(m.a); cuts.add(m.b); }
  const points = [...cuts].sort((x, y) => x - y);
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    const piece = text.slice(a, b);
    const covering = placed.filter((m) => m.a <= a && m.b >= b);
    if (!covering.length) {
      fragment.appendChild(document.createTextNode(piece));
      continue;
    }
    const roles = [...new Set(covering.map((m) => m.role))];
    const primary = primaryRole(roles);
    const labels = covering
      .filter((m) => m.role !== "evidence" && m.role !== "other-evidence")
      .map((m) => `${m.role}${m.label ? `: ${m.label}` : ""}`);
    const el = h("mark", {
      class: ["hl", `hl-${primary}`, ...roles.filter((r) => r !== primary).map((r) => `also-${r}`)].join(" "),
      "data-roles": roles.join(" "),
      title: labels.length ? [...new Set(labels)].join("\n") : null,
    }, piece);
    const other = covering.find((m) => m.role === "other-evidence");
    if (other?.eventId && onPick && !roles.includes("evidence")) {
      el.setAttribute("data-event", other.eventId);
      el.setAttribute("tabindex", "0");
      el.addEventListener("click", () => onPick(other.eventId!));
      el.addEventListener("keydown", (e) => { if (e.key === "Enter") onPick(other.eventId!); });
    }
    fragment.appendChild(el);
  }
  return fragment;
}
