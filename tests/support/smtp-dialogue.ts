import net from "node:net";

export type SmtpResult = {
  /** The answer to each RCPT TO, by address as given. */
  rcpt: Record<string, string>;
  /** The answer after the message's final dot; null when no recipient was accepted. */
  data: string | null;
};

export type SmtpMessage = {
  from: string;
  to: string[];
  subject: string;
  body?: string;
  headers?: Record<string, string>;
  /** Announced with MAIL FROM (SIZE=…), as mail programs do; lets the server refuse by size at RCPT. */
  size?: number;
};

/**
 * One plain SMTP dialogue over a socket, answer by answer, so a test can see what the server said to
 * each RCPT TO (a client library reports only the overall outcome). Every wait is bounded.
 */
export async function smtpDialogue(port: number, msg: SmtpMessage, timeoutMs = 15_000): Promise<SmtpResult> {
  const socket = net.connect({ host: "127.0.0.1", port });
  let buffer = "";
  let waiting: ((reply: string) => void) | null = null;
  // Asserted, not annotated: the socket handlers set it, so TypeScript must not narrow it to null here.
  let failure = null as Error | null;
  const fail = (e: Error) => {
    failure = e;
    socket.destroy();
    waiting?.("");
  };
  socket.setTimeout(timeoutMs, () => fail(new Error(`SMTP on ${port} did not answer within ${timeoutMs} ms: ${buffer}`)));
  socket.on("error", fail);
  // Hands a complete reply (its last line is "NNN text", no dash after the code) to the waiting step.
  const deliver = () => {
    const end = /(^|\r\n)\d{3} [^\r\n]*\r\n/.exec(buffer);
    if (!end || !waiting) return;
    const reply = buffer.slice(0, end.index + end[0].length).trim();
    buffer = buffer.slice(end.index + end[0].length);
    const w = waiting;
    waiting = null;
    w(reply);
  };
  socket.on("data", (chunk) => {
    buffer += chunk.toString("utf8");
    deliver();
  });
  const next = () =>
    new Promise<string>((resolve) => {
      waiting = resolve;
      deliver();
    });
  const say = async (line: string) => {
    socket.write(`${line}\r\n`);
    return next();
  };
  const check = (reply: string, code: RegExp) => {
    if (failure) throw failure;
    if (!code.test(reply)) throw new Error(`Unexpected SMTP answer: ${reply}`);
  };

  try {
    check(await next(), /^220/);
    check(await say("EHLO test.example"), /^250/);
    check(await say(`MAIL FROM:<${msg.from}>${msg.size === undefined ? "" : ` SIZE=${msg.size}`}`), /^250/);
    const rcpt: Record<string, string> = {};
    for (const to of msg.to) rcpt[to] = lastLine(await say(`RCPT TO:<${to}>`));
    if (failure) throw failure;
    if (!Object.values(rcpt).some((r) => r.startsWith("250"))) {
      await say("QUIT");
      return { rcpt, data: null };
    }
    check(await say("DATA"), /^354/);
    const headers = { From: msg.from, To: msg.to.join(", "), Subject: msg.subject, ...msg.headers };
    const head = Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}`)
      .join("\r\n");
    const body = (msg.body ?? `Body of ${msg.subject}\n`).replace(/\r?\n/g, "\r\n").replace(/^\./gm, "..");
    const data = lastLine(await say(`${head}\r\n\r\n${body}\r\n.`));
    await say("QUIT");
    return { rcpt, data };
  } finally {
    socket.destroy();
  }
}

function lastLine(reply: string) {
  const lines = reply.split("\r\n");
  return lines[lines.length - 1];
}
