import { Page, useAccountAlerts, useEnvironment, type AccountEnvironment } from "@keycloak/keycloak-account-ui";
import {
  AlertVariant,
  Badge,
  Button,
  Flex,
  FlexItem,
  Gallery,
  Modal,
  ModalVariant,
  Spinner,
  Stack,
  StackItem,
  Tab,
  TabTitleText,
  Tabs,
  Text,
} from "@patternfly/react-core";
import { CheckCircleIcon, InboxIcon, KeyIcon } from "@patternfly/react-icons";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";

import { JitApi, JitApiError } from "../api/JitApi";
import type { AccessRequest, Grant, Verdict } from "../api/types";
import { AccessToolbar } from "./AccessToolbar";
import { DecisionModal, type DecisionDraft } from "./DecisionModal";
import { EmptyView } from "./EmptyView";
import { EndGrantModal } from "./EndGrantModal";
import { GrantCard } from "./GrantCard";
import { LedgerNotices } from "./LedgerNotices";
import { RequestCard } from "./RequestCard";
import { RequestForm, type FormDraft } from "./RequestForm";
import { useRoleName } from "./RoleName";
import { forget, peek } from "./stepUp";
import { useLedger } from "./useLedger";
import { useNow } from "./useNow";

type TabKey = "waiting" | "mine" | "access";

/**
 * The account console page "Access requests": what waits for my decision, my own requests and my active
 * access, refreshed by itself; approve or deny with a comment, ask for a role, end a grant early.
 */
