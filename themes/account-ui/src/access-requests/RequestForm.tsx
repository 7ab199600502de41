import {
  Alert,
  Button,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Modal,
  ModalVariant,
  TextArea,
  TextInput,
} from "@patternfly/react-core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";

import { JitApi, JitApiError } from "../api/JitApi";
import type { AccessRequest, Policy, RequestDraft } from "../api/types";
import { durationChoices, humanDuration, parseIsoDuration, toIsoDuration } from "../util/durations";
import { ProblemAlert } from "./ProblemAlert";
import { useRoleName } from "./RoleName";
import { useStepUp } from "./useStepUp";

export type FormDraft = { draft?: RequestDraft; attempt: number; resumed: boolean };

type FieldName = "duration" | "justification" | "ticket";

/** Which field a refusal is about: duration_*, justification_* and ticket_* codes point at their field. */
function fieldOf(error: Error | undefined): FieldName | undefined {
  const code = error instanceof JitApiError ? error.code : "";
  return (["duration", "justification", "ticket"] as const).find((field) => code.startsWith(`${field}_`));
}

const FieldError = ({ error, id }: { error?: Error; id: string }) =>
  error ? (
    <FormHelperText>
      <HelperText>
        <HelperTextItem variant="error" id={id} data-testid={id}>
          <span className="jit-text">{error.message}</span>
        </HelperTextItem>
      </HelperText>
    </FormHelperText>
  ) : null;

const Hint = ({ text }: { text?: string }) =>
  text ? (
    <FormHelperText>
      <HelperText>
        <HelperTextItem>{text}</HelperTextItem>
      </HelperText>
    </FormHelperText>
  ) : null;

/**
 * Ask for a role under one of the policies this person is eligible for: the same request, rules and errors
 * as the API and the login step-up. A second factor that is missing or too old sends the person through
 * step-up first, and back to this form, filled in as it was.
 */
