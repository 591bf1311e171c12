// One story: which outlets reported what and when, denials and corrections in sequence, and the
// status each claim left the story in.
import type { StoryJson } from "../api";
import { h } from "../dom";
import { typeChip } from "../colors";
import { plural } from "../format";

export function storyView(story: StoryJson): HTMLElement {
  const period = story.first_reported === story.last_reported
    ? story.first_reported ?? "undated" : `${story.first_reported} → ${story.last_reported}`;
  return h("section", { class: "story-view", id: "story-view", "data-story": story.id },
    h("p", {}, h("a", { href: "#/", class: "back" }, "← Dashboard")),
    h("h2", {}, typeChip(story.type, story.mode), " ",
      h("span", { class: `status status-${story.status}`, id: "story-status" }, story.status)),
    h("p", { class: "meta" },
      [story.country_name ?? story.country ?? "country unknown", period].join(" · ")),
    h("div", { class: "story-counts" },
      h("div", { class: "big-number", id: "corroboration" },
        h("strong", {}, String(story.corroboration)),
        h("span", {}, story.corroboration === 1 ? "article reports it" : "articles report it")),
      h("div", { class: "big-number" },
        h("strong", {}, String(story.sources.length)),
        h("span", {}, story.sources.length === 1 ? "outlet named" : "outlets named")),
      h("div", { class: "big-number" },
        h("strong", {}, String(story.claims.length)),
        h("span", {}, story.claims.length === 1 ? "claim" : "claims"))),
    story.sources.length
      ? h("p", { class: "outlets" }, "Outlets: ", story.sources.join(", ")) : null,
    h("h3", {}, "Claims in the order they were made"),
    h("div", { class: "table-wrap" },
      h("table", { class: "claims", id: "claims-table" },
        h("thead", {}, h("tr", {}, ...["#", "Stated", "Outlet", "Article", "Claim",
                                         "According to", "Evidence", "Story status after"]
          .map((c) => h("th", {}, c)))),
        h("tbody", {}, ...story.claims.map((claim) => h("tr", {
            "data-factuality": claim.factuality,
            class: claim.factuality === "denied" || claim.factuality === "negated" ? "denial"
              : claim.status === "corrected" && claim.status_changed ? "correction" : null },
          h("td", {}, String(claim.step + 1)),
          h("td", { class: "nowrap" }, claim.stated_on ?? "undated"),
          h("td", {}, claim.source ?? "–"),
          h("td", {}, h("a", { href: `#/article/${encodeURIComponent(claim.article_id)}?event=${encodeURIComponent(claim.event_id)}` },
                        claim.article_title ?? claim.article_id)),
          h("td", {}, h("span", { class: `fact fact-${claim.factuality}` }, claim.factuality)),
          h("td", {}, claim.attribution ?? "–"),
          h("td", { class: "evidence-cell" }, claim.evidence),
          h("td", {}, claim.status
            ? h("span", { class: `status status-${claim.status}` }, claim.status) : "–",
            claim.reason ? h("div", { class: "small muted" }, claim.reason) : null)))))),
    h("p", { class: "muted small" },
      `${plural(story.event_ids.length, "coded event")} linked as one happening.`));
}
