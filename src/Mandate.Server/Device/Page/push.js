// Web Push on this device (docs/device.md, "Notifications on your phone"): registers the service worker (sw.js),
// offers "Get notifications on this device", lists the person's devices with "Remove", and opens the request a
// notification names (/device?request=<id>). Values from the server go into the page with textContent only.

import { api, readJson } from "./api.js";

const WORKER = "device/sw.js";
const SCOPE = "device/";
const MESSAGE_TYPE = "mandate.open-request";
const DEVICE_KEY = "mandate.device.push-id";
const BLOCKED = "Notifications are blocked for this page. Allow them in your browser's site settings, then try again.";
const supported = window.isSecureContext && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;

// The page's CSP makes script URLs go through Trusted Types; this policy makes exactly one, the service worker's.
let scriptUrls = null;
function workerUrl() {
  if (!window.trustedTypes) return WORKER;
  scriptUrls ??= window.trustedTypes.createPolicy("mandate-service-worker", {
    createScriptURL: (url) => {
      if (url !== WORKER) throw new TypeError("Only the device page's service worker may be loaded.");
      return url;
    },
  });
  return scriptUrls.createScriptURL(WORKER);
}

function keyBytes(base64url) {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
  return Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, "=")), (c) => c.charCodeAt(0));
}

