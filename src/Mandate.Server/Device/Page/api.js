// The device JSON API (docs/server.md, "Device API"), next to this page: /device/api/…

const API = "device/api/";

export function api(method, path, body) {
  const init = { method, credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } };
  if (body !== undefined) {
    // JSON only: with the SameSite=Strict session cookie this keeps cross-site forms out (the API refuses others).
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  return fetch(API + path, init);
}

export async function readJson(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

export const eventsUrl = API + "events";
