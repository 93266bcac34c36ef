/**
 * The live map: agents at their positions (km), coloured by knowledge, ICT or kind, sized
 * by employees, with their ties; inter-regional ties drawn dark and thick so they stand
 * out, local ties light. Two stacked canvases: the ties, drawn as two paths (local,
 * inter-regional), and over them the agents, drawn into a pixel buffer (discs.ts) and the
 * selection; 2,000 agents and their ties draw in a few milliseconds.
 */
import { scheme } from 'vega';
import { KINDS } from '../src/engine/population.js';
import { CATEGORY_COLORS, TIE_COLORS } from '../src/charts/theme.js';
import type { MapFrame } from '../src/explorer/frame.js';
import type { ColorBy } from '../src/explorer/setup.js';
import { DiscLayer, rgbOf } from './discs.js';

const BINS = 32;
/**
 * The ties' canvas has half the pixels a side of the agents' (the browser scales it up):
 * thousands of long anti-aliased lines are most of the map's drawing time, and a light
 * mesh under the agents loses little by being softer.
 */
const TIES_RESOLUTION = 0.5;
const KIND_LABELS: Record<string, string> = {
  sme: 'SME', leading: 'Leading firm', kibs: 'Business services', research: 'Research institution',
  competenceCentre: 'Competence centre', assistanceCentre: 'Assistance centre',
};

/** 32 colours of a colour-blind-safe sequential scheme (viridis, cividis), from vega's schemes. */
function palette(name: string): string[] {
  const interp = scheme(name) as (t: number) => string;
  return Array.from({ length: BINS }, (_, k) => interp(k / (BINS - 1)));
}

export class MapView {
  private frame: MapFrame | null = null;
  private bounds = { x0: 0, y0: 0, span: 1 };
  private knowledgeMax = 1;
  private colorBy: ColorBy = 'knowledge';
  private readonly palettes = { knowledge: palette('viridis'), ict: palette('cividis') };
  private readonly rgb = {
    knowledge: this.palettes.knowledge.map(rgbOf),
    ict: this.palettes.ict.map(rgbOf),
    kind: CATEGORY_COLORS.map(rgbOf),
  };
  private readonly discs = new DiscLayer();
  selected: number | null = null;
  /** Something changed since the last draw. */
  dirty = true;
  private selectedPartners = new Set<number>();
  /** Draw times of the last frames, for the frame-rate figure. */
  private drawTimes: number[] = [];
  private frameTimes: number[] = [];

  /** The canvas's size in CSS px, kept by a ResizeObserver: reading clientWidth at every frame would force a layout of the whole page. */
  private size = { w: 0, h: 0 };

  /** `canvas`: the agents and the selection, on top (it takes clicks and keys); `tiesCanvas`: under it. */
  constructor(private readonly canvas: HTMLCanvasElement, private readonly tiesCanvas: HTMLCanvasElement, private readonly legend: HTMLElement) {
    this.size = { w: canvas.clientWidth, h: canvas.clientHeight };
    new ResizeObserver(([e]) => {
      this.size = { w: e.contentRect.width, h: e.contentRect.height };
      this.dirty = true;
    }).observe(canvas);
  }

  /** A new run: fit the map to its agents, reset the colour scale. */
  reset(frame: MapFrame): void {
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity, kmax = 0;
    for (let k = 0; k < frame.n; k++) {
      x0 = Math.min(x0, frame.x[k]); x1 = Math.max(x1, frame.x[k]);
      y0 = Math.min(y0, frame.y[k]); y1 = Math.max(y1, frame.y[k]);
      kmax = Math.max(kmax, frame.knowledge[k]);
    }
    if (frame.n === 0) [x0, x1, y0, y1] = [0, 1, 0, 1];
    const span = Math.max(x1 - x0, y1 - y0, 1) * 1.1;
    this.bounds = { x0: (x0 + x1) / 2 - span / 2, y0: (y0 + y1) / 2 - span / 2, span };
    this.knowledgeMax = Math.max(kmax, 1e-9);
    this.selected = null;
    this.selectedPartners.clear();
    this.frame = frame;
    this.dirty = true;
    this.drawLegend();
  }

