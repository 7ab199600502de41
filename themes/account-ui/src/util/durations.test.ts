import { describe, expect, it } from "vitest";

import { durationChoices, formatInstant, humanDuration, parseIsoDuration, secondsUntil, toIsoDuration } from "./durations";

describe("parseIsoDuration", () => {
  it.each([
    ["PT2H", 7200],
    ["PT30M", 1800],
    ["PT1H30M", 5400],
    ["PT45S", 45],
    ["P1DT2H", 93_600],
    ["PT48H", 172_800],
    ["pt15m", 900],
    ["PT0S", 0],
  ])("reads %s as %i seconds", (iso, seconds) => {
    expect(parseIsoDuration(iso)).toBe(seconds);
  });

  it.each(["", "2h", "P", "PT", "PT-1H", "P1W", "PTH", "1 hour"])("refuses %j", (text) => {
    expect(parseIsoDuration(text)).toBeUndefined();
  });
});

describe("toIsoDuration", () => {
  it.each([
    [7200, "PT2H"],
    [5400, "PT1H30M"],
    [45, "PT45S"],
    [0, "PT0S"],
    [172_800, "PT48H"],
  ])("writes %i seconds as %s, like Java's Duration", (seconds, iso) => {
    expect(toIsoDuration(seconds)).toBe(iso);
    expect(parseIsoDuration(toIsoDuration(seconds))).toBe(seconds);
  });
});

describe("humanDuration", () => {
  it("shows the two largest units", () => {
    expect(humanDuration(2 * 3600 + 30 * 60 + 12, "en")).toBe("2 hr 30 min");
    expect(humanDuration(86_400 + 4 * 3600 + 5, "en")).toBe("1 day 4 hr");
  });

  it("counts seconds only under a minute", () => {
    expect(humanDuration(45, "en")).toBe("45 sec");
    expect(humanDuration(61, "en")).toBe("1 min 1 sec");
    expect(humanDuration(3601, "en")).toBe("1 hr");
  });

  it("never goes below zero", () => {
    expect(humanDuration(-5, "en")).toBe("0 sec");
  });

  it("speaks the page's language", () => {
    expect(humanDuration(2 * 3600, "de")).toBe("2 Std.");
    expect(humanDuration(30 * 60, "fr").replace(/\s/g, " ")).toBe("30 min"); // French puts a narrow no-break space
  });
});

describe("secondsUntil", () => {
  it("counts down to an instant and goes negative after it", () => {
    const now = Date.parse("2026-12-02T10:00:00Z");
    expect(secondsUntil("2026-12-02T10:05:00Z", now)).toBe(300);
    expect(secondsUntil("2026-12-02T09:59:00Z", now)).toBe(-60);
  });
});

describe("formatInstant", () => {
  it("leaves nothing for no instant and the text itself for an unreadable one", () => {
    expect(formatInstant(null, "en")).toBe("");
    expect(formatInstant("soon", "en")).toBe("soon");
  });

  it("formats a readable instant with date and time", () => {
    expect(formatInstant("2026-12-02T10:00:00Z", "en")).toMatch(/2026/);
  });
});

describe("durationChoices", () => {
  it("offers the common steps up to the maximum, the default and the maximum itself", () => {
    expect(durationChoices("PT2H", "PT4H")).toEqual(["PT15M", "PT30M", "PT1H", "PT2H", "PT4H"]);
    expect(durationChoices("PT45M", "PT1H30M")).toEqual(["PT15M", "PT30M", "PT45M", "PT1H", "PT1H30M"]);
  });

  it("offers nothing above the maximum, even a larger default", () => {
    expect(durationChoices("PT8H", "PT1H")).toEqual(["PT15M", "PT30M", "PT1H"]);
  });

  it("offers a short maximum on its own", () => {
    expect(durationChoices("PT5M", "PT5M")).toEqual(["PT5M"]);
  });
});
