// Builds a request card and a history row from the page's own <template>s. Values from the agent go in with
// textContent only; nothing here parses HTML.

import { agentName, detailRows, detailSummary, parseTime, plain, scopeTexts } from "./format.js";

function textElement(tag, text) {
  const element = document.createElement(tag);
  element.textContent = text;
  return element;
}

// A pending request; `decide(approve)` is called by its Approve and Deny buttons.
export function buildCard(template, request, decide) {
  const card = template.content.firstElementChild.cloneNode(true);
  const headingId = `agent-${request.id}`;
  const agent = card.querySelector(".agent");
  agent.id = headingId;
  agent.textContent = agentName(request);
  card.setAttribute("aria-labelledby", headingId);

  if (request.binding_message) {
    card.querySelector(".binding-message").textContent = plain(request.binding_message);
  } else {
    card.querySelector(".binding").hidden = true;
  }

  card.querySelector(".scopes").append(...scopeTexts(request).map((text) => textElement("li", text)));

  // Identical requests of the same agent are one card (docs/device.md, "Approval fatigue").
  const asked = Number(request.times_asked);
  if (Number.isInteger(asked) && asked > 1) {
    const note = card.querySelector(".asked-again");
    note.textContent = `The agent asked ${asked} times for this; one answer covers them all.`;
    note.hidden = false;
  }

  const details = Array.isArray(request.authorization_details) ? request.authorization_details : [];
  if (details.length > 0) {
    card.querySelector(".details").hidden = false;
    if (!details.every((d) => d && d.type === "shoe_purchase")) {
      card.querySelector(".details-title").textContent = "Details";
    }
    for (const detail of details) {
      const dl = document.createElement("dl");
      for (const [label, value] of detailRows(detail)) {
        dl.append(textElement("dt", label), textElement("dd", value));
      }
      card.querySelector(".details-list").append(dl);
    }
  }

  card.dataset.passkeyProtected = String(request.passkey_protected === true);

  for (const button of card.querySelectorAll(".actions button")) {
    button.setAttribute("aria-describedby", headingId);
  }
  card.querySelector(".approve").addEventListener("click", () => decide(true));
  card.querySelector(".deny").addEventListener("click", () => decide(false));
  return card;
}

// Labels a card that needs a passkey (docs/device.md "Passkeys"): with one, Approve asks for it; without, a note
// offers to add one (the click still approves).
export function markPasskey(card, hasPasskey) {
  if (card.dataset.passkeyProtected !== "true") return;
  card.querySelector(".approve").textContent = hasPasskey ? "Approve with passkey" : "Approve";
  const note = card.querySelector(".passkey-note");
  note.textContent = hasPasskey
    ? "This payment needs your passkey."
    : "A passkey protects payments like this one: add one under Passkeys below.";
  note.hidden = false;
}

// A decided request: outcome, agent, what was asked, purchase summary, when.
export function buildHistoryRow(template, item, dateFormat) {
  const row = template.content.firstElementChild.cloneNode(true);
  const denied = item.status === "denied";
  const outcome = row.querySelector(".outcome");
  outcome.textContent = denied ? "Denied" : "Approved";
  outcome.classList.add(denied ? "denied" : "approved");
  row.querySelector(".agent").textContent = agentName(item);
  row.querySelector(".what").textContent = item.binding_message
    ? `“${plain(item.binding_message)}”`
    : scopeTexts(item).join(", ");
  row.querySelector(".summary").textContent = detailSummary(item.authorization_details);
  const decided = parseTime(item.decided_at ?? item.created_at);
  if (decided !== null) {
    const time = row.querySelector("time");
    time.dateTime = new Date(decided).toISOString();
    time.textContent = dateFormat.format(decided);
  }
  return row;
}