export const RequestForm = ({
  policies,
  initial,
  api,
  onClose,
  onSent,
}: {
  policies: Policy[];
  initial: FormDraft;
  api: JitApi;
  onClose: () => void;
  onSent: (request: AccessRequest) => void;
}) => {
  const { t, i18n } = useTranslation();
  const roleName = useRoleName();
  const stepUp = useStepUp();
  const [policyId, setPolicyId] = useState(
    policies.find((p) => p.id === initial.draft?.policy)?.id ?? policies[0]?.id ?? "",
  );
  const policy = policies.find((p) => p.id === policyId);
  const choices = useMemo(() => (policy ? durationChoices(policy.defaultDuration, policy.maxDuration) : []), [policy]);
  const normalised = (iso?: string) => {
    const seconds = parseIsoDuration(iso);
    return seconds === undefined ? undefined : toIsoDuration(seconds);
  };
  const [duration, setDuration] = useState(normalised(initial.draft?.duration) ?? normalised(policy?.defaultDuration) ?? "");
  const [justification, setJustification] = useState(initial.draft?.justification ?? "");
  const [ticket, setTicket] = useState(initial.draft?.ticket ?? "");
  const [problem, setProblem] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const field = fieldOf(problem);

  const choosePolicy = (id: string) => {
    setPolicyId(id);
    setProblem(undefined);
    setDuration(normalised(policies.find((p) => p.id === id)?.defaultDuration) ?? "");
  };

  const submit = async () => {
    if (!policy) return;
    const draft: RequestDraft = {
      policy: policy.id,
      duration: duration || undefined,
      justification: justification || undefined,
      ticket: ticket || undefined,
    };
    setBusy(true);
    setProblem(undefined);
    try {
      onSent(await api.ask(draft));
    } catch (error) {
      if (error instanceof JitApiError && error.code === "stale_mfa" && error.stepUp) {
        if (stepUp(error.stepUp, { kind: "request", draft }, initial.attempt + 1)) return;
        setProblem(new JitApiError(error.status, "stale_mfa_after_step_up", error.message));
      } else {
        setProblem(error instanceof Error ? error : new Error(String(error)));
      }
      setBusy(false);
    }
  };

  const durationLabel = (iso: string) => {
    const seconds = parseIsoDuration(iso);
    return seconds === undefined ? iso : humanDuration(seconds, i18n.language);
  };

  return (
    <Modal
      variant={ModalVariant.medium}
      title={t("jitRequestTitle")}
      isOpen
      onClose={onClose}
      data-testid="jit-request-modal"
      actions={[
        <Button
          key="send"
          variant="primary"
          data-testid="jit-send-request"
          isLoading={busy}
          isDisabled={busy || !policy}
          onClick={() => void submit()}
        >
          {t("jitSendRequest")}
        </Button>,
        <Button key="cancel" variant="link" onClick={onClose}>
          {t("cancel")}
        </Button>,
      ]}
    >
      {initial.resumed && (
        <Alert isInline variant="info" title={t("jitStepUpDoneRequest")} data-testid="jit-step-up-done" className="pf-v5-u-mb-md" />
      )}
      <Form id="jit-request-form" onSubmit={(event) => event.preventDefault()}>
        <FormGroup label={t("jitRoleToRequest")} fieldId="jit-policy" isRequired>
          <FormSelect id="jit-policy" data-testid="jit-policy" value={policyId} onChange={(_event, value) => choosePolicy(value)}>
            {policies.map((p) => (
              <FormSelectOption key={p.id} value={p.id} label={`${roleName(p.role, p.client, p.group)} — ${p.name}`} />
            ))}
          </FormSelect>
          {policy && (
            <FormHelperText>
              <HelperText>
                {policy.description && <HelperTextItem data-testid="jit-policy-description">{policy.description}</HelperTextItem>}
                <HelperTextItem data-testid="jit-policy-approval">
                  {policy.autoApprove
                    ? t("jitAutoApproved")
                    : t("jitNeedsApprovals", { count: policy.requiredApprovals })}
                </HelperTextItem>
                {policy.allowedHours && <HelperTextItem>{t("jitAllowedHours", { hours: policy.allowedHours })}</HelperTextItem>}
              </HelperText>
            </FormHelperText>
          )}
        </FormGroup>
        <FormGroup label={t("jitDuration")} fieldId="jit-duration" isRequired>
          <FormSelect
            id="jit-duration"
            data-testid="jit-duration"
            value={duration}
            validated={field === "duration" ? "error" : "default"}
            onChange={(_event, value) => setDuration(value)}
          >
            {choices.map((iso) => (
              <FormSelectOption key={iso} value={iso} label={durationLabel(iso)} />
            ))}
          </FormSelect>
          {policy && <Hint text={t("jitMaxDuration", { duration: durationLabel(policy.maxDuration) })} />}
          {field === "duration" && <FieldError error={problem} id="jit-duration-error" />}
        </FormGroup>
        <FormGroup label={t("jitJustification")} fieldId="jit-justification" isRequired={policy?.justificationRequired}>
          <TextArea
            id="jit-justification"
            data-testid="jit-justification"
            value={justification}
            validated={field === "justification" ? "error" : "default"}
            onChange={(_event, value) => setJustification(value)}
            resizeOrientation="vertical"
          />
          <Hint text={policy?.justificationHint} />
          {field === "justification" && <FieldError error={problem} id="jit-justification-error" />}
        </FormGroup>
        <FormGroup label={t("jitTicket")} fieldId="jit-ticket" isRequired={policy?.ticketRequired}>
          <TextInput
            id="jit-ticket"
            data-testid="jit-ticket"
            value={ticket}
            validated={field === "ticket" ? "error" : "default"}
            onChange={(_event, value) => setTicket(value)}
          />
          <Hint text={policy?.ticketHint} />
          {field === "ticket" && <FieldError error={problem} id="jit-ticket-error" />}
        </FormGroup>
        {policy?.stepUp && !initial.resumed && (
          <Alert isInline variant="info" title={t("jitStepUpNeededRequest")} data-testid="jit-step-up-needed" />
        )}
        {problem && !field && <ProblemAlert error={problem} />}
      </Form>
    </Modal>
  );
};
