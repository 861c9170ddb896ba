// Waits (at most the given seconds) until a URL answers; exits 1 otherwise. No curl on a fresh machine.
const [url, seconds = "30"] = process.argv.slice(2);
const deadline = Date.now() + Number(seconds) * 1000;
while (Date.now() < deadline) {
  try {
    const res = await fetch(url, { redirect: "manual" });
    if (res.status < 500) process.exit(0);
  } catch {
    // Not listening yet.
  }
  await new Promise((r) => setTimeout(r, 300));
}
console.error(`${url} did not answer within ${seconds}s`);
process.exit(1);
