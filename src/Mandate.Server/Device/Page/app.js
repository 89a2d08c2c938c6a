// Mandate device page: sign in, see CIBA requests live, approve or deny, see the history of decisions.
// Plain JavaScript modules, no dependencies, all served by Mandate.Server next to this file. Everything that comes
// from an agent (names, binding messages, details) is put into the page with textContent only (see render.js).

import { api, eventsUrl, readJson } from "./api.js";
import { EventStream } from "./event-stream.js";
import { agentName, countdownText, parseTime } from "./format.js";
import { PasskeyList, approveWithPasskey, passkeysSupported, signInWithPasskey } from "./passkey.js";
import { buildCard, buildHistoryRow, markPasskey } from "./render.js";
import { initPush } from "./push.js";
import { initLimits } from "./limits.js";

const PAGE_TITLE = "Approvals · Mandate";
const USERNAME_KEY = "mandate.device.username";
const SESSION_ENDED = "Your session has ended. Please sign in again.";

const $ = (id) => document.getElementById(id);
const view = {
  session: $("session"),
  live: $("live"),
  signOut: $("sign-out"),
  signIn: $("sign-in-view"),
  signInForm: $("sign-in-form"),
  signInError: $("sign-in-error"),
  signInButton: $("sign-in-button"),
  passkeySignIn: $("passkey-sign-in"),
  passkeys: { list: $("passkey-list"), none: $("passkeys-none"), error: $("passkey-error"), add: $("add-passkey") },
  username: $("username"),
  password: $("password"),
  requests: $("requests-view"),
  pendingTitle: $("pending-title"),
  pendingCount: $("pending-count"),
  signedInAs: $("signed-in-as"),
  empty: $("empty"),
  pending: $("pending"),
  history: $("history"),
  historyEmpty: $("history-empty"),
  toast: $("toast"),
  requestTemplate: $("request-template"),
  historyTemplate: $("history-template"),
};

const state = {
  signedIn: false,
  generation: 0, // incremented at sign-out, so that answers to older calls are dropped
  cards: new Map(), // request id → { request, card, expiresAt, keepFocus }
  refreshing: null, // the running refresh (a promise), if any
  refreshAgain: false,
  refreshAnnounce: false,
  ticker: 0,
  toastTimer: 0,
  startDelayMs: 1000,
};

const push = initPush($("push"), { pending: view.pending, toast });
const limits = initLimits($("limits"), { toast });

const stream = new EventStream(eventsUrl, {
  state: setLive,
  opened: () => refresh(true), // catch up on anything that arrived before the stream was (re)opened
  event: () => refresh(true),
  recheck: () => (state.signedIn ? refresh(true) : Promise.resolve(false)),
});

const passkeys = new PasskeyList(view.passkeys, {
  toast: (message) => toast(message),
  changed: (count) => {
    for (const { card } of state.cards.values()) markPasskey(card, count > 0);
  },
  sessionEnded: () => showSignIn(SESSION_ENDED),
});

// ---- messages ---------------------------------------------------------------------------------------------------

function toast(message) {
  view.toast.textContent = message;
  view.toast.hidden = false;
  clearTimeout(state.toastTimer);
  state.toastTimer = setTimeout(() => { view.toast.hidden = true; }, 6000);
}

function setLive(status) {
  const labels = { live: "Live", connecting: "Reconnecting…", offline: "Offline" };
  view.live.dataset.state = status;
  view.live.textContent = labels[status];
}

// ---- views ------------------------------------------------------------------------------------------------------

function showSignIn(message) {
  state.signedIn = false;
  state.generation++;
  stream.close();
  push.hide();
  limits.hide();
  clearCards();
  view.history.replaceChildren();
  view.session.hidden = true;
  view.requests.hidden = true;
  view.signIn.hidden = false;
  view.password.value = "";
  showSignInError(message);
  document.title = PAGE_TITLE;
  view.username.focus();
}

function showSignInError(message) {
  view.signInError.textContent = message || "";
  view.signInError.hidden = !message;
}

function showRequests() {
  state.signedIn = true;
  view.signIn.hidden = true;
  view.requests.hidden = false;
  view.session.hidden = false;
  const username = localStorage.getItem(USERNAME_KEY);
  view.signedInAs.textContent = username ? `Signed in as ${username}` : "";
  passkeys.load();
  push.show();
  limits.show();
}

// ---- pending requests -------------------------------------------------------------------------------------------

