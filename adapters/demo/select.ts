// Query the page with the named selectors of selectors.ts (never with inline CSS elsewhere in the
// adapter), so the selector counts tested against the fixtures are the ones the adapter really uses.
import { selectors, type SelectorName } from './selectors.ts';

export function selectAll(scope: ParentNode, name: SelectorName): Element[] {
  return [...scope.querySelectorAll(selectors[name].css)];
}

export function select(scope: ParentNode, name: SelectorName): Element | null {
  return scope.querySelector(selectors[name].css);
}
