import { describe, expect, it } from "vitest";
import { pickClientAddress } from "@/lib/auth/client-ip";

const pick = (forwardedFor: string, trustedHops = 0, socket = "192.0.2.1") => pickClientAddress({ socket, forwardedFor, trustedHops });

describe("client address", () => {
  it("without a trusted proxy is the socket's, whatever X-Forwarded-For says", () => {
    expect(pick("")).toBe("192.0.2.1");
    expect(pick("198.51.100.23")).toBe("192.0.2.1");
    expect(pick("198.51.100.23, 192.0.2.1")).toBe("192.0.2.1");
    expect(pick("", 0, "::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(pick("", 0, "")).toBe("unknown");
  });

  it("behind trusted proxies is the hop the outermost of them appended; hops the visitor sent are ignored", () => {
    expect(pick("203.0.113.5", 1, "127.0.0.1")).toBe("203.0.113.5");
    expect(pick("198.51.100.23, 203.0.113.5", 1, "127.0.0.1")).toBe("203.0.113.5");
    expect(pick("198.51.100.23, 203.0.113.5, 10.0.0.2", 2, "127.0.0.1")).toBe("203.0.113.5");
    expect(pick("2001:db8::7", 1, "127.0.0.1")).toBe("2001:db8::7");
  });

  it("behind a proxy that sent too few hops or garbage falls back to the socket", () => {
    expect(pick("", 1, "127.0.0.1")).toBe("127.0.0.1");
    expect(pick("203.0.113.5", 2, "127.0.0.1")).toBe("127.0.0.1");
    expect(pick("not-an-address", 1, "127.0.0.1")).toBe("127.0.0.1");
  });
});
