import type { KeycloakLoginOptions } from "keycloak-js";

import type { RequestDraft, StepUpParameters, Verdict } from "../api/types";

/**
 * Step-up through the second factor, and back to what the person was doing. When the API answers stale_mfa
 * it names the login parameters that cure it; the page keeps what was typed in the tab's session storage,
 * sends the person through that login and, back on the page, offers the same form again, filled in. Nothing
 * is sent on its own after the return: the person confirms.
 */

/** What waits for the second factor. */
export type Interrupted =
  | { kind: "decision"; requestId: string; verdict: Verdict; comment: string }
  | { kind: "request"; draft: RequestDraft };

export type Resumable = Interrupted & { attempt: number; savedAt: number };

/** A second step-up may force a whole new login; after that the page stops trying and says why. */
export const MAX_ATTEMPTS = 2;

const KEY = "jit.stepUp";
const KEEP_MS = 10 * 60 * 1000;

export function save(storage: Storage, interrupted: Interrupted, attempt: number, now: number): void {
  const resumable: Resumable = { ...interrupted, attempt, savedAt: now };
  storage.setItem(KEY, JSON.stringify(resumable));
}

/**
 * What was interrupted by a step-up, left in place: the page may load more than once on its way back from
 * the login (keycloak-js finishing the sign-in), and the draft must survive until the page shows it again;
 * {@link forget} removes it then. Old or unreadable entries count as none and are removed.
 */
export function peek(storage: Storage, now: number): Resumable | undefined {
  const text = storage.getItem(KEY);
  if (!text) return undefined;
  let value: Resumable | undefined;
  try {
    value = JSON.parse(text) as Resumable;
  } catch {
    value = undefined;
  }
  const fresh = !!value && typeof value.savedAt === "number" && now - value.savedAt <= KEEP_MS && now >= value.savedAt;
  const known =
    !!value &&
    ((value.kind === "decision" && typeof value.requestId === "string" && (value.verdict === "approve" || value.verdict === "deny")) ||
      (value.kind === "request" && typeof value.draft?.policy === "string"));
  if (fresh && known && typeof value!.attempt === "number") return value;
  forget(storage);
  return undefined;
}

/** Removes what a step-up interrupted, once the page has offered it again (or it can no longer be offered). */
export function forget(storage: Storage): void {
  storage.removeItem(KEY);
}

/**
 * The keycloak-js login options of a step-up: the ACR of the second factor and the freshness the policy
 * wants; a second attempt also forces a new login, so that a second factor older than the freshness is asked
 * for again even where the realm would remember it.
 */
export function loginOptions(stepUp: StepUpParameters, attempt: number, redirectUri: string): KeycloakLoginOptions {
  const options: KeycloakLoginOptions = { acrValues: stepUp.acr_values, redirectUri };
  if (stepUp.max_age !== undefined && stepUp.max_age > 0) options.maxAge = stepUp.max_age;
  if (attempt >= 2) options.prompt = "login";
  return options;
}

/** Where the step-up comes back to: this page, pointing at the request being decided. */
export function returnUrl(pageUrl: string, requestId?: string): string {
  const url = new URL(pageUrl);
  url.hash = "";
  for (const param of ["state", "session_state", "code", "iss", "error", "error_description"]) url.searchParams.delete(param);
  if (requestId) url.searchParams.set("request", requestId);
  return url.toString();
}
