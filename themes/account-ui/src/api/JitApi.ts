import type Keycloak from "keycloak-js";

import { joinPath } from "../util/joinPath";
import type { AccessRequest, Grant, Policy, RequestDraft, StepUpParameters, Verdict } from "./types";

/** A refusal of the JIT API: its stable code, the message for people and, for stale_mfa, how to step up. */
export class JitApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly stepUp?: StepUpParameters,
  ) {
    super(message);
    this.name = "JitApiError";
  }

  /** The caller's session is over (signed out, or ended by a revocation): only a new login helps. */
  get sessionEnded(): boolean {
    return this.code === "session_ended" || this.status === 401;
  }
}

type Context = { serverBaseUrl: string; realm: string; keycloak: Keycloak };

/** The JIT API of the realm, called with the console's own access token. */
export class JitApi {
  constructor(private readonly context: Context) {}

  policies(signal?: AbortSignal): Promise<Policy[]> {
    return this.call("GET", "policies", undefined, signal);
  }

  waitingForMe(signal?: AbortSignal): Promise<AccessRequest[]> {
    return this.call("GET", "approvals", undefined, signal);
  }

  myRequests(signal?: AbortSignal): Promise<AccessRequest[]> {
    return this.call("GET", "requests", undefined, signal);
  }

  request(id: string, signal?: AbortSignal): Promise<AccessRequest> {
    return this.call("GET", `requests/${encodeURIComponent(id)}`, undefined, signal);
  }

  myGrants(signal?: AbortSignal): Promise<Grant[]> {
    return this.call("GET", "grants", undefined, signal);
  }

  ask(draft: RequestDraft): Promise<AccessRequest> {
    return this.call("POST", "requests", draft);
  }

  cancel(id: string): Promise<AccessRequest> {
    return this.call("POST", `requests/${encodeURIComponent(id)}/cancel`, {});
  }

  decide(id: string, verdict: Verdict, comment: string): Promise<AccessRequest> {
    return this.call("POST", `requests/${encodeURIComponent(id)}/${verdict}`, { comment });
  }

  endGrant(id: string, reason: string): Promise<Grant> {
    return this.call("POST", `grants/${encodeURIComponent(id)}/end`, reason.trim() ? { reason } : {});
  }

  private async call<T>(method: "GET" | "POST", path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const { keycloak } = this.context;
    try {
      await keycloak.updateToken(30);
    } catch {
      throw new JitApiError(401, "session_ended", "Your session has ended.");
    }
    const headers: Record<string, string> = { Accept: "application/json", Authorization: `Bearer ${keycloak.token}` };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(joinPath(this.context.serverBaseUrl, "realms", encodeURIComponent(this.context.realm), "jit", path), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
    const text = await response.text();
    const json = text ? parseJson(text) : undefined;
    if (!response.ok) {
      const problem = (json ?? {}) as { error?: string; message?: string; stepUp?: StepUpParameters };
      throw new JitApiError(response.status, problem.error ?? `http_${response.status}`, problem.message ?? response.statusText, problem.stepUp);
    }
    return json as T;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