  setFrame(frame: MapFrame): void {
    this.frame = frame;
    this.dirty = true;
    for (let k = 0; k < frame.n; k++) if (frame.knowledge[k] > this.knowledgeMax) this.knowledgeMax = frame.knowledge[k];
  }

  setColorBy(c: ColorBy): void {
    this.colorBy = c;
    this.dirty = true;
    this.drawLegend();
  }

  select(id: number | null, partners: number[] = []): void {
    this.selected = id;
    this.selectedPartners = new Set(partners);
    this.dirty = true;
  }

  private scale(): { s: number; ox: number; oy: number; w: number; h: number; dpr: number } {
    const dpr = window.devicePixelRatio || 1;
    const { w, h } = this.size;
    for (const [c, res] of [[this.canvas, dpr], [this.tiesCanvas, dpr * TIES_RESOLUTION]] as const) {
      if (c.width !== Math.round(w * res) || c.height !== Math.round(h * res)) {
        c.width = Math.round(w * res);
        c.height = Math.round(h * res);
      }
    }
    const side = Math.min(w, h);
    return { s: side / this.bounds.span, ox: (w - side) / 2, oy: (h - side) / 2, w, h, dpr };
  }

  private radius(employees: number): number {
    return Math.min(9, 1.6 + 0.28 * Math.sqrt(employees));
  }

  /** Screen positions of every agent (y grows upwards on the map), into reused buffers. */
  private xs = new Float32Array(0);
  private ys = new Float32Array(0);
  private positions(m: ReturnType<MapView['scale']>): void {
    const f = this.frame!;
    if (this.xs.length < f.n) {
      this.xs = new Float32Array(f.n * 2);
      this.ys = new Float32Array(f.n * 2);
    }
    const { x0, y0 } = this.bounds, bottom = m.h - m.oy;
    for (let k = 0; k < f.n; k++) {
      this.xs[k] = m.ox + (f.x[k] - x0) * m.s;
      this.ys[k] = bottom - (f.y[k] - y0) * m.s;
    }
  }

  private bin(k: number): number {
    const f = this.frame!;
    if (this.colorBy === 'kind') return f.kind[k];
    const v = this.colorBy === 'knowledge' ? f.knowledge[k] / this.knowledgeMax : f.ict[k];
    return Math.max(0, Math.min(BINS - 1, Math.floor(v * (BINS - 1) + 0.5)));
  }

  draw(): void {
    const f = this.frame;
    const t0 = performance.now();
    const ctx = this.canvas.getContext('2d');
    const tctx = this.tiesCanvas.getContext('2d');
    if (!ctx || !tctx || !f) return;
    this.dirty = false;
    const m = this.scale();
    const tr = m.dpr * TIES_RESOLUTION;
    tctx.setTransform(tr, 0, 0, tr, 0, 0);
    tctx.fillStyle = '#ffffff';
    tctx.fillRect(0, 0, m.w, m.h);
    this.positions(m);
    const xs = this.xs, ys = this.ys;
    // Ties: local ones first, light; inter-regional ones on top, dark and thick.
    for (const inter of [0, 1]) {
      tctx.beginPath();
      for (let t = 0; t < f.interRegional.length; t++) {
        if (f.interRegional[t] !== inter) continue;
        const a = f.ties[2 * t], b = f.ties[2 * t + 1];
        tctx.moveTo(xs[a], ys[a]);
        tctx.lineTo(xs[b], ys[b]);
      }
      tctx.strokeStyle = inter ? TIE_COLORS.interRegional : TIE_COLORS.local;
      tctx.globalAlpha = inter ? 0.85 : 0.45;
      tctx.lineWidth = inter ? 1.6 : 0.8;
      tctx.stroke();
    }
    tctx.globalAlpha = 1;
    // Agents: small ones first, then those of 3.5 px and more, outlined (they are the ones that overlap).
    const colours = this.rgb[this.colorBy];
    this.discs.begin(this.canvas.width, this.canvas.height);
    for (const big of [false, true]) {
      for (let k = 0; k < f.n; k++) {
        const r = this.radius(f.employees[k]);
        if (r >= 3.5 !== big) continue;
        this.discs.disc(xs[k] * m.dpr, ys[k] * m.dpr, r * m.dpr, colours[this.bin(k) % colours.length], big);
      }
    }
    this.discs.put(ctx);
    ctx.setTransform(m.dpr, 0, 0, m.dpr, 0, 0);
    this.drawSelection(ctx, f, xs, ys);
    const t1 = performance.now();
    this.drawTimes.push(t1 - t0);
    this.frameTimes.push(t1);
    if (this.drawTimes.length > 120) this.drawTimes.shift();
    while (this.frameTimes.length && this.frameTimes[0] < t1 - 1000) this.frameTimes.shift();
  }

