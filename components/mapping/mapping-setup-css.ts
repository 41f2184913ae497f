// CSS for the "Read another MIS" section of the options page (used with components/panel/panel-css.ts,
// whose .pn-card frames it). Every state has text as well as colour.
export const mappingSetupCss = `
.mapping-setup .mapping-preview{font-weight:600;padding:6px 8px;background:#eef3fd;border-left:3px solid #1a56db;margin:8px 0}
.mapping-setup .mapping-codes{border-collapse:collapse;margin:8px 0}
.mapping-setup .mapping-codes caption{text-align:left;font-weight:600;margin-bottom:4px}
.mapping-setup .mapping-codes th,.mapping-setup .mapping-codes td{border:1px solid #d5d9de;padding:3px 8px;text-align:left}
.mapping-setup .mapping-codes code{font-size:14px}
.mapping-setup .mapping-ok{color:#14532d;background:#e7f6ec;padding:4px 8px}
.mapping-setup .mapping-error{color:#7a1010;background:#fde2e1;padding:4px 8px}
.mapping-setup ul.mapping-error{padding-left:24px}
.mapping-setup .mapping-list{padding-left:18px}
`;
