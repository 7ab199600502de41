import { Alert, AlertActionLink } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";

import { RequestCard } from "./RequestCard";
import type { Ledger } from "./useLedger";

/**
 * What the page says above its tabs: that the session ended (sign in again) or a refresh failed, and the request a
 * link pointed at when it no longer waits for the reader (or cannot be shown).
 */
export const LedgerNotices = ({
  ledger,
  sessionEnded,
  linkedId,
  now,
  onSignIn,
}: {
  ledger: Ledger;
  sessionEnded: boolean;
  linkedId: string | null;
  now: number;
  onSignIn: () => void;
}) => {
  const { t } = useTranslation();
  return (
    <>
      {sessionEnded ? (
        <Alert
          isInline
          variant="warning"
          title={t("jitSessionEnded")}
          data-testid="jit-session-ended"
          className="pf-v5-u-mb-md"
          actionLinks={<AlertActionLink onClick={onSignIn}>{t("jitSignInAgain")}</AlertActionLink>}
        />
      ) : (
        ledger.error && (
          <Alert isInline variant="danger" title={t("jitRefreshFailed")} data-testid="jit-refresh-failed" className="pf-v5-u-mb-md">
            <span className="jit-text">{ledger.error.message}</span>
          </Alert>
        )
      )}

      {linkedId && ledger.linked && (
        <div className="pf-v5-u-mb-md" data-testid="jit-linked-request">
          <Alert isInline variant="info" title={t("jitLinkedNotWaiting")} className="pf-v5-u-mb-sm" />
          <RequestCard request={ledger.linked} now={now} highlighted />
        </div>
      )}
      {linkedId && ledger.linkedMissing && (
        <Alert isInline variant="warning" title={t("jitLinkedMissing")} data-testid="jit-linked-missing" className="pf-v5-u-mb-md" />
      )}
    </>
  );
};
