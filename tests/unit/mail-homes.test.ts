/**
 * Removing a deleted mailbox's Dovecot home (lib/mail/mail-homes.ts) on a real folder tree: only plain
 * folders below the mail root, never through a symbolic link, and links inside a home are removed
 * without touching what they point at.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { emptyTrash, homeSegments, moveHomeToTrash, TRASH } from "@/lib/mail/mail-homes";

let root: string;
let outside: string;
beforeEach(() => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-homes-"));
  root = path.join(base, "mail");
  outside = path.join(base, "outside");
  fs.mkdirSync(root);
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, "keep.txt"), "not Kontor's");
});

function maildir(home: string) {
  const dir = path.join(root, home, "Maildir", "cur");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "1.M1P1.host:2,S"), "Subject: old\n\nold mail\n");
}

describe("mail homes", () => {
  it("accepts only the homes Kontor makes", () => {
    expect(homeSegments("example.org/info=12")).toEqual(["example.org", "info=12"]);
    expect(homeSegments("k10001.002=7")).toEqual(["k10001.002=7"]);
    expect(homeSegments("example.org/info")).toEqual(["example.org", "info"]);
    for (const bad of ["", "/etc", "../x", "example.org/..", "a/./b", "a/b/c", ".kontor-trash", "a//b", "Ex/x", "a\0b", "a b"]) {
      expect(homeSegments(bad), bad).toBeNull();
    }
  });

  it("moves a home into the trash, drops the emptied domain folder, and empties the trash", async () => {
    maildir("example.org/info=12");
    expect(moveHomeToTrash(root, "example.org/info=12")).toBe("moved");
    expect(fs.existsSync(path.join(root, "example.org"))).toBe(false);
    expect(fs.readdirSync(path.join(root, TRASH))).toHaveLength(1);
    await emptyTrash(root);
    expect(fs.readdirSync(path.join(root, TRASH))).toEqual([]);
  });

  it("keeps the domain folder while other homes live in it, and says absent for a home never created", () => {
    maildir("example.org/info=12");
    maildir("example.org/anna=13");
    expect(moveHomeToTrash(root, "example.org/info=12")).toBe("moved");
    expect(fs.existsSync(path.join(root, "example.org", "anna=13", "Maildir"))).toBe(true);
    expect(moveHomeToTrash(root, "example.org/nobody=99")).toBe("absent");
    expect(moveHomeToTrash(root, "other.example/x=1")).toBe("absent");
  });

  it("refuses a path that leaves the mail root or passes through a symbolic link", () => {
    fs.symlinkSync(outside, path.join(root, "evil.example"));
    expect(moveHomeToTrash(root, "evil.example")).toBe("refused");
    fs.mkdirSync(path.join(outside, "info=1"));
    expect(moveHomeToTrash(root, "evil.example/info=1")).toBe("refused");
    expect(moveHomeToTrash(root, "../outside")).toBe("refused");
    expect(fs.existsSync(path.join(outside, "keep.txt"))).toBe(true);
    expect(fs.existsSync(path.join(outside, "info=1"))).toBe(true);
  });

  it("removes a link inside a home without following it", async () => {
    maildir("example.org/info=12");
    fs.symlinkSync(outside, path.join(root, "example.org", "info=12", "Maildir", "link"));
    expect(moveHomeToTrash(root, "example.org/info=12")).toBe("moved");
    await emptyTrash(root);
    expect(fs.readFileSync(path.join(outside, "keep.txt"), "utf8")).toBe("not Kontor's");
  });

  it("refuses a trash folder that is a link", async () => {
    fs.symlinkSync(outside, path.join(root, TRASH));
    maildir("example.org/info=12");
    expect(moveHomeToTrash(root, "example.org/info=12")).toBe("refused");
    await emptyTrash(root);
    expect(fs.existsSync(path.join(outside, "keep.txt"))).toBe(true);
    expect(fs.existsSync(path.join(root, "example.org", "info=12", "Maildir"))).toBe(true);
  });
});
