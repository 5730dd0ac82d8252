import { checkPasswordComplexity } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { generatePassword } from "./password.ts";

describe("generatePassword", () => {
  it("never contains a name it must avoid, and always passes the policy", () => {
    // 676 three-letter names starting with a: about one draw in three contains one of them.
    const letters = "abcdefghijklmnopqrstuvwxyz";
    const names = [...letters].flatMap((b) => [...letters].map((c) => `a${b}${c}`));
    for (let i = 0; i < 300; i++) {
      const password = generatePassword(names);
      expect(password).toHaveLength(16);
      for (const name of names) expect(checkPasswordComplexity(password, name), password).toEqual([]);
    }
  });
});
