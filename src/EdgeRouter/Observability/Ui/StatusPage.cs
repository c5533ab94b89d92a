using System.Security.Cryptography;
using System.Text;

namespace EdgeRouter.Host.Observability.Ui;

/// <summary>
/// GET /ui: one self-contained page (inline CSS and JS, no external assets, works offline) that polls /status every
/// 2 s. Served with a CSP that admits exactly this page's script and style by hash, and fetches only from this origin.
/// </summary>
internal static class StatusPage
{
    public static string Html { get; } = $"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>edgerouter status</title>
        <style>{Style}</style>
        </head>
        <body>
        <header><h1>edgerouter</h1><span id="meta">connecting…</span><span id="conn" class="badge">…</span></header>
        <main>
        <section class="cards">
        <div class="card" id="model"><h2>Model</h2><p class="big" data-field="state">-</p><p data-field="detail"></p></div>
        <div class="card" id="gate"><h2>Gate</h2><p class="big" data-field="load">-</p><p data-field="detail"></p></div>
        <div class="card" id="thermal"><h2>Thermal</h2><p class="big" data-field="level">-</p><p data-field="detail"></p></div>
        </section>
        <section><h2>Tiers</h2><table id="tiers"><thead><tr><th>Tier</th><th>State</th><th>Until</th><th>Reason</th><th>In flight</th><th>Health</th><th>Next probe</th></tr></thead><tbody></tbody></table></section>
        <section><h2>Routes</h2><table id="routes"><thead><tr><th>Route</th><th>Chain</th><th>Pinned</th></tr></thead><tbody></tbody></table></section>
        <section><h2>Recent transitions</h2><ol id="transitions"></ol></section>
        </main>
        <script>{Script}</script>
        </body>
        </html>
        """;

    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; script-src '{Hash(Script)}'; style-src '{Hash(Style)}'; connect-src 'self'; img-src 'none'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private const string Style = """
        :root{--bg:#111;--fg:#eee;--dim:#999;--card:#1c1c1c;--ok:#2e7d32;--warn:#b26a00;--bad:#c62828;--info:#1565c0}
        *{box-sizing:border-box}body{margin:0;font:15px/1.4 system-ui,sans-serif;background:var(--bg);color:var(--fg)}
        header{display:flex;flex-wrap:wrap;gap:.6em;align-items:baseline;padding:.8em 1em;border-bottom:1px solid #333}
        h1{font-size:1.2em;margin:0}h2{font-size:1em;margin:.2em 0 .5em;color:var(--dim)}#meta{color:var(--dim);flex:1}
        main{padding:0 1em 2em;max-width:60em}section{margin-top:1em}
        .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(12em,1fr));gap:.8em}
        .card{background:var(--card);border-radius:8px;padding:.6em .9em}.card p{margin:.2em 0}.big{font-size:1.3em;font-weight:600}
        table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:.35em .4em;border-bottom:1px solid #2a2a2a;vertical-align:top}
        th{color:var(--dim);font-weight:normal}td.reason{color:var(--dim);word-break:break-word}
        .badge{display:inline-block;padding:.05em .5em;border-radius:1em;background:#333;font-size:.9em}
        .ok{background:var(--ok)}.warn{background:var(--warn)}.bad{background:var(--bad)}.info{background:var(--info)}
        ol{list-style:none;padding:0;margin:0}li{padding:.35em 0;border-bottom:1px solid #2a2a2a}li time{color:var(--dim);margin-right:.5em}
        @media (max-width:34em){th:nth-child(4),td.reason{display:none}body{font-size:14px}}
        td.health small{color:var(--dim);margin-left:.4em}
        """;

    private const string Script = """
        'use strict';
        const $ = (s) => document.querySelector(s);
        let last = null, skew = 0;
        const tone = {ready:'ok',up:'ok',normal:'ok',busy:'info',loading:'info','half-open':'info',warm:'warn',cooling:'warn',
          shedding:'bad',hot:'bad',open:'bad',disabled:'bad',failed:'bad',warning:'warn',critical:'bad',info:'info',debug:'',
          'in-service':'ok',probing:'info',down:'bad',held:'bad'};
        function el(tag, text, cls) { const e = document.createElement(tag); if (text != null) e.textContent = text; if (cls) e.className = cls; return e; }
        function badge(word) { return el('span', word, 'badge ' + (tone[word] || '')); }
        function left(iso) {
          if (!iso) return '';
          const s = Math.round((Date.parse(iso) - (Date.now() + skew)) / 1000);
          if (s <= 0) return 'now';
          const m = Math.floor(s / 60), h = Math.floor(m / 60);
          return 'in ' + (h > 0 ? h + 'h ' + (m % 60) + 'm' : m > 0 ? m + 'm ' + (s % 60) + 's' : s + 's');
        }
        function untilCell(iso) { const cell = el('td', left(iso), 'until'); if (iso) cell.dataset.until = iso; return cell; }
        function health(h) {
          const cell = el('td', null, 'health');
          if (!h) return cell;
          cell.append(badge(h.state));
          const detail = (h.state !== 'in-service' ? h.probe_successes + '/' + h.successes_to_recover + ' probes · ' : '') + h.transitions + ' transitions';
          cell.append(el('small', detail));
          return cell;
        }
        function clock(iso) { return new Date(iso).toLocaleTimeString(); }
        function field(card, name, text) { $(card + ' [data-field="' + name + '"]').textContent = text; }
        function render(s) {
          $('#meta').textContent = 'v' + s.version + ' · ' + s.listen + ' · up ' + Math.floor(s.uptime_seconds / 60) + ' min · updated ' + clock(s.now);
          field('#model', 'state', s.model.state);
          field('#model', 'detail', (s.model.name || '') + (s.model.context_length ? ' · ctx ' + s.model.context_length : '') + ' · ' + s.model.reason);
          if (s.gate) {
            field('#gate', 'load', s.gate.running + ' running · ' + s.gate.queued + '/' + s.gate.queue_length + ' queued');
            field('#gate', 'detail', s.gate.admitted + ' admitted · ' + s.gate.rejected + ' refused · ' + s.gate.timed_out + ' timed out');
          } else { field('#gate', 'load', 'n/a'); field('#gate', 'detail', 'no local gate'); }
          const t = s.thermal;
          field('#thermal', 'level', t.level + (t.celsius != null ? ' · ' + t.celsius.toFixed(1) + ' °C' : ''));
          field('#thermal', 'detail', (t.shedding ? 'shedding local work' : 'not shedding') + (t.under_voltage ? ' · UNDER-VOLTAGE' : '') + ' · since ' + clock(t.since));
          const tiers = $('#tiers tbody'); tiers.replaceChildren();
          for (const tier of s.tiers) {
            const row = el('tr'); row.dataset.tier = tier.name;
            row.append(el('td', tier.name));
            const state = el('td'); state.append(badge(tier.state)); row.append(state);
            row.append(untilCell(tier.until));
            row.append(el('td', tier.reason || '', 'reason'), el('td', tier.in_flight != null ? String(tier.in_flight) : ''));
            row.append(health(tier.health), untilCell(tier.health && tier.health.next_probe));
            tiers.append(row);
          }
          const routes = $('#routes tbody'); routes.replaceChildren();
          for (const r of s.routes) { const row = el('tr'); row.dataset.route = r.name; row.append(el('td', r.name), el('td', r.chain.join(' › ')), el('td', r.pinned || '')); routes.append(row); }
          if (s.routes.length === 0) { const row = el('tr'); row.append(el('td', 'local only')); routes.append(row); }
          const list = $('#transitions'); list.replaceChildren();
          for (const e of s.transitions.slice(0, 20)) {
            const item = el('li'); item.dataset.kind = e.kind;
            const time = el('time', clock(e.timestamp)); time.dateTime = e.timestamp;
            item.append(time, badge(e.severity), ' ', el('strong', e.kind), ' ' + e.subject + (e.class ? ' (' + e.class + ')' : '') + (e.reason ? ' — ' + e.reason : ''));
            list.append(item);
          }
          if (s.transitions.length === 0) list.append(el('li', 'no transitions yet'));
        }
        function tick() { for (const cell of document.querySelectorAll('td.until[data-until]')) cell.textContent = left(cell.dataset.until); }
        async function poll() {
          try {
            const response = await fetch('/status', {cache: 'no-store'});
            if (!response.ok) throw new Error('HTTP ' + response.status);
            last = await response.json(); skew = Date.parse(last.now) - Date.now();
            render(last); $('#conn').textContent = 'live'; $('#conn').className = 'badge ok';
          } catch (err) { $('#conn').textContent = 'offline: ' + err.message; $('#conn').className = 'badge bad'; }
        }
        poll(); setInterval(poll, 2000); setInterval(tick, 1000);
        """;

    private static string Hash(string inline) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inline)));
}
