import { describe, expect, it } from "vitest";
import { databaseLocaleProblem } from "@/db/migrate-pg";

describe("databaseLocaleProblem", () => {
  it("accepts the locales that order UTF-8 text by code point", () => {
    for (const collate of ["C", "POSIX", "C.UTF-8", "C.utf8"])
      expect(databaseLocaleProblem({ provider: "c", collate, encoding: "UTF8" })).toBeNull();
    expect(databaseLocaleProblem({ provider: "b", collate: "C", encoding: "UTF8" })).toBeNull();
  });

  it("names what is wrong with a language's collation, an ICU locale or another encoding", () => {
    expect(databaseLocaleProblem({ provider: "c", collate: "de_DE.UTF-8", encoding: "UTF8" })).toMatch(/sorts text as de_DE\.UTF-8/);
    expect(databaseLocaleProblem({ provider: "i", collate: "C", encoding: "UTF8" })).toMatch(/ICU/);
    expect(databaseLocaleProblem({ provider: "c", collate: "C", encoding: "LATIN1" })).toMatch(/encoding is LATIN1/);
  });
});
