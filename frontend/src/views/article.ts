// One article with every coded field highlighted on the words it came from. The selected event's
// evidence sentence is shaded and its fields coloured by role; the other events' sentences are
// underlined and can be clicked to select them.
import type { ArticleJson, EventJson } from "../api";
import { h, safeHref } from "../dom";
import { ROLE_LABELS, typeChip } from "../colors";
import { highlighted, type Mark } from "../highlight";
import { people, when, where } from "../format";

const LEGEND_ROLES = ["evidence", "trigger", "actor", "recipient", "time", "place",
                      "attribution", "factuality", "quantity"];

export function articleView(article: ArticleJson, selectedId: string | null,
                            select: (eventId: string) => void): HTMLElement {
  const selected = article.events.find((e) => e.id === selectedId) ?? article.events[0] ?? null;
  const marks: Mark[] = [];
  for (const event of article.events) {
    if (selected && event.id === selected.id) continue;
    marks.push({ start: event.evidence.start, end: event.evidence.end, role: "other-evidence",
                 eventId: event.id, label: event.type });
  }
  if (selected) {
    marks.push({ start: selected.evidence.start, end: selected.evidence.end, role: "evidence",
                 eventId: selected.id });
    for (const span of selected.spans) {
      marks.push({ start: span.start, end: span.end, role: span.role, label: span.label,
                   eventId: selected.id });
    }
  }
  const text = h("div", { class: "article-text", id: "article-text" },
                 highlighted(article.text, marks, select));
  // Only http(s) URLs become links; anything else (javascript:, data:) is shown as text.
  const link = !article.url ? null : safeHref(article.url) === null
    ? h("span", { class: "source-link unsafe", title: "not an http(s) address" }, article.url)
    : h("a", { href: article.url, rel: "noopener noreferrer nofollow", target: "_blank",
               class: "source-link" }, article.url);
  return h("section", { class: "article-view", id: "article-view", "data-article": article.id },
    h("p", {}, h("a", { href: "#/", class: "back" }, "← Dashboard")),
    h("h2", { class: "article-title", id: "article-title" }, article.title ?? "(untitled)"),
    h("p", { class: "meta" },
      [article.source, article.pub_date ?? "publication date unknown",
       article.focus_country ? `about ${article.focus_country}` : null]
        .filter(Boolean).join(" · "),
      link ? " · " : null, link),
    h("div", { class: "legend role-legend", "aria-label": "Highlight colours" },
      ...LEGEND_ROLES.map((role) => h("span", { class: `legend-item hl hl-${role}` },
                                      ROLE_LABELS[role]))),
    h("div", { class: "row article-row" },
      h("div", { class: "panel" }, text),
      h("div", { class: "panel side" },
        h("h3", {}, `${article.events.length} event${article.events.length === 1 ? "" : "s"} coded`),
        h("ol", { class: "event-list" }, ...article.events.map((event) =>
          h("li", { class: event.id === selected?.id ? "current" : null, "data-event": event.id },
            h("button", { type: "button", class: "linklike", onclick: () => select(event.id),
                          "aria-pressed": event.id === selected?.id ? "true" : "false" },
              typeChip(event.type, event.mode)),
            h("span", { class: "small muted" }, ` ${event.trigger.text}`)))),
        selected ? eventFields(selected) : h("p", { class: "muted" }, "No events were coded."))));
}

function eventFields(event: EventJson): HTMLElement {
  const q = event.quantity;
  const quantity = ["people", "dead", "injured"].filter((k) => q[k] !== null && q[k] !== undefined)
    .map((k) => `${k} ${q[k]}`).join(", ") || (q.qualitative ? String(q.qualitative) : "–");
  const rows: [string, string | HTMLElement][] = [
    ["type", typeChip(event.type, event.mode)],
    ["context", event.context.join(", ") || "–"],
    ["actor", people(event.actor)],
    ["recipient", people(event.recipient)],
    ["when", when(event) + (event.date_note ? ` (${event.date_note})` : "")],
    ["where", where(event)],
    ["factuality", event.factuality],
    ["according to", event.attribution ?? "–"],
    ["quantity", quantity],
    ["confidence", event.confidence.toFixed(2)],
    ["ACLED", event.acled ? `${event.acled.event_type} / ${event.acled.sub_event_type}` : "–"],
    ["event id", event.id],
  ];
  return h("div", { class: "event-fields", id: "event-fields", "data-event": event.id },
    h("table", {}, h("tbody", {}, ...rows.map(([name, value]) =>
      h("tr", {}, h("th", {}, name), h("td", {}, value))))),
    event.story_id ? h("p", {}, h("a", { href: `#/story/${encodeURIComponent(event.story_id)}` },
                                  "Story: who else reported it →")) : null);
}
