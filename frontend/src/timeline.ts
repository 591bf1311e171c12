// Stacked bars of event counts by type per day/week/month, drawn as plain SVG: a chart library
// would be most of the bundle for one chart. Clicking a bar narrows the date filter to it.
import type { TimelineJson } from "./api";
import { clear, h, svg } from "./dom";
import { typeChip, typeColour } from "./colors";

const WIDTH = 640, HEIGHT = 230, LEFT = 34, BOTTOM = 22, TOP = 8, RIGHT = 8;

function bucketEnd(start: string, interval: TimelineJson["interval"]): string {
  const day = new Date(`${start}T00:00:00Z`);
  if (interval === "day") return start;
  if (interval === "week") day.setUTCDate(day.getUTCDate() + 6);
  else { day.setUTCMonth(day.getUTCMonth() + 1); day.setUTCDate(0); }
  return day.toISOString().slice(0, 10);
}

export function renderTimeline(container: HTMLElement, data: TimelineJson,
                               onRange: (since: string, until: string) => void,
                               onType: (type: string) => void): void {
  clear(container);
  const n = data.buckets.length;
  container.dataset.buckets = String(n);
  if (!n) {
    container.append(h("p", { class: "muted empty" }, "No dated events match."));
    return;
  }
  const totals = data.buckets.map((_, i) => data.types.reduce((s, t) => s + data.counts[t][i], 0));
  const max = Math.max(1, ...totals);
  const plotW = WIDTH - LEFT - RIGHT, plotH = HEIGHT - TOP - BOTTOM;
  const step = plotW / n;
  // A gap between bars when there is room; never wider than 48 units, however few bars.
  const barW = Math.min(48, Math.max(1, step - (step > 4 ? 1 : 0)));
  const inset = (step - barW) / 2;
  const chart = svg("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "timeline-svg",
                             role: "img", "aria-label": "Events by type over time" });
  // y axis: zero and the maximum, with a faint gridline at the top.
  chart.append(
    svg("line", { x1: LEFT, x2: WIDTH - RIGHT, y1: TOP, y2: TOP, class: "grid" }),
    svg("line", { x1: LEFT, x2: WIDTH - RIGHT, y1: TOP + plotH, y2: TOP + plotH, class: "axis" }),
    svg("text", { x: LEFT - 4, y: TOP + 8, class: "tick", "text-anchor": "end" }, String(max)),
    svg("text", { x: LEFT - 4, y: TOP + plotH, class: "tick", "text-anchor": "end" }, "0"),
  );
  data.buckets.forEach((start, i) => {
    const end = bucketEnd(start, data.interval);
    const group = svg("g", { class: "bar", "data-start": start });
    let y = TOP + plotH;
    // Most frequent type at the bottom, so the big layers line up across bars.
    for (const type of data.types) {
      const count = data.counts[type][i];
      if (!count) continue;
      const barH = (count / max) * plotH;
      y -= barH;
      group.append(svg("rect", { x: LEFT + i * step + inset, y, width: barW, height: barH,
                                 fill: typeColour(type) },
        svg("title", {}, `${start === end ? start : `${start} – ${end}`} · ${type}: ${count}`)));
    }
    group.addEventListener("click", () => onRange(start, end));
    chart.append(group);
  });
  // x axis: first, middle and last bucket.
  const ticks = n === 1 ? [0] : n === 2 ? [0, 1] : [0, Math.floor((n - 1) / 2), n - 1];
  for (const i of ticks) {
    const anchor = i === 0 ? "start" : i === n - 1 ? "end" : "middle";
    const x = LEFT + i * step + (anchor === "end" ? step : anchor === "middle" ? step / 2 : 0);
    chart.append(svg("text", { x, y: HEIGHT - 6, class: "tick", "text-anchor": anchor },
                     data.buckets[i]));
  }
  const notes: string[] = [`by ${data.interval}`];
  if (data.before || data.after) {
    notes.push(`${data.before + data.after} event${data.before + data.after === 1 ? "" : "s"} with far-off dates not drawn`);
  }
  if (data.undated) notes.push(`${data.undated} undated`);
  container.append(
    chart,
    h("div", { class: "legend" },
      ...data.types.map((t) => h("button", { type: "button", class: "legend-item",
                                             title: `Show only ${t}`, onclick: () => onType(t) },
                                 typeChip(t)))),
    h("div", { class: "muted small" }, notes.join(" · ")),
  );
}
