// The adapter for the bundled demo MIS, "Beacon MIS" (demo/web): the first adapter (design.md
// "Adapters"). Pure: reads the Document, never changes it.
import type { Adapter } from '../types.ts';
import { detect } from './detect.ts';
import { readPupil } from './read-pupil.ts';
import { readRegister } from './read-register.ts';
import { select } from './select.ts';

export const demoAdapter: Adapter = {
  id: 'demo',
  name: 'Beacon MIS (demo)',
  detect,
  readRegister: (doc, url) => readRegister(doc, url),
  readPupil: (doc, url) => readPupil(doc, url),
  root: (doc) => select(doc, 'appRoot'),
};
