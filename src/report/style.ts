/**
 * The report's one stylesheet, inlined: screen layout up to 1180 px, A4 print
 * rules (page size, margins, no split figures), tabular figures, and text that
 * wraps instead of overflowing its box. Colours are the palette's (svg.ts).
 */
import { COLOUR } from './svg.js';

/**
 * The stylesheet.
 *
 * @example
 * ```ts
 * `<style>${STYLE}</style>`;
 * ```
 */
export const STYLE = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#fff;color:${COLOUR.ink};font:14px/1.5 system-ui,"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","WenQuanYi Zen Hei","Microsoft YaHei",sans-serif}
main{max-width:1180px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}
h1 .sub{font-weight:normal;color:${COLOUR.muted};font-size:18px}
h2{font-size:19px;margin:28px 0 8px;padding-bottom:4px;border-bottom:2px solid ${COLOUR.line}}
h3{font-size:15px;margin:18px 0 6px}
p,li,figcaption,summary,h1,h2,h3{overflow-wrap:break-word}
.meta,.muted{color:${COLOUR.muted}}
nav ol{display:flex;flex-wrap:wrap;gap:4px 18px;padding:0;margin:8px 0;list-style:none}
a{color:${COLOUR.line}}
.notes{border-left:4px solid ${COLOUR.alarm};background:#fdf3f2;padding:8px 14px;margin:12px 0}
.notes h2{border:0;margin:0;font-size:15px}
.notes ul{margin:4px 0;padding-left:18px}
.notice{border-left:4px solid ${COLOUR.alarm};background:#fdf3f2;padding:10px 14px;margin:8px 0}
.alarm-line{color:${COLOUR.alarm};font-weight:bold}
.kpis{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:12px}
.kpi{border:1px solid ${COLOUR.grid};border-radius:6px;padding:10px 12px;min-width:0}
.kpi-l{color:${COLOUR.muted};font-size:13px}
.kpi-v{font-size:26px;font-weight:bold;font-variant-numeric:tabular-nums}
.delta{font-size:12px;color:${COLOUR.muted}}
.tw{max-width:100%}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums;margin:6px 0}
th,td{border-bottom:1px solid ${COLOUR.grid};padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f4f4f4;font-weight:600;font-size:13px}
td.n,th.n{text-align:right}
td.n,table.roll td:first-child{white-space:nowrap}
table.assess{font-size:13px}
table.assess small.raw{display:block;color:${COLOUR.muted};font-size:11px;white-space:nowrap}
table.calls{font-size:13px}
ul.ev{margin:0;padding-left:16px}
ul.legend li{margin:2px 0}
figure{margin:10px 0;min-width:0}
figcaption{font-weight:600;font-size:13px;margin-top:2px}
svg.chart{display:block;max-width:100%;height:auto}
svg.chart text{font-family:inherit}
details{margin:4px 0}
summary{cursor:pointer;color:${COLOUR.line}}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:8px 18px}
figure.alarm figcaption{color:${COLOUR.alarm}}
@media (max-width:720px){.kpis{grid-template-columns:repeat(2,minmax(0,1fr))}}
@page{size:A4;margin:12mm}
@media print{
  main{max-width:none;padding:0}
  body{font-size:11px}
  nav{display:none}
  .kpis{grid-template-columns:repeat(4,minmax(0,1fr))}
  table.assess,table.calls{font-size:9.5px}
  table.assess small.raw{font-size:8.5px}
  th{font-size:inherit}
  th,td{padding:2px 3px}
  figure,tr,.kpi{break-inside:avoid}
  h2,h3{break-after:avoid}
  .grid{grid-template-columns:repeat(2,minmax(0,1fr))}
}
`;
