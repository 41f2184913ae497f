// The side panel's and options page's CSS (extension pages: a normal document, not a shadow root).
// Print rules make the summary a governors' report (window.print()).
export const panelCss = `
*{box-sizing:border-box}
body{margin:0;font:400 13px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1f24;background:#f6f7f9}
.pn{padding:10px 12px;max-width:1100px}
.pn h1{font-size:16px;margin:0 0 4px}
.pn h2{font-size:14px;margin:14px 0 6px}
.pn-sub{color:#59636e;font-size:12px;margin:0 0 8px}
.pn-card{background:#fff;border:1px solid #d5d9de;border-radius:6px;padding:8px 10px;margin:8px 0}
.pn-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:6px}
.pn-stat{display:flex;flex-direction:column;align-items:flex-start;text-align:left;border:1px solid #d5d9de;border-radius:6px;background:#fff;padding:6px 8px;font:inherit;cursor:pointer}
.pn-stat:hover,.pn-stat[aria-pressed=true]{border-color:#1a56db;background:#eef3fd}
.pn-stat b{font-size:18px;font-variant-numeric:tabular-nums}
.pn-stat small{color:#59636e}
.pn-swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px;vertical-align:baseline;box-shadow:0 0 0 1px rgba(0,0,0,.25)}
.pn-national{font-size:12px;color:#3d444d}
.pn-filters{display:flex;flex-wrap:wrap;gap:6px;align-items:flex-end}
.pn-filters label{display:flex;flex-direction:column;font-size:11px;color:#3d444d}
select,input,textarea,button{font:inherit}
select,input[type=text],input[type=search],input[type=date],input[type=number],textarea{padding:3px 5px;border:1px solid #8a94a0;border-radius:4px;background:#fff}
.pn-btn{padding:4px 10px;border:1px solid #8a94a0;border-radius:4px;background:#fff;cursor:pointer}
.pn-btn-primary{background:#1a56db;border-color:#1a56db;color:#fff}
.pn-btn-danger{background:#b42318;border-color:#b42318;color:#fff}
.pn-btn:disabled{opacity:.5;cursor:default}
button:focus-visible,a:focus-visible,select:focus-visible,input:focus-visible{outline:2px solid #1a56db;outline-offset:1px}
.pn-scroll{overflow-x:auto}
.pn-table{width:100%;border-collapse:collapse;background:#fff;font-size:12px}
.pn-table th,.pn-table td{border-bottom:1px solid #e3e6ea;padding:3px 5px;text-align:left;vertical-align:top}
.pn-table th button{border:0;background:none;padding:0;font-weight:600;cursor:pointer}
.pn-table td.num{text-align:right;font-variant-numeric:tabular-nums}
.pn-table tbody tr:hover{background:#f0f4fa}
.pn-link{border:0;background:none;color:#1a56db;text-decoration:underline;cursor:pointer;padding:0;text-align:left}
.pn-pager{display:flex;gap:8px;align-items:center;margin:6px 0}
.pn-tag{display:inline-block;border:1px solid #8a94a0;border-radius:8px;padding:0 5px;margin:0 2px 2px 0;font-size:11px;background:#fff}
.pn-tag-warn{border-color:#b42318;color:#b42318}
.pn-error{color:#b42318;white-space:pre-wrap}
.pn-ok{color:#1e6b34}
.pn-events{list-style:none;padding:0;margin:0}
.pn-events li{border-left:3px solid #1a56db;padding:2px 8px;margin:4px 0;background:#fff}
.pn-form{display:grid;grid-template-columns:auto 1fr;gap:4px 8px;align-items:center;max-width:480px}
.pn-form label{font-size:12px}
.pn-actions{display:flex;flex-wrap:wrap;gap:6px;margin:6px 0}
.pn-print-only{display:none}
@media print{
  body{background:#fff}
  .pn-no-print{display:none!important}
  .pn-print-only{display:block}
  .pn-stat{border:1px solid #999;break-inside:avoid}
  .pn-card{border:0;padding:0}
}
`;