  private drawSelection(ctx: CanvasRenderingContext2D, f: MapFrame, xs: Float32Array, ys: Float32Array): void {
    if (this.selected === null) return;
    const k = f.id.indexOf(this.selected);
    if (k < 0) return;
    ctx.strokeStyle = '#D55E00';
    ctx.lineWidth = 2;
    ctx.beginPath();
    for (let q = 0; q < f.n; q++) {
      if (!this.selectedPartners.has(f.id[q])) continue;
      ctx.moveTo(xs[k], ys[k]);
      ctx.lineTo(xs[q], ys[q]);
    }
    ctx.stroke();
    ctx.beginPath();
    ctx.arc(xs[k], ys[k], this.radius(f.employees[k]) + 4, 0, 2 * Math.PI);
    ctx.lineWidth = 3;
    ctx.stroke();
  }

  /** Frames drawn in the last second, and the median time to draw one (ms of script). */
  stats(): { fps: number; drawMs: number } {
    const d = [...this.drawTimes].sort((a, b) => a - b);
    return { fps: this.frameTimes.length, drawMs: d.length ? d[d.length >> 1] : 0 };
  }

  /**
   * Time to draw the current frame `n` times, each time forced through to pixels (reading one
   * back), in ms per frame: what the map costs apart from the display's own schedule.
   */
  benchmark(n: number): number {
    // One pixel copied to a small canvas made for reading forces the map's drawing through.
    const probe = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
    const t0 = performance.now();
    for (let k = 0; k < n; k++) {
      this.draw();
      probe.drawImage(this.tiesCanvas, 0, 0, 1, 1, 0, 0, 1, 1);
      probe.drawImage(this.canvas, 0, 0, 1, 1, 0, 0, 1, 1);
      probe.getImageData(0, 0, 1, 1);
    }
    return (performance.now() - t0) / n;
  }

  /** The id of the agent drawn nearest to a point of the canvas (CSS px), within 10 px. */
  agentAt(cx: number, cy: number): number | null {
    const f = this.frame;
    if (!f) return null;
    this.positions(this.scale());
    let best = -1, bestD = 100;
    for (let k = 0; k < f.n; k++) {
      const d = (this.xs[k] - cx) ** 2 + (this.ys[k] - cy) ** 2;
      if (d < bestD) { bestD = d; best = k; }
    }
    return best >= 0 ? f.id[best] : null;
  }

  /** Ties in the current frame. */
  ties(): number {
    return this.frame ? this.frame.interRegional.length : 0;
  }

  /** Agent ids, largest first (keyboard selection walks through them in this order). */
  idsBySize(): number[] {
    const f = this.frame;
    if (!f) return [];
    return Array.from(f.id.keys()).sort((a, b) => f.employees[b] - f.employees[a] || f.id[a] - f.id[b]).map((k) => f.id[k]);
  }

  private drawLegend(): void {
    const items: string[] = [];
    if (this.colorBy === 'kind') {
      KINDS.forEach((k, i) => items.push(`<span class="swatch" style="background:${CATEGORY_COLORS[i]}"></span>${KIND_LABELS[k]}`));
    } else {
      const p = this.palettes[this.colorBy];
      const label = this.colorBy === 'knowledge' ? 'Knowledge (0 to the run\'s highest)' : 'ICT adoption (0–1)';
      items.push(`${label} <span class="gradient" style="background:linear-gradient(to right, ${p.join(',')})"></span> low → high`);
    }
    items.push(`<span class="line" style="border-color:${TIE_COLORS.local}"></span>tie within a region`);
    items.push(`<span class="line thick" style="border-color:${TIE_COLORS.interRegional}"></span>inter-regional tie`);
    items.push('size: employees');
    this.legend.innerHTML = items.map((s) => `<span class="item">${s}</span>`).join('');
  }
}
