// The mapping that reads Kestrel MIS (demo/alt) with the configurable table adapter: the worked
// example of docs/mapping.md, and what the tests and a new user's options-page setup should arrive at.
// Plain data (the demo does not import the extension): adapters/table/parse-mapping.ts validates it.
import { KESTREL_LOCAL_CODES } from './alt-mark.ts';

export const kestrelMapping = {
  format: 'attendance-overlay/mis-mapping',
  version: 1,
  id: 'kestrel-mis',
  name: 'Kestrel MIS',
  detect: { selector: '.k-foot', text: 'Kestrel MIS' },
  register: {
    url: '^/alt/register\\?',
    table: 'table.k-register',
    orientation: 'pupils-as-columns',
    rows: 'thead tr, tbody tr',
    headerLines: 2,
    labelCells: 1,
    pupilId: { cell: 0, selector: 'a', from: 'href', pattern: '/alt/pupil/([^/?#]+)' },
    name: { cell: 0, selector: 'a', from: 'text' },
    nameOrder: 'surname-first',
    sessions: { date: 'weekday' },
    week: { from: 'page', value: { selector: '#k-wc', from: 'text' }, format: 'd mon y' },
    mark: {
      sources: [
        { selector: 'img', from: 'attribute', attribute: 'alt' },
        { selector: 'i', from: 'attribute', attribute: 'class', pattern: 'icon-([a-z-]+)' },
        { from: 'text' },
      ],
    },
    formId: { selector: 'h1.k-form', from: 'attribute', attribute: 'data-form' },
    formName: { selector: 'h1.k-form', from: 'text' },
  },
  pupil: {
    url: '^/alt/pupil/[^/]+$',
    pupilId: { selector: '#k-stuno', from: 'text' },
    name: { selector: 'h1.k-name', from: 'text' },
    attributes: {
      upn: { selector: '#k-upn', from: 'text' },
      yearGroup: { selector: '#k-year', from: 'text' },
      className: { selector: '#k-form', from: 'text' },
    },
    rows: 'table.k-sessions tbody tr',
    date: { selector: 'td.k-date', from: 'text', format: 'd mon y' },
    session: { selector: 'td.k-sess', from: 'text' },
    mark: {
      sources: [
        { selector: 'td.k-mark img', from: 'attribute', attribute: 'alt' },
        { selector: 'td.k-mark i', from: 'attribute', attribute: 'class', pattern: 'icon-([a-z-]+)' },
        { selector: 'td.k-mark', from: 'text' },
      ],
    },
  },
  codes: { ...KESTREL_LOCAL_CODES },
};
