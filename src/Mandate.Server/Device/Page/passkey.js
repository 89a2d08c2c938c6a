// Passkeys on the device page (WebAuthn Level 3; docs/device.md "Passkeys"): add, list and remove the person's
// passkeys, sign in with one, and approve a request with one. The server hands out the options (its challenges stay
// on the server, used once); this module only turns them into what navigator.credentials wants and sends the
// browser's answer back as PublicKeyCredential.toJSON(). Labels from the server go in with textContent only.

import { api, readJson } from "./api.js";

export const passkeysSupported = () => typeof window.PublicKeyCredential === "function" && !!navigator.credentials;

// ---- base64url ⇄ bytes -------------------------------------------------------------------------------------------

function fromBase64Url(text) {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(text.length / 4) * 4, "=");
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)).buffer;
}

function toBase64Url(buffer) {
  let binary = "";
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

// Drops members the server sent as null (WebIDL dictionaries take a missing member, not null).
function withoutNulls(value) {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
  }
  return value;
}

const descriptors = (list) => (list || []).map((d) => ({ ...d, id: fromBase64Url(d.id) }));

function creationOptions(json) {
  const o = withoutNulls(json);
  return { ...o, challenge: fromBase64Url(o.challenge), user: { ...o.user, id: fromBase64Url(o.user.id) }, excludeCredentials: descriptors(o.excludeCredentials) };
}

function requestOptions(json) {
  const o = withoutNulls(json);
  return { ...o, challenge: fromBase64Url(o.challenge), allowCredentials: descriptors(o.allowCredentials) };
}

function credentialJson(credential) {
  if (typeof credential.toJSON === "function") return credential.toJSON();
  const r = credential.response;
  const response = { clientDataJSON: toBase64Url(r.clientDataJSON) };
  if (r.attestationObject) {
    response.attestationObject = toBase64Url(r.attestationObject);
    response.transports = typeof r.getTransports === "function" ? r.getTransports() : [];
  } else {
    response.authenticatorData = toBase64Url(r.authenticatorData);
    response.signature = toBase64Url(r.signature);
    if (r.userHandle) response.userHandle = toBase64Url(r.userHandle);
  }
  return { id: credential.id, rawId: toBase64Url(credential.rawId), type: credential.type, response, clientExtensionResults: credential.getClientExtensionResults() };
}

// ---- ceremonies ---------------------------------------------------------------------------------------------------

// Every ceremony answers { ok, status, detail, body, cancelled }: status 0 when the server could not be reached,
// cancelled when the person dismissed the browser's prompt (nothing was sent).
async function outcome(response) {
  const body = await readJson(response);
  return { ok: response.ok, status: response.status, detail: body && body.detail, body, cancelled: false, retryAfter: response.headers.get("Retry-After") };
}

async function ceremony(optionsPath, finish, browserCall) {
  try {
    const optionsResponse = await api("POST", optionsPath, {});
    if (!optionsResponse.ok) return outcome(optionsResponse);
    const credential = await browserCall(await optionsResponse.json());
    return outcome(await finish(credentialJson(credential)));
  } catch (error) {
    const cancelled = error && (error.name === "NotAllowedError" || error.name === "AbortError");
    return { ok: false, status: 0, detail: null, body: null, cancelled, retryAfter: null };
  }
}

const create = (options) => navigator.credentials.create({ publicKey: creationOptions(options) });
const get = (options) => navigator.credentials.get({ publicKey: requestOptions(options) });

export const addPasskey = () => ceremony("passkeys/registration-options", (json) => api("POST", "passkeys", json), create);

export const signInWithPasskey = () => ceremony("passkeys/sign-in-options", (json) => api("POST", "passkeys/sign-in", json), get);

export const approveWithPasskey = (id) => ceremony(
  `requests/${encodeURIComponent(id)}/passkey-options`,
  (json) => api("POST", `requests/${encodeURIComponent(id)}/approve`, { credential: json }),
  get);

// ---- the person's passkeys ------------------------------------------------------------------------------------------

// The "Passkeys" section: the list with a Remove button each, and "Add a passkey". `changed(count)` is called after
// every load, so the page can label payment approvals.
export class PasskeyList {
  constructor(view, { toast, changed, sessionEnded }) {
    Object.assign(this, { view, toast, changed, sessionEnded, count: 0 });
    view.add.addEventListener("click", () => this.add());
    view.add.disabled = !passkeysSupported();
  }

  async load() {
    let items = null;
    try {
      const response = await api("GET", "passkeys");
      if (response.status === 401) return this.sessionEnded();
      items = response.ok ? await readJson(response) : null;
    } catch {
      return undefined;
    }
    if (!Array.isArray(items)) return undefined;
    this.count = items.length;
    this.view.list.replaceChildren(...items.map((item) => this.row(item)));
    this.view.none.hidden = items.length > 0;
    this.changed(this.count);
    return undefined;
  }

  row(item) {
    const li = document.createElement("li");
    li.className = "passkey-item";
    const label = document.createElement("span");
    label.textContent = String(item.label || "Passkey");
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "link";
    remove.textContent = "Remove";
    remove.setAttribute("aria-label", `Remove passkey ${label.textContent}`);
    remove.addEventListener("click", async () => {
      remove.disabled = true;
      try {
        await api("DELETE", `passkeys/${encodeURIComponent(item.id)}`, {});
      } catch {
        this.toast("Could not reach the server. Please try again.");
      }
      await this.load();
    });
    li.append(label, remove);
    return li;
  }

  async add() {
    this.view.add.disabled = true;
    this.showError("");
    const result = await addPasskey();
    this.view.add.disabled = false;
    if (result.ok) {
      this.toast("Passkey added. Payments now need it.");
      await this.load();
    } else if (result.status === 401) {
      this.sessionEnded();
    } else if (result.cancelled) {
      this.showError("No passkey was added.");
    } else {
      this.showError(result.detail || "Could not add a passkey. Please try again.");
    }
  }

  showError(message) {
    this.view.error.textContent = message;
    this.view.error.hidden = !message;
  }
}
