// The device API's Server-Sent Events, kept open. While the stream is up the browser reconnects by itself after a
// network drop (the server asks for "retry: 2000"). When the server refuses the stream (say the session ended), the
// browser gives up; then this asks `recheck` whether the session is still there and, if so, opens the stream again
// with back-off (1 s doubling to 30 s).

const MAX_RETRY_MS = 30000;

export class EventStream {
  #url;
  #on;
  #source = null;
  #retryMs = 1000;
  #retryTimer = 0;

  // on: { state(status: "connecting" | "live" | "offline"), opened(), event(), recheck() → Promise<true|false|null> }
  constructor(url, on) {
    this.#url = url;
    this.#on = on;
  }

  get isOpen() {
    return this.#source !== null;
  }

  open() {
    this.close();
    this.#on.state("connecting");
    const source = new EventSource(this.#url);
    this.#source = source;
    source.addEventListener("open", () => {
      this.#retryMs = 1000;
      this.#on.state("live");
      this.#on.opened();
    });
    source.addEventListener("request", () => this.#on.event());
    source.addEventListener("error", () => {
      if (source.readyState !== EventSource.CLOSED) {
        this.#on.state("connecting"); // the browser reconnects by itself
        return;
      }
      this.#source = null;
      this.#on.state("offline");
      this.#retryLater();
    });
  }

  close() {
    clearTimeout(this.#retryTimer);
    if (this.#source) {
      this.#source.close();
      this.#source = null;
    }
  }

  #retryLater() {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(async () => {
      const signedIn = await this.#on.recheck();
      if (signedIn) this.open();
      else if (signedIn === null) this.#retryLater();
    }, this.#retryMs);
    this.#retryMs = Math.min(this.#retryMs * 2, MAX_RETRY_MS);
  }
}
