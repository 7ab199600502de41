import { useCallback, useEffect, useRef, useState } from "react";

import { JitApi, JitApiError } from "../api/JitApi";
import type { AccessRequest, Grant, Policy } from "../api/types";

/** How often the page asks the server again while it is shown. */
export const REFRESH_MS = 5000;

export type Ledger = {
  waiting: AccessRequest[];
  mine: AccessRequest[];
  grants: Grant[];
  policies: Policy[];
  /** The request a link pointed at, when it is in none of the lists (decided, or not for this person). */
  linked?: AccessRequest;
  linkedMissing: boolean;
  loaded: boolean;
  loadedAt?: number;
  error?: JitApiError | Error;
};

const EMPTY: Ledger = { waiting: [], mine: [], grants: [], policies: [], linkedMissing: false, loaded: false };

/**
 * What this person sees of the JIT ledger, read now and then again every few seconds while the page is
 * visible (and at once when it comes back into view). A failed refresh keeps what was shown and says why;
 * once the session has ended it stops asking.
 */
export function useLedger(api: JitApi, linkedId: string | null): [Ledger, () => Promise<void>] {
  const [ledger, setLedger] = useState<Ledger>(EMPTY);
  const stopped = useRef(false);

  const refresh = useCallback(async () => {
    if (stopped.current) return;
    try {
      const [waiting, mine, grants, policies] = await Promise.all([api.waitingForMe(), api.myRequests(), api.myGrants(), api.policies()]);
      let linked: AccessRequest | undefined;
      let linkedMissing = false;
      if (linkedId && !waiting.some((r) => r.id === linkedId) && !mine.some((r) => r.id === linkedId)) {
        try {
          linked = await api.request(linkedId);
        } catch (error) {
          if (!(error instanceof JitApiError) || error.status !== 404) throw error;
          linkedMissing = true;
        }
      }
      setLedger({ waiting, mine, grants, policies, linked, linkedMissing, loaded: true, loadedAt: Date.now() });
    } catch (error) {
      if (error instanceof JitApiError && error.sessionEnded) stopped.current = true;
      setLedger((shown) => ({ ...shown, loaded: true, error: error instanceof Error ? error : new Error(String(error)) }));
    }
  }, [api, linkedId]);

  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => {
      if (!document.hidden) void refresh();
    }, REFRESH_MS);
    const onVisible = () => {
      if (!document.hidden) void refresh();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [refresh]);

  return [ledger, refresh];
}
