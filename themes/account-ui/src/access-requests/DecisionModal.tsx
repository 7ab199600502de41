import { Alert, Button, Form, FormGroup, Modal, ModalVariant, TextArea } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { JitApi, JitApiError } from "../api/JitApi";
import type { AccessRequest, Verdict } from "../api/types";
import { humanDuration, parseIsoDuration } from "../util/durations";
import { ProblemAlert } from "./ProblemAlert";
import { useRoleName } from "./RoleName";
import { useStepUp } from "./useStepUp";

export type DecisionDraft = { request: AccessRequest; verdict: Verdict; comment: string; attempt: number; resumed: boolean };

/**
 * Approve or deny one request, with a comment (a denial needs one). When the approver's second factor is not
 * fresh enough for the policy, the API says so and the approver is sent through step-up, then brought back
 * here with the comment kept.
 */
export const DecisionModal = ({
  draft,
  api,
  onClose,
  onDecided,
}: {
  draft: DecisionDraft;
  api: JitApi;
  onClose: () => void;
  onDecided: (request: AccessRequest, verdict: Verdict) => void;
}) => {
  const { t, i18n } = useTranslation();
  const roleName = useRoleName();
  const stepUp = useStepUp();
  const { request, verdict } = draft;
  const [comment, setComment] = useState(draft.comment);
  const [problem, setProblem] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const seconds = parseIsoDuration(request.duration);

  const submit = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      onDecided(await api.decide(request.id, verdict, comment), verdict);
    } catch (error) {
      if (error instanceof JitApiError && error.code === "stale_mfa" && error.stepUp) {
        if (stepUp(error.stepUp, { kind: "decision", requestId: request.id, verdict, comment }, draft.attempt + 1)) return;
        setProblem(new JitApiError(error.status, "stale_mfa_after_step_up", error.message));
      } else {
        setProblem(error instanceof Error ? error : new Error(String(error)));
      }
      setBusy(false);
    }
  };

  const title = t(verdict === "approve" ? "jitApproveTitle" : "jitDenyTitle", {
    requester: request.requester.username,
    role: roleName(request.role, request.client, request.group),
  });
  return (
    <Modal
      variant={ModalVariant.small}
      title={title}
      isOpen
      onClose={onClose}
      data-testid="jit-decision-modal"
      actions={[
        <Button
          key="confirm"
          variant={verdict === "approve" ? "primary" : "danger"}
          data-testid="jit-confirm-decision"
          isLoading={busy}
          isDisabled={busy}
          onClick={() => void submit()}
        >
          {t(verdict === "approve" ? "jitApprove" : "jitDeny")}
        </Button>,
        <Button key="cancel" variant="link" onClick={onClose}>
          {t("cancel")}
        </Button>,
      ]}
    >
      {draft.resumed && (
        <Alert isInline variant="info" title={t("jitStepUpDone")} data-testid="jit-step-up-done" className="pf-v5-u-mb-md" />
      )}
      <p className="pf-v5-u-mb-md">
        {t("jitDecisionSummary", {
          requester: request.requester.username,
          role: roleName(request.role, request.client, request.group),
          duration: seconds === undefined ? request.duration : humanDuration(seconds, i18n.language),
        })}
      </p>
      {request.stepUp && !draft.resumed && (
        <Alert isInline variant="info" title={t("jitStepUpNeeded")} data-testid="jit-step-up-needed" className="pf-v5-u-mb-md" />
      )}
      <Form onSubmit={(event) => event.preventDefault()}>
        <FormGroup label={t("jitComment")} fieldId="jit-comment" isRequired={verdict === "deny"}>
          <TextArea
            id="jit-comment"
            data-testid="jit-comment"
            value={comment}
            onChange={(_event, value) => setComment(value)}
            placeholder={t(verdict === "approve" ? "jitCommentApproveHint" : "jitCommentDenyHint")}
            resizeOrientation="vertical"
            maxLength={2000}
          />
        </FormGroup>
        {problem && <ProblemAlert error={problem} />}
      </Form>
    </Modal>
  );
};
