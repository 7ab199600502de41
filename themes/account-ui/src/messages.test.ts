import { describe, expect, it } from "vitest";

// Every message key the page uses is translated in each language the console offers, and no language
// carries keys the others lack (a German or French person never reads a raw key or falls back to English).
const LANGUAGES = ["en", "de", "fr"];

const code = import.meta.glob(["./**/*.{ts,tsx}", "!./**/*.test.ts"], { query: "?raw", import: "default", eager: true }) as Record<
  string,
  string
>;
const bundles = import.meta.glob("../../src/main/resources/theme/jit/account/messages/messages_*.properties", {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

function keys(language: string): Set<string> {
  const file = Object.keys(bundles).find((path) => path.endsWith(`/messages_${language}.properties`));
  if (!file) throw new Error(`no messages_${language}.properties`);
  return new Set(
    bundles[file]
      .split("\n")
      .filter((line) => line.trim() && !line.trimStart().startsWith("#"))
      .map((line) => line.slice(0, line.indexOf("=")).trim()),
  );
}

const used = new Set(
  // message keys are the string literals "jitSomething" (passed to t() or to components that call it)
  Object.values(code).flatMap((text) => [...text.matchAll(/"(jit[A-Z][A-Za-z_]*)"/g)].map((m) => m[1])),
);

/** A key is there as itself or, for a count, as its plural forms. */
function has(messages: Set<string>, key: string): boolean {
  return messages.has(key) || (messages.has(`${key}_one`) && messages.has(`${key}_other`));
}

describe("messages", () => {
  it("finds the keys the page uses", () => {
    expect(Object.keys(code).length).toBeGreaterThan(20);
    expect(used.size).toBeGreaterThan(40);
  });

  for (const language of LANGUAGES) {
    it(`has every key the page uses in ${language}`, () => {
      const messages = keys(language);
      const missing = [...used].filter((key) => !has(messages, key));
      expect(missing).toEqual([]);
    });

    it(`has the same keys in ${language} as in en`, () => {
      const en = keys("en");
      const other = keys(language);
      expect([...en].filter((key) => !other.has(key))).toEqual([]);
      expect([...other].filter((key) => !en.has(key))).toEqual([]);
    });
  }
});
