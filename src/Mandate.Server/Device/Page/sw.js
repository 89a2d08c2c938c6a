// Service worker of the device page, registered by push.js with scope <path base>/device/. It shows a notification
// for each Web Push the server sends when an agent asks (docs/device.md, "Notifications on your phone"), and opens
// the request when the notification is tapped. It caches nothing and answers no fetches: the page needs the server.
//
// The push is JSON {"id", "client_name", "binding_message", "expires_at"}, decrypted by the browser (RFC 8291). Its
// texts go into the notification as plain text; nothing here builds HTML.

// <path base>/device: the scope is <path base>/device/, the page one level up from it.
const PAGE = new URL("../device", self.registration.scope).pathname;
const MESSAGE_TYPE = "mandate.open-request";

function readPush(data) {
  try {
    const payload = data ? data.json() : null;
    return payload && typeof payload === "object" ? payload : {};
  } catch {
    return {};
  }
}

function text(value, fallback, max) {
  return typeof value === "string" && value.trim() ? value.trim().slice(0, max) : fallback;
}

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("push", (event) => {
  const payload = readPush(event.data);
  const id = typeof payload.id === "string" && payload.id ? payload.id : null;
  const title = text(payload.client_name, "An app", 100);
  const body = text(payload.binding_message, "asks for your approval", 200);
  // The browser requires a visible notification for every push (userVisibleOnly): one per request, by its id.
  event.waitUntil(self.registration.showNotification(title, {
    body,
    tag: id || "mandate-request",
    icon: "icon-192.png",
    data: { url: id ? `${PAGE}?request=${encodeURIComponent(id)}` : PAGE, id },
    requireInteraction: true,
  }));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const data = event.notification.data || {};
  const url = typeof data.url === "string" && data.url.startsWith(PAGE) ? data.url : PAGE;
  event.waitUntil((async () => {
    // An open device page: bring it forward and let it show the request (push.js listens). Otherwise open one.
    const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    const open = windows.find((client) => new URL(client.url).pathname === PAGE);
    if (open) {
      open.postMessage({ type: MESSAGE_TYPE, id: typeof data.id === "string" ? data.id : null });
      try {
        await open.focus();
      } catch {
        // Some browsers refuse focus without a user gesture they can see; the page still shows the request.
      }
      return;
    }
    await self.clients.openWindow(url);
  })());
});
