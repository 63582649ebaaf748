/** fetch helper: JSON in, JSON out; a failed request throws an Error carrying the server's message. */

/** FastAPI's {"detail": ...} (a string or a list of pydantic errors) -> one readable line. */
export function detailText(body) {
  if (!body || body.detail === undefined) return "";
  const d = body.detail;
  if (typeof d === "string") return d;
  if (Array.isArray(d)) return d.map((e) => `${(e.loc || []).slice(1).join(".")}: ${e.msg}`).join("; ");
  return JSON.stringify(d);
}

export async function api(path, { method = "GET", body } = {}) {
  const res = await fetch(path, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new Error(detailText(data) || `${res.status} ${res.statusText}`);
  return data;
}
