import { beforeEach, describe, expect, it } from "vitest";

import { forget, loginOptions, peek, returnUrl, save } from "./stepUp";

class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const NOW = Date.parse("2026-12-02T10:00:00Z");

describe("what a step-up interrupts", () => {
  let storage: MemoryStorage;
  beforeEach(() => {
    storage = new MemoryStorage();
  });

  it("comes back once, as it was typed", () => {
    save(storage, { kind: "decision", requestId: "r1", verdict: "deny", comment: "<b>not now</b>" }, 1, NOW);
    expect(peek(storage, NOW + 60_000)).toEqual({
      kind: "decision", requestId: "r1", verdict: "deny", comment: "<b>not now</b>", attempt: 1, savedAt: NOW,
    });
    forget(storage);
    expect(peek(storage, NOW + 60_000)).toBeUndefined();
  });

  it("stays while the page loads again on its way back, until it is forgotten", () => {
    save(storage, { kind: "decision", requestId: "r1", verdict: "approve", comment: "ok" }, 1, NOW);
    expect(peek(storage, NOW + 1000)).toMatchObject({ requestId: "r1", comment: "ok" });
    expect(peek(storage, NOW + 2000)).toMatchObject({ requestId: "r1", comment: "ok" });
    forget(storage);
    expect(peek(storage, NOW + 3000)).toBeUndefined();
  });

  it("removes what is too old to offer", () => {
    save(storage, { kind: "decision", requestId: "r1", verdict: "approve", comment: "" }, 1, NOW);
    expect(peek(storage, NOW + 11 * 60_000)).toBeUndefined();
    expect(storage.getItem("jit.stepUp")).toBeNull();
  });

  it("keeps a request draft", () => {
    save(storage, { kind: "request", draft: { policy: "p", duration: "PT1H", justification: "j", ticket: "T-1" } }, 2, NOW);
    expect(peek(storage, NOW)).toMatchObject({ kind: "request", attempt: 2, draft: { policy: "p", ticket: "T-1" } });
  });

  it("forgets what is older than ten minutes", () => {
    save(storage, { kind: "decision", requestId: "r1", verdict: "approve", comment: "" }, 1, NOW);
    expect(peek(storage, NOW + 10 * 60_000 + 1)).toBeUndefined();
  });

  it("ignores what it cannot read", () => {
    storage.setItem("jit.stepUp", "{not json");
    expect(peek(storage, NOW)).toBeUndefined();
    storage.setItem("jit.stepUp", JSON.stringify({ kind: "decision", requestId: "r1", verdict: "delete", attempt: 1, savedAt: NOW }));
    expect(peek(storage, NOW)).toBeUndefined();
    storage.setItem("jit.stepUp", JSON.stringify({ kind: "other", attempt: 1, savedAt: NOW }));
    expect(peek(storage, NOW)).toBeUndefined();
  });
});

describe("the step-up login", () => {
  it("asks for the second factor's ACR, and the freshness where the policy sets one", () => {
    expect(loginOptions({ acr_values: "mfa" }, 1, "https://kc/realms/acme/account/access-requests")).toEqual({
      acrValues: "mfa", redirectUri: "https://kc/realms/acme/account/access-requests",
    });
    expect(loginOptions({ acr_values: "mfa", max_age: 300 }, 1, "u")).toEqual({ acrValues: "mfa", maxAge: 300, redirectUri: "u" });
  });

  it("forces a new login on the second attempt", () => {
    expect(loginOptions({ acr_values: "mfa", max_age: 60 }, 2, "u")).toEqual({
      acrValues: "mfa", maxAge: 60, prompt: "login", redirectUri: "u",
    });
  });

  it("comes back to the page at the request being decided, without the last login's parameters", () => {
    expect(returnUrl("https://kc/realms/acme/account/access-requests?state=s&code=c&iss=x#frag", "r 1")).toBe(
      "https://kc/realms/acme/account/access-requests?request=r+1",
    );
    expect(returnUrl("https://kc/realms/acme/account/access-requests?tab=mine")).toBe(
      "https://kc/realms/acme/account/access-requests?tab=mine",
    );
  });
});
