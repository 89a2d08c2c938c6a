// Turns values from the device API into display strings. Every function returns plain text; callers put it into the
// page with textContent, never as HTML.

export function plain(value) {
  return value !== null && typeof value === "object" ? JSON.stringify(value) : String(value);
}

// Milliseconds since the epoch, or null. .NET writes up to 7 fractional digits; 3 are kept so every browser parses it.
export function parseTime(text) {
  const ms = Date.parse(String(text).replace(/(\.\d{3})\d+/, "$1"));
  return Number.isNaN(ms) ? null : ms;
}

export function countdownText(msLeft) {
  const s = Math.ceil(msLeft / 1000);
  if (s >= 3600) {
    return `Expires in ${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  }
  return `Expires in ${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

// { currency: "USD", value: "140.00" } → "$140.00" in the reader's locale; an unknown currency is shown as given.
export function money(amount) {
  if (!amount || typeof amount !== "object") {
    return null;
  }
  const value = String(amount.value ?? "");
  const currency = String(amount.currency ?? "");
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(Number(value));
  } catch {
    return `${value} ${currency}`.trim();
  }
}

// Rows [label, value] describing one authorization_details entry (RFC 9396); other types are listed field by field.
export function detailRows(detail) {
  if (!detail || typeof detail !== "object") {
    return [["Detail", plain(detail)]];
  }
  if (detail.type === "shoe_purchase") {
    const limit = money(detail.max_amount);
    if (detail.product_id === undefined) {
      // The server's bound of a payment request that named nothing: the person's spending limit.
      return [["Purchase", `One order${detail.quantity === 1 ? " of one pair" : ""}${limit ? ` up to ${limit}` : ""}`]];
    }
    const product = detail.product_name !== undefined
      ? `${plain(detail.product_name)} (${plain(detail.product_id)})`
      : plain(detail.product_id);
    const rows = [["Product", product]];
    if (detail.size !== undefined) rows.push(["Size", `US ${plain(detail.size)}`]);
    if (detail.quantity !== undefined) rows.push(["Quantity", plain(detail.quantity)]);
    if (limit) rows.push(["Up to", limit]);
    return rows;
  }
  return Object.entries(detail).map(([key, value]) => [key, plain(value)]);
}

// One line for the history: "nike-pegasus-41 · US 10.5 · 1 · up to $140.00".
export function detailSummary(details) {
  if (!Array.isArray(details)) {
    return "";
  }
  return details
    .map((d) => detailRows(d).map(([label, value]) => (label === "Up to" ? `up to ${value}` : value)).join(" · "))
    .join("; ");
}

// What each scope lets the agent do, in the words of the scope's description.
export function scopeTexts(request) {
  if (Array.isArray(request.scope_descriptions) && request.scope_descriptions.length > 0) {
    return request.scope_descriptions.map((s) => plain(s && typeof s === "object" ? s.description ?? s.name : s));
  }
  return Array.isArray(request.scopes) ? request.scopes.map(plain) : [];
}

export function agentName(request) {
  return plain(request.client_name || request.client_id || "An agent");
}
