// Small text renderings shared by the views (all return plain strings or text-only elements).
import type { ActorJson, EventJson } from "./api";
import { h } from "./dom";
import { codePointIndex } from "./highlight";

export function people(actors: ActorJson[]): string {
  return actors.map((a) => {
    const code = [a.country, a.sector].filter(Boolean).join("/");
    const label = a.implicit ? `(${a.text})` : a.text;
    return code ? `${label} [${code}]` : label;
  }).join("; ") || "–";
}

export function when(event: EventJson): string {
  if (event.date) return event.date_precision && event.date_precision !== "day"
    ? `${event.date} (${event.date_precision})` : event.date;
  return event.article.pub_date ? `undated (pub. ${event.article.pub_date})` : "undated";
}

export function where(event: EventJson): string {
  const place = event.location;
  if (!place) return event.country_name ?? event.country ?? "–";
  const own = place.name || place.text;
  if (!own) return event.country_name ?? place.country ?? "?";
  return place.country && place.country !== own ? `${own}, ${place.country}` : own;
}

/** The evidence sentence with its trigger in bold, by offsets (code points). */
export function evidenceWithTrigger(event: EventJson, maxLength = 220): HTMLElement {
  const sentence = event.evidence.text;
  const toUnit = codePointIndex(sentence);
  let a = toUnit(event.trigger.start - event.evidence.start);
  let b = toUnit(event.trigger.end - event.evidence.start);
  if (!(b > a && a >= 0 && b <= sentence.length)) { a = b = 0; }
  let lo = 0, hi = sentence.length;
  if (sentence.length > maxLength) { // keep the trigger in view
    lo = Math.max(0, Math.min(a - Math.floor(maxLength / 2), sentence.length - maxLength));
    hi = lo + maxLength;
  }
  return h("span", { class: "evidence" },
    lo > 0 ? "…" : null,
    sentence.slice(lo, Math.max(lo, a)),
    b > a ? h("b", { class: "trigger" }, sentence.slice(a, b)) : null,
    sentence.slice(Math.max(b, lo), hi),
    hi < sentence.length ? "…" : null);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
