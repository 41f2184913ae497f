// Removes parameters that carry credentials from an address as written in a page (`href`, `src`,
// `action`) or a capture's note: a saved page must not log anyone in. Credentials are not only in the
// query: Java servers put the session in a path parameter (`/app;jsessionid=…/page`) and OAuth's
// implicit flow returns `#access_token=…` in the fragment (as do single-page apps' `#/route?auth=…`).

/** Parameter names that are (or usually hold) credentials. */
export const SECRET_PARAM = /token|session|sid|auth|key|sig|csrf|ticket|code/i;

const isSecret = (kv: string) => SECRET_PARAM.test(decodeURIComponentSafe(kv.split('=')[0] ?? ''));

/** `a=1&b=2` without the secret pairs; null when none was secret. */
function withoutSecretPairs(list: string): string | null {
  const parts = list.split('&');
  const kept = parts.filter((kv) => !isSecret(kv));
  return kept.length === parts.length ? null : kept.join('&');
}

/** The address without secret parameters; the same string when there are none. */
export function stripSecrets(address: string): string {
  const h = address.indexOf('#');
  const [beforeHash, hash] = h < 0 ? [address, null] : [address.slice(0, h), address.slice(h + 1)];
  const q = beforeHash.indexOf('?');
  const [path, query] = q < 0 ? [beforeHash, null] : [beforeHash.slice(0, q), beforeHash.slice(q + 1)];
  let changed = false;

  // Path parameters: `;name=value` up to the next `;`, `/` (only secret ones go: `;lang=en` stays).
  const newPath = path.replace(/;([^;/]*)/g, (m, kv: string) => (kv.includes('=') && isSecret(kv) ? ((changed = true), '') : m));

  let newQuery = query;
  if (query !== null) {
    const kept = withoutSecretPairs(query);
    if (kept !== null) [newQuery, changed] = [kept, true];
  }

  // The fragment: a list of pairs (`#access_token=…&state=…`), or a route with a query (`#/x?auth=…`).
  let newHash = hash;
  if (hash !== null && hash.includes('=')) {
    const hq = hash.indexOf('?');
    const [route, pairs] = hq < 0 ? ['', hash] : [hash.slice(0, hq + 1), hash.slice(hq + 1)];
    const kept = withoutSecretPairs(pairs);
    if (kept !== null) {
      changed = true;
      newHash = kept === '' ? route.replace(/\?$/, '') : route + kept;
    }
  }
  if (!changed) return address;
  return `${newPath}${newQuery ? `?${newQuery}` : ''}${newHash ? `#${newHash}` : ''}`;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