export default function AccessRequests() {
  const { t } = useTranslation();
  const roleName = useRoleName();
  const context = useEnvironment<AccountEnvironment>();
  const { addAlert } = useAccountAlerts();
  const api = useMemo(
    () => new JitApi({ serverBaseUrl: context.environment.serverBaseUrl, realm: context.environment.realm, keycloak: context.keycloak }),
    [context],
  );
  const [searchParams] = useSearchParams();
  const linkedId = searchParams.get("request");
  const [ledger, refresh] = useLedger(api, linkedId);
  const now = useNow(1000);
  const [tab, setTab] = useState<TabKey>("waiting");
  const [decision, setDecision] = useState<DecisionDraft>();
  const [asking, setAsking] = useState<FormDraft>();
  const [ending, setEnding] = useState<Grant>();
  const [signedOut, setSignedOut] = useState(false);
  const resumed = useRef<ReturnType<typeof peek> | null>(null);
  const placed = useRef(false);

  // what a step-up interrupted comes back once, when the lists it refers to are known (and only then is it
  // forgotten: the page may load twice on its way back from the login)
  if (resumed.current === null) resumed.current = peek(sessionStorage, Date.now());
  useEffect(() => {
    const interrupted = resumed.current;
    if (!ledger.loaded || ledger.error || !interrupted) return;
    resumed.current = undefined;
    forget(sessionStorage);
    if (interrupted.kind === "decision") {
      const request = ledger.waiting.find((r) => r.id === interrupted.requestId);
      if (request) {
        setTab("waiting");
        setDecision({ request, verdict: interrupted.verdict, comment: interrupted.comment, attempt: interrupted.attempt, resumed: true });
      }
    } else if (ledger.policies.length > 0) {
      setAsking({ draft: interrupted.draft, attempt: interrupted.attempt, resumed: true });
    }
  }, [ledger]);

  // a link to one request opens the tab that holds it, once
  useEffect(() => {
    if (!ledger.loaded || placed.current || !linkedId) return;
    placed.current = true;
    if (ledger.waiting.some((r) => r.id === linkedId)) setTab("waiting");
    else if (ledger.mine.some((r) => r.id === linkedId)) setTab("mine");
    document.getElementById(`jit-request-${linkedId}`)?.scrollIntoView({ block: "center" });
  }, [ledger, linkedId]);

  const decided = (request: AccessRequest, verdict: Verdict) => {
    setDecision(undefined);
    const key = verdict === "deny" ? "jitDeniedAlert" : request.status === "APPROVED" ? "jitApprovedAlert" : "jitApprovalRecordedAlert";
    addAlert(t(key, { requester: request.requester.username, role: roleName(request.role, request.client, request.group) }), AlertVariant.success);
    void refresh();
  };

  const sent = (request: AccessRequest) => {
    setAsking(undefined);
    if (request.status === "APPROVED") {
      addAlert(t("jitGrantedAlert", { role: roleName(request.role, request.client, request.group) }), AlertVariant.success);
      setTab("access");
    } else {
      addAlert(t("jitRequestSentAlert", { role: roleName(request.role, request.client, request.group) }), AlertVariant.success);
      setTab("mine");
    }
    void refresh();
  };

  const ended = (grant: Grant) => {
    setEnding(undefined);
    if (grant.endSessionsOnRevoke) {
      setSignedOut(true);
      return;
    }
    addAlert(t("jitEndedAlert", { role: roleName(grant.role, grant.client, grant.group) }), AlertVariant.success);
    void refresh();
  };

  const cancel = async (request: AccessRequest) => {
    try {
      await api.cancel(request.id);
      addAlert(t("jitCancelledAlert", { role: roleName(request.role, request.client, request.group) }), AlertVariant.success);
    } catch (error) {
      addAlert(error instanceof Error ? error.message : String(error), AlertVariant.danger);
    }
    void refresh();
  };

  const sessionEnded = ledger.error instanceof JitApiError && ledger.error.sessionEnded;
  const signIn = () => void context.keycloak.login({ redirectUri: location.href });

  const waitingActions = (request: AccessRequest) => (
    <Flex spaceItems={{ default: "spaceItemsSm" }}>
      <FlexItem>
        <Button
          variant="primary"
          data-testid="jit-approve"
          aria-label={t("jitApproveLabel", { requester: request.requester.username, role: roleName(request.role, request.client, request.group) })}
          onClick={() => setDecision({ request, verdict: "approve", comment: "", attempt: 0, resumed: false })}
        >
          {t("jitApprove")}
        </Button>
      </FlexItem>
      <FlexItem>
        <Button
          variant="secondary"
          isDanger
          data-testid="jit-deny"
          aria-label={t("jitDenyLabel", { requester: request.requester.username, role: roleName(request.role, request.client, request.group) })}
          onClick={() => setDecision({ request, verdict: "deny", comment: "", attempt: 0, resumed: false })}
        >
          {t("jitDeny")}
        </Button>
      </FlexItem>
      {request.stepUp && (
        <FlexItem>
          <Text component="small" data-testid="jit-needs-second-factor">
            {t("jitStepUpNeeded")}
          </Text>
        </FlexItem>
      )}
    </Flex>
  );

  const mineActions = (request: AccessRequest) =>
    request.status === "PENDING" ? (
      <Button variant="secondary" data-testid="jit-cancel" onClick={() => void cancel(request)}>
        {t("jitCancelRequest")}
      </Button>
    ) : undefined;

  const cards = (requests: AccessRequest[], actions: (request: AccessRequest) => JSX.Element | undefined) => (
    <Stack hasGutter>
      {requests.map((request) => (
        <StackItem key={request.id}>
          <RequestCard request={request} now={now} highlighted={request.id === linkedId} actions={actions(request)} />
        </StackItem>
      ))}
    </Stack>
  );

  return (
    <Page title={t("jitAccessRequests")} description={t("jitAccessRequestsDescription")}>
      <div id="jit-access-requests" data-testid="jit-access-requests" data-loaded={ledger.loaded}>
        <AccessToolbar ledger={ledger} onAsk={() => setAsking({ attempt: 0, resumed: false })} />

        <LedgerNotices ledger={ledger} sessionEnded={sessionEnded} linkedId={linkedId} now={now} onSignIn={signIn} />

        {!ledger.loaded ? (
          <Spinner aria-label={t("jitLoading")} />
        ) : (
          <Tabs activeKey={tab} onSelect={(_event, key) => setTab(key as TabKey)} mountOnEnter aria-label={t("jitAccessRequests")}>
            <Tab
              eventKey="waiting"
              data-testid="jit-tab-waiting"
              title={
                <TabTitleText>
                  {t("jitWaitingForMe")} <Badge isRead={ledger.waiting.length === 0}>{ledger.waiting.length}</Badge>
                </TabTitleText>
              }
            >
              <div className="pf-v5-u-pt-md" data-testid="jit-waiting">
                {ledger.waiting.length === 0 ? (
                  <EmptyView id="jit-empty-waiting" icon={InboxIcon} title={t("jitEmptyWaitingTitle")}>
                    {t("jitEmptyWaiting")}
                  </EmptyView>
                ) : (
                  cards(ledger.waiting, waitingActions)
                )}
              </div>
            </Tab>
            <Tab
              eventKey="mine"
              data-testid="jit-tab-mine"
              title={
                <TabTitleText>
                  {t("jitMyRequests")} <Badge isRead>{ledger.mine.length}</Badge>
                </TabTitleText>
              }
            >
              <div className="pf-v5-u-pt-md" data-testid="jit-mine">
                {ledger.mine.length === 0 ? (
                  <EmptyView id="jit-empty-mine" icon={KeyIcon} title={t("jitEmptyMineTitle")}>
                    {ledger.policies.length > 0 ? t("jitEmptyMine") : t("jitEmptyMineNotEligible")}
                  </EmptyView>
                ) : (
                  cards(ledger.mine, mineActions)
                )}
              </div>
            </Tab>
            <Tab
              eventKey="access"
              data-testid="jit-tab-access"
              title={
                <TabTitleText>
                  {t("jitMyAccess")} <Badge isRead={ledger.grants.length === 0}>{ledger.grants.length}</Badge>
                </TabTitleText>
              }
            >
              <div className="pf-v5-u-pt-md" data-testid="jit-access">
                {ledger.grants.length === 0 ? (
                  <EmptyView id="jit-empty-access" icon={CheckCircleIcon} title={t("jitEmptyAccessTitle")}>
                    {t("jitEmptyAccess")}
                  </EmptyView>
                ) : (
                  <Gallery hasGutter minWidths={{ default: "100%", xl: "480px" }}>
                    {ledger.grants.map((grant) => (
                      <GrantCard key={grant.id} grant={grant} now={now} onEnd={setEnding} />
                    ))}
                  </Gallery>
                )}
              </div>
            </Tab>
          </Tabs>
        )}
      </div>

      {decision && <DecisionModal draft={decision} api={api} onClose={() => setDecision(undefined)} onDecided={decided} />}
      {asking && (
        <RequestForm policies={ledger.policies} initial={asking} api={api} onClose={() => setAsking(undefined)} onSent={sent} />
      )}
      {ending && <EndGrantModal grant={ending} api={api} onClose={() => setEnding(undefined)} onEnded={ended} />}
      <Modal
        variant={ModalVariant.small}
        title={t("jitSignedOutTitle")}
        isOpen={signedOut}
        showClose={false}
        data-testid="jit-signed-out"
        actions={[
          <Button key="signIn" variant="primary" onClick={signIn}>
            {t("jitSignInAgain")}
          </Button>,
        ]}
      >
        {t("jitSignedOut")}
      </Modal>
    </Page>
  );
}
