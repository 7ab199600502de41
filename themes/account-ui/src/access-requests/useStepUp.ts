import { useEnvironment, type AccountEnvironment } from "@keycloak/keycloak-account-ui";
import { useCallback } from "react";

import type { StepUpParameters } from "../api/types";
import { MAX_ATTEMPTS, loginOptions, returnUrl, save, type Interrupted } from "./stepUp";

/**
 * Sends the person through the second factor the API asked for, keeping what they were doing; false when the
 * attempts are used up (the caller then says so instead of looping).
 */
export function useStepUp(): (stepUp: StepUpParameters, interrupted: Interrupted, attempt: number) => boolean {
  const { keycloak } = useEnvironment<AccountEnvironment>();
  return useCallback(
    (stepUp, interrupted, attempt) => {
      if (attempt > MAX_ATTEMPTS) return false;
      save(sessionStorage, interrupted, attempt, Date.now());
      const requestId = interrupted.kind === "decision" ? interrupted.requestId : undefined;
      void keycloak.login(loginOptions(stepUp, attempt, returnUrl(location.href, requestId)));
      return true;
    },
    [keycloak],
  );
}
