import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Every message key the page uses is translated in each language the console offers, and no language
// carries keys the others lack (a German or French person never reads a raw key or falls back to English).
const SRC = fileURLToPath(new URL(".", import.meta.url));
const MESSAGES = fileURLToPath(new URL("../../src/main/resources/theme/jit/account/messages/", import.meta.url));
const LANGUAGES = ["en", "de", "fr"];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith(".test.ts") ? [path] : [];
  });
}

function keys(language: string): Set<string> {
  const text = readFileSync(join(MESSAGES, `messages_${language}.properties`), "utf8");
  return new Set(
    text
      .split("\n")
      .filter((line) => line.trim() && !line.trimStart().startsWith("#"))
      .map((line) => line.slice(0, line.indexOf("=")).trim()),
  );
}

const used = new Set(
  // message keys are the string literals "jitSomething" (passed to t() or to components that call it)
  sources(SRC).flatMap((file) => [...readFileSync(file, "utf8").matchAll(/"(jit[A-Z][A-Za-z_]*)"/g)].map((m) => m[1])),
);

/** A key is there as itself or, for a count, as its plural forms. */
function has(messages: Set<string>, key: string): boolean {
  return messages.has(key) || (messages.has(`${key}_one`) && messages.has(`${key}_other`));
}

describe("messages", () => {
  it("finds the keys the page uses", () => {
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
