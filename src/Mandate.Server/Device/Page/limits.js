// The person's spending limit (docs/device.md, "Spending limit"): what one payment approval may spend when the agent
// named no purchase. Shows it and lets the person change it or go back to the default. Values go into the page with
// textContent only.

import { api, readJson } from "./api.js";
import { money } from "./format.js";

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// `container`: the (hidden) section to fill; `toast(message)`: the page's message. Returns { show, hide }.
export function initLimits(container, { toast }) {
  const title = element("h2", "section", "Spending limit");
  title.id = "limit-title";
  const panel = element("div", "panel limit-panel");
  const intro = element("p", "", "When an agent asks to pay without saying for what, you approve one order of one pair up to this amount.");
  const current = element("p", "limit-current");
  current.id = "limit-current";
  const label = element("label", "", "New limit");
  label.htmlFor = "limit-amount";
  const input = element("input");
  input.id = "limit-amount";
  input.inputMode = "decimal";
  input.autocomplete = "off";
  const error = element("p", "error");
  error.id = "limit-error";
  error.setAttribute("role", "alert");
  error.hidden = true;
  const save = element("button", "primary", "Save limit");
  save.type = "button";
  const reset = element("button", "secondary", "Use the default");
  reset.type = "button";
  const actions = element("div", "actions");
  actions.append(save, reset);
  panel.append(intro, current, label, input, error, actions);
  container.append(title, panel);

  function render(limit) {
    const amount = money({ currency: limit.currency, value: limit.amount }) ?? `${limit.amount} ${limit.currency}`;
    current.textContent = limit.is_default ? `${amount} (the default)` : amount;
    reset.hidden = Boolean(limit.is_default);
    input.value = "";
    error.hidden = true;
  }

  async function load() {
    const response = await api("GET", "spending-limit");
    if (response.ok) render(await readJson(response));
  }

  async function set(amount) {
    const response = await api("PUT", "spending-limit", { amount });
    const body = await readJson(response);
    if (response.ok) {
      render(body);
      toast(amount === null ? "Your spending limit is the default again." : "Your spending limit is saved.");
      return;
    }
    error.textContent = (body && body.detail) || "The limit could not be saved.";
    error.hidden = false;
  }

  save.addEventListener("click", () => {
    const amount = input.value.trim();
    if (amount === "") {
      error.textContent = "Enter an amount, for example 100.00.";
      error.hidden = false;
      return;
    }
    set(amount);
  });
  reset.addEventListener("click", () => set(null));

  return {
    show() {
      container.hidden = false;
      load();
    },
    hide() {
      container.hidden = true;
    },
  };
}