function sameKey(subscription, key) {
  const current = subscription.options && subscription.options.applicationServerKey;
  if (!current) return true;
  const a = new Uint8Array(current);
  const b = keyBytes(key);
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// `container`: the (hidden) section to fill; `pending`: the list of request cards; `toast(message)`: the page's message.
// Returns { show, hide }, called when the person signs in and out.
export function initPush(container, { pending, toast }) {
  const title = element("h2", "section", "Notifications");
  title.id = "push-title";
  const panel = element("div", "panel push-panel");
  const intro = element("p", "", "Get a notification on this device when an app or AI agent asks for your approval, even when this page is closed. "
    + "It shows who is asking and their message, nothing that could approve the request.");
  const enableButton = element("button", "primary push-enable", "Get notifications on this device");
  enableButton.type = "button";
  const status = element("p", "muted push-status");
  status.setAttribute("role", "status");
  const listTitle = element("h3", "", "Devices that get notifications");
  const none = element("p", "muted", "None yet.");
  const list = element("ul", "devices");
  panel.append(intro, enableButton, status, listTitle, none, list);
  container.replaceChildren(title, panel);

  let visible = false;
  let registration = null;
  let thisDevice = localStorage.getItem(DEVICE_KEY);
  let requested = new URLSearchParams(location.search).get("request");
  const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

  const say = (message) => { status.textContent = message || ""; };

  // ---- the request a notification names ------------------------------------------------------------------------

  function clearQuery() {
    if (location.search) history.replaceState(history.state, "", location.pathname + location.hash);
  }

  function openRequested() {
    if (!requested || !visible) return false;
    const heading = document.getElementById(`agent-${requested}`);
    const card = heading && heading.closest(".card");
    if (!card) return false;
    requested = null;
    clearQuery();
    card.classList.add("arrived");
    setTimeout(() => card.classList.remove("arrived"), 4000);
    card.scrollIntoView({ block: "center" });
    heading.focus({ preventScroll: true });
    return true;
  }

  // The cards arrive after sign-in and the first read; one that never comes was answered or has expired.
  function openSoon() {
    if (openRequested()) return;
    setTimeout(() => {
      if (requested && visible && !openRequested()) {
        requested = null;
        clearQuery();
        toast("That request is no longer waiting: it was answered or has expired.");
      }
    }, 3000);
  }

  new MutationObserver(openRequested).observe(pending, { childList: true });
  if (supported) {
    navigator.serviceWorker.addEventListener("message", (event) => {
      if (event.data && event.data.type === MESSAGE_TYPE && typeof event.data.id === "string") {
        requested = event.data.id;
        openSoon();
      }
    });
    navigator.serviceWorker.startMessages();
  }

  // ---- the person's devices ------------------------------------------------------------------------------------

  function deviceRow(device) {
    const row = element("li", "device");
    const text = element("div", "device-text");
    const name = element("strong", "", typeof device.label === "string" ? device.label : "A browser");
    text.append(name);
    if (device.id === thisDevice) text.append(element("span", "this-device", " · this device"));
    const added = Date.parse(device.created_at);
    const used = Date.parse(device.last_used_at);
    const when = [];
    if (Number.isFinite(added)) when.push(`Added ${dateFormat.format(added)}`);
    when.push(Number.isFinite(used) ? `last notified ${dateFormat.format(used)}` : "not notified yet");
    text.append(element("p", "muted", when.join(" · ")));
    const remove = element("button", "secondary", "Remove");
    remove.type = "button";
    remove.setAttribute("aria-label", `Remove ${name.textContent}${device.id === thisDevice ? " (this device)" : ""}`);
    remove.addEventListener("click", () => removeDevice(device.id, remove));
    row.append(text, remove);
    return row;
  }

  async function loadDevices() {
    let devices = null;
    try {
      const response = await api("GET", "push/subscriptions");
      devices = response.ok ? await readJson(response) : null;
    } catch {
      return;
    }
    if (!Array.isArray(devices) || !visible) return;
    devices = devices.filter((d) => d && typeof d.id === "string");
    if (thisDevice && !devices.some((d) => d.id === thisDevice)) {
      // Removed from another device, or registered by someone else who used this browser before.
      thisDevice = null;
      localStorage.removeItem(DEVICE_KEY);
    }
    list.replaceChildren(...devices.map(deviceRow));
    none.hidden = devices.length > 0;
    enableButton.hidden = !supported || thisDevice !== null;
    if (thisDevice) say("This device gets a notification when an app or agent asks.");
  }

  async function removeDevice(id, button) {
    button.disabled = true;
    let response = null;
    try {
      response = await api("DELETE", `push/subscriptions/${encodeURIComponent(id)}`, {});
    } catch {
      // Handled below.
    }
    if (response && (response.ok || response.status === 404)) {
      if (id === thisDevice) {
        thisDevice = null;
        localStorage.removeItem(DEVICE_KEY);
        say("This device no longer gets notifications.");
        try {
          const subscription = registration && await registration.pushManager.getSubscription();
          if (subscription) await subscription.unsubscribe();
        } catch {
          // The server no longer sends to it either way.
        }
      }
      await loadDevices();
    } else {
      button.disabled = false;
      toast("Could not remove the device. Please try again.");
    }
  }

  // ---- this browser --------------------------------------------------------------------------------------------

  // The registration with an active worker (subscribing needs one). The page (/device) is not under the worker's
  // scope (/device/), so navigator.serviceWorker.ready would never settle: wait for this registration instead.
  async function activeRegistration() {
    registration ??= await navigator.serviceWorker.register(workerUrl(), { scope: SCOPE });
    const worker = registration.installing || registration.waiting;
    if (!registration.active && worker) {
      await new Promise((resolve) => {
        const settled = () => worker.state === "activated" || worker.state === "redundant";
        if (settled()) return resolve();
        worker.addEventListener("statechange", () => { if (settled()) resolve(); });
      });
    }
    return registration;
  }

  async function enable() {
    enableButton.disabled = true;
    say("");
    try {
      const permission = await Notification.requestPermission();
      if (permission !== "granted") {
        say(permission === "denied" ? BLOCKED : "Notifications were not allowed.");
        return;
      }
      const keyResponse = await api("GET", "push/vapid-public-key");
      const key = keyResponse.ok ? (await readJson(keyResponse) || {}).public_key : null;
      if (typeof key !== "string") throw new Error("no VAPID key");
      const workerRegistration = await activeRegistration();
      let subscription = await workerRegistration.pushManager.getSubscription();
      if (subscription && !sameKey(subscription, key)) {
        await subscription.unsubscribe();
        subscription = null;
      }
      subscription ??= await workerRegistration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key) });
      const response = await api("POST", "push/subscriptions", subscription.toJSON());
      const body = await readJson(response);
      if (response.status === 201 && body && typeof body.id === "string") {
        thisDevice = body.id;
        localStorage.setItem(DEVICE_KEY, thisDevice);
        say("This device gets a notification when an app or agent asks.");
      } else {
        say(body && typeof body.detail === "string" ? body.detail : "Could not turn on notifications. Please try again.");
      }
    } catch {
      say("Could not turn on notifications on this device. Please try again.");
    } finally {
      enableButton.disabled = false;
      await loadDevices();
    }
  }

  enableButton.addEventListener("click", enable);

  return {
    show() {
      if (visible) return;
      visible = true;
      container.hidden = false;
      enableButton.hidden = !supported;
      if (!supported) {
        say("This browser cannot show notifications from this page. On iPhone and iPad, add it to your Home Screen first and open it from there.");
      } else if (Notification.permission === "denied") {
        say(BLOCKED);
      } else {
        say("");
        // Keeps the worker current (a new sw.js is picked up); subscribing waits for the person's click.
        activeRegistration().catch(() => {});
      }
      loadDevices();
      if (requested) openSoon();
    },
    hide() {
      visible = false;
      container.hidden = true;
      list.replaceChildren();
    },
  };
}
