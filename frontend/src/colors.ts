// Colours by PLOVER type, grouped by quad so the map reads at a glance: cooperation in greens
// and blues, verbal conflict in ambers, material conflict in reds and purples.
import { h } from "./dom";

export const TYPE_COLOURS: Record<string, string> = {
  // verbal cooperation
  AGREE: "#2a9d8f", CONSULT: "#52b788", SUPPORT: "#74a83b", CONCEDE: "#95d5b2",
  // material cooperation
  COOPERATE: "#1d6fa5", AID: "#48a9e6", RETREAT: "#8ecae6",
  // verbal conflict
  REQUEST: "#e9c46a", ACCUSE: "#f4a261", REJECT: "#e76f51", THREATEN: "#d08c60",
  // material conflict
  PROTEST: "#9b5de5", SANCTION: "#f15bb5", MOBILIZE: "#6d597a", COERCE: "#c1121f",
  ASSAULT: "#6a040f",
};

export function typeColour(type: string): string {
  return TYPE_COLOURS[type] ?? "#888888";
}

/** A small coloured square and the type's name. */
export function typeChip(type: string, mode?: string | null): HTMLElement {
  const swatch = h("span", { class: "swatch", "aria-hidden": "true" });
  swatch.style.background = typeColour(type);
  return h("span", { class: "type-chip", "data-type": type }, swatch, type,
           mode ? h("span", { class: "mode" }, ` / ${mode}`) : null);
}

// The article view's legend: what each highlight colour marks.
export const ROLE_LABELS: Record<string, string> = {
  trigger: "trigger (what happened)",
  actor: "actor (who)",
  recipient: "recipient (to whom)",
  time: "time",
  place: "place",
  attribution: "attribution (according to)",
  factuality: "factuality cue",
  quantity: "quantity",
  evidence: "evidence sentence",
};
// When spans overlap, the innermost meaning wins the colour; the others stay in the tooltip.
export const ROLE_PRIORITY = ["trigger", "actor", "recipient", "place", "time", "quantity",
                              "attribution", "factuality"];
