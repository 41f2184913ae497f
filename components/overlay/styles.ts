// The overlays' CSS, injected into each shadow root only (overlays never style the MIS page, and the
// MIS's CSS cannot reach in). Compact, so a badge fits in a dense register row; every state has text
// as well as colour. `:host { all: initial }` stops the MIS's inherited fonts and colours.
// A register name cell is often white-space:nowrap: the row overlay (.att-row, .att-chips) never
// wraps, so the MIS's table sizes the column to fit it (horizontal scroll at worst) instead of the
// badges spilling over. Row sizes are logical (inline-size, block-size): in a vertical header cell
// (the host keeps the cell's writing mode: overlays/mount.ts) the chips run along the pupil's name and
// the evidence popover is turned back to horizontal text. No comments inside the string: it ships in
// the content script as written.
export const overlayCss = `
:host{all:initial;display:inline-block;vertical-align:middle}
.att-root{font:400 12px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1f24;text-align:left;white-space:normal;letter-spacing:normal;word-spacing:normal;text-transform:none;font-style:normal}
:host([data-att-kind=card]){display:block;margin:8px 0}
*{box-sizing:border-box}
button{font:inherit;color:inherit;cursor:pointer}
button:focus-visible,.att-pop:focus-visible{outline:2px solid #1a56db;outline-offset:1px}
.att-visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.att-row{display:inline-block;position:relative;margin-inline-start:6px;vertical-align:middle}
.att-chips{display:inline-flex;flex-wrap:nowrap;align-items:center;gap:3px;white-space:nowrap}
.att-chips .att-band-label,.att-chips .att-stage-label{display:inline-block;max-inline-size:9.5em;overflow:hidden;text-overflow:ellipsis;vertical-align:top}
.att-chips .att-stage-label{max-inline-size:8.5em}
.att-badge,.att-chip{display:inline-flex;align-items:center;gap:4px;padding:0;padding-inline:6px;block-size:18px;border:1px solid #8a94a0;border-radius:9px;background:#fff;font-size:11px;white-space:nowrap}
.att-badge-none{color:#59636e;border-style:dashed}
.att-swatch{width:8px;height:8px;border-radius:2px;background:#c3c9d0;flex:none;box-shadow:0 0 0 1px rgba(0,0,0,.25)}
.att-pct{font-variant-numeric:tabular-nums;font-weight:600}
.att-epn{font-variant-numeric:tabular-nums;font-weight:600}
.att-epn-approaching{background:#fff4d6;border-color:#b7791f;color:#5c3d00}
.att-epn-met{background:#fde2e1;border-color:#b42318;color:#7a1010}
.att-epn-provisional{background:#fde2e1;border:1px dashed #b42318;color:#7a1010}
.att-prov{font-weight:400;font-style:italic}
.att-icon{display:inline-flex;align-items:center;justify-content:center;width:12px;height:12px;border-radius:50%;background:#b42318;color:#fff;font-size:9px;font-weight:700}
.att-stage{background:#e8effd;border-color:#3451b2;color:#1c2f7a}
.att-arrow{font-weight:700}
.att-warn{display:flex;gap:6px;align-items:flex-start;margin-top:3px;padding:3px 6px;background:#fff3cd;border-left:3px solid #b42318;color:#4a1400;font-size:11.5px;white-space:normal}
.att-warn-compact{inline-size:300px;margin-top:2px}
.att-more{margin-left:4px;padding:0 4px;border:1px solid #b7791f;border-radius:3px;background:#fff;font-size:10.5px;color:#5c3d00}
.att-warn ul{margin:0;padding-left:14px}
.att-warn-icon{flex:none;width:14px;height:14px;border-radius:50%;background:#b42318;color:#fff;font-weight:700;font-size:10px;display:inline-flex;align-items:center;justify-content:center}
.att-pop{writing-mode:horizontal-tb;position:absolute;top:100%;left:0;z-index:2147483000;margin:4px 0 0;width:340px;max-width:calc(100vw - 8px);max-height:70vh;overflow:auto;padding:8px 10px;background:#fff;color:#1b1f24;border:1px solid #8a94a0;border-radius:6px;box-shadow:0 6px 20px rgba(0,0,0,.22);font-size:12px;white-space:normal;text-align:left}
.att-pop[popover]{position:fixed;inset:auto;margin:0}
.att-pop-head{display:flex;justify-content:space-between;align-items:flex-start;gap:8px}
.att-pop h2{font-size:13px;margin:0 0 4px}
.att-close{border:1px solid #8a94a0;background:#f4f5f7;border-radius:4px;width:22px;height:22px;line-height:1;font-size:15px;padding:0}
.att-sec{border-top:1px solid #e3e6ea;padding:5px 0}
.att-sec h3{font-size:12px;margin:0 0 3px}
.att-sec p,.att-card p{margin:2px 0}
.att-sec ul,.att-list{margin:2px 0;padding-left:16px}
.att-dl{display:grid;grid-template-columns:auto 1fr auto 1fr;gap:1px 8px;margin:0}
.att-dl dt{color:#59636e}
.att-dl dd{margin:0;font-variant-numeric:tabular-nums;font-weight:600}
.att-note{color:#7a1010}
.att-ok{color:#1e6b33}
.att-sessions{color:#3d444d}
.att-card{width:100%;max-width:520px;border:1px solid #b8c0c8;border-radius:6px;background:#fff;padding:4px 8px 6px}
.att-card .att-sec{border:0;padding:2px 0}
.att-card .att-sec h3{display:none}
.att-card-top{display:flex;flex-wrap:wrap;align-items:center;gap:6px;padding:2px 0 4px}
.att-big{font-size:22px;font-weight:700;font-variant-numeric:tabular-nums}
.att-flag{padding:0 6px;border-radius:9px;background:#7a1010;color:#fff;font-size:11px;font-weight:600}
.att-muted{color:#59636e;font-size:11px}
.att-col{border-top:1px solid #e3e6ea}
.att-card-main{border:0}
.att-col-head{display:flex;width:100%;align-items:center;gap:6px;padding:4px 0;background:none;border:0;text-align:left}
.att-col-title{font-weight:600}
.att-card-main>.att-col-head .att-col-title{font-size:13px}
.att-col-sum{margin-left:auto;color:#3d444d;font-variant-numeric:tabular-nums}
.att-caret{width:10px;color:#59636e}
.att-col-body{padding:0 0 4px 16px}
.att-card-main>.att-col-body{padding-left:0}
.att-grid{border-collapse:collapse;font-variant-numeric:tabular-nums;margin:2px 0}
.att-grid th{font-weight:600;color:#3d444d;padding:1px 4px;font-size:11px}
.att-grid abbr{text-decoration:none}
.att-grid thead td{border:0}
.att-grid tbody td{width:34px;height:22px;text-align:center;border:1px solid #d0d5db;font-weight:600}
.att-h0{background:#fff;color:#8a94a0;font-weight:400!important}
.att-h1{background:#fdeceb}
.att-h2{background:#f8c9c4}
.att-h3{background:#ef8f86}
.att-h4{background:#c5221f;color:#fff}
.att-top{outline:2px solid #1b1f24;outline-offset:-2px}
`;
