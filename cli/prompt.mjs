// Reading input: a visible line, a hidden line (passwords and keys are not echoed), or all of stdin.
import readline from "node:readline";

export async function ask(question, { input = process.stdin, output = process.stderr } = {}) {
  const rl = readline.createInterface({ input, output, terminal: input.isTTY });
  try {
    return await new Promise((resolve) => rl.question(question, resolve));
  } finally {
    rl.close();
  }
}

/** Like ask, without echo on a terminal; from a pipe it reads one line. */
export async function askHidden(question, { input = process.stdin, output = process.stderr } = {}) {
  if (!input.isTTY) return readLine(input);
  output.write(question);
  return new Promise((resolve, reject) => {
    let value = "";
    input.setRawMode(true);
    input.resume();
    input.setEncoding("utf8");
    const done = (result, error) => {
      input.setRawMode(false);
      input.pause();
      input.removeListener("data", onData);
      output.write("\n");
      if (error) reject(error);
      else resolve(result);
    };
    const onData = (chunk) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") return done(value);
        if (ch === "\u0003") return done(undefined, new Error("cancelled"));
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else value += ch;
      }
    };
    input.on("data", onData);
  });
}

let pending;
/** One line of a piped stdin (buffered, so two calls read two lines). */
export async function readLine(input = process.stdin) {
  pending ??= readAll(input).then((text) => text.split(/\r?\n/));
  const lines = await pending;
  return lines.shift() ?? "";
}

async function readAll(input) {
  const chunks = [];
  for await (const chunk of input) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}