// Adds cards for new requests and drops those no longer pending; cards already shown stay as they are (focus,
// countdown). With `announce`, new cards are highlighted and a message says who is asking.
function renderPending(requests, announce) {
  const seen = new Set();
  const arrived = [];
  for (const request of requests) {
    if (!request || typeof request.id !== "string") continue;
    seen.add(request.id);
    if (state.cards.has(request.id)) continue;
    const card = buildCard(view.requestTemplate, request, (approve) => decide(request.id, approve));
    markPasskey(card, passkeys.count > 0);
    state.cards.set(request.id, { request, card, expiresAt: parseTime(request.expires_at), keepFocus: false });
    view.pending.append(card);
    arrived.push(request);
    if (announce) {
      card.classList.add("arrived");
      setTimeout(() => card.classList.remove("arrived"), 4000);
    }
  }
  for (const id of [...state.cards.keys()]) {
    if (!seen.has(id)) removeCard(id);
  }
  tick();
  if (announce && arrived.length > 0) {
    toast(arrived.length === 1 ? `New request from ${agentName(arrived[0])}` : `${arrived.length} new requests`);
  }
}

function removeCard(id) {
  const entry = state.cards.get(id);
  if (!entry) return;
  const hadFocus = entry.keepFocus || entry.card.contains(document.activeElement);
  const next = entry.card.nextElementSibling || entry.card.previousElementSibling;
  entry.card.remove();
  state.cards.delete(id);
  if (hadFocus) {
    // Keep keyboard users in place: the next request's heading, or the list's title.
    (next ? next.querySelector(".agent") : view.pendingTitle).focus();
  }
  updateCount();
}

function clearCards() {
  state.cards.clear();
  view.pending.replaceChildren();
  updateCount();
}

function updateCount() {
  const now = Date.now();
  let waiting = 0;
  for (const { expiresAt } of state.cards.values()) {
    if (expiresAt === null || expiresAt > now) waiting++;
  }
  view.pendingCount.textContent = String(waiting);
  view.pendingCount.dataset.zero = String(waiting === 0);
  view.empty.hidden = state.cards.size > 0;
  document.title = waiting > 0 ? `(${waiting}) ${PAGE_TITLE}` : PAGE_TITLE;
}

// Updates every countdown, once a second while cards are shown. An expired card stays, marked and with its buttons
// disabled, until the next refresh drops it.
function tick() {
  const now = Date.now();
  for (const { card, expiresAt } of state.cards.values()) {
    const countdown = card.querySelector(".countdown");
    if (expiresAt === null) {
      countdown.textContent = "";
      continue;
    }
    const left = expiresAt - now;
    if (left > 0) {
      countdown.textContent = countdownText(left);
      countdown.classList.toggle("urgent", left <= 60000);
    } else if (!card.classList.contains("expired")) {
      card.classList.add("expired");
      countdown.textContent = "Expired";
      card.querySelector(".expired-note").hidden = false;
      for (const button of card.querySelectorAll(".actions button")) button.disabled = true;
    }
  }
  updateCount();
  if (state.cards.size > 0 && !state.ticker) {
    state.ticker = setInterval(tick, 1000);
  } else if (state.cards.size === 0 && state.ticker) {
    clearInterval(state.ticker);
    state.ticker = 0;
  }
}

async function decide(id, approve) {
  const entry = state.cards.get(id);
  if (!entry) return;
  const name = agentName(entry.request);
  const buttons = entry.card.querySelectorAll(".actions button");
  entry.keepFocus = entry.card.contains(document.activeElement); // disabling a button may drop its focus
  for (const button of buttons) button.disabled = true;
  entry.card.classList.add("busy");
  let response = null;
  if (approve && entry.request.passkey_protected === true && passkeys.count > 0) {
    // The browser asks for the passkey; its signature covers this request (docs/device.md "Passkeys").
    response = await approveWithPasskey(id);
  } else {
    try {
      const answer = await api("POST", `requests/${encodeURIComponent(id)}/${approve ? "approve" : "deny"}`, {});
      response = { ok: answer.ok, status: answer.status, detail: (await readJson(answer) || {}).detail };
    } catch {
      // Handled below as "could not reach the server".
    }
  }
  entry.card.classList.remove("busy");
  const status = response ? response.status : 0;
  if (response && (response.cancelled || status === 403)) {
    for (const button of buttons) button.disabled = false;
    if (entry.keepFocus) buttons[0].focus();
    entry.keepFocus = false;
    toast(response.cancelled ? "No passkey was used, so nothing was approved." : response.detail || "This approval was refused.");
    passkeys.load();
  } else if (response && response.ok) {
    removeCard(id);
    toast(approve ? `Approved — ${name} can go ahead.` : `Denied — ${name} will be told no.`);
    loadHistory();
  } else if (status === 401) {
    showSignIn(SESSION_ENDED);
  } else if (status === 409) {
    removeCard(id);
    toast("Too late: this request has expired or was already answered. Nothing was approved.");
    loadHistory();
  } else if (status === 404) {
    removeCard(id);
    toast("This request no longer exists.");
  } else {
    for (const button of buttons) button.disabled = false;
    if (entry.keepFocus) buttons[approve ? 0 : 1].focus();
    entry.keepFocus = false;
    toast("Could not reach the server. Please try again.");
  }
}

// ---- history ----------------------------------------------------------------------------------------------------

