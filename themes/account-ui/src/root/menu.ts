import type { Feature } from "@keycloak/keycloak-account-ui";

import { joinPath } from "../util/joinPath";

/** An entry of the theme's content.json: a page, or a group of pages. */
export type MenuItem = MenuPage | MenuGroup;

export type MenuPage = { id?: string; label: string; path: string; isVisible?: keyof Feature; modulePath?: string };
export type MenuGroup = { label: string; children: MenuItem[]; isVisible?: keyof Feature };

export function isGroup(item: MenuItem): item is MenuGroup {
  return "children" in item;
}

/** The menu of the account theme (ours: keycloak.v3's pages and "Access requests"). */
export async function fetchMenu(resourceUrl: string, signal?: AbortSignal): Promise<MenuItem[]> {
  const response = await fetch(joinPath(resourceUrl, "content.json"), { signal });
  if (!response.ok) throw new Error(`content.json: ${response.status}`);
  return (await response.json()) as MenuItem[];
}

/** The items this person may see: those without a feature flag, or whose flag is on. */
export function visibleItems(items: MenuItem[], features: Partial<Record<keyof Feature, boolean>>): MenuItem[] {
  return items
    .filter((item) => !item.isVisible || features[item.isVisible])
    .map((item) => (isGroup(item) ? { ...item, children: visibleItems(item.children, features) } : item))
    .filter((item) => !isGroup(item) || item.children.length > 0);
}

/** The absolute path of a page of the console (the console lives at the path of baseUrl). */
export function pagePath(path: string, baseUrl: string): string {
  const root = new URL(baseUrl).pathname.replace(/\/*$/, "/");
  return root + path.replace(/^\/+/, "");
}

/** Whether the page at {@code pathname} is this item, or one of its group. */
export function isActive(item: MenuItem, pathname: string, baseUrl: string): boolean {
  if (isGroup(item)) return item.children.some((child) => isActive(child, pathname, baseUrl));
  const target = pagePath(item.path, baseUrl).replace(/\/+$/, "");
  const here = pathname.replace(/\/+$/, "");
  return item.path === "" ? here === target : here === target || here.startsWith(`${target}/`);
}
