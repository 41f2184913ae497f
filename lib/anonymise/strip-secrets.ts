// Removes query parameters that carry credentials from an address as written in a page (`href`,
// `src`, `action`) or a capture's note: a saved page must not log anyone in.

/** Parameter names that are (or usually hold) credentials. */
export const SECRET_PARAM = /token|session|sid|auth|key|sig|csrf|ticket|code/i;

/** The address without secret parameters; the same string when there are none. */
export function stripSecrets(address: string): string {
  const q = address.indexOf('?');
  if (q < 0) return address;
  const base = address.slice(0, q);
  const rest = address.slice(q + 1);
  const h = rest.indexOf('#');
  const [query, hash] = h < 0 ? [rest, ''] : [rest.slice(0, h), rest.slice(h)];
  const parts = query.split('&');
  const kept = parts.filter((kv) => !SECRET_PARAM.test(decodeURIComponentSafe(kv.split('=')[0] ?? '')));
  if (kept.length === parts.length) return address;
  return `${base}${kept.length > 0 ? `?${kept.join('&')}` : ''}${hash}`;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