async function loadHistory() {
  const generation = state.generation;
  let items = null;
  try {
    const response = await api("GET", "history");
    items = response.ok ? await readJson(response) : null;
  } catch {
    return; // the next refresh tries again
  }
  if (!Array.isArray(items) || generation !== state.generation) return;
  const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
  const rows = items.filter((item) => item && typeof item === "object").map((item) => buildHistoryRow(view.historyTemplate, item, dateFormat));
  view.history.replaceChildren(...rows);
  view.historyEmpty.hidden = rows.length > 0;
}

// ---- refresh ----------------------------------------------------------------------------------------------------

// Re-reads the pending list: true when signed in, false without a session, null when the server is unreachable.
// Refreshes never overlap: one asked for while another runs makes that one read again when it is done.
function refresh(announce) {
  state.refreshAnnounce = state.refreshAnnounce || announce;
  if (state.refreshing) {
    state.refreshAgain = true;
    return state.refreshing;
  }
  state.refreshing = (async () => {
    let result;
    do {
      state.refreshAgain = false;
      const withAnnounce = state.refreshAnnounce;
      state.refreshAnnounce = false;
      result = await readPending(withAnnounce);
    } while (state.refreshAgain && result);
    state.refreshing = null;
    return result;
  })();
  return state.refreshing;
}

async function readPending(announce) {
  const generation = state.generation;
  let response;
  let requests;
  try {
    response = await api("GET", "requests");
    requests = response.ok ? await readJson(response) : null;
  } catch {
    return null;
  }
  if (generation !== state.generation) return false; // signed out meanwhile
  if (response.status === 401) {
    if (state.signedIn) showSignIn(SESSION_ENDED);
    return false;
  }
  if (!response.ok) return null;
  if (!state.signedIn) showRequests();
  renderPending(Array.isArray(requests) ? requests : [], announce);
  loadHistory();
  return true;
}

// ---- sign-in and sign-out ---------------------------------------------------------------------------------------

function waitText(retryAfter) {
  const seconds = Number.parseInt(retryAfter || "", 10);
  if (!Number.isFinite(seconds) || seconds <= 0) return "a few minutes";
  return seconds >= 120 ? `about ${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
}

async function signIn(event) {
  event.preventDefault();
  const username = view.username.value.trim();
  const password = view.password.value;
  if (!username || !password) {
    showSignInError("Enter your username and password.");
    return;
  }
  view.signInButton.disabled = true;
  showSignInError("");
  let response = null;
  try {
    response = await api("POST", "session", { username, password });
  } catch {
    // Handled below.
  } finally {
    view.signInButton.disabled = false;
  }
  const status = response ? response.status : 0;
  if (response && response.ok) {
    await signedIn(username);
  } else if (status === 429) {
    const wait = waitText(response.headers.get("Retry-After"));
    showSignInError(`Too many sign-in attempts. To protect your account, please wait ${wait} and try again.`);
  } else if (status === 401) {
    showSignInError("Wrong username or password.");
    view.password.value = "";
    view.password.focus();
  } else {
    showSignInError("Could not sign in right now. Please try again.");
  }
}

async function signedIn(username) {
  localStorage.setItem(USERNAME_KEY, username);
  view.password.value = "";
  showRequests();
  await refresh(false);
  stream.open();
  view.pendingTitle.focus();
}

async function signInPasskey() {
  view.passkeySignIn.disabled = true;
  showSignInError("");
  const result = await signInWithPasskey();
  view.passkeySignIn.disabled = false;
  if (result.ok && result.body && typeof result.body.username === "string") {
    await signedIn(result.body.username);
  } else if (result.status === 429) {
    showSignInError(`Too many sign-in attempts. To protect your account, please wait ${waitText(result.retryAfter)} and try again.`);
  } else if (result.cancelled) {
    showSignInError("No passkey was used. Sign in with your password, or try again.");
  } else {
    showSignInError(result.detail || "Could not sign in with a passkey. Please try again.");
  }
}

async function signOut() {
  try {
    await api("DELETE", "session", {});
  } catch {
    // Signed out here either way; the cookie expires by itself.
  }
  localStorage.removeItem(USERNAME_KEY);
  showSignIn("");
}

// ---- start ------------------------------------------------------------------------------------------------------

async function start() {
  const signedIn = await refresh(false);
  if (signedIn) {
    stream.open();
  } else if (signedIn === false) {
    showSignIn("");
  } else {
    toast("Could not reach the server. Trying again…");
    setTimeout(start, state.startDelayMs);
    state.startDelayMs = Math.min(state.startDelayMs * 2, 30000);
  }
}

view.signInForm.addEventListener("submit", signIn);
view.passkeySignIn.hidden = !passkeysSupported();
view.passkeySignIn.addEventListener("click", signInPasskey);
view.signOut.addEventListener("click", signOut);
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible" && state.signedIn) {
    refresh(true);
    if (!stream.isOpen) stream.open();
  }
});
window.addEventListener("online", () => {
  if (state.signedIn && !stream.isOpen) stream.open();
});

start();
