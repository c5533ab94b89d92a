// The scaling chart of docs/BENCHMARKS.md as a self-contained SVG: decode tok/s against bytes of weights, log-log,
// with this machine's bandwidth bound and the published Raspberry Pi 5 / Jetson Orin Nano figures.

// From ../shared/docs/local-inference-facts.md §2.5–2.6 (weights in GB, decode tok/s).
export const PUBLISHED = [
  { board: 'Pi 5', label: 'Llama-3.2-1B Q4_K_M', gb: 0.77, tps: 11.2 },
  { board: 'Pi 5', label: 'Qwen2.5-1.5B Q4_K_M', gb: 0.94, tps: 10.0 },
  { board: 'Pi 5', label: 'TinyLlama-1.1B Q8_0', gb: 1.17, tps: 9 },
  { board: 'Pi 5', label: 'Llama-3.2-3B Q4_K_M', gb: 1.93, tps: 5.2 },
  { board: 'Orin Nano', label: 'Qwen2.5-1.5B Q4_K_M (Super)', gb: 0.94, tps: 32.1 },
];
export const BOARD_BANDWIDTH_GBS = { 'Pi 5': 11.4, 'Orin Nano': 68 };

const W = 760, H = 460, L = 70, R = 200, T = 40, B = 60;
const esc = s => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function scalingSvg(scaling, title) {
  const ours = scaling.models.map(m => ({ label: m.shape, gb: m.file_bytes / 1e9, tps: m.decode_tps, bound: m.bandwidth_bound_tps }));
  const gbs = [...ours.map(p => p.gb), ...PUBLISHED.map(p => p.gb)];
  const tpss = [...ours.flatMap(p => [p.tps, p.bound]), ...PUBLISHED.map(p => p.tps)].filter(v => v > 0);
  const x0 = Math.log10(Math.min(...gbs) / 1.5), x1 = Math.log10(Math.max(...gbs) * 1.5);
  const y0 = Math.log10(Math.min(...tpss) / 2), y1 = Math.log10(Math.max(...tpss) * 2);
  const x = gb => L + (Math.log10(gb) - x0) / (x1 - x0) * (W - L - R);
  const y = tps => H - B - (Math.log10(tps) - y0) / (y1 - y0) * (H - T - B);
  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  out.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="14">${esc(title)}</text>`);
  for (let e = Math.ceil(y0); e <= Math.floor(y1); e++) {
    out.push(`<line x1="${L}" x2="${W - R}" y1="${y(10 ** e)}" y2="${y(10 ** e)}" stroke="#ddd"/>`);
    out.push(`<text x="${L - 6}" y="${y(10 ** e) + 4}" text-anchor="end">${10 ** e}</text>`);
  }
  for (const gb of [0.01, 0.03, 0.1, 0.3, 1, 3].filter(g => Math.log10(g) >= x0 && Math.log10(g) <= x1)) {
    out.push(`<line x1="${x(gb)}" x2="${x(gb)}" y1="${T}" y2="${H - B}" stroke="#eee"/>`);
    out.push(`<text x="${x(gb)}" y="${H - B + 16}" text-anchor="middle">${gb}</text>`);
  }
  out.push(`<rect x="${L}" y="${T}" width="${W - L - R}" height="${H - T - B}" fill="none" stroke="#888"/>`);
  out.push(`<text x="${(L + W - R) / 2}" y="${H - 18}" text-anchor="middle">weights read per token (GB, log)</text>`);
  out.push(`<text transform="translate(18 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">decode tokens/s (log)</text>`);
  // A bandwidth bound is tps = bytes/s ÷ weight bytes: a straight line of slope −1 on log-log axes.
  const boundLine = (gbPerS, color, dash, label) => {
    const a = 10 ** x0, b = 10 ** x1;
    out.push(`<line x1="${x(a)}" y1="${y(gbPerS / a)}" x2="${x(b)}" y2="${y(gbPerS / b)}" stroke="${color}" stroke-dasharray="${dash}" clip-path="url(#plot)"/>`);
    legend.push({ color, dash, label });
  };
  const legend = [];
  out.push(`<clipPath id="plot"><rect x="${L}" y="${T}" width="${W - L - R}" height="${H - T - B}"/></clipPath>`);
  boundLine(scaling.read_bandwidth_bytes_s / 1e9, '#1f77b4', '6 4', `this machine's bound (${(scaling.read_bandwidth_bytes_s / 1e9).toFixed(1)} GB/s)`);
  boundLine(BOARD_BANDWIDTH_GBS['Pi 5'], '#d62728', '2 3', 'Pi 5 bound (11.4 GB/s)');
  boundLine(BOARD_BANDWIDTH_GBS['Orin Nano'], '#2ca02c', '2 3', 'Orin Nano bound (68 GB/s)');
  for (const p of ours) {
    out.push(`<circle cx="${x(p.gb)}" cy="${y(p.tps)}" r="5" fill="#1f77b4"/>`);
    out.push(`<text x="${x(p.gb) + 8}" y="${y(p.tps) - 6}">${esc(p.label)} ${p.tps.toFixed(1)}</text>`);
  }
  for (const p of PUBLISHED) {
    const color = p.board === 'Pi 5' ? '#d62728' : '#2ca02c';
    out.push(`<rect x="${x(p.gb) - 4}" y="${y(p.tps) - 4}" width="8" height="8" fill="${color}"><title>${esc(`${p.board}: ${p.label}, ${p.tps} tok/s`)}</title></rect>`);
  }
  legend.push({ color: '#1f77b4', marker: 'circle', label: 'EdgeRouter here (Q8_0)' });
  legend.push({ color: '#d62728', marker: 'square', label: 'Pi 5 published' });
  legend.push({ color: '#2ca02c', marker: 'square', label: 'Orin Nano published' });
  legend.forEach((item, i) => {
    const ly = T + 10 + i * 20, lx = W - R + 12;
    if (item.marker === 'circle') out.push(`<circle cx="${lx + 10}" cy="${ly}" r="5" fill="${item.color}"/>`);
    else if (item.marker === 'square') out.push(`<rect x="${lx + 6}" y="${ly - 4}" width="8" height="8" fill="${item.color}"/>`);
    else out.push(`<line x1="${lx}" x2="${lx + 20}" y1="${ly}" y2="${ly}" stroke="${item.color}" stroke-dasharray="${item.dash}"/>`);
    out.push(`<text x="${lx + 26}" y="${ly + 4}" font-size="11">${esc(item.label)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
