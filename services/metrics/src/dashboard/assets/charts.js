// Small SVG charts written for the dashboard (no chart library, nothing from a CDN). Each chart is a picture of the
// table beside it: screen readers get the table, the SVG is labelled as an image summarising it.

const SVG = 'http://www.w3.org/2000/svg';

function el(name, attributes = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

function svgRoot(width, height, label) {
  const svg = el('svg', {
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': label,
    class: 'chart-svg',
  });
  svg.append(el('title', {}, label));
  return svg;
}

/**
 * Horizontal bars, one group per category and one bar per series, on a 0..max scale. `classOf(value, series)` gives
 * a bar's CSS class (the on-time bands), `format` the value's label at the bar's end; `labelWidth` leaves room for
 * long category names.
 */
export function barChart({ label, categories, series, max = 1, format, classOf, labelWidth = 170 }) {
  const barHeight = 16;
  const gap = 4;
  const groupHeight = series.length * (barHeight + gap) + 10;
  const left = labelWidth;
  const width = 470 + labelWidth;
  const plot = width - left - 70;
  const legendHeight = series.length > 1 ? 24 : 0;
  const height = Math.max(40, categories.length * groupHeight + 10 + legendHeight);
  const svg = svgRoot(width, height, label);
  categories.forEach((category, i) => {
    const top = legendHeight + i * groupHeight + 5;
    svg.append(
      el(
        'text',
        { x: left - 8, y: top + groupHeight / 2, class: 'axis-label', 'text-anchor': 'end' },
        category,
      ),
    );
    series.forEach((s, j) => {
      const value = s.values[i];
      const y = top + j * (barHeight + gap);
      const w = value === null || value === undefined ? 0 : Math.max(1, (Math.min(value, max) / max) * plot);
      svg.append(
        el('rect', {
          x: left,
          y,
          width: w,
          height: barHeight,
          class: classOf ? classOf(value, s) : s.className,
        }),
      );
      svg.append(el('text', { x: left + w + 6, y: y + barHeight - 3, class: 'value-label' }, format(value)));
    });
  });
  svg.append(el('line', { x1: left, y1: legendHeight, x2: left, y2: height - 5, class: 'axis' }));
  if (series.length > 1) legend(svg, series, left);
  return svg;
}

function legend(svg, series, left) {
  let x = left;
  for (const s of series) {
    svg.append(el('rect', { x, y: 4, width: 12, height: 12, class: s.className }));
    const text = el('text', { x: x + 16, y: 14, class: 'legend-label' }, s.name);
    svg.append(text);
    x += 24 + s.name.length * 7;
  }
}

/**
 * Lines over months: series on the left axis (counts, from 0 to their maximum) and on the right axis (rates, 0..1).
 * Each point is also marked, so a single month still shows.
 */
export function lineChart({ label, categories, series, formatLeft, formatRight }) {
  const width = 640;
  const height = 280;
  const [left, right, top, bottom] = [50, 60, 34, 40];
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const svg = svgRoot(width, height, label);
  const highest = Math.max(
    0,
    ...series.filter((s) => s.axis === 'left').flatMap((s) => s.values.map((v) => v ?? 0)),
  );
  // A multiple of 4, so each of the four grid lines falls on a whole count.
  const leftMax = Math.max(4, Math.ceil(highest / 4) * 4);
  const x = (i) => left + (categories.length === 1 ? plotW / 2 : (i * plotW) / (categories.length - 1));
  const y = (value, axis) => top + plotH - (axis === 'left' ? value / leftMax : value) * plotH;
  for (let k = 0; k <= 4; k += 1) {
    const gy = top + (plotH * k) / 4;
    svg.append(el('line', { x1: left, y1: gy, x2: left + plotW, y2: gy, class: 'grid' }));
    svg.append(
      el(
        'text',
        { x: left - 6, y: gy + 4, class: 'axis-label', 'text-anchor': 'end' },
        formatLeft(Math.round(leftMax * (1 - k / 4))),
      ),
    );
    svg.append(el('text', { x: left + plotW + 6, y: gy + 4, class: 'axis-label' }, formatRight(1 - k / 4)));
  }
  categories.forEach((category, i) => {
    svg.append(
      el(
        'text',
        { x: x(i), y: height - bottom + 18, class: 'axis-label', 'text-anchor': 'middle' },
        category,
      ),
    );
  });
  for (const s of series) {
    const points = s.values.map((v, i) => (v === null || v === undefined ? null : [x(i), y(v, s.axis)]));
    const d = points
      .map((p, i) =>
        p ? `${i === 0 || !points[i - 1] ? 'M' : 'L'}${p[0].toFixed(1)},${p[1].toFixed(1)}` : '',
      )
      .join(' ');
    svg.append(el('path', { d, class: `line ${s.className}` }));
    for (const p of points)
      if (p) svg.append(el('circle', { cx: p[0], cy: p[1], r: 3.5, class: `dot ${s.className}` }));
  }
  legend(svg, series, left);
  return svg;
}
