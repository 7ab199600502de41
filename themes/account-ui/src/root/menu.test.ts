import { describe, expect, it } from "vitest";

import { isActive, pagePath, visibleItems, type MenuItem } from "./menu";

const BASE = "http://localhost:8080/realms/acme/account/";

const MENU: MenuItem[] = [
  { label: "personalInfo", path: "" },
  {
    label: "accountSecurity",
    children: [
      { label: "signingIn", path: "account-security/signing-in" },
      { label: "linkedAccounts", path: "account-security/linked-accounts", isVisible: "isLinkedAccountsEnabled" },
    ],
  },
  { label: "jitAccessRequests", path: "access-requests" },
  { label: "groups", path: "groups", isVisible: "isViewGroupsEnabled" },
];

describe("the console's menu", () => {
  it("shows items whose feature is on, and groups with something in them", () => {
    const shown = visibleItems(MENU, { isLinkedAccountsEnabled: false, isViewGroupsEnabled: true });
    expect(JSON.stringify(shown)).not.toContain("linkedAccounts");
    expect(shown.map((item) => item.label)).toEqual(["personalInfo", "accountSecurity", "jitAccessRequests", "groups"]);
    expect(visibleItems([{ label: "g", children: [{ label: "x", path: "x", isVisible: "isViewGroupsEnabled" }] }], {})).toEqual([]);
  });

  it("links pages under the console's path", () => {
    expect(pagePath("access-requests", BASE)).toBe("/realms/acme/account/access-requests");
    expect(pagePath("", BASE)).toBe("/realms/acme/account/");
  });

  it("marks the page shown, and its group", () => {
    expect(isActive(MENU[2], "/realms/acme/account/access-requests", BASE)).toBe(true);
    expect(isActive(MENU[0], "/realms/acme/account/access-requests", BASE)).toBe(false);
    expect(isActive(MENU[0], "/realms/acme/account/", BASE)).toBe(true);
    expect(isActive(MENU[1], "/realms/acme/account/account-security/signing-in", BASE)).toBe(true);
  });
});
