// Beacon MIS (the first demo MIS, demo/web) described by a table mapping: what a school with Beacon
// would save from the options page. For tests: beacon-mapping.test.ts checks it reads exactly what the
// hand-written demo adapter reads; overlay-anchors.test.ts that its overlays go where the demo's do.
export const beaconMapping = {
  format: 'attendance-overlay/mis-mapping',
  version: 1,
  id: 'beacon-mis',
  name: 'Beacon MIS',
  detect: { selector: 'nav.mis-sidenav .mis-sidenav__foot', text: 'Beacon MIS' },
  register: {
    url: '^/register/[^/?]+',
    table: 'table.reg-grid',
    orientation: 'pupils-as-rows',
    rows: ':scope > thead > tr, :scope > tbody.reg-body > tr',
    headerLines: 2,
    labelCells: 2, // the name, then "Att %"
    pupilId: { cell: 0, selector: 'a', from: 'href', pattern: '^/pupils/([^/?#]+)' },
    name: { cell: 0, selector: 'a', from: 'text' },
    nameOrder: 'surname-first',
    sessions: { date: 'd/m' }, // "Mon 16/11" over "AM"
    week: { from: 'page', value: { selector: 'table.reg-grid', from: 'attribute', attribute: 'aria-label' }, format: 'd/m/y' },
    mark: { sources: [{ selector: 'span.att-mark', from: 'text' }], pendingCell: 'td.att-cell--dirty' },
    formId: { from: 'url', pattern: '^/register/([^/?]+)' },
    formName: { selector: 'main#mis-main nav.mis-breadcrumb > :last-child', from: 'text' },
  },
  codes: {},
};
