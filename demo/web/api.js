// Beacon MIS client: the JSON API. Errors carry the server's message.
export class ApiError extends Error {}

async function request(path, options = {}) {
  const res = await fetch(path, {
    ...options,
    headers: { Accept: 'application/json', ...(options.body ? { 'Content-Type': 'application/json' } : {}) },
  });
  let body = null;
  try {
    body = await res.json();
  } catch {
    // fall through: reported below
  }
  if (!res.ok) throw new ApiError((body && body.error) || `${res.status} ${res.statusText}`);
  return body;
}

let codesPromise = null;

export const api = {
  school: (signal) => request('/api/school', { signal }),
  forms: (signal) => request('/api/forms', { signal }),
  pupils: (signal) => request('/api/pupils', { signal }),
  pupil: (id, signal) => request(`/api/pupils/${encodeURIComponent(id)}`, { signal }),
  register: (formId, week, signal) =>
    request(`/api/forms/${encodeURIComponent(formId)}/register${week ? `?week=${encodeURIComponent(week)}` : ''}`, { signal }),
  saveRegister: (formId, edits) =>
    request(`/api/forms/${encodeURIComponent(formId)}/register`, { method: 'POST', body: JSON.stringify({ edits }) }),
  /** The code list is fixed while the page is open: fetch it once. */
  codes() {
    codesPromise ??= request('/api/codes').catch((err) => {
      codesPromise = null;
      throw err;
    });
    return codesPromise;
  },
};
