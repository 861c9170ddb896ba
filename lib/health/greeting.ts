import net from "node:net";

export type PortState = "up" | "down";

export type GreetingProbe = {
  host: string;
  port: number;
  /** The server's first line: `* OK …` for IMAP, `220 …` for SMTP and LMTP. */
  greeting: RegExp;
  /** Sent after the greeting so the server ends the session cleanly instead of logging an abort. */
  goodbye: string;
  /** Connect and greeting together; a server that accepts but never greets counts as down. */
  timeoutMs: number;
};

const MAX_LINE = 512;

/**
 * Connects, reads the server's first line and says whether it is the expected greeting. A port held
 * by another program, a listener that hangs (a full Dovecot login process pool accepts and never
 * greets) and a refused connection all count as down, each within `timeoutMs`. The greeting itself is
 * never passed on: it names the software and, on Debian, its version.
 */
export function probeGreeting(probe: GreetingProbe): Promise<PortState> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: probe.host, port: probe.port });
    let received = "";
    let settled = false;
    const finish = (state: PortState) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.removeAllListeners("data");
      if (state === "up") {
        socket.end(probe.goodbye);
        // The server closes after the goodbye; a peer that does not must not keep the socket open.
        setTimeout(() => socket.destroy(), probe.timeoutMs).unref();
      } else {
        socket.destroy();
      }
      resolve(state);
    };
    const timer = setTimeout(() => finish("down"), probe.timeoutMs);
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      received += chunk;
      const end = received.indexOf("\n");
      if (end >= 0) finish(probe.greeting.test(received.slice(0, end)) ? "up" : "down");
      else if (received.length > MAX_LINE) finish("down");
    });
    socket.on("error", () => finish("down"));
    socket.on("close", () => finish("down"));
  });
}
